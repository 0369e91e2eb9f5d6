package dev.vetter.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Vetter asks of GitHub for one installation (or one token): the calls a review and its posting need, no more.
 * Repositories are named {@code owner/name}. The HTTP implementation ({@code dev.vetter.github.client}) handles
 * authentication, pagination, rate limits and retries; callers see results or a {@link GitHubException}.
 * Implementations are thread-safe. Records mirror the REST/GraphQL fields Vetter reads (names in GitHub's terms).
 */
public interface GitHubApi {

  // ---- reading a pull request ----

  /**
   * {@code GET /repos/{owner}/{repo}/pulls/{pull_number}}. A 404 is retried (twice, with a short delay) before it
   * becomes a {@link GitHubException#gone()}: right after its event a pull request may not be readable yet.
   */
  PullRequest pullRequest(String repo, long number);

  /** {@code GET /repos/{owner}/{repo}/pulls/{pull_number}/files}, every page (GitHub stops at 3,000 files). */
  List<PullFile> pullFiles(String repo, long number);

  /** {@code GET /repos/{owner}/{repo}/pulls/{pull_number}/commits}, every page (GitHub stops at 250). */
  List<PullCommit> pullCommits(String repo, long number);

  /**
   * The merge-base of {@code base} and {@code head} ({@code GET /repos/{owner}/{repo}/compare/{base}...{head}},
   * {@code merge_base_commit.sha}): what the pull request's diff compares the head with.
   */
  String mergeBase(String repo, String base, String head);

  /** A git blob's bytes ({@code GET /repos/{owner}/{repo}/git/blobs/{file_sha}}); empty when it does not exist. */
  Optional<byte[]> blob(String repo, String sha);

  /** A file's bytes at a commit ({@code GET /repos/{owner}/{repo}/contents/{path}?ref=}); empty when absent or not a file. */
  Optional<byte[]> fileAt(String repo, String ref, String path);

  /** Open pull requests of a repository ({@code GET /repos/{owner}/{repo}/pulls?state=open}), every page. */
  List<PullRequest> openPullRequests(String repo);

  /** Repositories this installation can see ({@code GET /installation/repositories}); for a plain token, those configured. */
  List<String> repositories();

  // ---- check runs and statuses ----

  /** Check runs named {@code name} on {@code sha} ({@code GET /repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=}). */
  List<CheckRun> checkRuns(String repo, String sha, String name);

  /** {@code POST /repos/{owner}/{repo}/check-runs}; returns the new run's id. At most 50 annotations per call. */
  long createCheckRun(String repo, CheckRunWrite run);

  /** {@code PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}}; at most 50 annotations per call (they accumulate). */
  void updateCheckRun(String repo, long id, CheckRunWrite run);

  /** {@code POST /repos/{owner}/{repo}/statuses/{sha}}, used when the token may not write checks. */
  void createStatus(String repo, String sha, StatusWrite status);

  // ---- review comments ----

  /** Review comments of a pull request ({@code GET /repos/{owner}/{repo}/pulls/{pull_number}/comments}), every page. */
  List<ReviewComment> reviewComments(String repo, long number);

  /**
   * {@code POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews} with {@code event} COMMENT (or REQUEST_CHANGES
   * when the policy says so) and inline comments on {@code commitId}; returns the review's id.
   */
  long createReview(String repo, long number, ReviewWrite review);

  /** {@code PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}}. */
  void updateReviewComment(String repo, long commentId, String body);

  /** Review threads with their resolution state (GraphQL {@code pullRequest.reviewThreads}), every page. */
  List<ReviewThread> reviewThreads(String repo, long number);

  /** GraphQL {@code resolveReviewThread}. */
  void resolveThread(String threadId);

  /** GraphQL {@code unresolveReviewThread}: a finding that was fixed came back. */
  void unresolveThread(String threadId);

  // ---- the summary comment on the conversation tab ----

  /** {@code GET /repos/{owner}/{repo}/issues/{issue_number}/comments}, every page. */
  List<IssueComment> issueComments(String repo, long number);

  /** {@code POST /repos/{owner}/{repo}/issues/{issue_number}/comments}; returns the comment's id. */
  long createIssueComment(String repo, long number, String body);

  /** {@code PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}}. */
  void updateIssueComment(String repo, long commentId, String body);

  // ---- ChatOps ----

  /**
   * {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}: the user's {@code role_name} (read, triage,
   * write, maintain, admin, or a custom role's name), else its {@code permission}; {@code none} when GitHub answers 404
   * (not a collaborator). Never read from a webhook's {@code author_association}, which calls triage users COLLABORATOR.
   */
  String permission(String repo, String username);

  /** {@code POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies}; returns the reply's id. */
  long replyToReviewComment(String repo, long number, long commentId, String body);

  // ---- records (only the fields Vetter uses) ----

  record PullRequest(long number, String state, boolean draft, boolean merged, String title, String body, String author,
      String baseRef, String baseSha, String headRef, String headSha, String headRepo, Instant updatedAt) {
    /** A pull request whose {@code updated_at} is not known. */
    public PullRequest(long number, String state, boolean draft, boolean merged, String title, String body, String author,
        String baseRef, String baseSha, String headRef, String headSha, String headRepo) {
      this(number, state, draft, merged, title, body, author, baseRef, baseSha, headRef, headSha, headRepo, null);
    }

    public boolean open() {
      return "open".equals(state);
    }
  }

  /** @param status added, removed, modified, renamed, copied, changed or unchanged; {@code patch} is null when GitHub omits it */
  record PullFile(String filename, String previousFilename, String status, String sha, int additions, int deletions, String patch) {}

  /** Dates as GitHub writes them (ISO 8601); the committer fields are {@code commit.committer}. */
  record PullCommit(String sha, String message, String authorName, String authorEmail, String authorDate, String committerName,
      String committerEmail, String committerDate, List<String> parents) {}

  /** @param annotationsCount {@code output.annotations_count}: how many annotations the run holds (they accumulate) */
  record CheckRun(long id, String name, String headSha, String status, String conclusion, String externalId, int annotationsCount) {}

  /**
   * The writable fields of a check run; null fields are not sent. {@code status} queued, in_progress or completed;
   * {@code conclusion} (with completed) success, failure, neutral, cancelled, skipped, timed_out or action_required.
   */
  record CheckRunWrite(String name, String headSha, String externalId, String status, String conclusion, String title, String summary,
      String text, List<Annotation> annotations) {}

  /** @param level notice, warning or failure */
  record Annotation(String path, int startLine, int endLine, String level, String title, String message, String rawDetails) {}

  /** @param state error, failure, pending or success */
  record StatusWrite(String state, String context, String description, String targetUrl) {}

  /** @param side LEFT or RIGHT; {@code line} is null for a comment on a line no longer in the diff (outdated) */
  record ReviewComment(long id, String nodeId, String author, String body, String path, Integer line, String side, String commitId,
      Long inReplyToId) {}

  /** @param event COMMENT or REQUEST_CHANGES (Vetter never approves) */
  record ReviewWrite(String commitId, String event, String body, List<NewComment> comments) {}

  /** An inline comment: {@code line} (and {@code startLine} for a range) on {@code side} of the diff. */
  record NewComment(String path, int line, String side, Integer startLine, String startSide, String body) {}

  /** A review thread: its first comment identifies it; {@code commentCount} > 1 means someone replied. */
  record ReviewThread(String id, boolean resolved, boolean outdated, long firstCommentId, String firstCommentAuthor, String firstCommentBody,
      int commentCount) {}

  record IssueComment(long id, String author, String body) {}
}
