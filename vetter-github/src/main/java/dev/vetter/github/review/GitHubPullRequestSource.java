package dev.vetter.github.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.server.Log;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.webhook.Forge;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconciler's view of GitHub: every installation's repositories and their open pull requests. One repository
 * that cannot be listed (archived, access revoked, GitHub failing on it) is logged and skipped, so the others are
 * still swept; a rate limit ends the installation's sweep instead, as every further call would be refused too.
 */
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
      List<GitHubApi.PullRequest> pulls;
      try {
        pulls = api.openPullRequests(repo);
      } catch (GitHubException e) {
        if (e.secondaryRateLimit() || e.retryAfter() != null) throw e;
        Log.warn("reconciler: installation " + installation + ": skipped repository " + repo + ": " + e.getMessage());
        continue;
      }
      for (GitHubApi.PullRequest pr : pulls) {
        open.add(new OpenPullRequest(Forge.GITHUB, installation, repo, pr.number(), pr.headSha(), pr.draft(), pr.updatedAt()));
      }
    }
    return open;
  }
}
