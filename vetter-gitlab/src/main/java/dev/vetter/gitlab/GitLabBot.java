package dev.vetter.gitlab;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.review.ReviewSetup;
import dev.vetter.server.ServerConfig;
import java.util.Optional;

/** Builds the GitLab side of {@code vetter serve} from its configuration. */
public final class GitLabBot {
  private GitLabBot() {}

  /**
   * The handler for GitLab jobs (and the reconciler's source of open merge requests), or empty when no
   * {@code VETTER_GITLAB_TOKEN} is set.
   *
   * @throws ServerConfig.ConfigException when this process works off GitLab jobs it cannot post (a webhook token but
   *     no API token)
   */
  public static Optional<GitLabReviewHandler> fromConfig(ServerConfig config, CheckRegistry registry) {
    return fromConfig(config, config.reviewSetup(registry));
  }

  /** As {@link #fromConfig(ServerConfig, CheckRegistry)}, each review set up by {@code setup} (the server's, shared with GitHub's). */
  public static Optional<GitLabReviewHandler> fromConfig(ServerConfig config, ReviewSetup setup) {
    ServerConfig.GitLabApi gl = config.gitlab();
    if (gl.token() == null) {
      if (config.role().works() && config.gitlabWebhookToken() != null) {
        throw new ServerConfig.ConfigException("VETTER_GITLAB_WEBHOOK_TOKEN is set but VETTER_GITLAB_TOKEN is not: the workers need an API token"
            + " (scope api) to post reviews on GitLab");
      }
      return Optional.empty();
    }
    HttpGitLabApi api = new HttpGitLabApi(HttpGitLabApi.Settings.defaults(gl.url(), gl.token()).withWritePause(gl.writePause()));
    return Optional.of(new GitLabReviewHandler(api, setup, config.reviewDrafts(), null));
  }
}
