package dev.vetter.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.queue.OpenPullRequestSource.OpenPullRequest;
import dev.vetter.server.webhook.Forge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForgeDispatchTest {
  static Job job(Forge forge) {
    return new Job(1, forge, "acme", "acme/app", 3, "a".repeat(40), "test", 1, 1, Instant.EPOCH);
  }

  static final JobContext CONTEXT = new JobContext() {
    @Override
    public boolean stillCurrent() {
      return true;
    }

    @Override
    public String workerId() {
      return "w";
    }
  };

  @Test
  void routesByForgeAndSkipsForgesWithoutAClient() throws Exception {
    ForgeDispatch d = new ForgeDispatch().add(Forge.GITLAB, (job, ctx) -> Outcome.skipped("gitlab handled " + job.number()), null);
    assertThat(d.handle(job(Forge.GITLAB), CONTEXT)).isEqualTo(Outcome.skipped("gitlab handled 3"));
    assertThat(d.handle(job(Forge.GITHUB), CONTEXT)).isInstanceOfSatisfying(Outcome.Skipped.class,
        s -> assertThat(s.reason()).startsWith("no github client configured"));
  }

  @Test
  void sweepsEveryForgeAndRoutesInstallationsBack() throws Exception {
    OpenPullRequest pr = new OpenPullRequest(Forge.GITLAB, "acme", "acme/app", 3, "b".repeat(40), false);
    ForgeDispatch d = new ForgeDispatch().add(Forge.GITLAB, (job, ctx) -> Outcome.done(), new OpenPullRequestSource() {
      @Override
      public List<String> installations() {
        return List.of("acme");
      }

      @Override
      public List<OpenPullRequest> openPullRequests(String installation) {
        return installation.equals("acme") ? List.of(pr) : List.of();
      }
    });
    assertThat(d.installations()).containsExactly("gitlab:acme");
    assertThat(d.openPullRequests("gitlab:acme")).containsExactly(pr);
    assertThat(d.openPullRequests("github:42")).isEmpty();
  }
}
