package dev.vetter.server.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One pull request head that should be reviewed, as an event or the reconciler asked for it. Jobs are keyed by
 * (forge, repository, number, head SHA), so several requests for the same head become one review.
 *
 * @param installation what concurrency is capped by besides the repository: the GitHub App installation id, or the
 *     repository owner (GitHub without an app) or top-level group (GitLab)
 * @param repository {@code owner/name} (GitHub) or the project's full path (GitLab)
 * @param trigger what asked, e.g. {@code pull_request.opened}; kept on the job for people reading the queue
 * @param draft the pull request is a draft (the draft policy was already applied; kept for the handler)
 * @param rerun review again even if this head was already reviewed (a re-run was requested, or the base changed)
 * @param eventAt when the forge says the pull request was in this state (its {@code updated_at} as the event or listing
 *     gave it), which orders events for one pull request whatever order they arrive in; null when unknown
 * @param previousHead the head this one replaced, when the event is a push that says so (GitHub's {@code before},
 *     GitLab's {@code oldrev}): orders two heads whose times are equal; null when unknown
 */
public record ReviewRequest(
    Forge forge, String installation, String repository, long number, String headSha, String trigger, boolean draft, boolean rerun,
    Instant eventAt, String previousHead) {
  /** A request that says nothing about its order among the pull request's events. */
  public ReviewRequest(Forge forge, String installation, String repository, long number, String headSha, String trigger, boolean draft,
      boolean rerun) {
    this(forge, installation, repository, number, headSha, trigger, draft, rerun, null, null);
  }

  public ReviewRequest {
    requireNonNull(forge, "forge == null");
    requireNonNull(installation, "installation == null");
    requireNonNull(repository, "repository == null");
    requireNonNull(headSha, "headSha == null");
    requireNonNull(trigger, "trigger == null");
    if (number <= 0) throw new IllegalArgumentException("pull request number must be positive, got " + number);
  }
}
