package dev.vetter.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.checks.hygiene.ConflictMarker;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.gitlab.fake.FakeGitLab;
import dev.vetter.gitlab.fake.FakeGitLab.Fault;
import dev.vetter.policy.Policy;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.JobView;
import dev.vetter.server.webhook.Forge;
import dev.vetter.testing.TestRepo;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot end to end: a real {@link Server} (embedded store) receives GitLab's merge request hook (documented
 * example payload, X-Gitlab-Token), a worker reviews the merge request through the client against the fake GitLab
 * (a real git repository behind it), and the test asserts exactly what was posted.
 */
class GitLabReviewEndToEndTest {
  static final String HOOK_TOKEN = "hook-t0ken";
  static final String API_TOKEN = "glpat-e2e-secret";
  static final String PROJECT = "acme/app";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path repoDir;
  @TempDir Path dataDir;
  FakeGitLab gitlab;
  TestRepo repo;
  FakeGitLab.MergeRequest mr;
  Server server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start(API_TOKEN);
    repo = TestRepo.init(repoDir);
    repo.write(".vetter.yml", "fail-on: notice\nrules: {hygiene: {mode: block}}\n").write("src/app.txt", "alpha\nbeta\ngamma\n").commit("base");
    repo.branch("feature").write("src/app.txt", "alpha\nbeta  \ngamma\ndelta \n").commit("add delta");
    mr = gitlab.project(PROJECT, repo.git().getRepository()).openMergeRequest(3, "feature", "main");

