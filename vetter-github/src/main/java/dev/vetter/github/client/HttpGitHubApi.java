package dev.vetter.github.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link GitHubApi} over GitHub's REST API (and GraphQL for review threads), for one installation or token. Lists
 * follow {@code Link: rel="next"} to the last page (at most {@value #MAX_PAGES} pages of 100). Rate limits, pacing and
 * retries are the {@link Transport}'s. {@link #pullRequest} retries a 404 (by default twice): right after its event a
 * pull request may not be readable yet; every other call reports a 404 at once. A POST that failed with 5xx or a
 * timeout is not repeated here (it may have happened): the caller looks for its marker, then writes again.
 * Thread-safe. Made by {@link AppConnector} and {@link TokenConnector}.
 */
public final class HttpGitHubApi implements GitHubApi {
  static final int MAX_PAGES = 100;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final Transport transport;
  private final String api;
  private final URI graphql;
  private final int notFoundRetries;
  private final Supplier<List<String>> repositories;

  HttpGitHubApi(Transport transport, URI api, int notFoundRetries, Supplier<List<String>> repositories) {
    this.transport = transport;
    this.api = stripSlash(api.toString());
    this.graphql = graphqlUri(api);
    this.notFoundRetries = notFoundRetries;
    this.repositories = repositories;
  }

  /**
   * GitHub's GraphQL endpoint for a REST base URL: {@code https://api.github.com/graphql}, and on GitHub Enterprise
   * Server ({@code https://HOST/api/v3}) {@code https://HOST/api/graphql}.
   */
  public static URI graphqlUri(URI api) {
    String base = stripSlash(api.toString());
    if (base.endsWith("/api/v3")) return URI.create(base.substring(0, base.length() - "/v3".length()) + "/graphql");
    return URI.create(base + "/graphql");
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  // ---- reading a pull request ----

  @Override
  public PullRequest pullRequest(String repo, long number) {
    String path = repoPath(repo) + "/pulls/" + number;
    JsonNode pr = transport.send(new Transport.Request("GET", uri(path), null, false, true, notFoundRetries, "GET " + path)).json();
    return pull(pr);
  }

  @Override
  public List<PullFile> pullFiles(String repo, long number) {
    List<PullFile> out = new ArrayList<>();
    pages(repoPath(repo) + "/pulls/" + number + "/files", null, f -> out.add(new PullFile(f.path("filename").asText(), text(f, "previous_filename"),
        f.path("status").asText(), text(f, "sha"), f.path("additions").asInt(), f.path("deletions").asInt(), text(f, "patch"))));
    return out;
  }

  @Override
  public List<PullCommit> pullCommits(String repo, long number) {
    List<PullCommit> out = new ArrayList<>();
    pages(repoPath(repo) + "/pulls/" + number + "/commits", null, c -> {
      List<String> parents = new ArrayList<>();
      for (JsonNode p : c.path("parents")) parents.add(p.path("sha").asText());
      JsonNode author = c.path("commit").path("author");
      JsonNode committer = c.path("commit").path("committer");
      out.add(new PullCommit(c.path("sha").asText(), c.path("commit").path("message").asText(), text(author, "name"), text(author, "email"),
          text(author, "date"), text(committer, "name"), text(committer, "email"), text(committer, "date"), List.copyOf(parents)));
    });
    return out;
  }

  /** {@code per_page=1}: only the merge base is wanted, not the commit list. */
  @Override
  public String mergeBase(String repo, String base, String head) {
    String path = repoPath(repo) + "/compare/" + segment(base) + "..." + segment(head);
    JsonNode c = transport.send(Transport.Request.get(uri(path + "?per_page=1"), "GET " + path)).json();
    String sha = c.path("merge_base_commit").path("sha").asText("");
    if (sha.isEmpty()) throw new GitHubException(0, "GET " + path + ": no merge_base_commit in GitHub's answer");
    return sha;
  }

  @Override
  public Optional<byte[]> blob(String repo, String sha) {
    String path = repoPath(repo) + "/git/blobs/" + segment(sha);
    try {
      JsonNode b = transport.send(Transport.Request.get(uri(path), "GET " + path)).json();
      return Optional.of(decode(b));
    } catch (GitHubException e) {
      if (e.status() == 404) return Optional.empty();
      throw e;
    }
  }

  @Override
  public Optional<byte[]> fileAt(String repo, String ref, String path) {
    StringBuilder encoded = new StringBuilder();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("not a repository-relative path: " + path);
      }
      if (!encoded.isEmpty()) encoded.append('/');
      encoded.append(segment(part));
    }
    String p = repoPath(repo) + "/contents/" + encoded;
    JsonNode c;
    try {
      c = transport.send(Transport.Request.get(uri(p + "?ref=" + query(ref)), "GET " + p)).json();
    } catch (GitHubException e) {
      if (e.status() == 404) return Optional.empty();
      throw e;
    }
    if (!c.isObject() || !"file".equals(c.path("type").asText())) return Optional.empty();
    // files over 1 MB come without content (encoding "none"): read them by blob
    if (!"base64".equals(c.path("encoding").asText()) && c.hasNonNull("sha")) return blob(repo, c.get("sha").asText());
    return Optional.of(decode(c));
  }

  @Override
  public List<PullRequest> openPullRequests(String repo) {
    List<PullRequest> out = new ArrayList<>();
    pages(repoPath(repo) + "/pulls", "state=open", p -> out.add(pull(p)));
    return out;
  }

  @Override
  public List<String> repositories() {
    return repositories.get();
  }

  /** Every page of {@code GET /installation/repositories}. */
  List<String> installationRepositories() {
    List<String> out = new ArrayList<>();
    pagesOf("/installation/repositories", null, "repositories", r -> out.add(r.path("full_name").asText()));
    return out;
  }

  /** Every page of {@code GET /user/repos}: what a plain token can see. */
  List<String> userRepositories() {
    List<String> out = new ArrayList<>();
    pages("/user/repos", null, r -> out.add(r.path("full_name").asText()));
    return out;
  }

  JsonNode get(String path) {
    return transport.send(Transport.Request.get(uri(path), "GET " + path)).json();
  }

  /** Every page of a list answered as a JSON array. */
  List<JsonNode> list(String path) {
    List<JsonNode> out = new ArrayList<>();
    pages(path, null, out::add);
    return out;
  }

  /** A POST that creates nothing visible (an installation token): not paced, safe to repeat. */
  JsonNode post(String path) {
    return transport.send(new Transport.Request("POST", uri(path), null, false, true, 0, "POST " + path)).json();
  }

  // ---- check runs and statuses ----

  @Override
  public List<CheckRun> checkRuns(String repo, String sha, String name) {
    List<CheckRun> out = new ArrayList<>();
    pagesOf(repoPath(repo) + "/commits/" + segment(sha) + "/check-runs", "check_name=" + query(name) + "&filter=all", "check_runs",
        c -> out.add(new CheckRun(c.path("id").asLong(), c.path("name").asText(), c.path("head_sha").asText(), c.path("status").asText(),
            text(c, "conclusion"), text(c, "external_id"), c.path("output").path("annotations_count").asInt())));
    return out;
  }

  @Override
  public long createCheckRun(String repo, CheckRunWrite run) {
    requireNonNull(run.name(), "name == null");
    requireNonNull(run.headSha(), "headSha == null");
    return write("POST", repoPath(repo) + "/check-runs", checkRunBody(run)).path("id").asLong();
  }

  @Override
  public void updateCheckRun(String repo, long id, CheckRunWrite run) {
    write("PATCH", repoPath(repo) + "/check-runs/" + id, checkRunBody(run));
  }

  private static ObjectNode checkRunBody(CheckRunWrite run) {
    if (run.annotations() != null && run.annotations().size() > 50) {
      throw new IllegalArgumentException("at most 50 annotations per request, got " + run.annotations().size());
    }
    ObjectNode b = Transport.JSON.createObjectNode();
    put(b, "name", run.name());
    put(b, "head_sha", run.headSha());
    put(b, "external_id", run.externalId());
    put(b, "status", run.status());
    put(b, "conclusion", run.conclusion());
    if (run.title() != null || run.summary() != null || run.text() != null || run.annotations() != null) {
      ObjectNode o = b.putObject("output");
      put(o, "title", run.title());
      put(o, "summary", run.summary());
      put(o, "text", run.text());
      if (run.annotations() != null) {
        ArrayNode list = o.putArray("annotations");
        for (Annotation a : run.annotations()) {
          ObjectNode n = list.addObject();
          n.put("path", a.path());
          n.put("start_line", a.startLine());
          n.put("end_line", a.endLine());
          n.put("annotation_level", a.level());
          n.put("message", a.message());
          put(n, "title", a.title());
          put(n, "raw_details", a.rawDetails());
        }
      }
    }
    return b;
  }

  @Override
  public void createStatus(String repo, String sha, StatusWrite status) {
    ObjectNode b = Transport.JSON.createObjectNode();
    b.put("state", status.state());
    put(b, "target_url", status.targetUrl());
    put(b, "description", status.description());
    put(b, "context", status.context());
    write("POST", repoPath(repo) + "/statuses/" + segment(sha), b);
  }

  // ---- review comments ----

  @Override
  public List<ReviewComment> reviewComments(String repo, long number) {
    List<ReviewComment> out = new ArrayList<>();
    pages(repoPath(repo) + "/pulls/" + number + "/comments", null, c -> out.add(new ReviewComment(c.path("id").asLong(), text(c, "node_id"),
        c.path("user").path("login").asText(null), c.path("body").asText(""), c.path("path").asText(),
        c.hasNonNull("line") ? c.get("line").asInt() : null, text(c, "side"), text(c, "commit_id"),
        c.hasNonNull("in_reply_to_id") ? c.get("in_reply_to_id").asLong() : null)));
    return out;
  }

  @Override
  public long createReview(String repo, long number, ReviewWrite review) {
    ObjectNode b = Transport.JSON.createObjectNode();
    put(b, "commit_id", review.commitId());
    put(b, "body", review.body());
    put(b, "event", review.event());
    if (review.comments() != null && !review.comments().isEmpty()) {
      ArrayNode list = b.putArray("comments");
      for (NewComment c : review.comments()) {
        ObjectNode n = list.addObject();
        n.put("path", c.path());
        n.put("body", c.body());
        n.put("line", c.line());
        put(n, "side", c.side());
        if (c.startLine() != null) n.put("start_line", c.startLine());
        put(n, "start_side", c.startSide());
      }
    }
    return write("POST", repoPath(repo) + "/pulls/" + number + "/reviews", b).path("id").asLong();
  }

  @Override
  public void updateReviewComment(String repo, long commentId, String body) {
    write("PATCH", repoPath(repo) + "/pulls/comments/" + commentId, Transport.JSON.createObjectNode().put("body", body));
  }

  static final String THREADS_QUERY = """
      query VetterReviewThreads($owner: String!, $name: String!, $number: Int!, $cursor: String) {
        repository(owner: $owner, name: $name) {
          pullRequest(number: $number) {
            reviewThreads(first: 100, after: $cursor) {
              pageInfo { hasNextPage endCursor }
              nodes {
                id
                isResolved
                isOutdated
                comments(first: 1) {
                  totalCount
                  nodes { databaseId body author { __typename login } }
                }
              }
            }
          }
        }
      }""";

  static final String RESOLVE = """
      mutation VetterResolveThread($threadId: ID!) {
        resolveReviewThread(input: {threadId: $threadId}) { thread { id isResolved } }
      }""";

  static final String UNRESOLVE = """
      mutation VetterUnresolveThread($threadId: ID!) {
        unresolveReviewThread(input: {threadId: $threadId}) { thread { id isResolved } }
      }""";

  /**
   * Review threads, every page. A bot author's login gets GitHub's REST spelling ({@code name[bot]}) so it compares
   * with {@link dev.vetter.github.GitHubConnector#botLogin()}; GraphQL alone leaves the suffix off.
   */
  @Override
  public List<ReviewThread> reviewThreads(String repo, long number) {
    String[] ownerName = split(repo);
    List<ReviewThread> out = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode vars = Transport.JSON.createObjectNode().put("owner", ownerName[0]).put("name", ownerName[1]).put("number", number);
      if (cursor == null) vars.putNull("cursor");
      else vars.put("cursor", cursor);
      JsonNode data = graphql(THREADS_QUERY, vars, false, "GraphQL reviewThreads of " + repo + "#" + number);
      JsonNode pr = data.path("repository").path("pullRequest");
      if (pr.isMissingNode() || pr.isNull()) throw new GitHubException(404, "GraphQL reviewThreads: pull request " + repo + "#" + number + " not found");
      JsonNode threads = pr.path("reviewThreads");
      for (JsonNode t : threads.path("nodes")) {
        JsonNode first = t.path("comments").path("nodes").path(0);
        JsonNode author = first.path("author");
        String login = author.path("login").asText(null);
        if (login != null && "Bot".equals(author.path("__typename").asText()) && !login.endsWith("[bot]")) login += "[bot]";
        out.add(new ReviewThread(t.path("id").asText(), t.path("isResolved").asBoolean(), t.path("isOutdated").asBoolean(),
            first.path("databaseId").asLong(), login, first.path("body").asText(null), t.path("comments").path("totalCount").asInt()));
      }
      JsonNode info = threads.path("pageInfo");
      if (!info.path("hasNextPage").asBoolean()) return out;
      cursor = info.path("endCursor").asText();
    }
    return out;
  }

  @Override
  public void resolveThread(String threadId) {
    graphql(RESOLVE, Transport.JSON.createObjectNode().put("threadId", threadId), true, "GraphQL resolveReviewThread");
  }

  @Override
  public void unresolveThread(String threadId) {
    graphql(UNRESOLVE, Transport.JSON.createObjectNode().put("threadId", threadId), true, "GraphQL unresolveReviewThread");
  }

  /** Runs a GraphQL document; GitHub answers errors with 200 and an {@code errors} list, mapped here to statuses. */
  private JsonNode graphql(String document, ObjectNode variables, boolean mutation, String what) {
    ObjectNode body = Transport.JSON.createObjectNode().put("query", document);
    body.set("variables", variables);
    // a mutation is paced like any write, and idempotent (resolving twice leaves the thread resolved)
    JsonNode resp = transport.send(new Transport.Request("POST", graphql, body, mutation, true, 0, what)).json();
    JsonNode errors = resp.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      JsonNode e = errors.get(0);
      String type = e.path("type").asText("");
      int status = switch (type) {
        case "NOT_FOUND" -> 404;
        case "FORBIDDEN" -> 403;
        case "RATE_LIMITED" -> 429;
        default -> 422;
      };
      throw new GitHubException(status, dev.vetter.server.Redaction.redact("GitHub GraphQL error in " + what + ": " + e.path("message").asText(type)),
          status == 429 ? transport.secondaryPause() : null, false, null);
    }
    return resp.path("data");
  }

  // ---- the summary comment ----

  @Override
  public List<IssueComment> issueComments(String repo, long number) {
    List<IssueComment> out = new ArrayList<>();
    pages(repoPath(repo) + "/issues/" + number + "/comments", null,
        c -> out.add(new IssueComment(c.path("id").asLong(), c.path("user").path("login").asText(null), c.path("body").asText(""))));
    return out;
  }

  @Override
  public long createIssueComment(String repo, long number, String body) {
    return write("POST", repoPath(repo) + "/issues/" + number + "/comments", Transport.JSON.createObjectNode().put("body", body)).path("id").asLong();
  }

  @Override
  public void updateIssueComment(String repo, long commentId, String body) {
    write("PATCH", repoPath(repo) + "/issues/comments/" + commentId, Transport.JSON.createObjectNode().put("body", body));
  }

  // ---- ChatOps ----

  @Override
  public String permission(String repo, String username) {
    String path = repoPath(repo) + "/collaborators/" + segment(username) + "/permission";
    JsonNode p;
    try {
      p = get(path);
    } catch (GitHubException e) {
      if (e.status() == 404) return "none";
      throw e;
    }
    String role = p.path("role_name").asText("");
    return role.isEmpty() ? p.path("permission").asText("none") : role;
  }

  @Override
  public long replyToReviewComment(String repo, long number, long commentId, String body) {
    return write("POST", repoPath(repo) + "/pulls/" + number + "/comments/" + commentId + "/replies",
        Transport.JSON.createObjectNode().put("body", body)).path("id").asLong();
  }

  // ---- plumbing ----

  private JsonNode write(String method, String path, JsonNode body) {
    // PATCH replaces fields with the same values when repeated; a POST creates something each time
    boolean idempotent = !method.equals("POST");
    return transport.send(new Transport.Request(method, uri(path), body, true, idempotent, 0, method + " " + path)).json();
  }

  private void pages(String path, String query, Consumer<JsonNode> each) {
    pagesOf(path, query, null, each);
  }

  /** Every page of a list; {@code field} names the array inside an object answer (null: the answer is the array). */
  private void pagesOf(String path, String query, String field, Consumer<JsonNode> each) {
    URI next = uri(path + "?" + (query == null ? "" : query + "&") + "per_page=100");
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) throw new GitHubException(0, "GET " + path + ": more than " + MAX_PAGES + " pages");
      Transport.Response r = transport.send(Transport.Request.get(next, "GET " + path + (page == 0 ? "" : " (page " + (page + 1) + ")")));
      JsonNode body = r.json();
      JsonNode list = field == null ? body : body.path(field);
      if (!list.isArray()) throw new GitHubException(r.status(), "GET " + path + ": expected a list from GitHub");
      list.forEach(each);
      next = r.header("link").map(this::nextLink).orElse(null);
    }
  }

  private URI nextLink(String link) {
    Matcher m = NEXT.matcher(link);
    if (!m.find()) return null;
    String url = m.group(1);
    // the token goes with the request: never follow a link off the API's own host
    URI u = URI.create(url);
    URI base = URI.create(api);
    if (!(base.getScheme().equalsIgnoreCase(u.getScheme()) && base.getHost().equalsIgnoreCase(u.getHost()) && base.getPort() == u.getPort())) {
      throw new GitHubException(0, "pagination link leads off " + base.getHost() + ": " + u.getHost());
    }
    return u;
  }

  private URI uri(String pathAndQuery) {
    return URI.create(api + pathAndQuery);
  }

  private static String repoPath(String repo) {
    String[] p = split(repo);
    return "/repos/" + segment(p[0]) + "/" + segment(p[1]);
  }

  private static String[] split(String repo) {
    int slash = repo == null ? -1 : repo.indexOf('/');
    if (slash <= 0 || slash == repo.length() - 1 || repo.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("repository must be owner/name, got '" + repo + "'");
    }
    return new String[] {repo.substring(0, slash), repo.substring(slash + 1)};
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] decode(JsonNode b) {
    String enc = b.path("encoding").asText("base64");
    String content = b.path("content").asText("");
    if (enc.equals("utf-8")) return content.getBytes(StandardCharsets.UTF_8);
    return Base64.getMimeDecoder().decode(content);
  }

  private static PullRequest pull(JsonNode p) {
    JsonNode headRepo = p.path("head").path("repo");
    return new PullRequest(p.path("number").asLong(), p.path("state").asText(), p.path("draft").asBoolean(),
        p.path("merged").asBoolean() || p.hasNonNull("merged_at"), p.path("title").asText(""), text(p, "body"),
        p.path("user").path("login").asText(null), p.path("base").path("ref").asText(), p.path("base").path("sha").asText(),
        p.path("head").path("ref").asText(), p.path("head").path("sha").asText(), headRepo.isObject() ? text(headRepo, "full_name") : null,
        instant(text(p, "updated_at")));
  }

  /** A time GitHub wrote, or null when absent or unreadable (it only orders events, never fails a read). */
  private static java.time.Instant instant(String iso) {
    try {
      return iso == null ? null : java.time.Instant.parse(iso);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) n.put(field, value);
  }
}
