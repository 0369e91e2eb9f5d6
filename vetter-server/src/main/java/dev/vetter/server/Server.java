package dev.vetter.server;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.vetter.server.http.CockpitEndpoint;
import dev.vetter.server.chatops.CommandHandler;
import dev.vetter.server.chatops.CommandWorker;
import dev.vetter.server.http.OpsEndpoints;
import dev.vetter.server.http.RequestGuard;
import dev.vetter.server.http.WebhookEndpoint;
import dev.vetter.server.queue.JobQueue;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.Reconciler;
import dev.vetter.server.queue.ReviewJobHandler;
import dev.vetter.server.queue.WorkerPool;
import dev.vetter.server.store.ChatOpsStore;
import dev.vetter.server.store.Database;
import dev.vetter.server.store.Inbox;
import dev.vetter.server.store.JdbcJobQueue;
import dev.vetter.server.webhook.GitHubWebhooks;
import dev.vetter.server.webhook.GitLabWebhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * {@code vetter serve}, wired: the store, the HTTP routes (receiver), the worker pool and the reconciler (worker),
 * as the role asks. Start with {@link #builder}; {@link #close} stops in reverse order.
 */
public final class Server implements AutoCloseable {
  /**
   * The handler used until a forge client is configured: every job ends as skipped with this reason, so nothing is
   * silently dropped.
   */
  public static final ReviewJobHandler NO_FORGE_CLIENT =
      (job, context) -> Outcome.skipped("no forge client in this build: reviews are queued but not posted yet");

  static {
    // The JDK server leaves Nagle's algorithm on by default; with a response written in two parts that costs a
    // delayed-ACK stall (40 ms or more) on some answers. Read once, when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final ServerConfig config;
  private final Database db;
  private final JdbcJobQueue queue;
  private final Inbox inbox;
  private final PrometheusMeterRegistry metrics;
  private final HttpServer http;
  private final ExecutorService httpExecutor;
  private final RequestGuard guard;
  private final WorkerPool workers;
  private final ChatOpsStore chatops;
  private final CommandWorker commands;
  private final Reconciler reconciler;
  private final ScheduledExecutorService scheduler;

  private Server(Builder b) throws IOException {
    this.config = b.config;
    ServerConfig c = b.config;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.db = c.database() == null
        ? Database.embedded(c.dataDir(), b.wrap)
        : Database.postgresql(c.database().jdbcUrl(), c.database().user(), c.database().password(), c.database().schema(), c.workers() + 10, b.wrap);
    try {
      this.queue = new JdbcJobQueue(db, c.queue(), b.clock, b.random);
      this.inbox = new Inbox(db, queue);
      registerQueueGauges();
      this.chatops = new ChatOpsStore(db, queue, c.queue(), b.clock, b.random);
      this.workers = c.role().works() && c.workers() > 0 ? new WorkerPool(queue, b.handler, c.workers(), c.queue().lease(), c.poll(), metrics,
          job -> chatops.active(job.forge(), job.repository(), job.number(), job.headSha(), b.clock.instant())) : null;
      this.commands = c.role().works() && c.workers() > 0 && b.commands != null ? new CommandWorker(chatops, b.commands, c.poll()) : null;
      this.reconciler = c.role().works() && b.source != null ? new Reconciler(queue, b.source, c.reviewDrafts(), metrics) : null;
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("vetter-scheduler").unstarted(r));
      this.httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
      this.guard = new RequestGuard(c.requestTimeout(), c.maxConnectionsPerClient(), metrics);
      this.http = HttpServer.create(new InetSocketAddress(c.bind(), c.port()), 1024);
      http.setExecutor(guard.executor(httpExecutor));
      mountRoutes(b);
      http.start();
      if (workers != null) workers.start();
      if (commands != null) commands.start();
      if (reconciler != null && !c.reconcileInterval().isZero()) {
        long every = c.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, Math.min(every, 30_000), every, TimeUnit.MILLISECONDS);
      }
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private void mountRoutes(Builder b) {
    ServerConfig c = b.config;
    Runnable wake = () -> {
      if (workers != null) workers.wake();
      if (commands != null) commands.wake();
    };
    if (c.role().receives()) {
      GitHubWebhooks gh = c.githubWebhookSecret() == null ? null : new GitHubWebhooks(c.githubWebhookSecret(), c.reviewDrafts());
      GitLabWebhooks gl = c.gitlabWebhookToken() == null ? null : new GitLabWebhooks(c.gitlabWebhookToken(), c.reviewDrafts());
      http.createContext("/webhooks/github", WebhookEndpoint.github(gh, inbox, b.clock, wake, metrics, guard));
      http.createContext("/webhooks/gitlab", WebhookEndpoint.gitlab(gl, inbox, b.clock, wake, metrics, guard));
      WebhookEndpoint.registerBodyBytes(metrics);
    }
    http.createContext("/healthz", RequestGuard.bodiless(OpsEndpoints.health()));
    http.createContext("/readyz", RequestGuard.bodiless(OpsEndpoints.ready(db)));
    http.createContext("/metrics", RequestGuard.bodiless(OpsEndpoints.metrics(metrics)));
    if (c.benchEndpoint()) http.createContext("/bench/noop", OpsEndpoints.noop());
    if (c.cockpitToken() != null) {
      CockpitEndpoint cockpit = new CockpitEndpoint(c.cockpitToken(), c.storeLocation(), metrics, b.clock);
      http.createContext("/cockpit", RequestGuard.bodiless(cockpit));
      http.createContext("/cockpit/login", cockpit.login());
    }
    http.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
  }

  /** Queue depth by state, read from the store at most once a second (every scrape would otherwise query it). */
  private void registerQueueGauges() {
    var cache = new Object() {
      long at;
      Map<JobState, Long> counts;

      synchronized double get(JobState state) {
        long now = System.nanoTime();
        if (counts == null || now - at > 1_000_000_000L) {
          try {
            counts = queue.counts();
          } catch (RuntimeException e) {
            counts = null;
            return Double.NaN;
          }
          at = now;
        }
        return counts.getOrDefault(state, 0L);
      }
    };
    for (JobState s : JobState.values()) {
      Gauge.builder("vetter.queue.jobs", () -> cache.get(s)).description("Jobs in the store by state").tag("state", s.id()).register(metrics);
    }
  }

  private void sweepQuietly() {
    try {
      reconciler.sweep();
    } catch (RuntimeException e) {
      Log.warn("reconciler sweep failed: " + e.getMessage());
    }
  }

  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * Where the server really listens, for its start-up line: the bound address, and when that is every interface
   * ({@code 0.0.0.0}, {@code ::}) it says so, with the address to try from this machine. Never a loopback address
   * for a server that is reachable from the network.
   */
  public String listening() {
    if (!http.getAddress().getAddress().isAnyLocalAddress()) return uri().toString();
    // as configured: Java binds 0.0.0.0 as the dual-stack ::, which would read as IPv6 only
    String bind = config.bind();
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + port() + " (every interface; " + uri() + " from this machine)";
  }

  /** {@code http://127.0.0.1:PORT} when bound to every address, else the bound address. */
  public URI uri() {
    String host = http.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : http.getAddress().getHostString();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  public ServerConfig config() {
    return config;
  }

  public Database database() {
    return db;
  }

  public JobQueue queue() {
    return queue;
  }

  /** ChatOps command jobs and the audit log. */
  public ChatOpsStore chatops() {
    return chatops;
  }

  public Inbox inbox() {
    return inbox;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Runs one reconciler sweep now; empty when this process has no reconciler (receiver role, or no source). */
  public java.util.Optional<Reconciler.Sweep> reconcileNow() {
    return reconciler == null ? java.util.Optional.empty() : java.util.Optional.of(reconciler.sweep());
  }

  /** Stops taking requests, lets running jobs finish for up to {@code grace}, closes the store. */
  public void stop(Duration grace) {
    http.stop(0);
    httpExecutor.shutdown();
    guard.close();
    scheduler.shutdownNow();
    if (workers != null) workers.stop(grace);
    if (commands != null) commands.stop(grace);
    db.close();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /** Options for {@link Server}; only the config is required. */
  public static final class Builder {
    private final ServerConfig config;
    private ReviewJobHandler handler = NO_FORGE_CLIENT;
    private OpenPullRequestSource source;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new Random();
    private UnaryOperator<DataSource> wrap = UnaryOperator.identity();
    private CommandHandler commands;

    private Builder(ServerConfig config) {
      this.config = requireNonNull(config, "config == null");
    }

    /** What workers do with a claimed job (default: {@link #NO_FORGE_CLIENT}). */
    public Builder handler(ReviewJobHandler handler) {
      this.handler = requireNonNull(handler, "handler == null");
      return this;
    }

    /** What a worker does with a {@code /vetter} command (default: none; commands stay queued until a server has one). */
    public Builder commands(CommandHandler commands) {
      this.commands = commands;
      return this;
    }

    /** Where the reconciler lists open pull requests (default: none, no reconciler). */
    public Builder source(OpenPullRequestSource source) {
      this.source = source;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random == null");
      return this;
    }

    /** Wraps the store's data source, e.g. to inject outages in tests. */
    public Builder wrapDataSource(UnaryOperator<DataSource> wrap) {
      this.wrap = requireNonNull(wrap, "wrap == null");
      return this;
    }

    /** Opens the store (creating or upgrading its schema), binds the port and starts the workers. */
    public Server start() throws IOException {
      return new Server(this);
    }
  }
}
