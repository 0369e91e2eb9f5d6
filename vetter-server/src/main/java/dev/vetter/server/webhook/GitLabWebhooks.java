package dev.vetter.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.forge.chatops.CommandParser;
import dev.vetter.server.chatops.CommandRequest;
import dev.vetter.server.webhook.Json.BadPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GitLab deliveries: the shared token, then what a merge request hook asks for. Thread-safe.
 *
 * <p>Merge request hooks with {@code object_attributes.action} open, update or reopen start a review of
 * {@code last_commit.id}; an update that only edits the title or labels names the same head and merges into the
 * existing job. Every other hook is ignored.
 *
 * <p>What merge request hooks (open, update, reopen, close, merge, approved, approval) and note hooks on merge requests
 * tell of the merge request's life is read into its {@link ParsedDelivery#timeline() timeline}, whether or not the
 * hook starts a review.
 */
public final class GitLabWebhooks {
  private static final Set<String> ACTIONS = Set.of("open", "update", "reopen");
  /** Everything the rules below read; the rest of a payload is checked but not kept. */
  private static final Json.Paths READ = Json.Paths.of(
      "/object_kind", "/project/path_with_namespace", "/changes/target_branch",
      "/object_attributes/action", "/object_attributes/iid", "/object_attributes/last_commit/id",
      "/object_attributes/draft", "/object_attributes/work_in_progress", "/object_attributes/updated_at", "/object_attributes/oldrev",
      // the timeline
      "/user/id", "/user/username", "/object_attributes/author_id", "/object_attributes/created_at", "/object_attributes/noteable_type",
      "/object_attributes/system", "/changes/draft", "/changes/work_in_progress", "/merge_request/iid", "/merge_request/author_id",
      "/merge_request/last_commit/id",
      // notes that may carry a /vetter command
      "/object_attributes/id", "/object_attributes/note", "/object_attributes/discussion_id", "/object_attributes/type");

  private final byte[] tokenDigest;
  private final boolean reviewDrafts;

  public GitLabWebhooks(String token, boolean reviewDrafts) {
    if (token == null || token.isEmpty()) throw new IllegalArgumentException("the GitLab webhook token is empty");
    this.tokenDigest = sha256(token);
    this.reviewDrafts = reviewDrafts;
  }

  /**
   * Whether {@code header} ({@code X-Gitlab-Token}) is the configured token. Both sides are hashed first so the
   * comparison takes the same time whatever the length or content of a wrong guess.
   */
  public boolean verify(String header) {
    return header != null && MessageDigest.isEqual(tokenDigest, sha256(header));
  }

  /** What a delivery of hook {@code event} ({@code X-Gitlab-Event}) with this (already verified) body asks for. */
  public ParsedDelivery parse(String event, byte[] body) {
    JsonNode root;
    try {
      root = Json.object(body, READ);
    } catch (BadPayload e) {
      return ParsedDelivery.malformed(event, null, null, e.getMessage());
    }
    ParsedDelivery parsed = "note".equals(Json.text(root, "/object_kind").orElse(null)) ? note(event, root) : review(event, root);
    return parsed.kind() == ParsedDelivery.Kind.MALFORMED ? parsed : parsed.withTimeline(timeline(root));
  }

  private ParsedDelivery review(String event, JsonNode root) {
    String kind = Json.text(root, "/object_kind").orElse(null);
    String action = Json.text(root, "/object_attributes/action").orElse(null);
    String repository = Json.text(root, "/project/path_with_namespace").orElse(null);
    if (!"Merge Request Hook".equals(event) || !"merge_request".equals(kind)) {
      return ParsedDelivery.ignored(event, action, repository, event + " starts no review");
    }
    if (!ACTIONS.contains(action)) return ParsedDelivery.ignored(event, action, repository, "merge request " + action + " starts no review");
    try {
      String repo = Json.requireRepository(root, "/project/path_with_namespace");
      long iid = Json.requirePositive(root, "/object_attributes/iid");
      String head = Json.requireSha(root, "/object_attributes/last_commit/id");
      boolean draft = Json.flag(root, "/object_attributes/draft") || Json.flag(root, "/object_attributes/work_in_progress");
      if (draft && !reviewDrafts) return ParsedDelivery.ignored(event, action, repo, "draft merge request (drafts: skip)");
      // A new target branch changes what the review compares against, so the same head is reviewed again.
      boolean targetChanged = root.at("/changes/target_branch").isObject();
      String group = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
      // what orders this hook among the merge request's others, whatever order they arrive in (oldrev: a push's old head)
      Instant updatedAt = Json.time(root, "/object_attributes/updated_at").orElse(null);
      String oldrev = Json.sha(root, "/object_attributes/oldrev").orElse(null);
      return ParsedDelivery.review(event, action, List.of(new ReviewRequest(Forge.GITLAB, group, repo, iid, head, "merge_request." + action, draft,
          targetChanged, updatedAt, oldrev)));
    } catch (BadPayload e) {
      return ParsedDelivery.malformed(event, action, repository, e.getMessage());
    }
  }

