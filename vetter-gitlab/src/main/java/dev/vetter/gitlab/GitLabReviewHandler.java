package dev.vetter.gitlab;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.change.Person;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.forge.CommentPlan;
import dev.vetter.forge.CommentRenderer;
import dev.vetter.forge.ForgeChange;
import dev.vetter.forge.Marker;
import dev.vetter.forge.SummaryRenderer;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.forge.chatops.Grants;
import dev.vetter.git.ChangeBuilder;
import dev.vetter.gitlab.GitLabApi.CommitStatus;
import dev.vetter.gitlab.GitLabApi.DiffRefs;
import dev.vetter.gitlab.GitLabApi.Discussion;
import dev.vetter.gitlab.GitLabApi.DiscussionNote;
import dev.vetter.gitlab.GitLabApi.MergeRequest;
import dev.vetter.gitlab.GitLabApi.Note;
import dev.vetter.gitlab.GitLabApi.Position;
import dev.vetter.gitlab.GitLabApi.StatusWrite;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.Waivers;
import dev.vetter.report.MarkdownText;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobContext;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.ReviewJobHandler;
import dev.vetter.server.telemetry.ReviewRecord;
import dev.vetter.server.webhook.Forge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reviews a GitLab merge request and posts the result: commit status {@code vetter} (running, then success or
 * failed per the policy's {@code fail-on}), inline discussions on changed lines (at most the policy's cap), and one
 * summary note updated in place. Reads {@code .vetter.yml} (over the organisation's), the baseline it names, the waivers (see {@link ReviewSetup}) and, through
 * the change's base contents, CODEOWNERS from the merge request's base, never from its head. Thread-safe.
 *
 * <p>What to post is decided by vetter-forge's {@link CommentPlan} from the discussions Vetter already opened (found
 * by their {@link Marker}s), so a job retried after a crash between two calls ends where a clean run would, and on
 * the next push persisting findings are edited (never repeated), fixed ones resolved, and nothing is deleted.
 */
public final class GitLabReviewHandler implements ReviewJobHandler, OpenPullRequestSource {
  /** The commit status's name. */
  public static final String STATUS_NAME = "vetter";
  /** GitLab keeps at most 255 characters of a status description. */
  static final int MAX_DESCRIPTION = 255;

  private final GitLabApi api;
  private final ReviewSetup setup;
  private final CommentRenderer renderer;
  private final boolean reviewDrafts;
  private final String targetUrl;
  private volatile String botUser;

  /** @param targetUrl where the status links to (null: nowhere) */
  public GitLabReviewHandler(GitLabApi api, CheckRegistry registry, boolean reviewDrafts, String targetUrl) {
    this(api, ReviewSetup.of(registry), reviewDrafts, targetUrl);
  }

  /**
   * @param setup how each review is set up: the checks, and the organisation policy under the project's (the server's
   *     {@code ServerConfig.reviewSetup})
   * @param targetUrl where the status links to (null: nowhere)
   */
  public GitLabReviewHandler(GitLabApi api, ReviewSetup setup, boolean reviewDrafts, String targetUrl) {
    this.api = requireNonNull(api, "api == null");
    this.setup = requireNonNull(setup, "setup == null");
    this.renderer = new CommentRenderer(setup.registry().rules());
    this.reviewDrafts = reviewDrafts;
    this.targetUrl = targetUrl;
  }

  // ---- reconciler ----

  @Override
  public List<String> installations() {
    return api.groups();
  }

  @Override
  public List<OpenPullRequest> openPullRequests(String installation) {
    return api.openMergeRequests(installation).stream()
        .map(m -> new OpenPullRequest(Forge.GITLAB, installation, m.project(), m.iid(), m.sha(), m.draft(), m.updatedAt())).toList();
  }

  // ---- one job ----

