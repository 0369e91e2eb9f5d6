package dev.vetter.github.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The client's sense of time: the current instant (token expiry, rate-limit resets) and waiting (backoff, pacing).
 * Tests pass one that moves only when told, so nothing depends on the wall clock.
 */
public interface Timing {
  Instant now();

  void sleep(Duration duration) throws InterruptedException;

  /** The system clock and {@link Thread#sleep}. */
  static Timing system() {
    return new Timing() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) Thread.sleep(duration);
      }
    };
  }
}
