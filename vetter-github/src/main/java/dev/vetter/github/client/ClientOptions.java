package dev.vetter.github.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the client paces and retries, per installation.
 *
 * @param writePause the pause between two content-creating calls (POST/PATCH/PUT/DELETE) of one installation; GitHub
 *     asks for at least a second
 * @param maxConcurrent requests of one installation in flight at once
 * @param retries retries of a 5xx answer or a timeout (idempotent requests only: a POST that may have happened is
 *     left to the caller, who looks for its marker first)
 * @param backoff the first retry's delay, doubled for each further retry up to {@code maxBackoff}
 * @param maxInPlaceWait the longest rate-limit wait done inside a call; a longer one becomes a {@link
 *     dev.vetter.github.GitHubException} with {@code retryAfter}, so the job is retried later instead of holding a worker
 * @param requestTimeout how long one request may take before it counts as a timeout
 * @param notFoundRetries retries of a 404 where the object may not be readable yet (a pull request right after its event)
 * @param notFoundDelay the delay before the first such retry, doubled after
 * @param secondaryPause how long an installation pauses after a secondary rate limit that gave no {@code retry-after}
 *     (GitHub: "wait at least one minute")
 * @param renewBefore installation tokens are renewed this long before they expire
 * @param userAgent the {@code User-Agent} header GitHub requires
 */
public record ClientOptions(Duration writePause, int maxConcurrent, int retries, Duration backoff, Duration maxBackoff,
    Duration maxInPlaceWait, Duration requestTimeout, int notFoundRetries, Duration notFoundDelay, Duration secondaryPause,
    Duration renewBefore, String userAgent) {

  public ClientOptions {
    requireNonNull(writePause, "writePause == null");
    requireNonNull(backoff, "backoff == null");
    requireNonNull(maxBackoff, "maxBackoff == null");
    requireNonNull(maxInPlaceWait, "maxInPlaceWait == null");
    requireNonNull(requestTimeout, "requestTimeout == null");
    requireNonNull(notFoundDelay, "notFoundDelay == null");
    requireNonNull(secondaryPause, "secondaryPause == null");
    requireNonNull(renewBefore, "renewBefore == null");
    requireNonNull(userAgent, "userAgent == null");
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
    if (retries < 0 || notFoundRetries < 0) throw new IllegalArgumentException("retries must not be negative");
  }

  /** Production defaults: 1 s between writes, 4 requests at once, 3 retries from 1 s, waits up to a minute in place. */
  public static ClientOptions defaults() {
    return new ClientOptions(Duration.ofSeconds(1), 4, 3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(30), 2, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(5), "vetter");
  }

  public ClientOptions withWritePause(Duration value) {
    return new ClientOptions(value, maxConcurrent, retries, backoff, maxBackoff, maxInPlaceWait, requestTimeout, notFoundRetries, notFoundDelay,
        secondaryPause, renewBefore, userAgent);
  }

  public ClientOptions withMaxConcurrent(int value) {
    return new ClientOptions(writePause, value, retries, backoff, maxBackoff, maxInPlaceWait, requestTimeout, notFoundRetries, notFoundDelay,
        secondaryPause, renewBefore, userAgent);
  }

  public ClientOptions withRequestTimeout(Duration value) {
    return new ClientOptions(writePause, maxConcurrent, retries, backoff, maxBackoff, maxInPlaceWait, value, notFoundRetries, notFoundDelay,
        secondaryPause, renewBefore, userAgent);
  }

  public ClientOptions withMaxInPlaceWait(Duration value) {
    return new ClientOptions(writePause, maxConcurrent, retries, backoff, maxBackoff, value, requestTimeout, notFoundRetries, notFoundDelay,
        secondaryPause, renewBefore, userAgent);
  }
}