  @Override
  public Outcome handle(Job job, JobContext context) throws Exception {
    if (job.forge() != Forge.GITLAB) return Outcome.fail("not a GitLab job: " + job.forge().id());
    String project = job.repository();
    long iid = job.number();
    try {
      MergeRequest mr = api.mergeRequest(project, iid);
      if (!mr.open()) return Outcome.skipped("merge request " + mr.state());
      if (!job.headSha().equals(mr.sha())) return Outcome.skipped("superseded: the merge request's head is now " + shortSha(mr.sha()));
      if (mr.draft() && !reviewDrafts) return Outcome.skipped("draft merge request (drafts: skip)");
      DiffRefs refs = mr.diffRefs();
      if (refs == null || !job.headSha().equals(refs.headSha())) return Outcome.retry("GitLab has not computed the diff of " + shortSha(job.headSha()) + " yet");
      if (!context.stillCurrent()) return superseded();
      status(project, mr, "running", "Reviewing…");

      ReviewSetup.Trusted config;
      try {
        config = setup.read(TrustedFiles.on(shortSha(refs.baseSha()), path -> api.fileAt(project, refs.baseSha(), path)));
      } catch (UserError e) {
        // the policy, the baseline or the waivers on the target branch are the project's problem to fix: say so where the result would go
        StringBuilder why = new StringBuilder("## Vetter could not review this merge request\n\n");
        // which file is invalid: the policy's problems name .vetter.yml, the waivers' the waivers file
        String invalidFile = e instanceof PolicyError bad && bad.what().equals("waivers") ? Waivers.FILE : Reviewer.POLICY_FILE;
        if (e instanceof PolicyError invalid) {
          why.append("The " + (invalidFile.equals(Waivers.FILE) ? "waivers" : "policy") + " file `" + invalidFile + "` on the target branch is invalid:\n\n");
          invalid.problems().forEach(p -> why.append("- ").append(MarkdownText.inline(p.toString())).append('\n'));
        } else {
          why.append("The policy on the target branch cannot be used:\n\n").append(MarkdownText.fence("", e.getMessage()));
        }
        if (!context.stillCurrent()) return superseded();
        summary(project, iid, why.toString());
        if (!context.stillCurrent()) return superseded();
        status(project, mr, "failed", e instanceof PolicyError ? "Invalid " + invalidFile + " on the target branch"
            : "The policy on the target branch cannot be used");
        return Outcome.done();
      }
      // overrides and waivers given with /vetter on this head (docs/chatops.md)
      List<AuditEntry> grants = context.grants();
      config = Grants.withWaivers(config, grants);
      Policy policy = config.policy();
      AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
      ForgeChange listed = change(project, mr, policy, readFailure);
      Change change = listed.change();
      policy = setup.complete(policy, Conventions.of(change), FindingCache.NONE);
      ReviewResult result = setup.reviewer(config, policy, FindingCache.NONE, Runtime.getRuntime().availableProcessors(), Progress.NONE).review(change);
      // a check that read a file lazily and met a GitLab failure would report it as its own internal error: the
      // review is incomplete, so the job fails as the read did (and is retried) instead of posting it
      if (readFailure.get() != null) throw readFailure.get();

      if (!context.stillCurrent()) return superseded();
      String bot = bot();
      List<Discussion> discussions = api.discussions(project, iid);
      CommentPlan plan = CommentPlan.of(result.findings(), change, existing(discussions, bot, refs), policy.maxInlineComments(), renderer, refs.headSha());
      List<String> notes = new ArrayList<>(listed.notReviewed());
      if (mr.overflow()) {
        notes.add("GitLab lists only the first " + listed.listed() + " of " + mr.changesCount() + " changed files (its diff limits):"
            + " the others were not reviewed");
      }
      if (!post(project, iid, refs, change, plan, context, notes)) return superseded();
      if (!context.stillCurrent()) return superseded();
      summary(project, iid, SummaryRenderer.render(result, plan, notes) + Grants.summary(grants));
      if (!context.stillCurrent()) return superseded();
      // never a silent pass: a partial review says so where the status is seen
      String description = (mr.overflow() ? "Partial review (over GitLab's diff limits): " : "") + describe(result);
      Optional<AuditEntry> override = Grants.override(grants);
      boolean failed = result.failed() && override.isEmpty();
      if (result.failed() && override.isPresent()) description = "Overridden by @" + override.get().actor() + " on this commit: " + description;
      status(project, mr, failed ? "failed" : "success", description);
      context.posted(ReviewRecord.of(bot, result));
      return Outcome.done();
    } catch (GitLabException e) {
      if (e.gone()) return Outcome.skipped("gone on GitLab (" + e.getMessage() + ")");
      if (e.transientFailure()) return e.retryAfter() != null ? Outcome.retryAfter(e.getMessage(), e.retryAfter()) : Outcome.retry(e.getMessage());
      return Outcome.fail(e.getMessage());
    }
  }

