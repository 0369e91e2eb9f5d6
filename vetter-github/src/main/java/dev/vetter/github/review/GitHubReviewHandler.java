package dev.vetter.github.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Person;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.UserError;
import dev.vetter.forge.CommentPlan;
import dev.vetter.forge.CommentRenderer;
import dev.vetter.forge.ForgeChange;
import dev.vetter.forge.Marker;
import dev.vetter.forge.SummaryRenderer;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.forge.chatops.Grants;
import dev.vetter.git.ChangeBuilder;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.policy.Policy;
import dev.vetter.report.MarkdownText;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobContext;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.ReviewJobHandler;
import dev.vetter.server.telemetry.ReviewRecord;
import dev.vetter.server.webhook.Forge;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reviews one GitHub pull request head and posts the result: a check run named {@value #CHECK_NAME} (queued →
 * in_progress → completed, its conclusion from the policy's fail-on, a Markdown summary and annotations 50 per
 * request), or a commit status plus one summary comment where the token may not write checks; and a review with
 * inline comments, deduplicated by hidden markers (see {@link CommentPlan}).
 *
 * <p>The policy (over the organisation's, see {@link ReviewSetup}), its baseline, the waivers and CODEOWNERS are read from the base
 * branch, never from the head under review.
 * Every write is preceded by {@link JobContext#stillCurrent()} and by a look for what an earlier, interrupted run of
 * the same job already posted (a check run with this job's external id, comments with the finding's marker), so a
 * retried job ends exactly where a clean run would, even after a write that failed with a 5xx but happened.
 * Thread-safe: one instance serves every worker.
 */
public final class GitHubReviewHandler implements ReviewJobHandler {
  /** The check run's and the commit status's name. */
  public static final String CHECK_NAME = "vetter";
  /** GitHub's files API lists at most this many files of a pull request. */
  static final int FILES_LIMIT = 3_000;
  /** GitHub accepts at most 50 annotations per check-run request. */
  static final int ANNOTATION_BATCH = 50;

  private final GitHubConnector connector;
  private final ReviewSetup setup;
  private final boolean reviewDrafts;
  private final CommentRenderer renderer;
  private final int parallelism;
  private final int filesLimit;

  /**
   * @param registry the checks to run (the CLI's {@code Workspace.registry()} in {@code vetter serve})
   * @param reviewDrafts review draft pull requests ({@code --drafts review}) instead of skipping them
   */
  public GitHubReviewHandler(GitHubConnector connector, CheckRegistry registry, boolean reviewDrafts) {
    this(connector, ReviewSetup.of(registry), reviewDrafts);
  }

  /**
   * @param setup how each review is set up: the checks, and the organisation policy under the repository's (the
   *     server's {@code ServerConfig.reviewSetup} in {@code vetter serve})
   * @param reviewDrafts review draft pull requests ({@code --drafts review}) instead of skipping them
   */
  public GitHubReviewHandler(GitHubConnector connector, ReviewSetup setup, boolean reviewDrafts) {
    this(connector, setup, reviewDrafts, FILES_LIMIT);
  }

  /** @param filesLimit where GitHub's file list stops (tests lower it rather than build 3,000 files) */
  GitHubReviewHandler(GitHubConnector connector, CheckRegistry registry, boolean reviewDrafts, int filesLimit) {
    this(connector, ReviewSetup.of(registry), reviewDrafts, filesLimit);
  }

  private GitHubReviewHandler(GitHubConnector connector, ReviewSetup setup, boolean reviewDrafts, int filesLimit) {
    this.filesLimit = filesLimit;
    this.connector = requireNonNull(connector, "connector == null");
    this.setup = requireNonNull(setup, "setup == null");
    this.reviewDrafts = reviewDrafts;
    this.renderer = new CommentRenderer(setup.registry().rules());
    this.parallelism = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  @Override
  public Outcome handle(Job job, JobContext context) throws InterruptedException {
    if (job.forge() != Forge.GITHUB) return Outcome.fail("not a GitHub job: " + job.forge().id());
    try {
      return new Run(job, context, connector.installation(job.installation())).run();
    } catch (GitHubException e) {
      return outcome(e);
    }
  }

  /** A failed GitHub call as the queue's outcome: gone → skipped, transient → retried (when GitHub says), else failed. */
  static Outcome outcome(GitHubException e) {
    String what = "GitHub answered " + (e.status() == 0 ? "nothing" : String.valueOf(e.status())) + ": " + e.getMessage();
    if (e.gone()) return Outcome.skipped("gone: " + what);
    if (e.transientFailure()) return e.retryAfter() != null ? Outcome.retryAfter(what, e.retryAfter()) : Outcome.retry(what);
    return Outcome.fail(what);
  }

  /** Thrown when the job stopped being current between two steps: nothing more is posted. */
  private static final class NotCurrent extends Exception {
    NotCurrent() {
      super(null, null, false, false);
    }
  }

  /** One job's review and posting. */
  private final class Run {
    final Job job;
    final JobContext context;
    final GitHubApi api;
    final String repo;
    final String externalId;

    Run(Job job, JobContext context, GitHubApi api) {
      this.job = job;
      this.context = context;
      this.api = api;
      this.repo = job.repository();
      // one check run per run of a job: a retry finds the run its interrupted attempt created, while a re-run (a
      // recheck, an override or waiver given in a comment) is queued again later and posts a run of its own
      this.externalId = "vetter-job-" + job.id() + (job.queuedAt().equals(job.createdAt()) ? "" : "-" + job.queuedAt().toEpochMilli());
    }

    Outcome run() throws InterruptedException {
      GitHubApi.PullRequest pr = api.pullRequest(repo, job.number());
      if (!pr.open() || pr.merged()) return Outcome.skipped("pull request " + (pr.merged() ? "merged" : "closed"));
      if (!pr.headSha().equals(job.headSha())) return Outcome.skipped("superseded: the pull request's head is now " + pr.headSha());
      if (pr.draft() && !reviewDrafts) return Outcome.skipped("draft pull request (drafts are skipped: --drafts review reviews them)");
      try {
        return review(pr);
      } catch (NotCurrent e) {
        return Outcome.skipped("superseded or lease lost before posting; nothing more posted");
      }
    }

    private void current() throws NotCurrent {
      if (!context.stillCurrent()) throw new NotCurrent();
    }

    Outcome review(GitHubApi.PullRequest pr) throws InterruptedException, NotCurrent {
      CheckRunTarget target = startCheck(pr);
      ReviewSetup.Trusted config;
      try {
        config = setup.read(TrustedFiles.on(pr.baseRef(), path -> api.fileAt(repo, pr.baseSha(), path)));
      } catch (UserError e) {
        // a broken policy on the base branch is the repository's problem to fix: say so where the result would go
        String summary = "## Vetter: policy error\n\nThe policy on `" + MarkdownText.inline(pr.baseRef()) + "` cannot be used, so nothing was reviewed:\n\n"
            + MarkdownText.fence("", e.getMessage());
        current();
        target.complete("failure", "Vetter: the policy cannot be read", summary, List.of());
        return Outcome.done();
      }
      // overrides and waivers given with /vetter on this head (docs/chatops.md)
      List<AuditEntry> grants = context.grants();
      config = Grants.withWaivers(config, grants);
      Policy policy = config.policy();
      String mergeBase = api.mergeBase(repo, pr.baseSha(), pr.headSha());
      AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
      ForgeChange listed = change(pr, mergeBase, policy, readFailure);
      Change change = listed.change();
      policy = setup.complete(policy, Conventions.of(change), FindingCache.NONE);
      ReviewResult result = setup.reviewer(config, policy, FindingCache.NONE, parallelism, Progress.NONE).review(change);
      // a check that read a file lazily and met a GitHub failure would report it as its own internal error: the
      // review is incomplete, so the job fails as the read did (and is retried) instead of posting it
      if (readFailure.get() != null) throw readFailure.get();

      CommentPlan plan = postComments(pr, change, result, policy);
      boolean truncated = listed.listed() >= filesLimit;
      List<String> notes = notes(pr);
      notes.addAll(listed.notReviewed());
      if (truncated) {
        notes.add("GitHub lists at most " + filesLimit + " files of a pull request and this one has at least that many: only those "
            + filesLimit + " were reviewed, so a pass is reported as neutral, not success. Split the pull request to have all of it reviewed.");
      }
      String summary = SummaryRenderer.render(result, plan, notes) + Grants.summary(grants);
      current();
      String conclusion = conclusion(result);
      // never a silent pass on a change Vetter could not see whole
      if (truncated && "success".equals(conclusion)) conclusion = "neutral";
      String title = truncated ? "Partial review (first " + filesLimit + " files): " + title(result) : title(result);
      Optional<AuditEntry> override = Grants.override(grants);
      if (override.isPresent() && "failure".equals(conclusion)) {
        conclusion = "success";
        title = "Overridden by @" + override.get().actor() + " on this commit: " + title;
      }
      target.complete(conclusion, title, summary, annotations(result));
      context.posted(ReviewRecord.of(connector.botLogin(), result));
      return Outcome.done();
    }

    // ---- reading ----

    private ForgeChange change(GitHubApi.PullRequest pr, String mergeBase, Policy policy, AtomicReference<RuntimeException> readFailure) {
      List<ChangeBuilder.Entry> entries = new ArrayList<>();
      for (GitHubApi.PullFile f : api.pullFiles(repo, job.number())) {
        FileStatus status = switch (f.status()) {
          case "added" -> FileStatus.ADDED;
          case "removed" -> FileStatus.DELETED;
          case "renamed" -> FileStatus.RENAMED;
          case "copied" -> FileStatus.COPIED;
          default -> FileStatus.MODIFIED; // modified, changed (mode only), unchanged
        };
        String oldPath = status == FileStatus.ADDED ? null : f.previousFilename() != null ? f.previousFilename() : f.filename();
        String newPath = status == FileStatus.DELETED ? null : f.filename();
        entries.add(new ChangeBuilder.Entry(status, oldPath, newPath, newPath == null ? null : f.sha()));
      }
      List<Commit> commits = api.pullCommits(repo, job.number()).stream()
          .map(c -> new Commit(c.sha(), c.parents(), person(c.authorName(), c.authorEmail(), c.authorDate()),
              person(c.committerName() != null ? c.committerName() : c.authorName(), c.committerEmail() != null ? c.committerEmail() : c.authorEmail(),
                  c.committerDate() != null ? c.committerDate() : c.authorDate()),
              c.message()))
          .toList();
      ForgeChange.Files files = (commit, path, blob) -> {
        try {
          return blob != null ? api.blob(repo, blob) : api.fileAt(repo, commit, path);
        } catch (RuntimeException e) {
          readFailure.compareAndSet(null, e);
          throw e;
        }
      };
      return ForgeChange.of(pr.baseRef(), pr.headRef(), mergeBase, pr.headSha(), entries, commits, files, policy.limits().maxFileBytes());
    }

    private List<String> notes(GitHubApi.PullRequest pr) {
      List<String> notes = new ArrayList<>();
      if (pr.draft()) notes.add("This is a draft pull request; it was reviewed because drafts are reviewed on this server.");
      return notes;
    }

    // ---- the check run (or the commit status) ----

    /** Finds this job's check run or creates it (queued, then in progress); falls back to a commit status on 403. */
    private CheckRunTarget startCheck(GitHubApi.PullRequest pr) throws NotCurrent {
      Optional<GitHubApi.CheckRun> existing = findRun(pr.headSha());
      if (existing.isPresent()) {
        GitHubApi.CheckRun run = existing.get();
        if ("queued".equals(run.status())) {
          current();
          api.updateCheckRun(repo, run.id(), new GitHubApi.CheckRunWrite(null, null, null, "in_progress", null, null, null, null, null));
        }
        return new CheckRun(pr, run.id(), run.annotationsCount(), "completed".equals(run.status()));
      }
      current();
      long id;
      try {
        id = api.createCheckRun(repo, new GitHubApi.CheckRunWrite(CHECK_NAME, pr.headSha(), externalId, "queued", null, null, null, null, null));
      } catch (GitHubException e) {
        if (e.status() == 403 && !e.transientFailure()) return new Status(pr);
        if (!e.transientFailure()) throw e;
        // the create may have happened although GitHub answered 5xx: look before creating again
        Optional<GitHubApi.CheckRun> made = findRun(pr.headSha());
        if (made.isEmpty()) throw e;
        id = made.get().id();
      }
      current();
      api.updateCheckRun(repo, id, new GitHubApi.CheckRunWrite(null, null, null, "in_progress", null, null, null, null, null));
      return new CheckRun(pr, id, 0, false);
    }

    private Optional<GitHubApi.CheckRun> findRun(String sha) {
      return api.checkRuns(repo, sha, CHECK_NAME).stream().filter(r -> externalId.equals(r.externalId())).findFirst();
    }

    /** Where the result goes. */
    private interface CheckRunTarget {
      void complete(String conclusion, String title, String summary, List<GitHubApi.Annotation> annotations) throws NotCurrent;
    }

    private final class CheckRun implements CheckRunTarget {
      final long id;
      final int annotationsSent;
      final boolean completed;

      CheckRun(GitHubApi.PullRequest pr, long id, int annotationsSent, boolean completed) {
        this.id = id;
        this.annotationsSent = annotationsSent;
        this.completed = completed;
      }

      @Override
      public void complete(String conclusion, String title, String summary, List<GitHubApi.Annotation> annotations) throws NotCurrent {
        if (completed) return; // an earlier attempt finished it: annotations would only add up again
        // annotations accumulate on a run: an interrupted attempt's count says which ones GitHub already has
        List<GitHubApi.Annotation> rest = annotations.subList(Math.min(annotationsSent, annotations.size()), annotations.size());
        int batches = Math.max(1, (rest.size() + ANNOTATION_BATCH - 1) / ANNOTATION_BATCH);
        for (int b = 0; b < batches; b++) {
          List<GitHubApi.Annotation> batch = rest.subList(b * ANNOTATION_BATCH, Math.min(rest.size(), (b + 1) * ANNOTATION_BATCH));
          boolean last = b == batches - 1;
          current();
          api.updateCheckRun(repo, id, new GitHubApi.CheckRunWrite(null, null, null, last ? "completed" : "in_progress", last ? conclusion : null,
              title, summary, null, batch));
        }
      }
    }

    /** For a token without checks permission: a commit status and the summary as one comment, edited in place. */
    private final class Status implements CheckRunTarget {
      final GitHubApi.PullRequest pr;

      Status(GitHubApi.PullRequest pr) throws NotCurrent {
        this.pr = pr;
        current();
        api.createStatus(repo, pr.headSha(), new GitHubApi.StatusWrite("pending", CHECK_NAME, "Vetter is reviewing", null));
      }

      @Override
      public void complete(String conclusion, String title, String summary, List<GitHubApi.Annotation> annotations) throws NotCurrent {
        String body = SummaryRenderer.asComment(summary);
        current();
        Optional<GitHubApi.IssueComment> mine = api.issueComments(repo, pr.number()).stream()
            .filter(c -> Marker.isSummary(c.author(), connector.botLogin(), c.body())).findFirst();
        if (mine.isEmpty()) api.createIssueComment(repo, pr.number(), body);
        else if (!mine.get().body().equals(body)) api.updateIssueComment(repo, mine.get().id(), body);
        current();
        String state = "success".equals(conclusion) || "neutral".equals(conclusion) ? "success" : "failure";
        String description = title.length() > 140 ? title.substring(0, 139) + "…" : title;
        api.createStatus(repo, pr.headSha(), new GitHubApi.StatusWrite(state, CHECK_NAME, description, null));
      }
    }

    // ---- inline comments ----

    private CommentPlan postComments(GitHubApi.PullRequest pr, Change change, ReviewResult result, Policy policy) throws NotCurrent {
      CommentPlan plan = plan(change, result, policy);
      if (!plan.create().isEmpty()) {
        List<GitHubApi.NewComment> comments = plan.create().stream()
            .map(c -> new GitHubApi.NewComment(c.position().path(), c.position().line(), "RIGHT", c.position().startLine(),
                c.position().startLine() == null ? null : "RIGHT", c.body()))
            .toList();
        boolean requestChanges = policy.requestChanges() && result.failed();
        current();
        try {
          api.createReview(repo, pr.number(), new GitHubApi.ReviewWrite(pr.headSha(), requestChanges ? "REQUEST_CHANGES" : "COMMENT",
              reviewBody(plan), comments));
        } catch (GitHubException e) {
          if (!e.transientFailure()) throw e;
          // the review may exist although GitHub answered 5xx; if its comments are there, carry on with the new plan
          CommentPlan again = plan(change, result, policy);
          if (!again.create().isEmpty()) throw e;
          plan = again;
        }
      }
      for (CommentPlan.Update u : plan.update()) {
        current();
        api.updateReviewComment(repo, Long.parseLong(u.existing().commentId()), u.body());
      }
      for (CommentPlan.Existing e : plan.resolve()) {
        if (e.threadId() == null) continue;
        current();
        api.resolveThread(e.threadId());
      }
      for (CommentPlan.Existing e : plan.unresolve()) {
        if (e.threadId() == null) continue;
        current();
        api.unresolveThread(e.threadId());
      }
      return plan;
    }

    /** The plan against what is on the pull request now: Vetter's own top-level comments with a marker. */
    private CommentPlan plan(Change change, ReviewResult result, Policy policy) {
      Map<Long, GitHubApi.ReviewThread> threads = new HashMap<>();
      for (GitHubApi.ReviewThread t : api.reviewThreads(repo, job.number())) threads.put(t.firstCommentId(), t);
      List<CommentPlan.Existing> existing = new ArrayList<>();
      for (GitHubApi.ReviewComment c : api.reviewComments(repo, job.number())) {
        if (c.inReplyToId() != null) continue;
        Optional<Marker> marker = Marker.parse(c.author(), connector.botLogin(), c.body());
        if (marker.isEmpty()) continue;
        GitHubApi.ReviewThread t = threads.get(c.id());
        existing.add(new CommentPlan.Existing(String.valueOf(c.id()), t == null ? null : t.id(), marker.get(), t != null && t.resolved(),
            t != null && t.commentCount() > 1, c.body(), c.line()));
      }
      return CommentPlan.of(result.findings(), change, existing, policy.maxInlineComments(), renderer, result.change().headCommit());
    }

    private String reviewBody(CommentPlan plan) {
      int n = plan.create().size();
      return "Vetter found " + n + " new finding" + (n == 1 ? "" : "s") + " on lines of this change"
          + (plan.summarised().isEmpty() ? "." : "; " + plan.summarised().size() + " more are in the `" + CHECK_NAME + "` summary.");
    }
  }

  // ---- the check run's contents ----

  static String conclusion(ReviewResult result) {
    return result.failed() ? "failure" : "success";
  }

  static String title(ReviewResult result) {
    var c = result.countBySeverity();
    int n = result.findings().size();
    return (result.failed() ? "Failed: " : "Passed: ") + n + " finding" + (n == 1 ? "" : "s")
        + (n == 0 ? "" : " (" + c.get(Severity.ERROR) + " error, " + c.get(Severity.WARNING) + " warning, " + c.get(Severity.NOTICE) + " notice)");
  }

  /** One annotation per finding in a file, in the engine's order; change-level findings are in the summary only. */
  static List<GitHubApi.Annotation> annotations(ReviewResult result) {
    List<GitHubApi.Annotation> list = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.path() == null) continue;
      int line = Math.max(1, f.line());
      String level = switch (f.severity()) {
        case ERROR -> "failure";
        case WARNING -> "warning";
        case NOTICE -> "notice";
      };
      String message = f.message().length() > 60_000 ? f.message().substring(0, 60_000) + "…" : f.message();
      list.add(new GitHubApi.Annotation(f.path(), line, Math.max(line, f.endLine()), level, f.rule(), message, null));
    }
    return list;
  }

  private static Person person(String name, String email, String date) {
    Instant when;
    try {
      when = date == null ? Instant.EPOCH : Instant.parse(date);
    } catch (DateTimeParseException e) {
      when = Instant.EPOCH;
    }
    return new Person(name == null ? "" : name, email == null ? "" : email, when);
  }
}
