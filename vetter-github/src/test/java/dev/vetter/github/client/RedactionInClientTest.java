package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubException;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.FakeGitHub.Fault;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Credentials never reach an exception message or a log line, even when GitHub's own answer echoes one. The rest of
 * the module's log output is checked by {@link dev.vetter.github.NoCredentialsInLogs}, whose patterns are tested here.
 */
class RedactionInClientTest {
  @Test
  void theLogCheckerFindsEveryKindOfCredential() {
    assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find("ghs_16C7e42F292c6912E7710c838347Ae178B4a")).hasSize(1);
    assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find(TestKeys.shared().pkcs1Pem())).isNotEmpty();
    assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find("Authorization: Bearer abcdefghijklmnopqrstuvwxyz")).hasSize(1);
    assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find("GitHub answered 401: Bad credentials; token [redacted]")).isEmpty();
  }

  @Test
  void anEchoedCredentialIsMaskedInExceptionsAndLogs() {
    ManualTiming timing = new ManualTiming();
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", "octo/hello");
      gh.repo("octo/hello").pull(7);
      AppConnector c = new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
          ClientOptions.defaults().withWritePause(Duration.ZERO), timing);
      GitHubApi api = c.installation("42");
      String jwt = c.jwt();
      String echoed = "Bad token ghs_16C7e42F292c6912E7710c838347Ae178B4a and JWT " + jwt + " and " + TestKeys.shared().pkcs1Pem();
      gh.fail("GET", "/repos/octo/hello/pulls/7", 1, new Fault.Message(422, echoed));
      gh.fail("GET", "/repos/octo/hello/pulls/7/files", 1, new Fault.Message(502, echoed));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream previous = Log.output(new PrintStream(out, true, StandardCharsets.UTF_8));
      try {
        assertThatThrownBy(() -> api.pullRequest("octo/hello", 7)).isInstanceOfSatisfying(GitHubException.class, e -> {
          assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find(e.getMessage())).isEmpty();
          assertThat(e.getMessage()).contains("ghs_[redacted]").contains("[redacted JWT]").contains("[redacted RSA PRIVATE KEY]");
        });
        api.pullFiles("octo/hello", 7); // the 502 is logged as a retry
      } finally {
        Log.output(previous);
      }
      String logged = out.toString(StandardCharsets.UTF_8);
      assertThat(logged).contains("retry 1 of 3");
      assertThat(dev.vetter.github.NoCredentialsInLogsAccess.find(logged)).isEmpty();
      assertThat(gh.violations()).isEmpty();
    }
  }
}
