package dev.vetter.server.queue;

import static java.util.Objects.requireNonNull;

import dev.vetter.forge.chatops.Ledger;
import dev.vetter.server.chatops.CommandHandler;
import dev.vetter.server.chatops.CommandJob;
import dev.vetter.server.webhook.Forge;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each job to the handler of its {@link Job#forge()}, and lets the reconciler sweep every configured forge.
 * A job for a forge without a client ends as skipped, saying so. Fill it before the server starts; thread-safe
 * afterwards.
 */
public final class ForgeDispatch implements ReviewJobHandler, OpenPullRequestSource, CommandHandler {
  private final Map<Forge, ReviewJobHandler> handlers = new EnumMap<>(Forge.class);
  private final Map<Forge, CommandHandler> commands = new EnumMap<>(Forge.class);
  private final Map<Forge, OpenPullRequestSource> sources = new EnumMap<>(Forge.class);

  /** Handles {@code forge}'s jobs with {@code handler}, and sweeps its open pull requests with {@code source} (may be null). */
  public ForgeDispatch add(Forge forge, ReviewJobHandler handler, OpenPullRequestSource source) {
    handlers.put(requireNonNull(forge, "forge == null"), requireNonNull(handler, "handler == null"));
    if (source != null) sources.put(forge, source);
    return this;
  }

  /** Carries out {@code forge}'s {@code /vetter} commands with {@code handler}. */
  public ForgeDispatch commands(Forge forge, CommandHandler handler) {
    commands.put(requireNonNull(forge, "forge == null"), requireNonNull(handler, "handler == null"));
    return this;
  }

  @Override
  public Outcome handle(CommandJob job, Ledger ledger) throws Exception {
    CommandHandler h = commands.get(job.request().forge());
    if (h == null) return Outcome.skipped("no " + job.request().forge().id() + " client configured for commands");
    return h.handle(job, ledger);
  }

  public boolean isEmpty() {
    return handlers.isEmpty();
  }

  @Override
  public Outcome handle(Job job, JobContext context) throws Exception {
    ReviewJobHandler h = handlers.get(job.forge());
    if (h == null) return Outcome.skipped("no " + job.forge().id() + " client configured: the review was queued but cannot be posted");
    return h.handle(job, context);
  }

  /** Installations of every forge, each prefixed with its forge's id ({@code gitlab:acme}) so it can be routed back. */
  @Override
  public List<String> installations() throws Exception {
    List<String> all = new ArrayList<>();
    for (Map.Entry<Forge, OpenPullRequestSource> e : sources.entrySet()) {
      for (String i : e.getValue().installations()) all.add(e.getKey().id() + ":" + i);
    }
    return all;
  }

  @Override
  public List<OpenPullRequest> openPullRequests(String installation) throws Exception {
    int colon = installation.indexOf(':');
    if (colon < 0) throw new IllegalArgumentException("installation without a forge prefix: " + installation);
    OpenPullRequestSource source = sources.get(Forge.byId(installation.substring(0, colon)));
    if (source == null) return List.of();
    return source.openPullRequests(installation.substring(colon + 1));
  }
}
