package dev.vetter.github.fake;

import dev.vetter.github.client.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that moves only when a test says so, or when the client sleeps (a sleep returns at once and advances the
 * clock by its length). Records every sleep, so backoff, pacing and rate-limit waits are asserted without waiting.
 * Give the same instance to the fake ({@code fake.clock(timing::now)}) so tokens and JWTs are checked in its time.
 */
public final class ManualTiming implements Timing {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  public ManualTiming(Instant start) {
    this.now = start;
  }

  public ManualTiming() {
    this(Instant.parse("2026-01-05T10:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    if (duration.isPositive()) now = now.plus(duration);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Every sleep asked for so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public synchronized void clearSleeps() {
    sleeps.clear();
  }
}
