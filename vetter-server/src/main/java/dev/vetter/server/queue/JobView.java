package dev.vetter.server.queue;

import dev.vetter.server.webhook.Forge;
import java.time.Instant;

/**
 * A job as stored, for inspection (tests, operators).
 *
 * @param result the reason of a skip, or null
 * @param lastError the error of the last failed attempt, or null
 * @param leaseOwner the worker holding a running job, or null
 */
public record JobView(
    long id, Forge forge, String installation, String repository, long number, String headSha, JobState state,
    int attempts, int events, String trigger, String result, String lastError, Instant runAfter, String leaseOwner, Instant leaseUntil,
    Instant createdAt) {}
