package dev.vetter.server;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.review.ReviewSetup;
import dev.vetter.server.queue.QueueSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code vetter serve} is told, from flags and environment variables (a flag wins over its variable),
 * checked as a whole before anything starts: a missing or contradictory setting is one {@link ConfigException}
 * whose message names the setting.
 *
 * @param workers jobs worked on at once in this process; 0 pauses processing (deliveries are still received and queued)
 * @param reviewDrafts the draft policy: review draft pull requests ({@code --drafts review}) or skip them until ready
 * @param reconcileInterval how often the reconciler sweeps open pull requests; zero turns it off
 * @param benchEndpoint expose the hidden {@code POST /bench/noop} route that does nothing (for the load benchmark)
 * @param requestTimeout how long one request may take to arrive, headers and body, before its connection is cut
 * @param maxConnectionsPerClient webhook requests one client address may have in progress at once; 0 for no cap
 * @param orgConfig the organisation policy merged under every repository's {@code .vetter.yml} ({@code VETTER_ORG_CONFIG}); null for none
 * @param cockpitToken the bearer token every {@code /cockpit} request needs ({@code VETTER_COCKPIT_TOKEN}); null: no Cockpit (404)
 */
public record ServerConfig(
    String bind, int port, Path dataDir, Role role, DatabaseUrl database,
    String githubWebhookSecret, String gitlabWebhookToken, GitLabApi gitlab,
    boolean reviewDrafts, int workers, QueueSettings queue, Duration poll, Duration reconcileInterval, boolean benchEndpoint,
    Duration requestTimeout, int maxConnectionsPerClient, Path orgConfig, String cockpitToken) {

  /** Which parts run in this process. */
  public enum Role {
    ALL, RECEIVER, WORKER;

    public boolean receives() {
      return this != WORKER;
    }

    public boolean works() {
      return this != RECEIVER;
    }
  }

  /** A PostgreSQL database: JDBC URL without credentials, and the schema to use (null: the server's default). */
  public record DatabaseUrl(String jdbcUrl, String user, String password, String schema) {
    @Override
    public String toString() {
      return jdbcUrl + (user == null ? "" : " as " + user) + (schema == null ? "" : " schema " + schema);
    }
  }

  /**
   * GitLab API settings, for the forge client (posting).
   *
   * @param url the instance ({@code https://gitlab.com} or a self-managed address), without {@code /api/v4}
   * @param writePause the pause between two writes to one project (GitLab's abuse limits)
   */
  public record GitLabApi(URI url, String token, Duration writePause) {
    @Override
    public String toString() {
      return "GitLabApi[" + url + (token != null ? ", token" : "") + "]";
    }
  }

  /** A setting that stops start-up; the message is one line naming it. */
  public static final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    // never print secrets
    return "ServerConfig[" + bind + ":" + port + ", role " + role + ", " + (database == null ? "embedded in " + dataDir : database) + "]";
  }

  /** Where this server's store is, for readers that open it apart from the server ({@code /cockpit}). */
  public StoreLocation storeLocation() {
    return new StoreLocation(dataDir, database);
  }

  /** Where the store is: the embedded store's directory, or PostgreSQL (then {@code dataDir} is ignored). */
  public record StoreLocation(Path dataDir, DatabaseUrl database) {}

  /**
   * The store's location as {@code vetter serve} reads it ({@code --data-dir} or {@code VETTER_DATA_DIR},
   * {@code --database} or {@code VETTER_DATABASE_URL}, a flag over its variable), with the same errors; for commands
   * that read the server's store ({@code vetter report}).
   */
  public static StoreLocation storeLocation(Map<String, String> env, Map<String, String> flags) {
    Reader r = new Reader(env, flags);
    String dataDirText = r.string("--data-dir", "VETTER_DATA_DIR", null);
    String databaseText = r.string("--database", "VETTER_DATABASE_URL", null);
    DatabaseUrl database = databaseText == null ? null : parseDatabase(databaseText, r.name("--database", "VETTER_DATABASE_URL"));
    if (database == null && dataDirText == null) {
      throw new ConfigException("--data-dir (or VETTER_DATA_DIR) or --database (or VETTER_DATABASE_URL) is needed: where vetter serve keeps its store");
    }
    return new StoreLocation(dataDirText == null ? null : Path.of(dataDirText), database);
  }

  /**
   * Reads the configuration. {@code flags} maps flag names as typed ({@code --port}) to values, for flags that were
   * given; {@code env} is the environment.
   */
  public static ServerConfig load(Map<String, String> env, Map<String, String> flags) {
    Reader r = new Reader(env, flags);
    String bind = r.string("--bind", "VETTER_BIND", "0.0.0.0");
    int port = r.integer("--port", "VETTER_PORT", 8080, 0, 65535);
    Role role = r.choice("--role", "VETTER_ROLE", Role.ALL, Role.class);
    String dataDirText = r.string("--data-dir", "VETTER_DATA_DIR", null);
    Path dataDir = dataDirText == null ? null : Path.of(dataDirText);
    String databaseText = r.string("--database", "VETTER_DATABASE_URL", null);
    DatabaseUrl database = databaseText == null ? null : parseDatabase(databaseText, r.name("--database", "VETTER_DATABASE_URL"));

    if (database == null && dataDir == null) {
      throw new ConfigException("--data-dir (or VETTER_DATA_DIR) is required when no --database (VETTER_DATABASE_URL) is given: the embedded store lives there");
    }
    if (database == null && role != Role.ALL) {
      throw new ConfigException("--role " + role.name().toLowerCase(Locale.ROOT)
          + " needs --database (or VETTER_DATABASE_URL): the embedded store serves a single process, so use --role all or PostgreSQL");
    }
    if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new ConfigException(r.name("--data-dir", "VETTER_DATA_DIR") + ": " + dataDir + " is not a directory");
    }

    String githubSecret = r.secret("VETTER_GITHUB_WEBHOOK_SECRET");
    String gitlabToken = r.secret("VETTER_GITLAB_WEBHOOK_TOKEN");
    if (role.receives() && githubSecret == null && gitlabToken == null) {
      throw new ConfigException("no webhook secret: set VETTER_GITHUB_WEBHOOK_SECRET (GitHub) and/or VETTER_GITLAB_WEBHOOK_TOKEN (GitLab) for --role "
          + role.name().toLowerCase(Locale.ROOT));
    }

    // GitHub's API settings (VETTER_GITHUB_TOKEN, _APP_ID, _PRIVATE_KEY_FILE, _API_URL) are read by vetter-github's GitHubSettings
    GitLabApi gitlab = gitlab(r);

    String drafts = r.string("--drafts", "VETTER_DRAFTS", "skip").toLowerCase(Locale.ROOT);
    if (!drafts.equals("skip") && !drafts.equals("review")) {
      throw new ConfigException(r.name("--drafts", "VETTER_DRAFTS") + ": expected review or skip, got '" + drafts + "'");
    }
    int workers = r.integer("--workers", "VETTER_WORKERS", 2, 0, 256);
    if (workers == 0 && role == Role.WORKER) throw new ConfigException(r.name("--workers", "VETTER_WORKERS") + ": 0 workers makes --role worker do nothing");
    int maxAttempts = r.integer(null, "VETTER_MAX_ATTEMPTS", 5, 1, 100);
    int lease = r.integer(null, "VETTER_LEASE_SECONDS", 120, 5, 86_400);
    int retryBase = r.integer(null, "VETTER_RETRY_BASE_SECONDS", 10, 0, 86_400);
    int retryMax = r.integer(null, "VETTER_RETRY_MAX_SECONDS", 1800, 0, 86_400);
    int perRepository = r.integer(null, "VETTER_MAX_JOBS_PER_REPO", 2, 1, 1000);
    int perInstallation = r.integer(null, "VETTER_MAX_JOBS_PER_INSTALLATION", 4, 1, 10_000);
    if (retryBase > retryMax) throw new ConfigException("VETTER_RETRY_BASE_SECONDS (" + retryBase + ") must not exceed VETTER_RETRY_MAX_SECONDS (" + retryMax + ")");
    QueueSettings queue = new QueueSettings(maxAttempts, Duration.ofSeconds(lease), Duration.ofSeconds(retryBase), Duration.ofSeconds(retryMax),
        perRepository, perInstallation);
    Duration poll = Duration.ofMillis(r.integer(null, "VETTER_POLL_MILLIS", 1000, 10, 60_000));
    Duration reconcile = Duration.ofSeconds(r.integer(null, "VETTER_RECONCILE_SECONDS", 600, 0, 86_400 * 7));
    boolean bench = r.bool("--bench-endpoint", "VETTER_BENCH_ENDPOINT");
    Duration requestTimeout = Duration.ofSeconds(r.integer(null, "VETTER_REQUEST_TIMEOUT_SECONDS", 10, 1, 3600));
    int perClient = r.integer(null, "VETTER_MAX_CONNECTIONS_PER_CLIENT", 32, 0, 100_000);
    String orgText = r.string(null, "VETTER_ORG_CONFIG", null);
    Path orgConfig = orgText == null || orgText.isBlank() ? null : Path.of(orgText);
    if (orgConfig != null && !Files.isRegularFile(orgConfig)) {
      throw new ConfigException("VETTER_ORG_CONFIG: " + orgConfig + " is not a file (the organisation policy merged under every repository's .vetter.yml)");
    }
    String cockpitToken = r.secret("VETTER_COCKPIT_TOKEN");
    if (cockpitToken != null && cockpitToken.strip().length() < 16) {
      throw new ConfigException("VETTER_COCKPIT_TOKEN is shorter than 16 characters: the Cockpit shows repository data, so give it a long random token"
          + " (e.g. openssl rand -hex 32)");
    }
    return new ServerConfig(bind, port, dataDir, role, database, githubSecret, gitlabToken, gitlab,
        drafts.equals("review"), workers, queue, poll, reconcile, bench, requestTimeout, perClient, orgConfig, cockpitToken);
  }

  /**
   * How every bot of this server sets up a review: the organisation policy ({@code VETTER_ORG_CONFIG}), read for each
   * review, under the repository's {@code .vetter.yml} at the base.
   */
  public ReviewSetup reviewSetup(CheckRegistry registry) {
    return ReviewSetup.of(registry).withOrganisation(orgConfig);
  }

  private static GitLabApi gitlab(Reader r) {
    URI url = r.url("VETTER_GITLAB_URL", "https://gitlab.com");
    String token = r.secret("VETTER_GITLAB_TOKEN");
    if (token == null && r.env().containsKey("VETTER_GITLAB_URL")) {
      throw new ConfigException("VETTER_GITLAB_URL is set but VETTER_GITLAB_TOKEN is not: the GitLab client needs a token with the api scope");
    }
    if (url.getPath() != null && url.getPath().replaceAll("/+$", "").endsWith("/api/v4")) {
      throw new ConfigException("VETTER_GITLAB_URL: give the instance's address (e.g. https://gitlab.example.com), without /api/v4");
    }
    Duration pause = Duration.ofMillis(r.integer(null, "VETTER_GITLAB_WRITE_PAUSE_MILLIS", 1000, 0, 60_000));
    return new GitLabApi(url, token, pause);
  }

  /** Accepts {@code postgresql://user:pass@host:port/db?…} (libpq style) and {@code jdbc:postgresql://…}. */
  static DatabaseUrl parseDatabase(String text, String name) {
    String t = text.strip();
    if (t.startsWith("jdbc:")) t = t.substring("jdbc:".length());
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new ConfigException(name + ": not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new ConfigException(name + ": only PostgreSQL is supported (postgresql://user:password@host:5432/database), got '"
          + (scheme.isEmpty() ? t : scheme + "://…") + "'");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
      throw new ConfigException(name + ": expected postgresql://[user[:password]@]host[:port]/database");
    }
    String user = null, password = null, schema = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length > 1) password = decode(parts[1]);
    }
    List<String> keep = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String p : uri.getRawQuery().split("&")) {
        if (p.isEmpty()) continue;
        String[] kv = p.split("=", 2);
        String k = decode(kv[0]);
        String v = kv.length > 1 ? decode(kv[1]) : "";
        switch (k) {
          case "user" -> user = v;
          case "password" -> password = v;
          case "currentSchema", "schema" -> schema = v;
          default -> keep.add(p);
        }
      }
    }
    if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new ConfigException(name + ": schema '" + schema + "' must be a plain identifier");
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
        + (keep.isEmpty() ? "" : "?" + String.join("&", keep));
    return new DatabaseUrl(jdbc, user, password, schema);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Looks settings up, flag first, and words errors with the name that was actually used. */
  private record Reader(Map<String, String> env, Map<String, String> flags) {
    String name(String flag, String var) {
      return flag != null && flags.containsKey(flag) ? flag : var;
    }

    String string(String flag, String var, String fallback) {
      if (flag != null && flags.containsKey(flag)) {
        String v = flags.get(flag);
        if (v == null || v.isBlank()) throw new ConfigException(flag + " is empty");
        return v.strip();
      }
      String v = env.get(var);
      if (v == null) return fallback;
      if (v.isBlank()) throw new ConfigException(var + " is set but empty; unset it or give a value");
      return v.strip();
    }

    /** A secret: environment only (flags show in process listings), taken as is. */
    String secret(String var) {
      String v = env.get(var);
      if (v == null) return null;
      if (v.isEmpty()) throw new ConfigException(var + " is set but empty; unset it or give a value");
      return v;
    }

    int integer(String flag, String var, int fallback, int min, int max) {
      String v = string(flag, var, null);
      if (v == null) return fallback;
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(name(flag, var) + ": expected a whole number from " + min + " to " + max + ", got '" + v + "'");
      }
    }

    boolean bool(String flag, String var) {
      if (flag != null && flags.containsKey(flag)) return !"false".equalsIgnoreCase(flags.get(flag));
      String v = env.get(var);
      return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    <E extends Enum<E>> E choice(String flag, String var, E fallback, Class<E> type) {
      String v = string(flag, var, null);
      if (v == null) return fallback;
      for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) allowed.add(e.name().toLowerCase(Locale.ROOT));
      throw new ConfigException(name(flag, var) + ": expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    URI url(String var, String fallback) {
      String v = string(null, var, fallback);
      try {
        URI u = new URI(v);
        if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) throw new URISyntaxException(v, "not an http(s) URL");
        return u;
      } catch (URISyntaxException e) {
        throw new ConfigException(var + ": expected an http(s) URL, got '" + v + "'");
      }
    }
  }
}
