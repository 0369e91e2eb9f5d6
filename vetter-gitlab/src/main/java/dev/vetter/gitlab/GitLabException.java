package dev.vetter.gitlab;

import java.time.Duration;

/**
 * A GitLab call that failed after the client's own retries. {@link #status()} is the HTTP status (0 for a network
 * failure or timeout); {@link #retryAfter()} is set when GitLab said how long to wait (429). The message names the
 * call and GitLab's reason, never a credential.
 */
public class GitLabException extends RuntimeException {
  private final int status;
  private final Duration retryAfter;

  public GitLabException(int status, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public GitLabException(int status, String message) {
    this(status, message, null, null);
  }

  public int status() {
    return status;
  }

  /** How long GitLab asked to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** 404 or 410: the project, merge request or branch is gone (or the token lost access). */
  public boolean gone() {
    return status == 404 || status == 410;
  }

  /** Worth retrying later: 5xx, a network failure or timeout, or a rate limit. */
  public boolean transientFailure() {
    return status == 0 || status >= 500 || status == 429 || retryAfter != null;
  }
}
