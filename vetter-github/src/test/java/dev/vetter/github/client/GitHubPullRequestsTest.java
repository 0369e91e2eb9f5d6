package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.queue.OpenPullRequestSource.OpenPullRequest;
import dev.vetter.server.webhook.Forge;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitHubPullRequestsTest {
  @Test
  void sweepsEveryOpenPullRequestOfEveryInstallation() {
    ManualTiming timing = new ManualTiming();
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", "octo/a", "octo/b").installation("43", "other/c");
      gh.repo("octo/a").pull(1).head("x", "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1");
      gh.repo("octo/a").pull(2).state("closed", false);
      gh.repo("octo/b").pull(5).draft(true).head("y", "b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5");
      GitHubPullRequests source = new GitHubPullRequests(new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
          ClientOptions.defaults().withWritePause(Duration.ZERO), timing));
      assertThat(source.installations()).containsExactly("42", "43");
      assertThat(source.openPullRequests("42")).containsExactly(
          new OpenPullRequest(Forge.GITHUB, "42", "octo/a", 1, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", false),
          new OpenPullRequest(Forge.GITHUB, "42", "octo/b", 5, "b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5", true));
      assertThat(source.openPullRequests("43")).isEmpty();
      assertThat(gh.violations()).isEmpty();
    }
  }
}
