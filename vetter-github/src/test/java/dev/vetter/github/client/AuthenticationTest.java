package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub App and token authentication (RELIABILITY.md 16, 17); the fake verifies each JWT with the App's public key. */
class AuthenticationTest {
  static final String REPO = "octo/hello";

  FakeGitHub gh;
  ManualTiming timing;

  @BeforeEach
  void setUp() {
    gh = FakeGitHub.start();
    timing = new ManualTiming();
    gh.clock(timing::now);
    gh.app(77, "vetter", TestKeys.shared().publicKey()).installation("42", REPO);
    gh.repo(REPO).pull(7);
  }

  @AfterEach
  void tearDown() {
    if (gh == null) return;
    assertThat(gh.violations()).isEmpty();
    gh.close();
  }

  AppConnector app(ManualTiming t) {
    return new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
        ClientOptions.defaults().withWritePause(Duration.ZERO), t);
  }

  @Test
  void theJwtIsSignedRs256AndBackdatedForClockSkew() throws Exception {
    SignedJWT jwt = SignedJWT.parse(app(timing).jwt());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier(TestKeys.shared().publicKey()))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("77");
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(timing.now().minusSeconds(60));
    Instant exp = jwt.getJWTClaimsSet().getExpirationTime().toInstant();
    assertThat(Duration.between(timing.now(), exp)).isLessThanOrEqualTo(Duration.ofMinutes(10)).isPositive();
    assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(), exp)).isLessThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aPkcs1KeyAsGitHubGivesItAndAPkcs8KeyBothSign() throws Exception {
    for (String pem : List.of(TestKeys.shared().pkcs1Pem(), TestKeys.shared().pkcs8Pem())) {
      AppConnector c = new AppConnector(gh.apiUrl(), 77, PrivateKeys.parse(pem), HttpClient.newHttpClient(), ClientOptions.defaults(), timing);
      assertThat(c.botLogin()).isEqualTo("vetter[bot]");
    }
    assertThat(TestKeys.shared().pkcs1Pem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void aWrongKeyIsRejectedByGitHub() {
    AppConnector wrong = new AppConnector(gh.apiUrl(), 77, TestKeys.generate().privateKey(), HttpClient.newHttpClient(), ClientOptions.defaults(), timing);
    assertThatThrownBy(wrong::botLogin).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).contains("JSON web token could not be decoded").doesNotContain("eyJ");
    });
  }

  @Test
  void anAppClockAheadOfGitHubIsLoggedClearly() {
    ManualTiming ahead = new ManualTiming(timing.now().plus(Duration.ofMinutes(3)));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous = Log.output(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> app(ahead).botLogin()).isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(401));
    } finally {
      Log.output(previous);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("'Issued at' claim").contains("check this machine's clock");
  }

  @Test
  void installationTokensAreCachedAndRenewedBeforeTheyExpire() {
    GitHubApi api = app(timing).installation("42");
    api.pullRequest(REPO, 7);
    api.pullRequest(REPO, 7);
    assertThat(gh.tokensIssued("42")).isEqualTo(1);
    timing.advance(Duration.ofMinutes(54)); // the token lasts an hour; 6 minutes left
    api.pullRequest(REPO, 7);
    assertThat(gh.tokensIssued("42")).isEqualTo(1);
    timing.advance(Duration.ofMinutes(2)); // 4 minutes left: renewed 5 minutes early
    api.pullRequest(REPO, 7);
    assertThat(gh.tokensIssued("42")).isEqualTo(2);
  }

  @Test
  void aTokenRejectedMidJobIsRenewedOnceAndTheRequestRetried() {
    GitHubApi api = app(timing).installation("42");
    api.pullRequest(REPO, 7);
    gh.revokeInstallationTokens();
    assertThat(api.pullRequest(REPO, 7).number()).isEqualTo(7);
    assertThat(gh.tokensIssued("42")).isEqualTo(2);
    assertThat(gh.requests().stream().filter(r -> r.path().equals("/repos/octo/hello/pulls/7")).map(FakeGitHub.Recorded::status).toList())
        .containsExactly(200, 401, 200);
  }

  @Test
  void concurrentJobsOfOneInstallationFetchOneToken() throws Exception {
    GitHubApi api = app(timing).installation("42");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return api.pullRequest(REPO, 7);
      }));
    }
    start.countDown();
    for (Future<?> f : futures) f.get();
    pool.shutdown();
    assertThat(gh.tokensIssued("42")).isEqualTo(1);
  }

  @Test
  void aTokenConnectorUsesTheTokensUserAndRepositories() {
    String token = gh.userToken("vetter-bot");
    gh.repo("octo/other");
    TokenConnector c = new TokenConnector(gh.apiUrl(), token, List.of(), HttpClient.newHttpClient(), ClientOptions.defaults(), timing);
    assertThat(c.botLogin()).isEqualTo("vetter-bot");
    assertThat(c.installations()).containsExactly(GitHubConnector.TOKEN);
    assertThat(c.installation(GitHubConnector.TOKEN).repositories()).containsExactlyInAnyOrder(REPO, "octo/other");
    assertThat(c.installation("octo").pullRequest(REPO, 7).number()).isEqualTo(7);
    TokenConnector configured = new TokenConnector(gh.apiUrl(), token, List.of(REPO), HttpClient.newHttpClient(), ClientOptions.defaults(), timing);
    assertThat(configured.installation(GitHubConnector.TOKEN).repositories()).containsExactly(REPO);
  }

  @Test
  void aBadTokenIsA401WithoutTheToken() {
    TokenConnector c = new TokenConnector(gh.apiUrl(), "ghp_0123456789abcdefghijABCDEFGHIJ012345", List.of(), HttpClient.newHttpClient(),
        ClientOptions.defaults(), timing);
    assertThatThrownBy(() -> c.installation(GitHubConnector.TOKEN).pullRequest(REPO, 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).isEqualTo("GitHub answered 401 to GET /repos/octo/hello/pulls/7: Bad credentials");
    });
  }

  @Test
  void gitHubEnterpriseServerUsesApiV3AndApiGraphql() {
    assertThat(HttpGitHubApi.graphqlUri(java.net.URI.create("https://ghe.example.com/api/v3"))).hasToString("https://ghe.example.com/api/graphql");
    assertThat(HttpGitHubApi.graphqlUri(java.net.URI.create("https://ghe.example.com/api/v3/"))).hasToString("https://ghe.example.com/api/graphql");
    assertThat(HttpGitHubApi.graphqlUri(java.net.URI.create("https://api.github.com"))).hasToString("https://api.github.com/graphql");
    try (FakeGitHub ghes = FakeGitHub.start(true)) {
      ghes.repo(REPO).pull(3).file("a.txt", "modified", "@@ -1 +1 @@\n-a\n+b", "b\n".getBytes());
      String token = ghes.userToken("vetter");
      GitHubApi api = new TokenConnector(ghes.apiUrl(), token, List.of(REPO), HttpClient.newHttpClient(), ClientOptions.defaults().withWritePause(Duration.ZERO), timing)
          .installation(GitHubConnector.TOKEN);
      assertThat(ghes.apiUrl().getPath()).isEqualTo("/api/v3");
      api.createReview(REPO, 3, new GitHubApi.ReviewWrite("0000000000000000000000000000000000000002", "COMMENT", "x",
          List.of(new GitHubApi.NewComment("a.txt", 1, "RIGHT", null, null, "c"))));
      assertThat(api.reviewThreads(REPO, 3)).hasSize(1);
      assertThat(ghes.violations()).isEmpty();
    }
  }
}
