package dev.vetter.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.forge.chatops.CommandParser;
import dev.vetter.server.chatops.CommandRequest;
import dev.vetter.server.webhook.Json.BadPayload;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub deliveries: signature check over the raw body, then what the event asks for. Thread-safe.
 *
 * <p>Events that start a review: {@code pull_request} opened, synchronize, reopened, ready_for_review, and edited
 * when the base branch changed; {@code check_run} and {@code check_suite} rerequested (for each pull request of the
 * re-run head). Comments that carry a {@code /vetter} command ({@code issue_comment} on a pull request and
 * {@code pull_request_review_comment}, action created, by a person) become command jobs, one per comment id; an
 * edited comment never does, so nobody can slip a command into an old comment. Everything else is ignored.
 *
 * <p>What {@code pull_request} (opened, ready_for_review, converted_to_draft, synchronize, reopened, closed) and
 * {@code pull_request_review} (submitted) events tell of the pull request's life is read into its
 * {@link ParsedDelivery#timeline() timeline}, whether or not the event starts a review.
 */
public final class GitHubWebhooks {
  private static final Set<String> PR_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");
  private static final String PREFIX = "sha256=";
  /** Everything the rules below read; the rest of a payload is checked but not kept. */
  private static final Json.Paths READ = Json.Paths.of(
      "/action", "/installation/id", "/repository/full_name", "/changes/base", "/before",
      "/pull_request/number", "/pull_request/state", "/pull_request/draft", "/pull_request/head/sha", "/pull_request/updated_at",
      "/check_run/head_sha", "/check_run/pull_requests/*/number", "/check_run/pull_requests/*/head/sha",
      "/check_suite/head_sha", "/check_suite/pull_requests/*/number", "/check_suite/pull_requests/*/head/sha",
      // the timeline
      "/pull_request/created_at", "/pull_request/closed_at", "/pull_request/merged_at", "/pull_request/merged", "/pull_request/user/login",
      "/sender/login", "/sender/type", "/review/state", "/review/submitted_at", "/review/user/login", "/review/user/type", "/review/commit_id",
      // comments that may carry a /vetter command
      "/comment/id", "/comment/body", "/comment/user/login", "/comment/user/type", "/comment/in_reply_to_id", "/issue/number", "/issue/pull_request");

  private final Mac prototype;
  private final boolean reviewDrafts;

  /** @param secret the webhook secret, as configured on GitHub; @param reviewDrafts the draft policy */
  public GitHubWebhooks(String secret, boolean reviewDrafts) {
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("the GitHub webhook secret is empty");
    try {
      prototype = Mac.getInstance("HmacSHA256");
      prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    this.reviewDrafts = reviewDrafts;
  }

  /**
   * Whether {@code signatureHeader} ({@code X-Hub-Signature-256}) is the HMAC-SHA256 of exactly these bytes. The
   * comparison takes the same time wherever the digests differ.
   */
  public boolean verify(byte[] body, String signatureHeader) {
    if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) return false;
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signatureHeader.strip().substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(body), given);
  }

  /**
   * Whether {@code signatureHeader} has the form of a signature GitHub sends ({@code sha256=} and 64 hex digits):
   * checked before the body is read, so that a request that cannot be authentic never makes the server read one.
   */
  public static boolean wellFormed(String signatureHeader) {
    if (signatureHeader == null) return false;
    String s = signatureHeader.strip();
    if (s.length() != PREFIX.length() + 64 || !s.startsWith(PREFIX)) return false;
    for (int i = PREFIX.length(); i < s.length(); i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
    return true;
  }

  /** The signature GitHub would send for {@code body} (raw HMAC bytes). */
  byte[] sign(byte[] body) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
    return mac.doFinal(body);
  }

  /** The header value GitHub would send for {@code body}; for tests and the benchmark. */
  public String signatureHeader(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(sign(body));
  }

  /** What a delivery of {@code event} with this (already verified) body asks for. */
  public ParsedDelivery parse(String event, byte[] body) {
    JsonNode root;
    try {
      root = Json.object(body, READ);
    } catch (BadPayload e) {
      return ParsedDelivery.malformed(event, null, null, e.getMessage());
    }
    String action = Json.text(root, "/action").orElse(null);
    String repository = Json.text(root, "/repository/full_name").orElse(null);
    ParsedDelivery parsed;
    try {
      parsed = switch (event) {
        case "pull_request" -> pullRequest(root, action, repository);
        case "check_run", "check_suite" -> rerequested(root, event, action, repository);
        case "issue_comment", "pull_request_review_comment" -> comment(root, event, action, repository);
        default -> ParsedDelivery.ignored(event, action, repository, "event " + event + " starts no review");
      };
    } catch (BadPayload e) {
      return ParsedDelivery.malformed(event, action, repository, e.getMessage());
    }
    return parsed.withTimeline(timeline(event, action, root));
  }

  /**
   * What the event tells of the pull request's life; empty for other events and actions, and when the payload lacks
   * what identifies the pull request (an event that starts no review never becomes malformed for the timeline's sake).
   */
  static List<TimelineEvent> timeline(String event, String action, JsonNode root) {
    String repo;
    long number;
    try {
      repo = Json.requireRepository(root, "/repository/full_name");
      number = Json.requirePositive(root, "/pull_request/number");
    } catch (BadPayload e) {
      return List.of();
    }
    String author = Json.text(root, "/pull_request/user/login").orElse(null);
    String head = Json.sha(root, "/pull_request/head/sha").orElse(null);
    Instant updated = Json.time(root, "/pull_request/updated_at").orElse(null);
    TimelineEvent.Kind kind;
    Instant at = updated;
    String actor = Json.text(root, "/sender/login").orElse(null);
    String actorType = Json.text(root, "/sender/type").orElse(null);
    if ("pull_request_review".equals(event)) {
      if (!"submitted".equals(action)) return List.of();
      kind = switch (Json.text(root, "/review/state").orElse("").toLowerCase(java.util.Locale.ROOT)) {
        case "approved" -> TimelineEvent.Kind.APPROVED;
        case "changes_requested" -> TimelineEvent.Kind.CHANGES_REQUESTED;
        case "commented" -> TimelineEvent.Kind.COMMENTED;
        default -> null;
      };
      if (kind == null) return List.of();
      at = Json.time(root, "/review/submitted_at").orElse(null);
      actor = Json.text(root, "/review/user/login").orElse(actor);
      actorType = Json.text(root, "/review/user/type").orElse(actorType);
      head = Json.sha(root, "/review/commit_id").orElse(head);
    } else if ("pull_request".equals(event) && action != null) {
      boolean draft = Json.flag(root, "/pull_request/draft");
      switch (action) {
        case "opened" -> {
          kind = draft ? TimelineEvent.Kind.OPENED_DRAFT : TimelineEvent.Kind.OPENED;
          at = Json.time(root, "/pull_request/created_at").orElse(updated);
        }
        case "ready_for_review" -> kind = TimelineEvent.Kind.READY;
        case "converted_to_draft" -> kind = TimelineEvent.Kind.DRAFT;
        case "synchronize" -> kind = TimelineEvent.Kind.SYNCHRONIZE;
        case "reopened" -> kind = TimelineEvent.Kind.REOPENED;
        case "closed" -> {
          boolean merged = Json.flag(root, "/pull_request/merged");
          kind = merged ? TimelineEvent.Kind.MERGED : TimelineEvent.Kind.CLOSED;
          at = Json.time(root, merged ? "/pull_request/merged_at" : "/pull_request/closed_at").orElse(updated);
        }
        default -> {
          return List.of();
        }
      }
    } else {
      return List.of();
    }
    return List.of(new TimelineEvent(Forge.GITHUB, repo, number, kind, at, actor, TimelineEvent.isBot(Forge.GITHUB, actor, actorType),
        actor != null && actor.equals(author), head));
  }

  private ParsedDelivery pullRequest(JsonNode root, String action, String repository) throws BadPayload {
    boolean baseChanged = "edited".equals(action) && root.at("/changes/base").isObject();
    if (!PR_ACTIONS.contains(action) && !baseChanged) {
      return ParsedDelivery.ignored("pull_request", action, repository,
          "edited".equals(action) ? "pull_request edited without a base change" : "pull_request " + action + " starts no review");
    }
    String repo = Json.requireRepository(root, "/repository/full_name");
    long number = Json.requirePositive(root, "/pull_request/number");
    String head = Json.requireSha(root, "/pull_request/head/sha");
    boolean draft = Json.flag(root, "/pull_request/draft");
    if ("closed".equals(Json.text(root, "/pull_request/state").orElse("open"))) {
      return ParsedDelivery.ignored("pull_request", action, repo, "pull request #" + number + " is closed");
    }
    if (draft && !reviewDrafts) return ParsedDelivery.ignored("pull_request", action, repo, "draft pull request (drafts: skip)");
    // what orders this event among the pull request's others, whatever order they arrive in
    Instant updatedAt = Json.time(root, "/pull_request/updated_at").orElse(null);
    String before = "synchronize".equals(action) ? Json.sha(root, "/before").orElse(null) : null;
    return ParsedDelivery.review("pull_request", action, List.of(new ReviewRequest(Forge.GITHUB, installation(root, repo), repo, number, head,
        "pull_request." + action, draft, baseChanged, updatedAt, before)));
  }

  /** A new comment by a person that holds a {@code /vetter} command line (docs/chatops.md). */
  private ParsedDelivery comment(JsonNode root, String event, String action, String repository) throws BadPayload {
    if (!"created".equals(action)) return ParsedDelivery.ignored(event, action, repository, "comment " + action + ": only a new comment carries a command");
    boolean review = event.equals("pull_request_review_comment");
    if (!review && !root.at("/issue/pull_request").isObject()) return ParsedDelivery.ignored(event, action, repository, "a comment on an issue");
    String body = Json.text(root, "/comment/body").orElse("");
    if (CommandParser.parse(body).isEmpty()) return ParsedDelivery.ignored(event, action, repository, "no /vetter command in the comment");
    String login = Json.text(root, "/comment/user/login").orElse(Json.text(root, "/sender/login").orElse(null));
    String type = Json.text(root, "/comment/user/type").orElse(Json.text(root, "/sender/type").orElse(null));
    if (login == null || TimelineEvent.isBot(Forge.GITHUB, login, type)) {
      return ParsedDelivery.ignored(event, action, repository, "a comment by a bot carries no command");
    }
    String repo = Json.requireRepository(root, "/repository/full_name");
    long number = Json.requirePositive(root, review ? "/pull_request/number" : "/issue/number");
    String commentId = Json.id(root, "/comment/id").filter(GitHubWebhooks::isNumber).orElseThrow(() -> new BadPayload("no /comment/id"));
    String replyTo = review ? Json.id(root, "/comment/in_reply_to_id").filter(GitHubWebhooks::isNumber).orElse(null) : null;
    String head = review ? Json.sha(root, "/pull_request/head/sha").orElse(null) : null;
    return ParsedDelivery.command(event, action, new CommandRequest(Forge.GITHUB, installation(root, repo), repo, number, commentId, login, body,
        replyTo, head));
  }

  /** A re-run asked from GitHub's checks UI: one request per pull request whose head is the re-run commit. */
  private ParsedDelivery rerequested(JsonNode root, String event, String action, String repository) throws BadPayload {
    if (!"rerequested".equals(action)) return ParsedDelivery.ignored(event, action, repository, event + " " + action + " starts no review");
    String repo = Json.requireRepository(root, "/repository/full_name");
    String head = Json.requireSha(root, "/" + event + "/head_sha");
    JsonNode prs = root.at("/" + event + "/pull_requests");
    List<ReviewRequest> reviews = new ArrayList<>();
    if (prs.isArray()) {
      for (JsonNode pr : prs) {
        long number = Json.requirePositive(pr, "/number");
        // A re-run of an older commit is not a reason to review it again over the pull request's current head.
        if (!head.equals(Json.text(pr, "/head/sha").orElse(head))) continue;
        reviews.add(new ReviewRequest(Forge.GITHUB, installation(root, repo), repo, number, head, event + "." + action, false, true));
      }
    }
    if (reviews.isEmpty()) {
      return new ParsedDelivery(ParsedDelivery.Kind.IGNORED, event, action, repo, null, head,
          "no open pull request has " + head.substring(0, 12) + " as its head (fork pull requests are found by the reconciler)", List.of());
    }
    return ParsedDelivery.review(event, action, reviews);
  }

  /** The app installation when there is one (concurrency is capped per installation), else the repository owner. */
  private static String installation(JsonNode root, String repo) {
    return Json.id(root, "/installation/id").filter(GitHubWebhooks::isNumber).orElse(repo.substring(0, repo.indexOf('/')));
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 20) return false;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }
}