  /**
   * A new note by a person on a merge request that holds a {@code /vetter} command line (docs/chatops.md); an edited
   * note ({@code action: update}) and system notes never carry one.
   */
  private ParsedDelivery note(String event, JsonNode root) {
    String action = Json.text(root, "/object_attributes/action").orElse(null);
    String repository = Json.text(root, "/project/path_with_namespace").orElse(null);
    if (!"MergeRequest".equals(Json.text(root, "/object_attributes/noteable_type").orElse(null)) || Json.flag(root, "/object_attributes/system")) {
      return ParsedDelivery.ignored(event, action, repository, "a note that is not a person's comment on a merge request");
    }
    if (action != null && !"create".equals(action)) return ParsedDelivery.ignored(event, action, repository, "note " + action + ": only a new note carries a command");
    String body = Json.text(root, "/object_attributes/note").orElse("");
    if (CommandParser.parse(body).isEmpty()) return ParsedDelivery.ignored(event, action, repository, "no /vetter command in the note");
    String actor = Json.text(root, "/user/username").orElse(null);
    if (actor == null || TimelineEvent.isBot(Forge.GITLAB, actor, null)) return ParsedDelivery.ignored(event, action, repository, "a note by a bot carries no command");
    try {
      String repo = Json.requireRepository(root, "/project/path_with_namespace");
      long iid = Json.requirePositive(root, "/merge_request/iid");
      String noteId = Json.id(root, "/object_attributes/id").orElseThrow(() -> new BadPayload("no /object_attributes/id"));
      // a note in a thread answers its discussion; a plain comment's discussion is its own
      String discussion = "DiscussionNote".equals(Json.text(root, "/object_attributes/type").orElse(null))
          || "DiffNote".equals(Json.text(root, "/object_attributes/type").orElse(null))
          ? Json.text(root, "/object_attributes/discussion_id").orElse(null) : null;
      String group = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : repo;
      return ParsedDelivery.command(event, action, new CommandRequest(Forge.GITLAB, group, repo, iid, noteId, actor, body, discussion,
          Json.sha(root, "/merge_request/last_commit/id").orElse(null)));
    } catch (BadPayload e) {
      return ParsedDelivery.malformed(event, action, repository, e.getMessage());
    }
  }

  /**
   * What the hook tells of the merge request's life; empty for other hooks and actions, and when the payload lacks
   * what identifies the merge request. System notes (GitLab's own "added 1 commit") are not comments.
   */
  static List<TimelineEvent> timeline(JsonNode root) {
    String kind = Json.text(root, "/object_kind").orElse("");
    String repo;
    long iid;
    try {
      repo = Json.requireRepository(root, "/project/path_with_namespace");
      iid = Json.requirePositive(root, "note".equals(kind) ? "/merge_request/iid" : "/object_attributes/iid");
    } catch (BadPayload e) {
      return List.of();
    }
    String actor = Json.text(root, "/user/username").orElse(null);
    String actorId = Json.id(root, "/user/id").orElse(null);
    boolean bot = TimelineEvent.isBot(Forge.GITLAB, actor, null);
    Instant updated = Json.time(root, "/object_attributes/updated_at").orElse(null);
    if ("note".equals(kind)) {
      if (!"MergeRequest".equals(Json.text(root, "/object_attributes/noteable_type").orElse(null)) || Json.flag(root, "/object_attributes/system")) {
        return List.of();
      }
      boolean byAuthor = actorId != null && actorId.equals(Json.id(root, "/merge_request/author_id").orElse(null));
      return List.of(new TimelineEvent(Forge.GITLAB, repo, iid, TimelineEvent.Kind.COMMENTED,
          Json.time(root, "/object_attributes/created_at").orElse(updated), actor, bot, byAuthor,
          Json.sha(root, "/merge_request/last_commit/id").orElse(null)));
    }
    if (!"merge_request".equals(kind)) return List.of();
    boolean byAuthor = actorId != null && actorId.equals(Json.id(root, "/object_attributes/author_id").orElse(null));
    String head = Json.sha(root, "/object_attributes/last_commit/id").orElse(null);
    String action = Json.text(root, "/object_attributes/action").orElse("");
    List<TimelineEvent.Kind> kinds = new ArrayList<>();
    Instant at = updated;
    switch (action) {
      case "open" -> {
        boolean draft = Json.flag(root, "/object_attributes/draft") || Json.flag(root, "/object_attributes/work_in_progress");
        kinds.add(draft ? TimelineEvent.Kind.OPENED_DRAFT : TimelineEvent.Kind.OPENED);
        at = Json.time(root, "/object_attributes/created_at").orElse(updated);
      }
      case "update" -> {
        if (Json.sha(root, "/object_attributes/oldrev").isPresent()) kinds.add(TimelineEvent.Kind.SYNCHRONIZE);
        JsonNode draft = root.at("/changes/draft").isObject() ? root.at("/changes/draft") : root.at("/changes/work_in_progress");
        if (draft.isObject() && draft.path("previous").asBoolean(false) != draft.path("current").asBoolean(false)) {
          kinds.add(draft.path("current").asBoolean(false) ? TimelineEvent.Kind.DRAFT : TimelineEvent.Kind.READY);
        }
      }
      case "reopen" -> kinds.add(TimelineEvent.Kind.REOPENED);
      case "close" -> kinds.add(TimelineEvent.Kind.CLOSED);
      case "merge" -> kinds.add(TimelineEvent.Kind.MERGED);
      // "approval": one approval given; "approved": the merge request is now fully approved. Either is an approval by the actor.
      case "approval", "approved" -> kinds.add(TimelineEvent.Kind.APPROVED);
      default -> {
        return List.of();
      }
    }
    List<TimelineEvent> events = new ArrayList<>();
    for (TimelineEvent.Kind k : kinds) events.add(new TimelineEvent(Forge.GITLAB, repo, iid, k, at, actor, bot, byAuthor, head));
    return events;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
