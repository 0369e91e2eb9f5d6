package dev.vetter.github.review;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.git.GitRepository;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;

/**
 * GitHub in memory for one repository with one pull request ({@code main} ← {@code feature}), read from a real git
 * repository; it keeps what Vetter writes (check runs, statuses, reviews, comments, threads) and records every call.
 * Enforces the limits GitHub enforces on what Vetter sends (at most 50 annotations per request, bodies under
 * 65,536 characters, inline comments only on lines of the diff). Faults: a crash before the Nth call (the worker
 * killed), a status before a call (e.g. 403 on createCheckRun), a 5xx after a write took effect.
 */
final class InMemoryGitHub implements GitHubApi {
  static final String BOT = "vetter[bot]";
  static final String REPO = "octo/widgets";
  static final long NUMBER = 7;

  private final GitRepository git;
  final List<String> calls = new ArrayList<>();
  private long nextId = 1000;

  // the pull request
  String state = "open";
  boolean draft;
  boolean merged;
  String headOverride;

  // what Vetter wrote
  final Map<Long, Run> checkRuns = new TreeMap<>();
  final List<StatusWrite> statuses = new ArrayList<>();
  final List<ReviewWrite> reviews = new ArrayList<>();
  final Map<Long, ReviewComment> comments = new TreeMap<>();
  final Map<String, Thread> threads = new LinkedHashMap<>();
  final Map<Long, IssueComment> issueComments = new TreeMap<>();

  // faults
  private int crashAt = -1;
  private final List<Fault> faults = new ArrayList<>();

  /** A check run as GitHub keeps it: annotations accumulate. */
  static final class Run {
    String headSha;
    String externalId;
    String status;
    String conclusion;
    String title;
    String summary;
    final List<Annotation> annotations = new ArrayList<>();
    final List<String> statusHistory = new ArrayList<>();
  }

  static final class Thread {
    final String id;
    final long firstCommentId;
    boolean resolved;
    int comments = 1;

    Thread(String id, long firstCommentId) {
      this.id = id;
      this.firstCommentId = firstCommentId;
    }
  }

  private record Fault(String method, int status, boolean afterWrite, int[] remaining) {}

  InMemoryGitHub(GitRepository git) {
    this.git = git;
  }

  // ---- fault injection ----

  /** The worker dies right before its {@code n}th call (1-based): the call never reaches GitHub. */
  InMemoryGitHub crashBeforeCall(int n) {
    this.crashAt = n;
    return this;
  }

  /** {@code method} fails with {@code status} before doing anything, {@code times} times. */
  InMemoryGitHub failBefore(String method, int status, int times) {
    faults.add(new Fault(method, status, false, new int[] {times}));
    return this;
  }

  /** {@code method} does its write, then answers {@code status} (a 502 that still happened), once. */
  InMemoryGitHub failAfterWrite(String method, int status) {
    faults.add(new Fault(method, status, true, new int[] {1}));
    return this;
  }

  static final class Crash extends RuntimeException {
    Crash(String m) {
      super(m);
    }
  }

  private void call(String method, String detail) {
    calls.add(method + (detail.isEmpty() ? "" : " " + detail));
    if (crashAt == calls.size()) {
      crashAt = -1;
      calls.remove(calls.size() - 1);
      throw new Crash("worker killed before " + method);
    }
    for (Fault f : faults) {
      if (!f.afterWrite() && f.method().equals(method) && f.remaining()[0] > 0) {
        f.remaining()[0]--;
        throw new GitHubException(f.status(), "injected " + f.status() + " on " + method);
      }
    }
  }

  private void wrote(String method) {
    for (Fault f : faults) {
      if (f.afterWrite() && f.method().equals(method) && f.remaining()[0] > 0) {
        f.remaining()[0]--;
        throw new GitHubException(f.status(), "injected " + f.status() + " after " + method + " took effect");
      }
    }
  }

  // ---- people ----

  /** A person replies in the thread of {@code commentId}. */
  void humanReply(long commentId, String author, String body) {
    long id = nextId++;
    ReviewComment first = comments.get(commentId);
    comments.put(id, new ReviewComment(id, "N" + id, author, body, first.path(), first.line(), first.side(), first.commitId(), commentId));
    threads.values().stream().filter(t -> t.firstCommentId == commentId).forEach(t -> t.comments++);
  }

  List<ReviewComment> topLevel() {
    return comments.values().stream().filter(c -> c.inReplyToId() == null).toList();
  }

  Thread threadOf(long commentId) {
    return threads.values().stream().filter(t -> t.firstCommentId == commentId).findFirst().orElseThrow();
  }

