package dev.vetter.server.queue;

import dev.vetter.server.webhook.Forge;
import java.time.Instant;

/**
 * A claimed review job: one pull request head, as a worker received it.
 *
 * @param attempt 1 for the first run, 2 for the first retry, ...
 * @param events how many events asked for this head (merged into this one job)
 * @param trigger the first event that asked, e.g. {@code pull_request.opened}
 */
public record Job(
    long id, Forge forge, String installation, String repository, long number, String headSha, String trigger,
    int attempt, int events, Instant createdAt) {}
