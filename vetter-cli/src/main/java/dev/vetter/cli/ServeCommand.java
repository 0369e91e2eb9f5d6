package dev.vetter.cli;

import dev.vetter.engine.UserError;
import dev.vetter.github.client.GitHubSettings;
import dev.vetter.github.review.GitHubPullRequestSource;
import dev.vetter.github.review.GitHubCommandHandler;
import dev.vetter.github.review.GitHubReviewHandler;
import dev.vetter.gitlab.GitLabBot;
import dev.vetter.review.ReviewSetup;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.ForgeDispatch;
import dev.vetter.server.store.StoreException;
import dev.vetter.server.webhook.Forge;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the bot: webhook receiver, job queue and workers. Settings come from flags and VETTER_* variables (docs/deploy.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Run Vetter as a bot: receive GitHub and GitLab webhooks, queue reviews durably, and work them off.",
      "",
      "Secrets come from the environment only: VETTER_GITHUB_WEBHOOK_SECRET, VETTER_GITLAB_WEBHOOK_TOKEN (at least one for a receiver).",
      "GitHub API: VETTER_GITHUB_TOKEN, or a GitHub App with VETTER_GITHUB_APP_ID and VETTER_GITHUB_PRIVATE_KEY_FILE;"
          + " VETTER_GITHUB_API_URL for GitHub Enterprise Server.",
      "Every setting and its variable is listed in docs/deploy.md."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: $VETTER_PORT, else 8080; 0 picks a free one).")
  String port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: $VETTER_BIND, else 0.0.0.0).")
  String bind;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the embedded store (default: $VETTER_DATA_DIR); required without --database.")
  String dataDir;

  @Option(names = "--role", paramLabel = "ROLE", description = "all (default), receiver or worker; receiver and worker need --database.")
  String role;

  @Option(names = "--database", paramLabel = "URL", description = "PostgreSQL, postgresql://user:password@host:5432/db (default: $VETTER_DATABASE_URL, else the embedded store).")
  String database;

  @Option(names = "--workers", paramLabel = "N", description = "Jobs this process works on at once (default: $VETTER_WORKERS, else 2); 0 only receives and queues.")
  String workers;

  @Option(names = "--drafts", paramLabel = "POLICY", description = "Draft pull requests: skip (default) or review ($VETTER_DRAFTS).")
  String drafts;

  @Option(names = "--bench-endpoint", hidden = true, description = "Expose POST /bench/noop, a route that does nothing (load benchmark floor).")
  boolean benchEndpoint;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, "--port", port);
    put(flags, "--bind", bind);
    put(flags, "--data-dir", dataDir);
    put(flags, "--role", role);
    put(flags, "--database", database);
    put(flags, "--workers", workers);
    put(flags, "--drafts", drafts);
    if (benchEndpoint) flags.put("--bench-endpoint", "true");
    ServerConfig config;
    try {
      config = ServerConfig.load(System.getenv(), flags);
    } catch (ServerConfig.ConfigException e) {
      throw new UserError(e.getMessage());
    }
    // GitHub: a token or an App (VETTER_GITHUB_*); a bad setting stops start-up with one line naming it
    GitHubSettings.Result github = GitHubSettings.fromEnvironment(System.getenv());
    if (github.error() != null) throw new UserError(github.error());
    // every bot reviews with the organisation policy (VETTER_ORG_CONFIG), checked now so that a bad one stops start-up
    ReviewSetup setup = config.reviewSetup(Workspace.registry()).validate();
    ForgeDispatch forges = new ForgeDispatch();
    if (github.configured()) {
      forges.add(Forge.GITHUB, new GitHubReviewHandler(github.connector(), setup, config.reviewDrafts()),
          new GitHubPullRequestSource(github.connector()));
      // /vetter commands in pull request comments (docs/chatops.md)
      forges.commands(Forge.GITHUB, new GitHubCommandHandler(github.connector(), setup, java.time.Clock.systemUTC()));
    }
    try {
      // GitLab: reviews merge requests when VETTER_GITLAB_TOKEN is set (docs/deploy.md)
      GitLabBot.fromConfig(config, setup).ifPresent(h -> forges.add(Forge.GITLAB, h, h).commands(Forge.GITLAB, h.commands(java.time.Clock.systemUTC())));
    } catch (ServerConfig.ConfigException e) {
      throw new UserError(e.getMessage());
    }
    Server server;
    try {
      server = Server.builder(config).handler(forges).commands(forges).source(forges.isEmpty() ? null : forges).start();
    } catch (BindException e) {
      throw new UserError("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage());
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("vetter: serving on " + server.listening() + " (role " + config.role().name().toLowerCase(java.util.Locale.ROOT)
        + ", store " + server.database().description() + ", " + github.description() + ")");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(Duration.ofSeconds(20));
      stopped.countDown();
    }, "vetter-shutdown"));
    stopped.await();
    return Main.OK;
  }

  private static void put(Map<String, String> flags, String name, String value) {
    if (value != null) flags.put(name, value);
  }
}