    HttpGitLabApi api = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), API_TOKEN, 3, Duration.ofMillis(1), Duration.ofSeconds(5),
        Duration.ZERO, Duration.ofSeconds(10)), Clock.systemUTC(), d -> {});
    Map<String, String> env = Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", HOOK_TOKEN, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "20",
        "VETTER_RETRY_BASE_SECONDS", "0", "VETTER_RETRY_MAX_SECONDS", "0");
    ServerConfig config = ServerConfig.load(env, Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", dataDir.toString()));
    GitLabReviewHandler handler = new GitLabReviewHandler(api, new CheckRegistry(List.of(new TrailingWhitespace(), new ConflictMarker())), false, null);
    server = Server.builder(config).handler(handler).source(handler).start();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      assertThat(server.queue().list()).as("what the queue keeps of each job").allSatisfy(j -> assertThat(j.result() + " " + j.lastError()).doesNotContain(API_TOKEN));
      server.stop(Duration.ofSeconds(5));
    }
    gitlab.close();
    repo.close();
    assertThat(gitlab.violations()).as("requests outside GitLab's documented contract").isEmpty();
  }

  /** Delivers GitLab's documented merge request hook for the merge request's current head; waits for its job to end. */
  JobView deliver(String action) throws Exception {
    ObjectNode hook;
    try (InputStream in = getClass().getResourceAsStream("/gitlab/merge-request-open.json")) {
      hook = (ObjectNode) JSON.readTree(in);
    }
    ((ObjectNode) hook.get("project")).put("path_with_namespace", PROJECT);
    ObjectNode attrs = (ObjectNode) hook.get("object_attributes");
    attrs.put("iid", mr.iid).put("action", action);
    ((ObjectNode) attrs.get("last_commit")).put("id", mr.headSha());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/gitlab"))
        .header("Content-Type", "application/json").header("X-Gitlab-Event", "Merge Request Hook").header("X-Gitlab-Token", HOOK_TOKEN)
        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(hook))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return awaitJob(mr.headSha());
  }

  JobView awaitJob(String head) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Optional<JobView> job = server.queue().find(Forge.GITLAB, PROJECT, mr.iid, head);
      if (job.isPresent() && job.get().state() != JobState.QUEUED && job.get().state() != JobState.RUNNING) return job.get();
      Thread.sleep(20);
    }
    throw new AssertionError("the job did not end within a minute");
  }

  List<FakeGitLab.Discussion> inline() {
    return mr.discussions.stream().filter(d -> !d.individual).toList();
  }

  List<FakeGitLab.Note> summaries() {
    return mr.allNotes().stream().filter(n -> n.body.contains("<!-- vetter:summary -->")).toList();
  }

  @Test
  void reviewsThenUpdatesOnTheNextPushWithoutRepeatingItself() throws Exception {
    JobView first = deliver("open");
    assertThat(first.state()).as(first.lastError() + " " + first.result()).isEqualTo(JobState.DONE);
    String head1 = mr.headSha();
    var statuses = gitlab.project(PROJECT).statuses(head1);
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.name).isEqualTo("vetter");
      assertThat(s.state).isEqualTo("failed");
      assertThat(s.description).isEqualTo("2 notices");
    });
    assertThat(gitlab.requests().stream().filter(r -> r.path().endsWith("/statuses/" + head1)).map(r -> r.body().get("state").asText()))
        .containsExactly("running", "failed");
    assertThat(inline()).hasSize(2).allSatisfy(d -> {
      assertThat(d.first().author).isEqualTo(FakeGitLab.BOT);
      assertThat(d.first().body).contains("hygiene/trailing-whitespace").contains("<!-- vetter:finding ");
      assertThat(d.first().position.path("head_sha").asText()).isEqualTo(head1);
    });
    assertThat(inline()).extracting(d -> d.first().position.path("new_line").asInt()).containsExactly(2, 4);
    assertThat(summaries()).singleElement().satisfies(n -> assertThat(n.body).contains("2 findings"));
    assertThat(inline()).allSatisfy(d -> assertThat(d.first().body).contains("<!-- vetter:finding fp=").contains("rule=hygiene/trailing-whitespace"));
    FakeGitLab.Discussion beta = inline().get(0), delta = inline().get(1);
    mr.reply(beta.id, "ada", "Will fix.");

    // second push: beta fixed, delta kept, a new finding on epsilon
    repo.write("src/app.txt", "alpha\nbeta\ngamma\ndelta \nepsilon\t\n").commit("fix beta, add epsilon");
    mr.refresh();
    gitlab.clearRequests();
    JobView second = deliver("update");
    assertThat(second.state()).isEqualTo(JobState.DONE);

    assertThat(inline()).hasSize(3);
    assertThat(beta.resolved()).as("fixed: resolved").isTrue();
    assertThat(beta.notes).as("the human reply is kept").hasSize(2);
    assertThat(delta.resolved()).as("persists: left open").isFalse();
    FakeGitLab.Discussion epsilon = inline().get(2);
    assertThat(epsilon.first().position.path("new_line").asInt()).isEqualTo(5);
    assertThat(epsilon.first().position.path("head_sha").asText()).isEqualTo(mr.headSha());
    assertThat(summaries()).singleElement().satisfies(n -> assertThat(n.body).contains("2 findings"));
    assertThat(beta.first().body).startsWith("✅ **Fixed**");
    assertThat(delta.first().position.path("head_sha").asText()).as("GitLab moved the kept note to the new diff").isEqualTo(mr.headSha());
    // exactly these writes: status running, one new discussion, the fixed one marked and resolved, the summary edited, status failed
    assertThat(gitlab.writes()).extracting(r -> r.method() + " " + r.path().replaceAll("/discussions/[0-9a-f]+", "/discussions/ID")
        .replaceAll("/notes/\\d+$", "/notes/N").replace(mr.headSha(), "HEAD")).containsExactly(
            "POST /projects/acme%2Fapp/statuses/HEAD",
            "POST /projects/acme%2Fapp/merge_requests/3/discussions",
            "PUT /projects/acme%2Fapp/merge_requests/3/discussions/ID/notes/N",
            "PUT /projects/acme%2Fapp/merge_requests/3/discussions/ID",
            "PUT /projects/acme%2Fapp/merge_requests/3/notes/N",
            "POST /projects/acme%2Fapp/statuses/HEAD");
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));

    // the same head delivered again (a redelivery with a new id): nothing new is posted
    gitlab.clearRequests();
    int before = mr.discussions.size();
    deliver("update");
    assertThat(mr.discussions).hasSize(before);
  }

  @Test
  void aCrashBetweenPostingCallsIsRetriedToTheSameEndState() throws Exception {
    // the second discussion is created on GitLab but its answer is lost (the worker sees a 502)
    gitlab.inject(Fault.of(FakeGitLab.on("POST", "/discussions$"), 502, 1).whenDone());
    JobView job = deliver("open");
    assertThat(job.state()).as(job.lastError()).isEqualTo(JobState.DONE);
    assertThat(job.attempts()).isEqualTo(2);
    assertThat(inline()).hasSize(2);
    assertThat(inline()).extracting(d -> d.first().position.path("new_line").asInt()).containsExactly(2, 4);
    assertThat(summaries()).hasSize(1);
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));
  }

  @Test
  void thePolicyComesFromTheBaseEvenWhenTheHeadEditsIt() throws Exception {
    repo.write(".vetter.yml", "fail-on: never\nrules:\n  hygiene/trailing-whitespace: false\n").commit("turn the rule off");
    mr.refresh();
    JobView job = deliver("update");
    assertThat(job.state()).isEqualTo(JobState.DONE);
    assertThat(inline()).hasSize(2);
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.state).isEqualTo("failed"));
    // the policy is read at the base; the head's copy is only reviewed as a changed file
    assertThat(gitlab.requests()).filteredOn(r -> r.path().contains("/repository/files/.vetter.yml/raw"))
        .first().satisfies(r -> assertThat(r.query().get("ref")).isEqualTo(mr.baseSha()));
  }

  @Test
  void theBaselineNamedOnTheBaseAcceptsFindings() throws Exception {
    // the finding on beta (line 2) was accepted: the target branch's policy names a baseline holding its fingerprint
    String accepted;
    try (GitRepository git = GitRepository.open(repoDir)) {
      var found = new Reviewer(new CheckRegistry(List.of(new TrailingWhitespace())), Policy.defaults()).review(git.range("main", "feature"));
      // in shadow under the defaults: the baseline accepts a fingerprint whatever the mode
      accepted = Baseline.render(found.shadow().stream().filter(f -> f.line() == 2).toList());
    }
    repo.checkout("main").write(".vetter.yml", "fail-on: notice\nbaseline: vetter-baseline.json\nrules: {hygiene: {mode: block}}\n")
        .write("vetter-baseline.json", accepted).commit("accept today's findings");
    repo.checkout("feature");
    repo.git().merge().include(repo.git().getRepository().resolve("main")).setMessage("merge main").call();
    mr.refresh();
    JobView job = deliver("update");
    assertThat(job.state()).as(job.lastError() + " " + job.result()).isEqualTo(JobState.DONE);
    assertThat(inline()).as("the accepted finding is not posted").extracting(d -> d.first().position.path("new_line").asInt()).containsExactly(4);
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> assertThat(s.description).isEqualTo("1 notice"));
    assertThat(summaries()).singleElement().satisfies(n -> assertThat(n.body).contains("1 finding").doesNotContain("2 findings"));
    // read at the base, like the policy
    assertThat(gitlab.requests()).filteredOn(r -> r.path().contains("/repository/files/vetter-baseline.json/raw"))
        .isNotEmpty().allSatisfy(r -> assertThat(r.query().get("ref")).isEqualTo(mr.baseSha()));
  }

  @Test
  void theOrganisationPolicyOfTheServerSettingsIsMergedUnderTheProjects() throws Exception {
    // the bot as vetter serve builds it, from its settings: the organisation says trailing whitespace is an error
    server.stop(Duration.ofSeconds(5));
    Path org = java.nio.file.Files.writeString(dataDir.resolve("org.yml"), "rules:\n  hygiene/trailing-whitespace: {severity: error}\n");
    Map<String, String> env = Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", HOOK_TOKEN, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "20",
        "VETTER_GITLAB_URL", gitlab.url().toString(), "VETTER_GITLAB_TOKEN", API_TOKEN, "VETTER_GITLAB_WRITE_PAUSE_MILLIS", "0",
        "VETTER_ORG_CONFIG", org.toString());
    ServerConfig config = ServerConfig.load(env, Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", dataDir.toString()));
    GitLabReviewHandler handler = GitLabBot.fromConfig(config, new CheckRegistry(List.of(new TrailingWhitespace(), new ConflictMarker()))).orElseThrow();
    server = Server.builder(config).handler(handler).source(handler).start();

    JobView job = deliver("open");
    assertThat(job.state()).as(job.lastError() + " " + job.result()).isEqualTo(JobState.DONE);
    assertThat(gitlab.project(PROJECT).statuses(mr.headSha())).singleElement().satisfies(s -> {
      assertThat(s.state).isEqualTo("failed");
      assertThat(s.description).isEqualTo("2 errors");
    });
    // the project's own policy still governs what it writes (fail-on: notice, hygiene in block mode), read at the base
    assertThat(inline()).hasSize(2);
  }

  @Test
  void closedAndSupersededMergeRequestsAreSkippedWithoutPosting() throws Exception {
    String old = mr.headSha();
    repo.write("src/app.txt", "alpha\n").commit("newer");
    mr.refresh();
    // a delivery for the older head arrives after the push
    var hook = awaitOld(old);
    assertThat(hook.state()).isEqualTo(JobState.SKIPPED);
    assertThat(hook.result()).startsWith("superseded");
    mr.state = "closed";
    assertThat(deliver("update").result()).isEqualTo("merge request closed");
    assertThat(gitlab.writes()).isEmpty();
  }

  JobView awaitOld(String old) throws Exception {
    String current = mr.headSha();
    // deliver names the merge request's current head; point the hook at the old one
    ObjectNode hook;
    try (InputStream in = getClass().getResourceAsStream("/gitlab/merge-request-open.json")) {
      hook = (ObjectNode) JSON.readTree(in);
    }
    ((ObjectNode) hook.get("project")).put("path_with_namespace", PROJECT);
    ObjectNode attrs = (ObjectNode) hook.get("object_attributes");
    attrs.put("iid", mr.iid).put("action", "update");
    ((ObjectNode) attrs.get("last_commit")).put("id", old);
    http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/gitlab")).header("X-Gitlab-Event", "Merge Request Hook")
        .header("X-Gitlab-Token", HOOK_TOKEN).header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(hook))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(current).isNotEqualTo(old);
    return awaitJob(old);
  }

  @Test
  void theReconcilerFindsMergeRequestsWhoseEventWasLost() throws Exception {
    var sweep = server.reconcileNow().orElseThrow();
    assertThat(sweep.installations()).isEqualTo(1);
    assertThat(sweep.enqueued()).isEqualTo(1);
    assertThat(awaitJob(mr.headSha()).state()).isEqualTo(JobState.DONE);
    assertThat(inline()).hasSize(2);
  }
}
