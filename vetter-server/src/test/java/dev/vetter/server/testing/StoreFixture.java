package dev.vetter.server.testing;

import dev.vetter.server.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/** One store for one test: the embedded file database in a temporary folder, or a fresh schema in the local PostgreSQL. */
public interface StoreFixture extends AutoCloseable {
  Database open(UnaryOperator<DataSource> wrap);

  /** The flags that select this store for {@code vetter serve}. */
  Map<String, String> flags();

  /**
   * Ends every connection the store has open, server side where there is a server: what a database restart does to
   * its clients.
   */
  void killConnections(Faults faults);

  @Override
  void close();

  static StoreFixture embedded(Path dir) {
    return new StoreFixture() {
      @Override
      public Database open(UnaryOperator<DataSource> wrap) {
        return Database.embedded(dir, wrap);
      }

      @Override
      public Map<String, String> flags() {
        return Map.of("--data-dir", dir.toString());
      }

      @Override
      public void killConnections(Faults faults) {
        faults.closeAll();
      }

      @Override
      public void close() {}
    };
  }

  /**
   * A fresh schema in database {@code test} at 127.0.0.1:5432 (user postgres, trust authentication), dropped on
   * close; the test is skipped, saying why, when PostgreSQL does not answer.
   */
  static StoreFixture postgres() {
    String admin = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=root&connectTimeout=3";
    try (Connection c = DriverManager.getConnection(admin)) {
      c.isValid(2);
    } catch (SQLException e) {
      Assumptions.abort("skipped: PostgreSQL does not answer at 127.0.0.1:5432, database test (./run-tests starts it): " + e.getMessage());
    }
    String schema = "vetter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String app = "vetter-" + schema;
    String url = "jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=" + app;
    return new StoreFixture() {
      @Override
      public Database open(UnaryOperator<DataSource> wrap) {
        return Database.postgresql(url, "postgres", "root", schema, 24, wrap);
      }

      @Override
      public Map<String, String> flags() {
        return Map.of("--database", "postgresql://postgres:root@127.0.0.1:5432/test?currentSchema=" + schema + "&ApplicationName=" + app);
      }

      @Override
      public void killConnections(Faults faults) {
        try (Connection c = DriverManager.getConnection(admin);
            PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
          s.setString(1, app);
          s.execute();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void close() {
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
