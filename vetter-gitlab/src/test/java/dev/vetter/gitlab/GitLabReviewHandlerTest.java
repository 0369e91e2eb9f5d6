package dev.vetter.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.gitlab.fake.FakeGitLab;
import dev.vetter.gitlab.fake.FakeGitLab.Fault;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on its own against the fake GitLab: outcomes, the inline cap, drafts, stopping when superseded. */
class GitLabReviewHandlerTest {
  static final String TOKEN = "glpat-handler-secret";
  static final String PROJECT = "acme/app";

  @TempDir Path dir;
  FakeGitLab gitlab;
  TestRepo repo;
  FakeGitLab.MergeRequest mr;
  GitLabReviewHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start(TOKEN);
    repo = TestRepo.init(dir);
    repo.write(".vetter.yml", "max-inline-comments: 2\nrules: {hygiene/trailing-whitespace: {mode: comment}}\n").write("a.txt", "1\n2\n3\n").commit("base");
    repo.branch("feature").write("a.txt", "1 \n2 \n3 \n4 \n").commit("whitespace");
    mr = gitlab.project(PROJECT, repo.git().getRepository()).openMergeRequest(1, "feature", "main");
    handler = handler(false);
  }

  GitLabReviewHandler handler(boolean drafts) {
    HttpGitLabApi api = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), TOKEN, 3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ZERO,
        Duration.ofSeconds(10)), Clock.systemUTC(), d -> {});
    return new GitLabReviewHandler(api, new CheckRegistry(List.of(new TrailingWhitespace())), drafts, "https://vetter.example/");
  }

  @AfterEach
  void tearDown() {
    gitlab.close();
    repo.close();
    assertThat(gitlab.violations()).isEmpty();
  }

  Job job() {
    return new Job(1, Forge.GITLAB, "acme", PROJECT, 1, mr.headSha(), "merge_request.open", 1, 1, Instant.EPOCH);
  }

  static JobContext current(int answersTrue) {
    AtomicInteger left = new AtomicInteger(answersTrue);
    return new JobContext() {
      @Override
      public boolean stillCurrent() {
        return left.getAndDecrement() > 0;
      }

      @Override
      public String workerId() {
        return "w1";
      }
    };
  }

  static final JobContext CURRENT = current(Integer.MAX_VALUE);

  List<FakeGitLab.Discussion> inline() {
    return mr.discussions.stream().filter(d -> !d.individual).toList();
  }

  @Test
  void theInlineCapLeavesTheRestToTheSummary() throws Exception {
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(inline()).hasSize(2);
    var summary = mr.allNotes().stream().filter(n -> n.body.contains("<!-- vetter:summary -->")).toList();
    assertThat(summary).singleElement().satisfies(n -> {
      assertThat(n.body).contains("4 findings", "2 are listed here only (2 over the limit of 2 new inline comments per review)", "a.txt:3", "a.txt:4");
    });
    // a notice does not reach the default fail-on (error)
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> {
      assertThat(s.state).isEqualTo("success");
      assertThat(s.targetUrl).isEqualTo("https://vetter.example/");
      assertThat(s.ref).isEqualTo("feature");
    });
  }

  // GitLab lists a commit's statuses oldest first and one per ref: with the same commit at the head of two merge
  // requests, each one's status must be read and finished for its own branch.
  @Test
  void theSameCommitAtTheHeadOfTwoMergeRequestsHasItsStatusFinishedOnEach() throws Exception {
    repo.git().branchCreate().setName("copy").setStartPoint(mr.headSha()).call();
    FakeGitLab.MergeRequest other = gitlab.project(PROJECT).openMergeRequest(2, "copy", "main");
    assertThat(other.headSha()).isEqualTo(mr.headSha());
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    Job second = new Job(2, Forge.GITLAB, "acme", PROJECT, 2, other.headSha(), "merge_request.open", 1, 1, Instant.EPOCH);
    assertThat(handler.handle(second, CURRENT)).isEqualTo(Outcome.done());
    var project = gitlab.project(PROJECT);
    assertThat(project.status(mr.headSha(), "feature", GitLabReviewHandler.STATUS_NAME)).get().satisfies(s -> assertThat(s.state).isEqualTo("success"));
    assertThat(project.status(mr.headSha(), "copy", GitLabReviewHandler.STATUS_NAME)).get()
        .satisfies(s -> assertThat(s.state).as("not left at running").isEqualTo("success"));
    // a re-review of the first finds its own finished status, whatever the other branch's says
    handler.handle(job(), CURRENT);
    assertThat(project.statuses(mr.headSha())).extracting(s -> s.ref + " " + s.state).containsExactlyInAnyOrder("feature success", "copy success");
  }

  // 35. A tree entry named ".." read through the API: named in the summary, never fetched, no internal errors.
  @Test
  void aTreeEntryThatLeavesTheRepositoryIsSkippedWithItsReason() throws Exception {
    GitCli.assumeAvailable();
    String blob = GitCli.exec(repo.dir(), "escape \n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin").stdout().strip();
    String sub = GitCli.exec(repo.dir(), ("100644 blob " + blob + "\tescape.txt\n").getBytes(StandardCharsets.UTF_8), "mktree").stdout().strip();
    String tree = GitCli.exec(repo.dir(), (GitCli.run(repo.dir(), "ls-tree", "feature") + "040000 tree " + sub + "\t..\n").getBytes(StandardCharsets.UTF_8),
        "mktree").stdout().strip();
    String commit = GitCli.run(repo.dir(), "commit-tree", tree, "-p", "feature", "-m", "escape").strip();
    GitCli.run(repo.dir(), "update-ref", "refs/heads/feature", commit);
    mr.refresh();
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    var summary = mr.allNotes().stream().filter(n -> n.body.contains("<!-- vetter:summary -->")).toList();
    assertThat(summary).singleElement().satisfies(n -> assertThat(n.body).doesNotContain("internal-error")
        .contains("Not reviewed", "../escape.txt: not read, the path is outside the repository"));
    assertThat(gitlab.requests()).as("never asked for").noneMatch(r -> r.path().contains("escape"));
    assertThat(inline()).hasSize(2);
  }

  @Test
  void aFixedFindingThatComesBackIsUnresolved() throws Exception {
    handler.handle(job(), CURRENT);
    var first = inline().getFirst();
    repo.write("a.txt", "1\n2 \n3 \n4 \n").commit("fix line 1");
    mr.refresh();
    handler.handle(job(), CURRENT);
    assertThat(first.resolved()).isTrue();
    assertThat(first.first().body).startsWith("✅ **Fixed**");
    repo.write("a.txt", "1 \n2 \n3 \n4 \n").commit("break line 1 again");
    mr.refresh();
    handler.handle(job(), CURRENT);
    assertThat(first.resolved()).isFalse();
    // the second push opened discussions for lines 3 and 4 (the cap counts new comments per review)
    assertThat(inline()).as("the same discussion, not a new one").hasSize(4);
  }

  @Test
  void nothingIsPostedOnceTheJobIsNoLongerCurrent() throws Exception {
    // current before the status, before the discussions and before the first one only
    Outcome o = handler.handle(job(), current(3));
    assertThat(o).isInstanceOfSatisfying(Outcome.Skipped.class, s -> assertThat(s.reason()).startsWith("superseded"));
    assertThat(inline()).hasSize(1);
    assertThat(mr.allNotes().stream().filter(n -> n.body.contains("vetter:summary"))).isEmpty();
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("running"));
  }

  @Test
  void draftsFollowTheServerSetting() throws Exception {
    mr.draft = true;
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.skipped("draft merge request (drafts: skip)"));
    assertThat(gitlab.writes()).isEmpty();
    assertThat(handler(true).handle(job(), CURRENT)).isEqualTo(Outcome.done());
  }

  @Test
  void failuresMapToOutcomes() throws Exception {
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/merge_requests/1$"), 404, 3));
    assertThat(handler.handle(job(), CURRENT)).isInstanceOfSatisfying(Outcome.Skipped.class, s -> assertThat(s.reason()).startsWith("gone on GitLab"));

    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/diffs"), 429, 1).headers(Map.of("Retry-After", "120")));
    assertThat(handler.handle(job(), CURRENT)).isInstanceOfSatisfying(Outcome.Retry.class, r -> assertThat(r.delay()).isEqualTo(Duration.ofMinutes(2)));

    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/discussions"), 502, 5));
    assertThat(handler.handle(job(), CURRENT)).isInstanceOfSatisfying(Outcome.Retry.class, r -> {
      assertThat(r.delay()).isNull();
      assertThat(r.error()).contains("502").doesNotContain(TOKEN);
    });

    gitlab.inject(Fault.of(FakeGitLab.on("POST", "/notes$"), 403, 1));
    assertThat(handler.handle(job(), CURRENT)).isInstanceOfSatisfying(Outcome.Fail.class, f -> assertThat(f.error()).contains("403").doesNotContain(TOKEN));

    mr.state = "merged";
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.skipped("merge request merged"));
  }

  @Test
  void aDiffOverGitLabsLimitsIsNeverASilentPass() throws Exception {
    repo.write("b.txt", "clean\n").write("c.txt", "clean\n").commit("more files");
    mr.refresh();
    mr.maxDiffFiles = 2;
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement()
        .satisfies(s -> assertThat(s.description).startsWith("Partial review (over GitLab's diff limits)"));
    assertThat(mr.allNotes()).filteredOn(n -> n.body.contains("vetter:summary")).singleElement()
        .satisfies(n -> assertThat(n.body).contains("GitLab lists only the first 2 of 2+ changed files"));
  }

  @Test
  void codeOwnersComeFromTheBase() throws Exception {
    repo.checkout("main").write("CODEOWNERS", "docs/ @acme/writers\n").commit("owners");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main").call();
    // the merge request tries to own its own file
    repo.write("CODEOWNERS", "* @acme/everyone\n").commit("own everything");
    mr.refresh();
    HttpGitLabApi api = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), TOKEN, 3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ZERO,
        Duration.ofSeconds(10)), Clock.systemUTC(), d -> {});
    var owners = new GitLabReviewHandler(api, new CheckRegistry(List.of(new dev.vetter.checks.owners.UnownedFile(), new TrailingWhitespace())), false, null);
    assertThat(owners.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(mr.allNotes()).filteredOn(n -> n.body.contains("vetter:summary")).singleElement()
        .satisfies(n -> assertThat(n.body).contains("owners/unowned-file").contains("a.txt"));
    assertThat(gitlab.requests()).filteredOn(r -> r.path().endsWith("/repository/files/CODEOWNERS/raw") && r.query().get("ref").equals(mr.baseSha()))
        .isNotEmpty();
  }

  @Test
  void anInvalidBasePolicyFailsTheStatusAndSaysWhy() throws Exception {
    repo.checkout("main").write(".vetter.yml", "fail-on: sometimes\n").commit("bad policy");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main").call();
    mr.refresh();
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));
    assertThat(mr.allNotes()).singleElement().satisfies(n -> assertThat(n.body).contains("could not review", "fail-on"));
    assertThat(inline()).isEmpty();
  }

  @Test
  void anUnusableBaselineOnTheBaseFailsTheStatusAndSaysWhy() throws Exception {
    repo.checkout("main").write(".vetter.yml", "baseline: accepted.json\n").write("accepted.json", "not json\n").commit("bad baseline");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main").call();
    mr.refresh();
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));
    assertThat(mr.allNotes()).singleElement().satisfies(n -> assertThat(n.body).contains("could not review", "accepted.json", "not valid JSON"));
    assertThat(inline()).isEmpty();

    // a baseline the policy names but the base does not have
    repo.checkout("main").delete("accepted.json").commit("lose the baseline");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main again").call();
    mr.refresh();
    assertThat(handler.handle(job(), CURRENT)).isEqualTo(Outcome.done());
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));
    assertThat(mr.allNotes()).singleElement().satisfies(n -> assertThat(n.body).contains("could not review", "accepted.json", "does not exist"));
    assertThat(inline()).isEmpty();
  }

  // A check that reads a file lazily (here CODEOWNERS at the base) and meets a GitLab failure would report it as
  // its own internal error: the review is incomplete, so nothing is posted and the job is retried.
  @Test
  void aFailedLazyReadRetriesTheJobInsteadOfPostingAnIncompleteReview() throws Exception {
    repo.checkout("main").write("CODEOWNERS", "* @acme/everyone\n").commit("owners");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main").call();
    mr.refresh();
    HttpGitLabApi api = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), TOKEN, 3, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ZERO,
        Duration.ofSeconds(10)), Clock.systemUTC(), d -> {});
    var owners = new GitLabReviewHandler(api, new CheckRegistry(List.of(new dev.vetter.checks.owners.UnownedFile(), new TrailingWhitespace())), false, null);
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/repository/files/CODEOWNERS/raw"), 502, 1_000));
    assertThat(owners.handle(job(), CURRENT)).isInstanceOfSatisfying(Outcome.Retry.class, r -> assertThat(r.error()).contains("502"));
    assertThat(inline()).isEmpty();
    assertThat(mr.allNotes()).isEmpty();
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("running"));
  }
}
