package dev.vetter.github;

import java.time.Duration;

/**
 * A GitHub call that failed after the client's own retries. {@link #status()} is the HTTP status (0 for a network
 * failure or timeout); {@link #retryAfter()} is set when GitHub said how long to wait (rate limits), and
 * {@link #secondaryRateLimit()} when the whole installation should pause. The message never contains a credential.
 */
public class GitHubException extends RuntimeException {
  private final int status;
  private final Duration retryAfter;
  private final boolean secondaryRateLimit;

  public GitHubException(int status, String message, Duration retryAfter, boolean secondaryRateLimit, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
    this.secondaryRateLimit = secondaryRateLimit;
  }

  public GitHubException(int status, String message) {
    this(status, message, null, false, null);
  }

  public int status() {
    return status;
  }

  /** How long GitHub asked to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean secondaryRateLimit() {
    return secondaryRateLimit;
  }

  /** 404 or 410: the object is gone (branch deleted, App uninstalled) or not readable yet. */
  public boolean gone() {
    return status == 404 || status == 410;
  }

  /** Worth retrying later: 5xx, a network failure or timeout, or a rate limit. */
  public boolean transientFailure() {
    return status == 0 || status >= 500 || retryAfter != null || status == 429;
  }
}