  private static Outcome superseded() {
    return Outcome.skipped("superseded by a newer push (or the lease was lost) before posting");
  }

  /** The merge request as the engine's change: GitLab's file list, contents read at the base and head, the engine's diff. */
  private ForgeChange change(String project, MergeRequest mr, Policy policy, AtomicReference<RuntimeException> readFailure) {
    DiffRefs refs = mr.diffRefs();
    List<ChangeBuilder.Entry> entries = new ArrayList<>();
    for (GitLabApi.DiffFile d : api.mergeRequestDiffs(project, mr.iid())) {
      FileStatus status = d.newFile() ? FileStatus.ADDED : d.deletedFile() ? FileStatus.DELETED : d.renamedFile() ? FileStatus.RENAMED : FileStatus.MODIFIED;
      entries.add(new ChangeBuilder.Entry(status, d.newFile() ? null : d.oldPath(), d.deletedFile() ? null : d.newPath(), null));
    }
    List<Commit> commits = new ArrayList<>();
    List<GitLabApi.Commit> listed = api.mergeRequestCommits(project, mr.iid());
    // GitLab lists a merge request's commits newest first; checks expect history order
    for (int i = listed.size() - 1; i >= 0; i--) {
      GitLabApi.Commit c = listed.get(i);
      Person author = new Person(c.authorName(), c.authorEmail(), instant(c.authoredDate()));
      commits.add(new Commit(c.id(), c.parentIds() == null ? List.of() : c.parentIds(), author, author, c.message() == null ? "" : c.message()));
    }
    return ForgeChange.of(mr.targetBranch(), mr.sourceBranch(), refs.baseSha(), refs.headSha(), entries, commits,
        (commit, path, hint) -> {
          try {
            return api.fileAt(project, commit, path);
          } catch (RuntimeException e) {
            readFailure.compareAndSet(null, e);
            throw e;
          }
        }, policy.limits().maxFileBytes());
  }

  /** The {@code /vetter} command handler that goes with this bot: the same client, policy setup and identity. */
  public GitLabCommandHandler commands(java.time.Clock clock) {
    return new GitLabCommandHandler(api, setup, this::bot, clock);
  }

  private String bot() {
    String b = botUser;
    if (b == null) botUser = b = api.currentUser();
    return b;
  }