  String head() {
    return headOverride != null ? headOverride : resolve("feature");
  }

  String resolve(String ref) {
    try {
      return git.jgit().resolve(ref + "^{commit}").name();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- reading ----

  private Change change() {
    return git.range("main", head());
  }

  @Override
  public PullRequest pullRequest(String repo, long number) {
    call("pullRequest", "");
    String base = resolve("main");
    return new PullRequest(NUMBER, state, draft, merged, "Add widgets", "body", "ada", "main", base, "feature", head(), REPO);
  }

  @Override
  public List<PullFile> pullFiles(String repo, long number) {
    call("pullFiles", "");
    List<PullFile> files = new ArrayList<>();
    for (ChangedFile f : change().files()) {
      String status = switch (f.status()) {
        case ADDED -> "added";
        case DELETED -> "removed";
        case RENAMED -> "renamed";
        case COPIED -> "copied";
        case MODIFIED -> "modified";
      };
      files.add(new PullFile(f.path(), f.status() == dev.vetter.change.FileStatus.RENAMED ? f.oldPath() : null, status,
          f.newBlob() != null ? f.newBlob() : f.oldBlob(), 0, 0, null));
    }
    return files;
  }

  @Override
  public List<PullCommit> pullCommits(String repo, long number) {
    call("pullCommits", "");
    return change().commits().stream().map(c -> new PullCommit(c.id(), c.message(), c.author().name(), c.author().email(), c.author().when().toString(),
        c.committer().name(), c.committer().email(), c.committer().when().toString(), c.parents())).toList();
  }

  @Override
  public String mergeBase(String repo, String base, String head) {
    call("mergeBase", "");
    return git.range(base, head).baseCommit();
  }

  @Override
  public Optional<byte[]> blob(String repo, String sha) {
    call("blob", sha.substring(0, 7));
    try (var reader = git.jgit().newObjectReader()) {
      return Optional.of(reader.open(ObjectId.fromString(sha)).getBytes());
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<byte[]> fileAt(String repo, String ref, String path) {
    call("fileAt", path);
    return git.fileAt(ref, path).map(FileContent::bytes);
  }

  @Override
  public List<PullRequest> openPullRequests(String repo) {
    call("openPullRequests", "");
    return "open".equals(state) ? List.of(pullRequest(repo, NUMBER)) : List.of();
  }

  @Override
  public List<String> repositories() {
    call("repositories", "");
    return List.of(REPO);
  }

  // ---- checks ----

  @Override
  public List<CheckRun> checkRuns(String repo, String sha, String name) {
    call("checkRuns", "");
    List<CheckRun> list = new ArrayList<>();
    checkRuns.forEach((id, r) -> {
      if (r.headSha.equals(sha) && name.equals("vetter")) list.add(new CheckRun(id, "vetter", r.headSha, r.status, r.conclusion, r.externalId, r.annotations.size()));
    });
    return list;
  }

  @Override
  public long createCheckRun(String repo, CheckRunWrite run) {
    call("createCheckRun", run.status());
    validate(run);
    long id = nextId++;
    Run r = new Run();
    r.headSha = run.headSha();
    r.externalId = run.externalId();
    apply(r, run);
    checkRuns.put(id, r);
    wrote("createCheckRun");
    return id;
  }

  @Override
  public void updateCheckRun(String repo, long id, CheckRunWrite run) {
    call("updateCheckRun", run.status() + (run.annotations() == null ? "" : " +" + run.annotations().size()));
    validate(run);
    Run r = checkRuns.get(id);
    if (r == null) throw new GitHubException(404, "no check run " + id);
    apply(r, run);
    wrote("updateCheckRun");
  }

  private static void validate(CheckRunWrite run) {
    if (run.annotations() != null && run.annotations().size() > 50) throw new GitHubException(422, "more than 50 annotations");
    if (run.summary() != null && run.summary().length() > 65_535) throw new GitHubException(422, "summary too long");
    if (run.conclusion() != null && !"completed".equals(run.status())) throw new GitHubException(422, "conclusion without completed");
  }

  private static void apply(Run r, CheckRunWrite w) {
    if (w.status() != null) {
      r.status = w.status();
      r.statusHistory.add(w.status());
    }
    if (w.conclusion() != null) r.conclusion = w.conclusion();
    if (w.title() != null) r.title = w.title();
    if (w.summary() != null) r.summary = w.summary();
    if (w.annotations() != null) r.annotations.addAll(w.annotations());
  }

  @Override
  public void createStatus(String repo, String sha, StatusWrite status) {
    call("createStatus", status.state());
    statuses.add(status);
    wrote("createStatus");
  }

  // ---- review comments ----

  @Override
  public List<ReviewComment> reviewComments(String repo, long number) {
    call("reviewComments", "");
    return List.copyOf(comments.values());
  }

  @Override
  public long createReview(String repo, long number, ReviewWrite review) {
    call("createReview", review.event() + " " + review.comments().size());
    if ("APPROVE".equals(review.event())) throw new AssertionError("Vetter never approves");
    Change change = git.range("main", review.commitId());
    for (NewComment c : review.comments()) {
      ChangedFile f = change.files().stream().filter(x -> c.path().equals(x.newPath())).findFirst()
          .orElseThrow(() -> new GitHubException(422, "path not in the diff: " + c.path()));
      if (!"RIGHT".equals(c.side()) || !f.inHunk(c.line()) || (c.startLine() != null && !f.inHunk(c.startLine()))) {
        throw new GitHubException(422, "line must be part of the diff: " + c.path() + ":" + c.line());
      }
      if (c.body().length() > 65_535) throw new GitHubException(422, "body too long");
    }
    long reviewId = nextId++;
    reviews.add(review);
    for (NewComment c : review.comments()) {
      long id = nextId++;
      comments.put(id, new ReviewComment(id, "N" + id, BOT, c.body(), c.path(), c.line(), c.side(), review.commitId(), null));
      threads.put("T" + id, new Thread("T" + id, id));
    }
    wrote("createReview");
    return reviewId;
  }

  @Override
  public void updateReviewComment(String repo, long commentId, String body) {
    call("updateReviewComment", String.valueOf(commentId));
    ReviewComment c = comments.get(commentId);
    if (c == null) throw new GitHubException(404, "no comment " + commentId);
    if (body.length() > 65_535) throw new GitHubException(422, "body too long");
    comments.put(commentId, new ReviewComment(c.id(), c.nodeId(), c.author(), body, c.path(), c.line(), c.side(), c.commitId(), c.inReplyToId()));
    wrote("updateReviewComment");
  }

  @Override
  public List<ReviewThread> reviewThreads(String repo, long number) {
    call("reviewThreads", "");
    return threads.values().stream().map(t -> {
      ReviewComment first = comments.get(t.firstCommentId);
      return new ReviewThread(t.id, t.resolved, false, t.firstCommentId, first.author(), first.body(), t.comments);
    }).toList();
  }

  @Override
  public void resolveThread(String threadId) {
    call("resolveThread", threadId);
    threads.get(threadId).resolved = true;
    wrote("resolveThread");
  }

  @Override
  public void unresolveThread(String threadId) {
    call("unresolveThread", threadId);
    threads.get(threadId).resolved = false;
    wrote("unresolveThread");
  }

  // ---- issue comments ----

  @Override
  public List<IssueComment> issueComments(String repo, long number) {
    call("issueComments", "");
    return List.copyOf(issueComments.values());
  }

  @Override
  public long createIssueComment(String repo, long number, String body) {
    call("createIssueComment", "");
    long id = nextId++;
    issueComments.put(id, new IssueComment(id, BOT, body));
    wrote("createIssueComment");
    return id;
  }

  @Override
  public void updateIssueComment(String repo, long commentId, String body) {
    call("updateIssueComment", String.valueOf(commentId));
    issueComments.put(commentId, new IssueComment(commentId, BOT, body));
    wrote("updateIssueComment");
  }

  /** Calls that change something on GitHub. */
  List<String> writes() {
    Predicate<String> write = c -> c.startsWith("create") || c.startsWith("update") || c.startsWith("resolve") || c.startsWith("unresolve");
    return calls.stream().filter(write).toList();
  }

  /** Collaborators' role names; anyone else is not a collaborator ({@code none}). */
  final Map<String, String> roles = new java.util.HashMap<>();

  @Override
  public synchronized String permission(String repo, String username) {
    calls.add("permission " + username);
    return roles.getOrDefault(username, "none");
  }

  @Override
  public synchronized long replyToReviewComment(String repo, long number, long commentId, String body) {
    calls.add("replyToReviewComment " + commentId);
    long id = comments.isEmpty() ? 1_000 : comments.keySet().stream().mapToLong(Long::longValue).max().getAsLong() + 1;
    ReviewComment parent = comments.get(commentId);
    comments.put(id, new ReviewComment(id, "N" + id, BOT, body, parent == null ? null : parent.path(), parent == null ? null : parent.line(),
        parent == null ? "RIGHT" : parent.side(), parent == null ? null : parent.commitId(), commentId));
    return id;
  }
}
