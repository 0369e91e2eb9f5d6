package dev.vetter.server.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with "equal jitter": half the exponential delay is fixed, the other half random. */
public final class Backoff {
  private Backoff() {}

  /**
   * The delay before the attempt after {@code failedAttempt} (1 = the first run failed): base·2^(n−1), capped at
   * max, of which a random half is taken away so retries of jobs that failed together spread out.
   */
  public static Duration delay(int failedAttempt, QueueSettings settings, RandomGenerator random) {
    long base = settings.backoffBase().toMillis();
    long max = settings.backoffMax().toMillis();
    int shift = Math.min(Math.max(failedAttempt - 1, 0), 40);
    long exp = base > (max >> shift) ? max : Math.min(max, base << shift);
    long half = exp / 2;
    return Duration.ofMillis(exp - half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
