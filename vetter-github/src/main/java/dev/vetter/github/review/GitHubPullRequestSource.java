package dev.vetter.github.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.webhook.Forge;
import java.util.ArrayList;
import java.util.List;

/** The reconciler's view of GitHub: every installation's repositories and their open pull requests. */
public final class GitHubPullRequestSource implements OpenPullRequestSource {
  private final GitHubConnector connector;

  public GitHubPullRequestSource(GitHubConnector connector) {
    this.connector = requireNonNull(connector, "connector == null");
  }

  @Override
  public List<String> installations() {
    return connector.installations();
  }

  @Override
  public List<OpenPullRequest> openPullRequests(String installation) {
    GitHubApi api = connector.installation(installation);
    List<OpenPullRequest> open = new ArrayList<>();
    for (String repo : api.repositories()) {
      for (GitHubApi.PullRequest pr : api.openPullRequests(repo)) {
        open.add(new OpenPullRequest(Forge.GITHUB, installation, repo, pr.number(), pr.headSha(), pr.draft()));
      }
    }
    return open;
  }
}
