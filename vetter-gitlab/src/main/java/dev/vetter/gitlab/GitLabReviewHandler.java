package dev.vetter.gitlab;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import dev.vetter.check.Finding;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.gitlab.GitLabApi.CommitStatus;
import dev.vetter.gitlab.GitLabApi.DiffRefs;
import dev.vetter.gitlab.GitLabApi.Discussion;
import dev.vetter.gitlab.GitLabApi.MergeRequest;
import dev.vetter.gitlab.GitLabApi.Note;
import dev.vetter.gitlab.GitLabApi.Position;
import dev.vetter.gitlab.GitLabApi.StatusWrite;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobContext;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.ReviewJobHandler;
import dev.vetter.server.webhook.Forge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reviews a GitLab merge request and posts the result: commit status {@code vetter} (running, then success or
 * failed per the policy's {@code fail-on}), inline discussions on changed lines (at most the policy's cap), and one
 * summary note updated in place. Reads {@code .vetter.yml} (and, through the change's base contents, CODEOWNERS)
 * from the merge request's base, never from its head. Thread-safe.
 *
 * <p>Posting is idempotent: every discussion and the summary carry a hidden marker, and existing markers are looked
 * up before anything is created, so a job retried after a crash between two calls ends where a clean run would.
 * On the next push, discussions of findings that persist are edited (never repeated), those of fixed findings are
 * resolved, and a discussion someone replied to is kept (Vetter never deletes).
 */
public final class GitLabReviewHandler implements ReviewJobHandler, OpenPullRequestSource {
  /** The commit status's name. */
  public static final String STATUS_NAME = "vetter";
  static final String SUMMARY_MARKER = "<!-- vetter:summary -->";
  static final String FINDING_MARKER = "<!-- vetter:finding ";
  /** GitLab stores note bodies up to 1,000,000 characters; stay well below. */
  static final int MAX_BODY = 60_000;
  /** GitLab truncates a status description at 255 characters. */
  static final int MAX_DESCRIPTION = 255;

  private final GitLabApi api;
  private final CheckRegistry registry;
  private final boolean reviewDrafts;
  private final String targetUrl;
  private volatile String botUser;

  /**
   * @param targetUrl where the status links to (null: nowhere)
   */
  public GitLabReviewHandler(GitLabApi api, CheckRegistry registry, boolean reviewDrafts, String targetUrl) {
    this.api = requireNonNull(api, "api == null");
    this.registry = requireNonNull(registry, "registry == null");
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
        .map(m -> new OpenPullRequest(Forge.GITLAB, installation, m.project(), m.iid(), m.sha(), m.draft())).toList();
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

      Policy policy;
      try {
        policy = policy(project, refs.baseSha());
      } catch (PolicyError e) {
        if (!context.stillCurrent()) return superseded();
        summary(project, iid, SUMMARY_MARKER + "\n### Vetter could not review this merge request\n\nThe policy file `" + Reviewer.POLICY_FILE
            + "` on the target branch is invalid:\n\n" + bullets(e.problems().stream().map(Object::toString).toList()));
        if (!context.stillCurrent()) return superseded();
        status(project, mr, "failed", "Invalid " + Reviewer.POLICY_FILE + " on the target branch");
        return Outcome.done();
      }
      Change change = MergeRequestChange.of(api, project, mr, api.mergeRequestDiffs(project, iid), api.mergeRequestCommits(project, iid));
      ReviewResult result = new Reviewer(registry, policy).review(change);

      if (!context.stillCurrent()) return superseded();
      List<Finding> overCap = discussions(project, iid, refs, change, result, policy.maxInlineComments(), context);
      if (overCap == null) return superseded();
      if (!context.stillCurrent()) return superseded();
      summary(project, iid, renderSummary(result, overCap, refs.headSha()));
      if (!context.stillCurrent()) return superseded();
      status(project, mr, result.failed() ? "failed" : "success", describe(result));
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

  private Policy policy(String project, String baseSha) {
    Optional<byte[]> file = api.fileAt(project, baseSha, Reviewer.POLICY_FILE);
    List<YamlSource> layers = file.isEmpty() ? List.of() : List.of(YamlSource.decode(Reviewer.POLICY_FILE + "@" + shortSha(baseSha), file.get()));
    return new PolicyLoader(registry).load(layers);
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
    List<CommitStatus> existing = api.commitStatuses(project, sha, STATUS_NAME);
    if (!existing.isEmpty() && existing.getFirst().status().equals(state) && d.equals(existing.getFirst().description())) return;
    try {
      api.setStatus(project, sha, new StatusWrite(state, STATUS_NAME, ref, d, targetUrl));
    } catch (GitLabException e) {
      // GitLab refuses a transition to the state the status is already in: a retry found it done
      if (e.status() != 400 || !String.valueOf(e.getMessage()).contains("Cannot transition")) throw e;
    }
  }

  // ---- discussions ----

  /** A finding Vetter would comment on, where on the diff, and the text. */
  private record Inline(Finding finding, Position position, String body) {}

  /**
   * Brings Vetter's discussions in line with {@code result}; returns the findings over the inline cap (for the
   * summary), or null when the job stopped being current half-way.
   */
  private List<Finding> discussions(String project, long iid, DiffRefs refs, Change change, ReviewResult result, int cap, JobContext context) {
    String bot = bot();
    Map<String, Discussion> mine = new LinkedHashMap<>();
    for (Discussion d : api.discussions(project, iid)) {
      if (d.notes().isEmpty() || !bot.equals(d.first().author())) continue;
      fingerprint(d.first().body()).ifPresent(fp -> mine.putIfAbsent(fp, d));
    }
    List<Inline> wanted = new ArrayList<>();
    List<Finding> overCap = new ArrayList<>();
    Map<String, ChangedFile> files = new LinkedHashMap<>();
    change.files().forEach(f -> files.put(f.path(), f));
    for (Finding f : result.findings()) {
      Position p = position(f, files.get(f.path()), refs);
      if (p == null || f.fingerprint() == null) continue;
      if (wanted.size() < cap) wanted.add(new Inline(f, p, renderInline(f)));
      else overCap.add(f);
    }
    java.util.Set<String> current = new java.util.HashSet<>();
    for (Inline in : wanted) {
      current.add(in.finding().fingerprint());
      Discussion existing = mine.get(in.finding().fingerprint());
      if (!context.stillCurrent()) return null;
      if (existing == null) {
        api.createDiscussion(project, iid, in.body(), in.position());
        continue;
      }
      if (!existing.first().body().equals(in.body())) api.editDiscussionNote(project, iid, existing.id(), existing.first().id(), in.body());
      // the finding came back after it was fixed and its discussion resolved
      if (existing.resolved()) api.resolveDiscussion(project, iid, existing.id(), false);
    }
    for (Map.Entry<String, Discussion> e : mine.entrySet()) {
      if (current.contains(e.getKey()) || e.getValue().resolved() || !e.getValue().first().resolvable()) continue;
      if (!context.stillCurrent()) return null;
      // fixed (or now over the cap): resolved, never deleted, whoever replied
      api.resolveDiscussion(project, iid, e.getValue().id(), true);
    }
    return overCap;
  }

  /**
   * Where a finding goes on the diff: an added line takes {@code new_line} only, an unchanged line inside a hunk
   * both line numbers (GitLab's rule); null when the line is not on the diff.
   */
  static Position position(Finding f, ChangedFile file, DiffRefs refs) {
    if (file == null || f.line() < 1 || file.newPath() == null) return null;
    for (Hunk h : file.hunks()) {
      for (DiffLine l : h.lines()) {
        if (l.newNumber() != f.line()) continue;
        String oldPath = file.oldPath() == null ? file.newPath() : file.oldPath();
        if (l.kind() == DiffLine.Kind.ADDED) return new Position(refs.baseSha(), refs.startSha(), refs.headSha(), oldPath, file.newPath(), null, l.newNumber());
        if (l.kind() == DiffLine.Kind.CONTEXT) return new Position(refs.baseSha(), refs.startSha(), refs.headSha(), oldPath, file.newPath(), l.oldNumber(), l.newNumber());
      }
    }
    return null;
  }

  static Optional<String> fingerprint(String body) {
    if (body == null) return Optional.empty();
    int at = body.indexOf(FINDING_MARKER);
    if (at < 0) return Optional.empty();
    int end = body.indexOf(" -->", at);
    if (end < 0) return Optional.empty();
    String fp = body.substring(at + FINDING_MARKER.length(), end).strip();
    return fp.matches("[0-9a-zA-Z:_-]{1,128}") ? Optional.of(fp) : Optional.empty();
  }

  // ---- the summary note ----

  private void summary(String project, long iid, String body) {
    String bot = bot();
    String text = truncate(body);
    for (Note n : api.notes(project, iid)) {
      if (!n.system() && bot.equals(n.author()) && n.body() != null && n.body().contains(SUMMARY_MARKER)) {
        if (!n.body().equals(text)) api.editNote(project, iid, n.id(), text);
        return;
      }
    }
    api.createNote(project, iid, text);
  }

  // ---- rendering ----

  static String renderInline(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append("**").append(f.severity().id()).append("** `").append(f.rule()).append("`: ").append(escape(f.message()));
    if (f.suggestion() != null) sb.append("\n\n```suggestion:-0+").append(Math.max(0, f.endLine() - f.line())).append('\n').append(f.suggestion()).append("\n```");
    sb.append("\n\n").append(FINDING_MARKER).append(f.fingerprint()).append(" -->");
    return truncate(sb.toString());
  }

  static String renderSummary(ReviewResult result, List<Finding> overCap, String head) {
    StringBuilder sb = new StringBuilder(SUMMARY_MARKER).append("\n### Vetter: ");
    if (result.findings().isEmpty()) {
      sb.append("no findings\n");
    } else {
      sb.append(result.findings().size()).append(result.findings().size() == 1 ? " finding" : " findings").append(result.failed() ? " (fails the policy)" : "").append("\n\n");
      sb.append("| severity | count |\n|---|---|\n");
      result.countBySeverity().forEach((s, n) -> {
        if (n > 0) sb.append("| ").append(s.id()).append(" | ").append(n).append(" |\n");
      });
      List<Finding> listed = result.findings().stream().filter(f -> f.line() < 1 || overCap.contains(f)).toList();
      if (!listed.isEmpty()) {
        sb.append("\nNot shown inline (file-level, or over the limit of inline comments):\n\n");
        for (Finding f : listed) {
          sb.append("- **").append(f.severity().id()).append("** `").append(f.rule()).append("` ")
              .append(f.path() == null ? "" : "`" + f.path() + (f.line() > 0 ? ":" + f.line() : "") + "` ").append(escape(f.message())).append('\n');
        }
      }
    }
    if (result.suppressed() + result.baselined() > 0) {
      sb.append("\n").append(result.suppressed()).append(" suppressed, ").append(result.baselined()).append(" in the baseline.\n");
    }
    sb.append("\n<sub>Reviewed ").append(head).append(".</sub>\n");
    return sb.toString();
  }

  static String describe(ReviewResult result) {
    if (result.findings().isEmpty()) return "No findings";
    StringBuilder sb = new StringBuilder();
    result.countBySeverity().forEach((s, n) -> {
      if (n > 0) sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.id()).append(n == 1 ? "" : "s");
    });
    return sb.toString();
  }

  /** Finding messages quote code; keep them from opening HTML or closing the marker comment. */
  private static String escape(String s) {
    return s.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String bullets(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append("- ").append(escape(l)).append('\n'));
    return sb.toString();
  }

  static String truncate(String body) {
    if (body.length() <= MAX_BODY) return body;
    // keep the marker: it is how the next run finds this note
    int marker = body.lastIndexOf(FINDING_MARKER);
    String tail = marker >= 0 ? "\n\n" + body.substring(marker) : "";
    String note = "\n\n… (truncated)";
    return body.substring(0, MAX_BODY - tail.length() - note.length()) + note + tail;
  }

  private static String shortSha(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }

  @Override
  public String toString() {
    return "GitLabReviewHandler[" + api + "]";
  }
}
