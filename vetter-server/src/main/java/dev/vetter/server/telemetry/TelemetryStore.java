package dev.vetter.server.telemetry;

import dev.vetter.server.ServerConfig;
import dev.vetter.server.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads the telemetry of a server's store without changing it: the embedded file opened read-only (beside a running
 * {@code vetter serve}, whose lock is for writers), PostgreSQL in a read-only transaction. The schema is never
 * migrated from here; a store older than the telemetry says so.
 */
public final class TelemetryStore {
  private TelemetryStore() {}

  /** The pull requests active since {@code since} (in {@code repository} only, when not null), with their history. */
  public static TelemetryData read(ServerConfig.StoreLocation where, Instant since, String repository) {
    try (Connection c = open(where)) {
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1 FROM pr_events WHERE 1 = 0").close();
      } catch (SQLException e) {
        throw new StoreException("the store " + describe(where) + " has no telemetry tables yet: start this version's vetter serve on it once"
            + " (it upgrades the schema)", e);
      }
      return TelemetryData.load(c, since, repository);
    } catch (SQLException e) {
      throw new StoreException("cannot read the store " + describe(where) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A read-only connection to the store at {@code where} (for {@code vetter report} and {@code vetter audit}); the
   * caller closes it.
   */
  public static Connection openReadOnly(ServerConfig.StoreLocation where) throws SQLException {
    return open(where);
  }

  /** Where the store is, for messages. */
  public static String describe(ServerConfig.StoreLocation where) {
    return where.database() == null ? where.dataDir().resolve("vetter.db").toString() : where.database().toString();
  }

  private static Connection open(ServerConfig.StoreLocation where) throws SQLException {
    if (where.database() == null) {
      Path file = where.dataDir().resolve("vetter.db");
      if (!Files.isRegularFile(file)) throw new StoreException("no embedded store at " + file + " (is --data-dir the directory vetter serve uses?)");
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(10_000);
      SQLiteDataSource sqlite = new SQLiteDataSource(config);
      sqlite.setUrl("jdbc:sqlite:" + file);
      return sqlite.getConnection();
    }
    ServerConfig.DatabaseUrl db = where.database();
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(db.jdbcUrl());
    if (db.user() != null) pg.setUser(db.user());
    if (db.password() != null) pg.setPassword(db.password());
    if (db.schema() != null) pg.setCurrentSchema(db.schema());
    pg.setConnectTimeout(5);
    pg.setApplicationName("vetter-report");
    pg.setReadOnly(true);
    Connection c = pg.getConnection();
    c.setAutoCommit(false);
    c.setReadOnly(true);
    return c;
  }

}
