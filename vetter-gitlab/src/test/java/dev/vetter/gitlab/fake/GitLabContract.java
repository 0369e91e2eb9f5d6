package dev.vetter.gitlab.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's REST v4 contract for the endpoints Vetter calls, transcribed from GitLab's published API documentation
 * (docs.gitlab.com/api: merge_requests.md "Get single MR", "List MR diffs", "Get single MR commits", "List group
 * merge requests"; repository_files.md "Get raw file from repository"; repositories.md "Raw blob content";
 * commits.md "List the statuses of a commit", "Set the pipeline status of a commit"; discussions.md "List project
 * merge request discussion items", "Create a new thread in the merge request diff", "Resolve a merge request
 * thread", "Modify an existing merge request thread note"; notes.md "List all merge request notes", "Create new
 * merge request note", "Modify existing merge request note"; groups.md "List groups"; members.md "List all members of a group or project including inherited and invited
 * members"; users.md "Get the current
 * user"). GitLab publishes no machine-readable description of these endpoints that the build can fetch (its
 * {@code openapi_v2.yaml} lives only in GitLab's source tree and no registry package carries it), so the table is
 * kept by hand: every parameter GitLab documents for the endpoint, which are required, their types and enums.
 *
 * <p>{@link #check} answers like GitLab's Grape validation ({@code 400 {"error": "state is missing"}}); in addition
 * any parameter GitLab does not document is a violation (GitLab would ignore it silently, which hides bugs).
 */
public final class GitLabContract {
  enum Type { STRING, INTEGER, BOOLEAN, OBJECT }

  record Param(String name, Type type, boolean required, Set<String> values) {}

  record Endpoint(String method, String template, Pattern pattern, List<Param> params) {}

  private static final List<Endpoint> ENDPOINTS = new ArrayList<>();

  static {
    String mr = "/projects/:id/merge_requests/:merge_request_iid";
    add("GET", mr, "render_html:boolean", "include_diverged_commits_count:boolean", "include_rebase_in_progress:boolean");
    add("GET", mr + "/diffs", "page:integer", "per_page:integer", "unidiff:boolean");
    add("GET", mr + "/commits", "page:integer", "per_page:integer");
    add("GET", "/projects/:id/repository/files/:file_path/raw", "ref:string", "lfs:boolean");
    add("GET", "/projects/:id/repository/blobs/:sha/raw");
    add("GET", "/groups/:id/merge_requests", "page:integer", "per_page:integer",
        "state:string=opened|closed|locked|merged|all", "scope:string=created_by_me|assigned_to_me|all",
        "order_by:string=created_at|updated_at|title", "sort:string=asc|desc", "milestone:string", "labels:string", "with_labels_details:boolean",
        "with_merge_status_recheck:boolean", "created_after:string", "created_before:string", "updated_after:string", "updated_before:string",
        "view:string=simple", "author_id:integer", "author_username:string", "assignee_id:integer", "reviewer_id:integer",
        "reviewer_username:string", "my_reaction_emoji:string", "source_branch:string", "target_branch:string", "search:string",
        "non_archived:boolean", "draft:boolean", "wip:string=yes|no", "approved_by_ids:string", "approver_ids:string");
    add("GET", "/groups", "page:integer", "per_page:integer", "skip_groups:string", "all_available:boolean", "search:string",
        "order_by:string=name|path|id|similarity", "sort:string=asc|desc", "owned:boolean", "min_access_level:integer=10|15|20|30|40|50",
        "top_level_only:boolean", "statistics:boolean", "with_custom_attributes:boolean", "repository_storage:string", "marked_for_deletion_on:string",
        "active:boolean");
    add("GET", "/user");
    add("GET", "/projects/:id/repository/commits/:sha/statuses", "page:integer", "per_page:integer", "ref:string", "stage:string",
        "name:string", "pipeline_id:integer", "order_by:string=id|pipeline_id", "sort:string=asc|desc", "all:boolean");
    add("POST", "/projects/:id/statuses/:sha", "state!:string=pending|running|success|failed|canceled|skipped", "ref:string",
        "name:string", "context:string", "target_url:string", "description:string", "coverage:string", "pipeline_id:integer");
    add("GET", mr + "/discussions", "page:integer", "per_page:integer");
    add("POST", mr + "/discussions", "body!:string", "commit_id:string", "created_at:string", "position:object",
        "position.base_sha!:string", "position.start_sha!:string", "position.head_sha!:string", "position.position_type!:string=text|image|file",
        "position.new_path:string", "position.old_path:string", "position.new_line:integer", "position.old_line:integer",
        "position.line_range:object", "position.width:integer", "position.height:integer", "position.x:integer", "position.y:integer");
    add("PUT", mr + "/discussions/:discussion_id", "resolved!:boolean");
    add("PUT", mr + "/discussions/:discussion_id/notes/:note_id", "body:string", "resolved:boolean");
    add("GET", mr + "/notes", "page:integer", "per_page:integer", "sort:string=asc|desc", "order_by:string=created_at|updated_at",
        "activity_filter:string=all_notes|only_comments|only_activity");
    add("POST", mr + "/notes", "body!:string", "created_at:string", "internal:boolean", "merge_request_diff_head_sha:string");
    add("PUT", mr + "/notes/:note_id", "body!:string", "confidential:boolean");
    // members.md "List all members of a group or project including inherited and invited members"
    add("GET", "/projects/:id/members/all", "query:string", "user_ids:string", "show_seat_info:boolean", "state:string=awaiting|active",
        "page:integer", "per_page:integer");
  }

  private GitLabContract() {}

  /** {@code "name!:type=a|b"}: ! marks required, = lists the allowed values. */
  private static void add(String method, String template, String... params) {
    List<Param> ps = new ArrayList<>();
    for (String p : params) {
      String[] nameType = p.split(":", 2);
      String name = nameType[0];
      boolean required = name.endsWith("!");
      if (required) name = name.substring(0, name.length() - 1);
      String[] typeValues = nameType[1].split("=", 2);
      Set<String> values = typeValues.length > 1 ? Set.of(typeValues[1].split("\\|")) : Set.of();
      ps.add(new Param(name, Type.valueOf(typeValues[0].toUpperCase(java.util.Locale.ROOT)), required, values));
    }
    // path parameters: one encoded segment each (":id" is a number or a URL-encoded path with %2F)
    Pattern pattern = Pattern.compile(template.replaceAll(":[a-z_]+", "([^/]+)"));
    ENDPOINTS.add(new Endpoint(method, template, pattern, List.copyOf(ps)));
  }

  /** The documented endpoint {@code method rawPath} matches, with its path parameters decoded, or empty. */
  static Optional<Map.Entry<Endpoint, List<String>>> match(String method, String rawPath) {
    for (Endpoint e : ENDPOINTS) {
      if (!e.method().equals(method)) continue;
      Matcher m = e.pattern().matcher(rawPath);
      if (m.matches()) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) groups.add(java.net.URLDecoder.decode(m.group(i).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        return Optional.of(Map.entry(e, groups));
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the query and JSON body of a request against {@code endpoint}; returns GitLab's error text for the first
   * problem, or empty when the request is valid.
   */
  static Optional<String> check(Endpoint endpoint, Map<String, String> query, JsonNode body) {
    Map<String, JsonNode> given = new LinkedHashMap<>();
    query.forEach((k, v) -> given.put(k, com.fasterxml.jackson.databind.node.TextNode.valueOf(v)));
    if (body != null && body.isObject()) flatten("", body, given);
    else if (body != null) return Optional.of("the body is not a JSON object");
    for (String name : given.keySet()) {
      boolean known = endpoint.params().stream().anyMatch(p -> p.name().equals(name)) || name.startsWith("position.line_range.");
      if (!known) return Optional.of(name + " is not a documented parameter of " + endpoint.method() + " " + endpoint.template());
    }
    for (Param p : endpoint.params()) {
      boolean parentGiven = !p.name().contains(".") || given.containsKey(p.name().substring(0, p.name().indexOf('.')));
      JsonNode v = given.get(p.name());
      if (v == null || v.isNull()) {
        if (p.required() && parentGiven) return Optional.of(p.name().replace("position.", "position[").replaceAll("\\[(\\w+)$", "[$1]") + " is missing");
        continue;
      }
      String text = v.isValueNode() ? v.asText() : null;
      boolean typeOk = switch (p.type()) {
        case STRING -> v.isTextual() || (v.isValueNode() && !v.isBoolean());
        case INTEGER -> v.isIntegralNumber() || (v.isTextual() && text.matches("-?\\d+"));
        case BOOLEAN -> v.isBoolean() || (v.isTextual() && (text.equals("true") || text.equals("false")));
        case OBJECT -> v.isObject();
      };
      if (!typeOk) return Optional.of(p.name() + " is invalid");
      if (!p.values().isEmpty() && !p.values().contains(text)) return Optional.of(p.name() + " does not have a valid value");
    }
    return Optional.empty();
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    node.properties().forEach(e -> {
      out.put(prefix + e.getKey(), e.getValue());
      if (e.getValue().isObject() && prefix.isEmpty()) flatten(e.getKey() + ".", e.getValue(), out);
    });
  }
}
