package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubException;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.FakeGitHub.Fault;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, retries and pacing as GitHub documents them (RELIABILITY.md 11, 12, 14, 15 and the client's side of
 * 13): each test injects a fault into the fake and asserts exactly what was sent and how long the client waited.
 */
class ResilienceTest {
  static final String REPO = "octo/hello";
  static final String PR_PATH = "/repos/octo/hello/pulls/7";

  FakeGitHub gh;
  ManualTiming timing;
  AppConnector connector;
  GitHubApi api;

  @BeforeEach
  void setUp() {
    gh = FakeGitHub.start();
    timing = new ManualTiming();
    gh.clock(timing::now);
    gh.app(77, "vetter", TestKeys.shared().publicKey()).installation("42", REPO).installation("43", "octo/other");
    gh.repo(REPO).pull(7).file("a.txt", "modified", "@@ -1 +1 @@\n-a\n+b", "b\n".getBytes());
    gh.repo("octo/other").pull(1);
    connector = connector(ClientOptions.defaults().withWritePause(Duration.ZERO));
    api = connector.installation("42");
    api.repositories(); // fetch the installation token now, so the tests below count only their own requests
    gh.clearRequests();
    timing.clearSleeps();
  }

  AppConnector connector(ClientOptions options) {
    return new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(), options, timing);
  }

  @AfterEach
  void tearDown() {
    if (gh == null) return;
    assertThat(gh.violations()).isEmpty();
    gh.close();
  }

  long sent(String method, String path) {
    return gh.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
  }

  @Test
  void a502IsRetriedWithBackoffThenSucceeds() {
    gh.fail("GET", PR_PATH, 2, Fault.status(502));
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
    assertThat(sent("GET", PR_PATH)).isEqualTo(3);
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void fiveXxRetriesAreBounded() {
    gh.fail("GET", PR_PATH, 10, Fault.status(503));
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.transientFailure()).isTrue();
    });
    assertThat(sent("GET", PR_PATH)).isEqualTo(4);
  }

  @Test
  void aPostThatFailedWith502IsNotRepeatedBlindly() {
    gh.fail("POST", "/repos/octo/hello/issues/7/comments", 1, Fault.status(502));
    assertThatThrownBy(() -> api.createIssueComment(REPO, 7, "summary")).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.transientFailure()).as("the job is retried; the poster looks for its marker first").isTrue();
    });
    assertThat(sent("POST", "/repos/octo/hello/issues/7/comments")).isEqualTo(1);
  }

  @Test
  void aPatchIsRetriedAfter502() {
    long id = api.createIssueComment(REPO, 7, "v1");
    gh.fail("PATCH", "/repos/octo/hello/issues/comments/" + id, 1, Fault.status(502));
    api.updateIssueComment(REPO, id, "v2");
    assertThat(gh.repo(REPO).issueComments(7)).singleElement().satisfies(c -> assertThat(c.path("body").asText()).isEqualTo("v2"));
  }

  @Test
  void aSecondaryRateLimitPausesTheWholeInstallationOnly() {
    gh.fail("GET", PR_PATH, 1, new Fault.SecondaryRateLimit(120));
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.secondaryRateLimit()).isTrue();
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
      assertThat(e.getMessage()).contains("secondary rate limit");
    });
    // every request of the installation now stops here, reads and writes alike, without reaching GitHub
    int before = gh.requests().size();
    assertThatThrownBy(() -> api.issueComments(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.secondaryRateLimit()).isTrue();
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    });
    assertThatThrownBy(() -> api.createIssueComment(REPO, 7, "x")).isInstanceOf(GitHubException.class);
    assertThat(gh.requests()).hasSize(before);
    // another installation carries on
    assertThat(connector.installation("43").pullRequest("octo/other", 1).number()).isEqualTo(1);
    timing.advance(Duration.ofSeconds(120));
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
  }

  @Test
  void a403WithTheSecondaryMessageButNoRetryAfterPausesAMinute() {
    gh.fail("GET", PR_PATH, 1, new Fault.Message(403, "You have exceeded a secondary rate limit and have been temporarily blocked from content creation."));
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.secondaryRateLimit()).isTrue();
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    });
  }

  @Test
  void anExhaustedBudgetWaitsForTheResetInPlaceWhenShort() {
    gh.fail("GET", PR_PATH, 1, new Fault.LastOfBudget(30));
    api.pullRequest(REPO, 7);
    assertThat(timing.sleeps()).isEmpty();
    api.pullRequest(REPO, 7); // x-ratelimit-remaining was 0: wait for x-ratelimit-reset first
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(31));
    assertThat(sent("GET", PR_PATH)).isEqualTo(2);
  }

  @Test
  void anExhaustedBudgetWithALongResetBecomesARetryLater() {
    gh.fail("GET", PR_PATH, 1, new Fault.LastOfBudget(3600));
    api.pullRequest(REPO, 7);
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3601));
      assertThat(e.secondaryRateLimit()).isFalse();
      assertThat(e.transientFailure()).isTrue();
    });
    assertThat(sent("GET", PR_PATH)).as("not sent while the budget is exhausted").isEqualTo(1);
  }

  @Test
  void aPrimaryRateLimit403WaitsForTheResetAndRetries() {
    gh.fail("GET", PR_PATH, 1, new Fault.RateLimitExhausted(10));
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(11));
  }

  @Test
  void aPullRequest404RightAfterItsEventIsRetriedTwice() {
    gh.fail("GET", PR_PATH, 2, Fault.status(404));
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));

    gh.fail("GET", PR_PATH, 3, Fault.status(404));
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.gone()).isTrue();
      assertThat(e.transientFailure()).isFalse();
    });
  }

  @Test
  void otherReads404And410AtOnce() {
    gh.fail("GET", "/repos/octo/hello/issues/7/comments", 1, Fault.status(410));
    assertThatThrownBy(() -> api.issueComments(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.gone()).isTrue());
    assertThat(sent("GET", "/repos/octo/hello/issues/7/comments")).isEqualTo(1);
    assertThatThrownBy(() -> api.pullRequest("octo/nope", 1)).isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.gone()).isTrue());
  }

  @Test
  void otherClientErrorsCarryGitHubsMessage() {
    gh.fail("GET", PR_PATH, 1, new Fault.Message(422, "Validation Failed: the head ref is not valid"));
    assertThatThrownBy(() -> api.pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage()).isEqualTo("GitHub answered 422 to GET /repos/octo/hello/pulls/7: Validation Failed: the head ref is not valid");
    });
    assertThat(sent("GET", PR_PATH)).isEqualTo(1);
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() {
    connector = new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
        ClientOptions.defaults().withRequestTimeout(Duration.ofMillis(300)), timing);
    api = connector.installation("42");
    api.repositories();
    gh.fail("GET", PR_PATH, 1, new Fault.Slow(Duration.ofSeconds(5)));
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void writesOfOneInstallationGoOneAtATimeWithAPause() throws Exception {
    AppConnector paced = connector(ClientOptions.defaults()); // 1 s between writes
    GitHubApi p = paced.installation("42");
    p.createIssueComment(REPO, 7, "one");
    p.createIssueComment(REPO, 7, "two");
    assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(1));

    gh.fail("POST", "/repos/octo/hello/issues/7/comments", 4, new Fault.Slow(Duration.ofMillis(100)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) futures.add(pool.submit(() -> p.createIssueComment(REPO, 7, "parallel")));
    for (Future<Long> f : futures) f.get();
    pool.shutdown();
    assertThat(gh.maxWritesInFlight()).isEqualTo(1);
    assertThat(gh.repo(REPO).issueComments(7)).hasSize(6);
  }

  @Test
  void requestsInFlightPerInstallationAreBounded() throws Exception {
    GitHubApi p = connector(ClientOptions.defaults().withMaxConcurrent(2)).installation("42");
    p.repositories();
    gh.fail("GET", PR_PATH, 8, new Fault.Slow(Duration.ofMillis(150)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) futures.add(pool.submit(() -> p.pullRequest(REPO, 7)));
    for (Future<?> f : futures) f.get();
    pool.shutdown();
    assertThat(gh.maxInFlight()).isBetween(1, 2);
  }
}
