package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.github.review.GitHubReviewHandler;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobContext;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.webhook.Forge;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The review handler posting through the HTTP client to the fake GitHub: every request it makes is held to GitHub's
 * OpenAPI description and GraphQL schema, then a second push updates and resolves without duplicates.
 */
class ReviewOverHttpTest {
  static final String REPO = "octo/hello";
  static final String BASE = "1111111111111111111111111111111111111111";
  static final String HEAD1 = "2222222222222222222222222222222222222222";
  static final String HEAD2 = "3333333333333333333333333333333333333333";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPushIsReviewedAndASecondPushUpdatesAndResolves() throws Exception {
    ManualTiming timing = new ManualTiming();
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", REPO);
      gh.repo(REPO).file(BASE, ".vetter.yml", utf8("fail-on: notice\nrules: {hygiene: {mode: block}}\n")).file(BASE, "src/a.txt", utf8("one\ntwo\n"));
      FakeGitHub.Pull pr = gh.repo(REPO).pull(7).base("main", BASE).head("feature", HEAD1)
          .file("src/a.txt", "modified", "@@ -1,2 +1,4 @@\n one\n-two\n+two  \n+three \n+// TODO later", utf8("one\ntwo  \nthree \n// TODO later\n"))
          .commit(HEAD1, "work", BASE);
      GitHubConnector connector = new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
          ClientOptions.defaults().withWritePause(Duration.ZERO), timing);
      GitHubReviewHandler handler = new GitHubReviewHandler(connector, new CheckRegistry(BuiltInChecks.all()), false);
      JobContext context = new JobContext() {
        @Override
        public boolean stillCurrent() {
          return true;
        }

        @Override
        public String workerId() {
          return "w1";
        }
      };

      // GitHub creates the review but answers 502 (RELIABILITY.md 13): the job fails as transient and its retry
      // finds Vetter's markers instead of posting the comments again
      gh.fail("POST", "/repos/octo/hello/pulls/7/reviews", 1, new FakeGitHub.Fault.AfterWrite(502));
      Job job1 = new Job(1, Forge.GITHUB, "42", REPO, 7, HEAD1, "pull_request.opened", 1, 1, Instant.EPOCH);
      try {
        handler.handle(job1, context);
      } catch (dev.vetter.github.GitHubException e) {
        assertThat(e.transientFailure()).isTrue();
      }
      assertThat(gh.repo(REPO).reviewComments(7)).hasSize(3);
      Outcome first = handler.handle(new Job(1, Forge.GITHUB, "42", REPO, 7, HEAD1, "pull_request.opened", 2, 1, Instant.EPOCH), context);
      assertThat(gh.violations()).isEmpty();
      assertThat(first).isEqualTo(Outcome.done());
      assertThat(gh.repo(REPO).checkRuns()).singleElement().satisfies(r -> {
        assertThat(r.path("status").asText()).isEqualTo("completed");
        assertThat(r.path("conclusion").asText()).isEqualTo("failure");
      });
      assertThat(gh.repo(REPO).reviewComments(7)).as("the retry posted nothing twice").hasSize(3);
      assertThat(gh.writes()).filteredOn(w -> w.path().endsWith("/reviews")).hasSize(1);

      // a push fixes line 2's trailing whitespace
      gh.repo(REPO).file(HEAD2, "src/a.txt", utf8("one\ntwo\nthree \n// TODO later\n"));
      pr.head("feature", HEAD2).file("src/a.txt", "modified", "@@ -1,2 +1,4 @@\n one\n two\n+three \n+// TODO later", utf8("one\ntwo\nthree \n// TODO later\n"))
          .commit(HEAD2, "fix", HEAD1);
      Outcome second = handler.handle(new Job(2, Forge.GITHUB, "42", REPO, 7, HEAD2, "pull_request.synchronize", 1, 1, Instant.EPOCH), context);
      assertThat(gh.violations()).isEmpty();
      assertThat(second).isEqualTo(Outcome.done());
      assertThat(gh.repo(REPO).reviewComments(7)).as("no duplicates").hasSize(3);
      assertThat(gh.repo(REPO).threads(7)).filteredOn(FakeGitHub.ThreadView::resolved).hasSize(1);
      assertThat(gh.repo(REPO).checkRuns()).hasSize(2);
    }
  }
}
