package dev.vetter.server.queue;

import dev.vetter.server.webhook.Forge;
import java.time.Instant;

/**
 * A claimed review job: one pull request head, as a worker received it.
 *
 * @param attempt 1 for the first run, 2 for the first retry, ...
 * @param events how many events asked for this head (merged into this one job)
 * @param trigger the first event that asked, e.g. {@code pull_request.opened}
 * @param queuedAt when the event that queued this review was received (where the delivery-to-feedback time starts)
 * @param dueAt when this run became due (its queueing, or the end of a retry's backoff): where its queue wait starts
 * @param claimedAt when a worker claimed this run (the queue's clock)
 */
public record Job(
    long id, Forge forge, String installation, String repository, long number, String headSha, String trigger,
    int attempt, int events, Instant createdAt, Instant queuedAt, Instant dueAt, Instant claimedAt) {
  /** A job whose times are all its creation (tests, handlers run by hand). */
  public Job(long id, Forge forge, String installation, String repository, long number, String headSha, String trigger, int attempt, int events,
      Instant createdAt) {
    this(id, forge, installation, repository, number, headSha, trigger, attempt, events, createdAt, createdAt, createdAt, createdAt);
  }
}
