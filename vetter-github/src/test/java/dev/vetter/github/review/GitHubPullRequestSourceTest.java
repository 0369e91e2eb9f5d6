package dev.vetter.github.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.github.GitHubException;
import dev.vetter.github.NoCredentialsInLogsAccess;
import dev.vetter.github.client.AppConnector;
import dev.vetter.github.client.ClientOptions;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.FakeGitHub.Fault;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.Log;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.OpenPullRequestSource.OpenPullRequest;
import dev.vetter.server.queue.Reconciler;
import dev.vetter.server.webhook.Forge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler's sweep over the fake GitHub: a repository GitHub fails on is logged (redacted) and skipped, the
 * installation's other repositories are still swept; a rate limit ends the installation's sweep.
 */
class GitHubPullRequestSourceTest {
  static final String HEAD_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String HEAD_C = "cccccccccccccccccccccccccccccccccccccccc";
  static final String ECHOED_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
  @TempDir Path tmp;
  FakeGitHub gh;
  ManualTiming timing;
  GitHubPullRequestSource source;
  ByteArrayOutputStream logged = new ByteArrayOutputStream();
  PrintStream previousLog;

  @BeforeEach
  void setUp() {
    gh = FakeGitHub.start();
    timing = new ManualTiming();
    gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", "octo/a", "octo/broken", "octo/c");
    gh.repo("octo/a").pull(1).head("topic", HEAD_A);
    gh.repo("octo/broken").pull(2);
    gh.repo("octo/c").pull(3).head("topic", HEAD_C);
    source = new GitHubPullRequestSource(new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
        ClientOptions.defaults().withWritePause(Duration.ZERO), timing));
    previousLog = Log.output(new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    Log.output(previousLog);
    previousLog.print(logged.toString(StandardCharsets.UTF_8)); // still seen by the module's credential check
    assertThat(gh.violations()).isEmpty();
    gh.close();
  }

  String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRepositoryGitHubKeepsFailingOnIsSkippedAndTheOthersAreSwept() {
    gh.fail("GET", "/repos/octo/broken/pulls", 100, Fault.status(502));
    java.time.Instant listed = java.time.Instant.parse("2024-05-01T10:00:00Z");
    assertThat(source.openPullRequests("42"))
        .extracting(OpenPullRequest::repository, OpenPullRequest::number, OpenPullRequest::headSha, OpenPullRequest::updatedAt)
        .as("updated_at orders the listing against events").containsExactly(org.assertj.core.groups.Tuple.tuple("octo/a", 1L, HEAD_A, listed),
            org.assertj.core.groups.Tuple.tuple("octo/c", 3L, HEAD_C, listed));
    assertThat(log()).containsOnlyOnce("skipped repository octo/broken").contains("502");
    // the client's own retries ran before the repository was given up on; the next repository was still asked
    assertThat(gh.requests()).filteredOn(r -> r.path().equals("/repos/octo/broken/pulls")).hasSizeGreaterThan(1);
    assertThat(gh.requests()).filteredOn(r -> r.path().equals("/repos/octo/c/pulls")).hasSize(1);
  }

  @Test
  void theSkippedRepositoryIsLoggedRedactedAndTheReconcilerQueuesTheRest() throws Exception {
    gh.fail("GET", "/repos/octo/broken/pulls", 1, new Fault.Message(403, "Resource not accessible by integration (" + ECHOED_TOKEN + ")"));
    ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", "s3cret", "VETTER_RECONCILE_SECONDS", "0"),
        Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "0", "--data-dir", tmp.resolve("data").toString()));
    try (Server server = Server.builder(config).source(source).start()) {
      Reconciler.Sweep sweep = server.reconcileNow().orElseThrow();
      assertThat(sweep).isEqualTo(new Reconciler.Sweep(1, 2, 2, 0));
      assertThat(server.queue().find(Forge.GITHUB, "octo/a", 1, HEAD_A)).isPresent();
      assertThat(server.queue().find(Forge.GITHUB, "octo/c", 3, HEAD_C)).isPresent();
    }
    assertThat(log()).contains("installation 42: skipped repository octo/broken").contains("403").contains("ghs_[redacted]");
    assertThat(NoCredentialsInLogsAccess.find(log())).isEmpty();
  }

  @Test
  void aSecondaryRateLimitEndsTheInstallationsSweep() {
    gh.fail("GET", "/repos/octo/broken/pulls", 1, new Fault.SecondaryRateLimit(60));
    assertThatThrownBy(() -> source.openPullRequests("42")).isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.secondaryRateLimit()).isTrue());
    assertThat(gh.requests()).filteredOn(r -> r.path().equals("/repos/octo/c/pulls")).isEmpty();
    assertThat(log()).doesNotContain("skipped repository");
  }
}
