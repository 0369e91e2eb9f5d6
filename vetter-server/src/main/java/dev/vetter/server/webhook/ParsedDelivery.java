package dev.vetter.server.webhook;

import dev.vetter.server.chatops.CommandRequest;
import java.util.List;

/**
 * What a delivery asks for, read from a payload whose authenticity was already checked. The descriptive fields
 * (event, action, repository, number, head SHA) are filled as far as the payload allowed, for storage and logs.
 *
 * @param kind {@link Kind#REVIEW}: {@code reviews} lists one or more heads to review; {@link Kind#IGNORED}: an event
 *     or action that starts nothing ({@code reason} says which); {@link Kind#MALFORMED}: content that cannot be
 *     understood ({@code reason} says why) and is kept as a dead delivery
 * @param timeline what the event tells of the pull request's life (opened, reviewed, merged, ...), recorded whether or
 *     not it starts a review; empty for a malformed delivery
 * @param command {@link Kind#COMMAND}: the comment that may carry a {@code /vetter} command; null otherwise
 */
public record ParsedDelivery(
    Kind kind, String event, String action, String repository, Long number, String headSha, String reason, List<ReviewRequest> reviews,
    List<TimelineEvent> timeline, CommandRequest command) {
  public enum Kind { REVIEW, IGNORED, MALFORMED, COMMAND }

  public ParsedDelivery {
    if ((kind == Kind.COMMAND) != (command != null)) throw new IllegalArgumentException("a command delivery, and only one, carries a command");
    reviews = List.copyOf(reviews);
    timeline = List.copyOf(timeline);
    if (kind == Kind.REVIEW && reviews.isEmpty()) throw new IllegalArgumentException("a review delivery needs at least one request");
    if (kind == Kind.MALFORMED && !timeline.isEmpty()) throw new IllegalArgumentException("a malformed delivery has no timeline");
  }

  /** A delivery without timeline events. */
  public ParsedDelivery(
      Kind kind, String event, String action, String repository, Long number, String headSha, String reason, List<ReviewRequest> reviews) {
    this(kind, event, action, repository, number, headSha, reason, reviews, List.of(), null);
  }

  /** A delivery with timeline events and no command. */
  public ParsedDelivery(Kind kind, String event, String action, String repository, Long number, String headSha, String reason,
      List<ReviewRequest> reviews, List<TimelineEvent> timeline) {
    this(kind, event, action, repository, number, headSha, reason, reviews, timeline, null);
  }

  /** A comment that may carry a {@code /vetter} command, queued as a command job. */
  static ParsedDelivery command(String event, String action, CommandRequest c) {
    return new ParsedDelivery(Kind.COMMAND, event, action, c.repository(), c.number(), c.headSha(), null, List.of(), List.of(), c);
  }

  /** The same, with {@code events} as its timeline. */
  ParsedDelivery withTimeline(List<TimelineEvent> events) {
    return new ParsedDelivery(kind, event, action, repository, number, headSha, reason, reviews, events, command);
  }

  static ParsedDelivery ignored(String event, String action, String repository, String reason) {
    return new ParsedDelivery(Kind.IGNORED, event, action, repository, null, null, reason, List.of());
  }

  static ParsedDelivery malformed(String event, String action, String repository, String reason) {
    return new ParsedDelivery(Kind.MALFORMED, event, action, repository, null, null, reason, List.of());
  }

  static ParsedDelivery review(String event, String action, List<ReviewRequest> reviews) {
    ReviewRequest first = reviews.getFirst();
    return new ParsedDelivery(Kind.REVIEW, event, action, first.repository(), first.number(), first.headSha(), null, reviews);
  }
}
