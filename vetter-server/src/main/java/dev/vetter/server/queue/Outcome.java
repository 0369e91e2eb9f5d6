package dev.vetter.server.queue;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** What a {@link ReviewJobHandler} made of a job. */
public sealed interface Outcome {
  /** The review was posted (or there was nothing to post). */
  record Done() implements Outcome {}

  /** Deliberately not reviewed; {@code reason} is kept on the job (e.g. "pull request closed", "superseded by a newer push"). */
  record Skipped(String reason) implements Outcome {
    public Skipped {
      requireNonNull(reason, "reason == null");
    }
  }

  /**
   * Failed in a way that may pass later (a 5xx, a timeout): retried with exponential backoff and jitter until the
   * attempt limit, then dead with {@code error}. {@code delay}, when not null, replaces the backoff (e.g. a
   * rate-limit reset time).
   */
  record Retry(String error, Duration delay) implements Outcome {
    public Retry {
      requireNonNull(error, "error == null");
      if (delay != null && delay.isNegative()) throw new IllegalArgumentException("negative delay " + delay);
    }
  }

  /** Failed for good (e.g. a payload the forge rejects): dead at once with {@code error}, no retry. */
  record Fail(String error) implements Outcome {
    public Fail {
      requireNonNull(error, "error == null");
    }
  }

  static Outcome done() {
    return new Done();
  }

  static Outcome skipped(String reason) {
    return new Skipped(reason);
  }

  static Outcome retry(String error) {
    return new Retry(error, null);
  }

  static Outcome retryAfter(String error, Duration delay) {
    return new Retry(error, requireNonNull(delay, "delay == null"));
  }

  static Outcome fail(String error) {
    return new Fail(error);
  }
}