  /** Moves status {@code vetter} to {@code state}, unless it is already there (a retried job). */
  private void status(String project, MergeRequest mr, String state, String description) {
    String sha = mr.diffRefs().headSha();
    // a fork's commits are on no branch of this project, only on the merge request's ref
    String ref = mr.fromFork() ? "refs/merge-requests/" + mr.iid() + "/head" : mr.sourceBranch();
    String d = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION - 1) + "…" : description;
    // this merge request's own status: the same commit may head other branches, each with its own (GitLab keeps one
    // per ref); the newest by id, whatever order this GitLab lists them in
    Optional<CommitStatus> mine = api.commitStatuses(project, sha, STATUS_NAME, ref).stream()
        .filter(s -> ref.equals(s.ref()) && STATUS_NAME.equals(s.name())).max(java.util.Comparator.comparingLong(CommitStatus::id));
    if (mine.isPresent() && mine.get().status().equals(state) && d.equals(mine.get().description())) return;
    try {
      api.setStatus(project, sha, new StatusWrite(state, STATUS_NAME, ref, d, targetUrl));
    } catch (GitLabException e) {
      // GitLab refuses a transition to the state the status is already in: a retry found it done
      if (e.status() != 400 || !String.valueOf(e.getMessage()).contains("Cannot transition")) throw e;
    }
  }

  // ---- discussions ----

  /** Vetter's own discussions, as the plan sees them: the first note by the bot, carrying a marker. */
  static List<CommentPlan.Existing> existing(List<Discussion> discussions, String bot, DiffRefs refs) {
    List<CommentPlan.Existing> out = new ArrayList<>();
    for (Discussion d : discussions) {
      if (d.notes().isEmpty()) continue;
      DiscussionNote first = d.first();
      Optional<Marker> marker = Marker.parse(first.author(), bot, first.body());
      if (marker.isEmpty()) continue;
      // GitLab moves a note's position along with later pushes while the line can be traced; else it is outdated
      Integer line = first.position() != null && refs.headSha().equals(first.position().headSha()) ? first.position().newLine() : null;
      out.add(new CommentPlan.Existing(String.valueOf(first.id()), d.id(), marker.get(), d.resolved(), d.humanWrote(bot), first.body(), line));
    }
    return out;
  }

  /** Carries out {@code plan}; false when the job stopped being current half-way. */
  private boolean post(String project, long iid, DiffRefs refs, Change change, CommentPlan plan, JobContext context, List<String> notes) {
    Map<String, ChangedFile> files = new HashMap<>();
    change.files().forEach(f -> files.put(f.path(), f));
    for (CommentPlan.Create c : plan.create()) {
      if (!context.stillCurrent()) return false;
      Position p = position(c.position(), files.get(c.position().path()), refs);
      try {
        api.createDiscussion(project, iid, c.body(), p);
      } catch (GitLabException e) {
        // GitLab's diff can place a line differently from the engine's; the finding then goes to the summary
        if (e.status() != 400 || p == null) throw e;
        notes.add(c.position().path() + ":" + c.position().line() + ": GitLab refused an inline comment there (" + c.finding().rule() + ")");
      }
    }
    for (CommentPlan.Update u : plan.update()) {
      if (!context.stillCurrent()) return false;
      api.editDiscussionNote(project, iid, u.existing().threadId(), Long.parseLong(u.existing().commentId()), u.body());
    }
    for (CommentPlan.Existing e : plan.resolve()) {
      if (!context.stillCurrent()) return false;
      api.resolveDiscussion(project, iid, e.threadId(), true);
    }
    for (CommentPlan.Existing e : plan.unresolve()) {
      if (!context.stillCurrent()) return false;
      api.resolveDiscussion(project, iid, e.threadId(), false);
    }
    return true;
  }

  /**
   * GitLab's text position for a head line: an added line takes {@code new_line} only, an unchanged line inside a
   * hunk both line numbers (GitLab's rule); a multi-line comment is anchored on its last line.
   */
  static Position position(CommentPlan.Position at, ChangedFile file, DiffRefs refs) {
    if (file == null || file.newPath() == null) return null;
    String oldPath = file.oldPath() == null ? file.newPath() : file.oldPath();
    for (Hunk h : file.hunks()) {
      for (DiffLine l : h.lines()) {
        if (l.newNumber() != at.line()) continue;
        if (l.kind() == DiffLine.Kind.ADDED) return new Position(refs.baseSha(), refs.startSha(), refs.headSha(), oldPath, file.newPath(), null, l.newNumber());
        if (l.kind() == DiffLine.Kind.CONTEXT) return new Position(refs.baseSha(), refs.startSha(), refs.headSha(), oldPath, file.newPath(), l.oldNumber(), l.newNumber());
      }
    }
    return null;
  }

  // ---- the summary note ----

  private void summary(String project, long iid, String summary) {
    String bot = bot();
    String text = SummaryRenderer.asComment(summary);
    for (Note n : api.notes(project, iid)) {
      if (!n.system() && Marker.isSummary(n.author(), bot, n.body())) {
        if (!n.body().equals(text)) api.editNote(project, iid, n.id(), text);
        return;
      }
    }
    api.createNote(project, iid, text);
  }

  /** The status description: counts by severity. */
  static String describe(ReviewResult result) {
    if (result.findings().isEmpty()) return "No findings";
    StringBuilder sb = new StringBuilder();
    result.countBySeverity().forEach((s, n) -> {
      if (n > 0) sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.id()).append(n == 1 ? "" : "s");
    });
    return sb.toString();
  }

  private static Instant instant(String iso) {
    try {
      return iso == null ? Instant.EPOCH : OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static String shortSha(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }

  @Override
  public String toString() {
    return "GitLabReviewHandler[" + api + "]";
  }
}
