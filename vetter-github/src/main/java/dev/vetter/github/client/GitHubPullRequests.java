package dev.vetter.github.client;

import static java.util.Objects.requireNonNull;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.server.Log;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.webhook.Forge;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconciler's view of GitHub: every installation ({@code GET /app/installations}, or the token), each of its
 * repositories, each repository's open pull requests with their heads. A repository that cannot be listed is logged
 * and skipped, so one archived or inaccessible repository does not stop the sweep of the others.
 */
public final class GitHubPullRequests implements OpenPullRequestSource {
  private final GitHubConnector connector;

  public GitHubPullRequests(GitHubConnector connector) {
    this.connector = requireNonNull(connector, "connector == null");
  }

  @Override
  public List<String> installations() {
    return connector.installations();
  }

  @Override
  public List<OpenPullRequest> openPullRequests(String installation) {
    GitHubApi api = connector.installation(installation);
    List<OpenPullRequest> out = new ArrayList<>();
    for (String repo : api.repositories()) {
      try {
        for (GitHubApi.PullRequest pr : api.openPullRequests(repo)) {
          out.add(new OpenPullRequest(Forge.GITHUB, installation, repo, pr.number(), pr.headSha(), pr.draft()));
        }
      } catch (dev.vetter.github.GitHubException e) {
        if (e.secondaryRateLimit()) throw e; // the installation is paused: stop here, the next sweep resumes
        Log.warn("sweep of " + repo + " (installation " + installation + ") skipped: " + e.getMessage());
      }
    }
    return out;
  }
}
