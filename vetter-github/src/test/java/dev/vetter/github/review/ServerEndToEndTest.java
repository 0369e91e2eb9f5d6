package dev.vetter.github.review;

import static dev.vetter.github.review.InMemoryGitHub.NUMBER;
import static dev.vetter.github.review.InMemoryGitHub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.forge.Marker;
import dev.vetter.git.GitRepository;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.JobView;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import dev.vetter.testing.TestRepo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed webhook delivery into the real server (embedded store, real HTTP on loopback, its workers) with the
 * GitHub handler behind it, posting to GitHub in memory: check run and comments out; a second push updates,
 * resolves and adds, duplicating nothing.
 */
class ServerEndToEndTest {
  static final String SECRET = "webhook-s3cret";
  @TempDir Path tmp;

  @Test
  void deliveryInCheckRunAndCommentsOutThenASecondPushUpdatesAndResolves() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".vetter.yml", "fail-on: warning\nrules: {hygiene/trailing-whitespace: {mode: comment}}\n").write("src/a.txt", "one\ntwo\n").stageAll().commit("initial");
    repo.branch("feature").checkout("feature");
    repo.write("src/a.txt", "one\ntwo  \nthree \n").stageAll().commit("work");
    try (repo; GitRepository git = GitRepository.open(repo.dir())) {
      InMemoryGitHub gh = new InMemoryGitHub(git);
      ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "50"),
          Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", tmp.resolve("data").toString()));
      try (Server server = Server.builder(config)
          .handler(new GitHubReviewHandler(GitHubReviewHandlerTest.connector(gh), GitHubReviewHandlerTest.REGISTRY, false))
          .source(new GitHubPullRequestSource(GitHubReviewHandlerTest.connector(gh)))
          .start()) {
        String first = gh.head();
        assertThat(deliver(server, "d-1", "opened", first).statusCode()).isEqualTo(202);
        assertThat(awaitFinished(server, first).state()).isEqualTo(JobState.DONE);
        assertThat(gh.checkRuns).hasSize(1);
        assertThat(gh.checkRuns.values().iterator().next().statusHistory).containsExactly("queued", "in_progress", "completed");
        assertThat(GitHubReviewHandlerTest.inline(gh)).containsExactly("src/a.txt:2 hygiene/trailing-whitespace", "src/a.txt:3 hygiene/trailing-whitespace");

        repo.write("src/a.txt", "one\ntwo\nthree \nfour \n").stageAll().commit("fix two, break four");
        String second = gh.head();
        assertThat(deliver(server, "d-2", "synchronize", second).statusCode()).isEqualTo(202);
        // the same delivery again is acknowledged and not queued twice
        assertThat(deliver(server, "d-2", "synchronize", second).statusCode()).isEqualTo(202);
        assertThat(awaitFinished(server, second).state()).isEqualTo(JobState.DONE);
        assertThat(gh.checkRuns).hasSize(2);
        assertThat(GitHubReviewHandlerTest.inline(gh)).containsExactly(
            "src/a.txt:2 hygiene/trailing-whitespace", "src/a.txt:3 hygiene/trailing-whitespace", "src/a.txt:4 hygiene/trailing-whitespace");
        assertThat(gh.topLevel().stream().map(c -> Marker.parse(c.body()).orElseThrow().fingerprint()).distinct()).hasSize(3);
        long fixed = gh.topLevel().get(0).id();
        assertThat(gh.threadOf(fixed).resolved).isTrue();
        assertThat(gh.threads.values().stream().filter(t -> t.resolved)).hasSize(1);
        assertThat(gh.reviews).hasSize(2);

        // the reconciler finds the open pull request's head already has its job: nothing new
        assertThat(server.reconcileNow().orElseThrow().enqueued()).isZero();
      }
    }
  }

  @Test
  void theOrganisationPolicyOfTheServerSettingsIsMergedUnderTheRepositorys() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".vetter.yml", "fail-on: warning\n").write("src/a.txt", "one\ntwo\n").stageAll().commit("initial");
    repo.branch("feature").checkout("feature");
    repo.write("src/a.txt", "one\ntwo  \nthree \n").stageAll().commit("work");
    // what the organisation says and the repository does not: trailing whitespace is posted (it is in shadow by default), as an error
    Path org = Files.writeString(tmp.resolve("org.yml"), "rules:\n  hygiene/trailing-whitespace: {severity: error, mode: comment}\n");
    try (repo; GitRepository git = GitRepository.open(repo.dir())) {
      InMemoryGitHub gh = new InMemoryGitHub(git);
      ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "50",
              "VETTER_ORG_CONFIG", org.toString()),
          Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", tmp.resolve("data").toString()));
      try (Server server = Server.builder(config)
          .handler(new GitHubReviewHandler(GitHubReviewHandlerTest.connector(gh), config.reviewSetup(GitHubReviewHandlerTest.REGISTRY), false))
          .start()) {
        String head = gh.head();
        assertThat(deliver(server, "d-1", "opened", head).statusCode()).isEqualTo(202);
        assertThat(awaitFinished(server, head).state()).isEqualTo(JobState.DONE);
        // the organisation's mode (comment) and severity: its findings are posted as errors, failing nothing
        assertThat(gh.checkRuns.values()).singleElement().satisfies(run -> assertThat(run.title).isEqualTo("Passed: 2 findings (2 error, 0 warning, 0 notice)"));
      }
    }
  }

  static HttpResponse<String> deliver(Server server, String delivery, String action, String head) throws Exception {
    byte[] body = """
        {"action":"%s","number":%d,"pull_request":{"number":%d,"state":"open","draft":false,"title":"t","head":{"sha":"%s"}},
         "repository":{"full_name":"%s","owner":{"login":"octo"}}}
        """.formatted(action, NUMBER, NUMBER, head, REPO).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", new GitHubWebhooks(SECRET, false).signatureHeader(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  static JobView awaitFinished(Server server, String head) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JobView> job = server.queue().find(Forge.GITHUB, REPO, NUMBER, head);
      if (job.isPresent() && job.get().state() != JobState.QUEUED && job.get().state() != JobState.RUNNING) return job.get();
      Thread.sleep(20);
    }
    throw new AssertionError("the job for " + head + " did not finish: " + server.queue().find(Forge.GITHUB, REPO, NUMBER, head));
  }
}
