package dev.vetter.server.webhook;

import java.util.List;

/**
 * What a delivery asks for, read from a payload whose authenticity was already checked. The descriptive fields
 * (event, action, repository, number, head SHA) are filled as far as the payload allowed, for storage and logs.
 *
 * @param kind {@link Kind#REVIEW}: {@code reviews} lists one or more heads to review; {@link Kind#IGNORED}: an event
 *     or action that starts nothing ({@code reason} says which); {@link Kind#MALFORMED}: content that cannot be
 *     understood ({@code reason} says why) and is kept as a dead delivery
 */
public record ParsedDelivery(
    Kind kind, String event, String action, String repository, Long number, String headSha, String reason, List<ReviewRequest> reviews) {
  public enum Kind { REVIEW, IGNORED, MALFORMED }

  public ParsedDelivery {
    reviews = List.copyOf(reviews);
    if (kind == Kind.REVIEW && reviews.isEmpty()) throw new IllegalArgumentException("a review delivery needs at least one request");
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
