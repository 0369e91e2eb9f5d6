package dev.vetter.github.review;

import static dev.vetter.github.review.InMemoryGitHub.BOT;
import static dev.vetter.github.review.InMemoryGitHub.NUMBER;
import static dev.vetter.github.review.InMemoryGitHub.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.forge.Marker;
import dev.vetter.git.GitRepository;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.review.ReviewSetup;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobContext;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.webhook.Forge;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubReviewHandlerTest {
  static final CheckRegistry REGISTRY = new CheckRegistry(BuiltInChecks.all());
  static final String TWS = "hygiene/trailing-whitespace";
  static final String TODO = "hygiene/todo-without-issue";

  @TempDir Path tmp;
  TestRepo repo;
  GitRepository git;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".vetter.yml", "fail-on: notice\nrules: {hygiene: {mode: block}}\n").write("src/a.txt", "one\ntwo\n").stageAll().commit("initial");
    repo.branch("feature").checkout("feature");
    // the head tries to switch hygiene off: the base branch's policy must still govern
    repo.write(".vetter.yml", "fail-on: never\nrules:\n  hygiene: false\n")
        .write("src/a.txt", "one\ntwo  \nthree \n// TODO later\n").stageAll().commit("work");
    git = GitRepository.open(repo.dir());
  }

  @AfterEach
  void tearDown() {
    git.close();
    repo.close();
  }

  static final class Context implements JobContext {
    volatile boolean current = true;

    @Override
    public boolean stillCurrent() {
      return current;
    }

    @Override
    public String workerId() {
      return "w1";
    }
  }

  static GitHubConnector connector(GitHubApi api) {
    return new GitHubConnector() {
      @Override
      public GitHubApi installation(String installation) {
        return api;
      }

      @Override
      public List<String> installations() {
        return List.of(TOKEN);
      }

      @Override
      public String botLogin() {
        return BOT;
      }
    };
  }

  InMemoryGitHub github() {
    return new InMemoryGitHub(git);
  }

  static Outcome run(InMemoryGitHub gh, long jobId, int attempt) throws Exception {
    return run(gh, jobId, attempt, gh.head(), new Context());
  }

  static Outcome run(InMemoryGitHub gh, long jobId, int attempt, String head, Context context) throws Exception {
    Job job = new Job(jobId, Forge.GITHUB, GitHubConnector.TOKEN, REPO, NUMBER, head, "pull_request.synchronize", attempt, 1, Instant.EPOCH);
    return new GitHubReviewHandler(connector(gh), REGISTRY, false).handle(job, context);
  }

  /** What is on GitHub, without ids: the check runs, statuses, comments (with their threads) and issue comments. */
  static List<String> state(InMemoryGitHub gh) {
    List<String> s = new ArrayList<>();
    gh.checkRuns.values().forEach(r -> s.add("run " + r.headSha.substring(0, 7) + " " + r.statusHistory + " " + r.conclusion + " "
        + r.annotations.size() + " annotations, title " + r.title + ", summary " + r.summary.hashCode()));
    gh.statuses.forEach(st -> s.add("status " + st.state() + " " + st.description()));
    gh.comments.values().forEach(c -> s.add("comment " + c.author() + " " + c.path() + ":" + c.line() + " reply-to " + (c.inReplyToId() != null)
        + (c.inReplyToId() == null ? " resolved " + gh.threadOf(c.id()).resolved : "") + " " + c.body().hashCode()));
    gh.issueComments.values().forEach(c -> s.add("issue comment " + c.body().hashCode()));
    return s;
  }

  static List<String> inline(InMemoryGitHub gh) {
    return gh.topLevel().stream().map(c -> c.path() + ":" + c.line() + " " + Marker.parse(c.body()).orElseThrow().rule()).toList();
  }

  @Test
  void aPullRequestAtGitHubsFileLimitIsNeverASilentPass() throws Exception {
    // a clean change of 3 files, with the handler told GitHub's list stops at 3 (it stops at 3,000)
    repo.checkout("main").branch("wide").checkout("wide");
    for (int i = 0; i < 3; i++) repo.write("wide/f" + i + ".txt", "clean " + i + "\n");
    repo.stageAll().commit("docs: add the wide notes");
    InMemoryGitHub gh = github();
    gh.headOverride = gh.resolve("wide");
    Job job = new Job(9, Forge.GITHUB, GitHubConnector.TOKEN, REPO, NUMBER, gh.head(), "pull_request.opened", 1, 1, Instant.EPOCH);
    assertThat(new GitHubReviewHandler(connector(gh), REGISTRY, false, 3).handle(job, new Context())).isEqualTo(Outcome.done());
    InMemoryGitHub.Run run = gh.checkRuns.values().iterator().next();
    assertThat(run.conclusion).isEqualTo("neutral");
    assertThat(run.title).startsWith("Partial review (first 3 files)");
    assertThat(run.summary).contains("GitHub lists at most 3 files");

    // below the limit the same change passes
    InMemoryGitHub again = github();
    again.headOverride = gh.headOverride;
    Job job2 = new Job(10, Forge.GITHUB, GitHubConnector.TOKEN, REPO, NUMBER, again.head(), "pull_request.opened", 1, 1, Instant.EPOCH);
    assertThat(new GitHubReviewHandler(connector(again), REGISTRY, false, 4).handle(job2, new Context())).isEqualTo(Outcome.done());
    assertThat(again.checkRuns.values().iterator().next().conclusion).isEqualTo("success");
  }

  // 35. A tree entry named ".." (git's push checks refuse it; the API lists it all the same): one line in the summary
  // saying why the file was not read, not an internal error from every check.
  @Test
  void aTreeEntryThatLeavesTheRepositoryIsSkippedWithItsReason() throws Exception {
    GitCli.assumeAvailable();
    String blob = GitCli.exec(repo.dir(), "escape\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin").stdout().strip();
    String sub = GitCli.exec(repo.dir(), ("100644 blob " + blob + "\tescape.txt\n").getBytes(StandardCharsets.UTF_8), "mktree").stdout().strip();
    String tree = GitCli.exec(repo.dir(), (GitCli.run(repo.dir(), "ls-tree", "feature") + "040000 tree " + sub + "\t..\n").getBytes(StandardCharsets.UTF_8),
        "mktree").stdout().strip();
    String commit = GitCli.run(repo.dir(), "commit-tree", tree, "-p", "feature", "-m", "fix: escape").strip();
    GitCli.run(repo.dir(), "update-ref", "refs/heads/feature", commit);
    InMemoryGitHub gh = github();
    assertThat(gh.pullFiles(REPO, NUMBER)).extracting(GitHubApi.PullFile::filename).as("what the API lists").contains("../escape.txt");

    assertThat(run(gh, 1, 1)).isEqualTo(Outcome.done());
    InMemoryGitHub.Run run = gh.checkRuns.values().iterator().next();
    assertThat(run.annotations).extracting(GitHubApi.Annotation::title).doesNotContain("vetter/internal-error");
    assertThat(run.summary).doesNotContain("internal-error").contains("Not reviewed", "../escape.txt", "outside the repository");
    assertThat(gh.calls).as("never asked for").noneMatch(c -> c.contains("escape"));
    // the rest of the change is reviewed as before
    assertThat(inline(gh)).containsExactly("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS, "src/a.txt:4 " + TODO);
  }

  @Test
  void firstPushPostsOneCheckRunAndOneCommentPerFindingOnTheDiff() throws Exception {
    InMemoryGitHub gh = github();
    assertThat(run(gh, 1, 1)).isEqualTo(Outcome.done());
    assertThat(gh.checkRuns).hasSize(1);
    InMemoryGitHub.Run run = gh.checkRuns.values().iterator().next();
    assertThat(run.statusHistory).containsExactly("queued", "in_progress", "completed");
    assertThat(run.conclusion).isEqualTo("failure"); // fail-on: notice with hygiene blocking, from main; the head's "never" is ignored
    assertThat(run.externalId).isEqualTo("vetter-job-1");
    assertThat(run.summary).contains("## Vetter", "Inline comments");
    // the base policy governs: hygiene findings although the head's .vetter.yml turns hygiene off
    assertThat(inline(gh)).containsExactly("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS, "src/a.txt:4 " + TODO);
    assertThat(run.annotations).extracting(a -> a.path() + ":" + a.startLine() + " " + a.title())
        .contains("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS, "src/a.txt:4 " + TODO);
    assertThat(gh.reviews).singleElement().satisfies(r -> assertThat(r.event()).isEqualTo("COMMENT"));
    assertThat(gh.threads.values()).noneMatch(t -> t.resolved);
  }

  @Test
  void secondPushUpdatesResolvesAndAddsWithoutDuplicates() throws Exception {
    InMemoryGitHub gh = github();
    run(gh, 1, 1);
    long fixedId = gh.topLevel().get(0).id(); // line 2's trailing whitespace
    repo.write("src/a.txt", "one\ntwo\nthree \n// TODO later\nfive \n").stageAll().commit("fix line 2, break line 5");
    int before = gh.calls.size();
    assertThat(run(gh, 2, 1)).isEqualTo(Outcome.done());
    List<String> secondWrites = gh.calls.subList(before, gh.calls.size()).stream()
        .filter(c -> c.startsWith("createReview") || c.startsWith("updateReviewComment") || c.startsWith("resolveThread")).toList();
    assertThat(secondWrites).containsExactly("createReview COMMENT 1", "updateReviewComment " + fixedId, "resolveThread T" + fixedId);
    assertThat(inline(gh)).containsExactly("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS, "src/a.txt:4 " + TODO, "src/a.txt:5 " + TWS);
    assertThat(gh.topLevel().stream().map(c -> Marker.parse(c.body()).orElseThrow().fingerprint()).distinct()).hasSize(4);
    assertThat(gh.threadOf(fixedId).resolved).isTrue();
    assertThat(Marker.parse(gh.comments.get(fixedId).body()).orElseThrow().fixed()).isTrue();
    assertThat(gh.threads.values().stream().filter(t -> t.resolved)).hasSize(1);
    assertThat(gh.checkRuns).hasSize(2); // one per head
    // the same head again (a redelivery as a new job): nothing new inline
    int writesBefore = gh.writes().size();
    run(gh, 3, 1);
    assertThat(gh.writes().subList(writesBefore, gh.writes().size())).noneMatch(w -> w.startsWith("createReview") || w.startsWith("updateReviewComment"));
  }

  @Test
  void aRetryAfterTheWorkerDiedBetweenAnyTwoCallsEndsLikeACleanRun() throws Exception {
    InMemoryGitHub clean = github();
    run(clean, 1, 1);
    List<String> expected = state(clean);
    int calls = clean.calls.size();
    for (int n = 1; n <= calls; n++) {
      InMemoryGitHub gh = github().crashBeforeCall(n);
      assertThatThrownBy(() -> run(gh, 1, 1)).isInstanceOf(InMemoryGitHub.Crash.class);
      assertThat(run(gh, 1, 2)).as("retry after a crash before call %d", n).isEqualTo(Outcome.done());
      assertThat(state(gh)).as("end state after a crash before call %d", n).isEqualTo(expected);
    }
  }

  @Test
  void aWriteThatHappenedDespiteA502IsNotRepeated() throws Exception {
    InMemoryGitHub clean = github();
    run(clean, 1, 1);
    List<String> expected = state(clean);
    for (String method : List.of("createCheckRun", "updateCheckRun", "createReview")) {
      InMemoryGitHub gh = github().failAfterWrite(method, 502);
      Outcome first = run(gh, 1, 1);
      if (!(first instanceof Outcome.Done)) {
        assertThat(first).isInstanceOf(Outcome.Retry.class);
        assertThat(run(gh, 1, 2)).isEqualTo(Outcome.done());
      }
      assertThat(state(gh)).as("after a 502 on %s that took effect", method).isEqualTo(expected);
    }
    // on the second push: an edit and a resolve that happened although GitHub answered 502
    for (String method : List.of("updateReviewComment", "resolveThread")) {
      repo.write("src/a.txt", "one\ntwo  \nthree \n// TODO later\n").stageAll().commit("break line 2 " + method);
      InMemoryGitHub a = github();
      run(a, 1, 1);
      InMemoryGitHub b = github();
      run(b, 1, 1);
      repo.write("src/a.txt", "one\ntwo\nthree \n// TODO later\n").stageAll().commit("fix line 2 " + method);
      run(a, 2, 1);
      b.failAfterWrite(method, 502);
      Outcome first = run(b, 2, 1);
      assertThat(first).isInstanceOf(Outcome.Retry.class);
      assertThat(run(b, 2, 2)).isEqualTo(Outcome.done());
      assertThat(state(b)).as("second push, 502 on %s", method).isEqualTo(state(a));
    }
  }

  @Test
  void aThreadSomeoneRepliedToIsResolvedNotRemoved() throws Exception {
    InMemoryGitHub gh = github();
    run(gh, 1, 1);
    long first = gh.topLevel().get(0).id();
    gh.humanReply(first, "ada", "Good catch, will fix.");
    repo.write("src/a.txt", "one\ntwo\nthree \n// TODO later\n").stageAll().commit("fix line 2");
    run(gh, 2, 1);
    assertThat(gh.comments).containsKey(first);
    assertThat(gh.comments.values()).anyMatch(c -> "ada".equals(c.author()) && c.body().equals("Good catch, will fix."));
    assertThat(gh.threadOf(first).resolved).isTrue();
    assertThat(gh.threadOf(first).comments).isEqualTo(2);
  }

  @Test
  void theCapLimitsNewInlineCommentsAndTheSummaryListsTheRest() throws Exception {
    repo.checkout("main").write(".vetter.yml", "fail-on: notice\nmax-inline-comments: 1\nrules: {hygiene: {mode: block}}\n").stageAll().commit("cap");
    repo.checkout("feature");
    InMemoryGitHub gh = github();
    run(gh, 1, 1);
    assertThat(gh.topLevel()).hasSize(1);
    assertThat(inline(gh)).containsExactly("src/a.txt:2 " + TWS);
    String summary = gh.checkRuns.values().iterator().next().summary;
    assertThat(summary).contains("2 over the limit of 1 new inline comments per review");
    // the next run does not add the ones over the cap later: still one new comment at most per review
    run(gh, 2, 1);
    assertThat(gh.topLevel()).hasSize(2);
  }

  @Test
  void aSupersededHeadOrAJobNoLongerCurrentPostsNothing() throws Exception {
    InMemoryGitHub gh = github();
    String old = gh.head();
    repo.write("src/a.txt", "newer\n").stageAll().commit("newer push");
    Outcome outcome = run(gh, 1, 1, old, new Context());
    assertThat(outcome).isInstanceOf(Outcome.Skipped.class);
    assertThat(((Outcome.Skipped) outcome).reason()).startsWith("superseded");
    assertThat(gh.writes()).isEmpty();

    Context gone = new Context();
    gone.current = false;
    assertThat(run(gh, 2, 1, gh.head(), gone)).isInstanceOf(Outcome.Skipped.class);
    assertThat(gh.writes()).isEmpty();

    gh.state = "closed";
    assertThat(run(gh, 3, 1)).isEqualTo(Outcome.skipped("pull request closed"));
    gh.state = "open";
    gh.draft = true;
    assertThat(run(gh, 4, 1)).isInstanceOf(Outcome.Skipped.class);
    assertThat(gh.writes()).isEmpty();
  }

  @Test
  void withoutChecksPermissionACommitStatusAndOneSummaryCommentUpdatedInPlace() throws Exception {
    InMemoryGitHub gh = github().failBefore("createCheckRun", 403, 100);
    assertThat(run(gh, 1, 1)).isEqualTo(Outcome.done());
    assertThat(gh.checkRuns).isEmpty();
    assertThat(gh.statuses).extracting(GitHubApi.StatusWrite::state).containsExactly("pending", "failure");
    assertThat(gh.issueComments).hasSize(1);
    assertThat(gh.issueComments.values().iterator().next().body()).startsWith(Marker.SUMMARY);
    repo.write("src/a.txt", "one\ntwo\n").stageAll().commit("fix all");
    String firstSummary = gh.issueComments.values().iterator().next().body();
    run(gh, 2, 1);
    assertThat(gh.issueComments).hasSize(1);
    assertThat(gh.issueComments.values().iterator().next().body()).isNotEqualTo(firstSummary);
    assertThat(gh.statuses).extracting(GitHubApi.StatusWrite::state).hasSize(4).startsWith("pending", "failure", "pending");
    assertThat(gh.threads.values()).allMatch(t -> t.resolved);
  }

  @Test
  void annotationsGoFiftyPerRequest() throws Exception {
    repo.write("src/many.txt", "x \n".repeat(120)).stageAll().commit("many");
    InMemoryGitHub gh = github();
    assertThat(run(gh, 1, 1)).isEqualTo(Outcome.done());
    InMemoryGitHub.Run run = gh.checkRuns.values().iterator().next();
    assertThat(run.annotations).hasSizeGreaterThan(120);
    assertThat(gh.calls.stream().filter(c -> c.startsWith("updateCheckRun completed"))).hasSize(1);
    assertThat(gh.topLevel()).hasSize(25); // the default cap
  }

  @Test
  void gitHubFailuresBecomeOutcomes() {
    assertThat(GitHubReviewHandler.outcome(new GitHubException(404, "Not Found"))).isInstanceOf(Outcome.Skipped.class);
    assertThat(GitHubReviewHandler.outcome(new GitHubException(502, "Bad Gateway"))).isEqualTo(Outcome.retry("GitHub answered 502: Bad Gateway"));
    assertThat(GitHubReviewHandler.outcome(new GitHubException(403, "limit", Duration.ofSeconds(60), true, null)))
        .isEqualTo(Outcome.retryAfter("GitHub answered 403: limit", Duration.ofSeconds(60)));
    assertThat(GitHubReviewHandler.outcome(new GitHubException(422, "Unprocessable"))).isInstanceOf(Outcome.Fail.class);
  }

  @Test
  void requestChangesOnlyWhenThePolicySaysSo() throws Exception {
    repo.checkout("main").write(".vetter.yml", "fail-on: notice\nrequest-changes: true\nrules: {hygiene: {mode: block}}\n").stageAll().commit("strict");
    repo.checkout("feature");
    InMemoryGitHub gh = github();
    run(gh, 1, 1);
    assertThat(gh.reviews).singleElement().satisfies(r -> assertThat(r.event()).isEqualTo("REQUEST_CHANGES"));
  }

  @Test
  void aWaiverOnTheBaseBranchAppliesAndOneInThePullRequestsOwnHeadDoesNot() throws Exception {
    // main waives the TODO; the pull request waives its own trailing whitespace, which must not apply
    repo.checkout("main").write(".vetter/waivers.yml", waiver(TODO)).stageAll().commit("waive the TODO");
    repo.checkout("feature").write(".vetter/waivers.yml", waiver(TWS)).stageAll().commit("waive my own whitespace");
    InMemoryGitHub gh = github();
    Job job = new Job(1, Forge.GITHUB, GitHubConnector.TOKEN, REPO, NUMBER, gh.head(), "pull_request.synchronize", 1, 1, Instant.EPOCH);
    // the day the waivers are in force on, through the set-up every entry point shares
    ReviewSetup setup = ReviewSetup.of(REGISTRY).withClock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
    assertThat(new GitHubReviewHandler(connector(gh), setup, false).handle(job, new Context())).isEqualTo(Outcome.done());
    assertThat(inline(gh)).containsExactly("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS);
    assertThat(gh.checkRuns.values()).singleElement().satisfies(run -> {
      assertThat(run.conclusion).isEqualTo("failure");
      assertThat(run.annotations).extracting(a -> a.path() + ":" + a.startLine() + " " + a.title())
          .contains("src/a.txt:2 " + TWS, "src/a.txt:3 " + TWS).doesNotContain("src/a.txt:4 " + TODO);
    });
  }

  private static String waiver(String rule) {
    return "waivers:\n  - rule: " + rule + "\n    path: 'src/**'\n    reason: wont-fix\n    owner: ada\n    created: 2026-03-01\n    expires: 2026-03-20\n";
  }
}
