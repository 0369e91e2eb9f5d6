package dev.vetter.cli;

import dev.vetter.engine.UserError;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.telemetry.Period;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read {@code vetter serve}'s store ({@code vetter report}, {@code vetter audit}): which
 * store, as {@code vetter serve} finds it, and which records, by period start and repository.
 */
final class StoreQuery {
  @Option(names = "--since", paramLabel = "WHEN", description = "Start of the period: a duration back from now (12h, 30d, 8w) or a date (2024-05-01, UTC). Default: 30d.")
  String since = "30d";

  @Option(names = "--repo", paramLabel = "REPO", description = "Only this repository (owner/name, or a GitLab project path).")
  String repo;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded store's directory, as for vetter serve (default: $VETTER_DATA_DIR).")
  String dataDir;

  @Option(names = "--database", paramLabel = "URL", description = "PostgreSQL, as for vetter serve (default: $VETTER_DATABASE_URL).")
  String database;

  /** The start of the period, {@code --since} back from {@code now}. */
  Instant from(Instant now) {
    return when("--since", since, now);
  }

  /** The store {@code vetter serve} would use with these options and this process's environment. */
  ServerConfig.StoreLocation location() {
    Map<String, String> flags = new LinkedHashMap<>();
    if (dataDir != null) flags.put("--data-dir", dataDir);
    if (database != null) flags.put("--database", database);
    try {
      return ServerConfig.storeLocation(System.getenv(), flags);
    } catch (ServerConfig.ConfigException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** A point in time from {@code 30d} (back from {@code now}), a date (its start, UTC) or an instant: {@link Period#when}. */
  static Instant when(String option, String text, Instant now) {
    try {
      return Period.when(option, text, now);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
