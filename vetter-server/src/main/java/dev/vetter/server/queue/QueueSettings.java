package dev.vetter.server.queue;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the queue retries and limits work.
 *
 * @param maxAttempts runs of one job before it is parked dead (a lost lease counts as a run)
 * @param lease how long a claim lasts without a heartbeat; a worker that dies is replaced after this
 * @param backoffBase the delay before the first retry; doubled for each further attempt, then jittered
 * @param backoffMax the longest delay between attempts
 * @param maxPerRepository jobs of one repository running at once
 * @param maxPerInstallation jobs of one installation (GitHub App installation, GitLab top-level group) running at once
 */
public record QueueSettings(
    int maxAttempts, Duration lease, Duration backoffBase, Duration backoffMax, int maxPerRepository, int maxPerInstallation) {
  public static final QueueSettings DEFAULTS =
      new QueueSettings(5, Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofMinutes(30), 2, 4);

  public QueueSettings {
    requireNonNull(lease, "lease == null");
    requireNonNull(backoffBase, "backoffBase == null");
    requireNonNull(backoffMax, "backoffMax == null");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    if (lease.toMillis() < 1) throw new IllegalArgumentException("lease must be positive, got " + lease);
    if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= base <= max, got " + backoffBase + ", " + backoffMax);
    }
    if (maxPerRepository < 1) throw new IllegalArgumentException("maxPerRepository must be at least 1, got " + maxPerRepository);
    if (maxPerInstallation < 1) throw new IllegalArgumentException("maxPerInstallation must be at least 1, got " + maxPerInstallation);
  }
}
