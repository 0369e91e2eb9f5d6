package dev.vetter.server.queue;

import static java.util.Objects.requireNonNull;

import dev.vetter.server.webhook.Forge;
import java.time.Instant;
import java.util.List;

/**
 * Lists the open pull requests a forge knows of, so the {@link Reconciler} can catch up on events that were lost
 * (receiver down, database down, a delivery GitHub never sent). Implemented by the forge clients.
 */
public interface OpenPullRequestSource {
  /** The installations to sweep (GitHub App installation ids; GitLab top-level groups). */
  List<String> installations() throws Exception;

  /** The open pull requests of one installation, with their current heads. */
  List<OpenPullRequest> openPullRequests(String installation) throws Exception;

  /**
   * One open pull request and its current head.
   *
   * @param updatedAt the pull request's {@code updated_at} as the forge listed it (orders this against events for the
   *     same pull request); null when the forge did not say
   */
  record OpenPullRequest(Forge forge, String installation, String repository, long number, String headSha, boolean draft, Instant updatedAt) {
    public OpenPullRequest(Forge forge, String installation, String repository, long number, String headSha, boolean draft) {
      this(forge, installation, repository, number, headSha, draft, null);
    }

    public OpenPullRequest {
      requireNonNull(forge, "forge == null");
      requireNonNull(installation, "installation == null");
      requireNonNull(repository, "repository == null");
      requireNonNull(headSha, "headSha == null");
    }
  }
}
