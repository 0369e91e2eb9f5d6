package dev.vetter.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vetter.server.Log;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Where deliveries and jobs live: an embedded SQLite file under the data directory (one process: receiver and
 * workers together), or PostgreSQL (any number of processes). Schemas are created and upgraded by Flyway.
 *
 * <p>Embedded: one connection used by one thread, running one transaction at a time (SQLite allows one writer
 * anyway), so claiming a job is exclusive by construction, the embedded equivalent of {@code FOR UPDATE SKIP
 * LOCKED}. Transactions that arrive together are committed together (group commit), and every commit is synced to
 * disk ({@code synchronous=FULL} in WAL mode) before any caller sees its result, so a delivery is on disk before
 * it is acknowledged. A file lock keeps a second process off the same data directory.
 *
 * <p>PostgreSQL: a HikariCP pool; start-up does not need the database to be up (migrations run at the first
 * successful connection), and while it is down every operation fails fast with {@link StoreException}.
 */
public final class Database implements AutoCloseable {
  public enum Kind { EMBEDDED, POSTGRESQL }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Kind kind;
  private final String description;
  private final DataSource dataSource;
  private final Runnable onClose;
  private final Object migrationLock = new Object();
  private volatile boolean migrated;
  private volatile long nextMigrationAttempt;

  // embedded only: transactions wait here for the committer thread, the only user of the one connection
  private static final int MAX_BATCH = 512;
  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private Thread committer;
  private Thread checkpointer;
  private volatile boolean closed;
  private Connection connection;
  private final String schema;

  private Database(Kind kind, String description, DataSource dataSource, String schema, Runnable onClose) {
    this.kind = kind;
    this.description = description;
    this.dataSource = dataSource;
    this.schema = schema;
    this.onClose = onClose;
  }

  /** The embedded store in {@code dataDir/vetter.db}; {@code wrap} lets tests put faults between the store and the file. */
  public static Database embedded(Path dataDir, UnaryOperator<DataSource> wrap) {
    Path file = dataDir.resolve("vetter.db");
    FileChannel lockChannel;
    FileLock fileLock;
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve("vetter.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      fileLock = lockChannel.tryLock();
    } catch (IOException e) {
      throw new StoreException("cannot use the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    if (fileLock == null) {
      try {
        lockChannel.close();
      } catch (IOException ignored) {
        // nothing held
      }
      throw new StoreException("another vetter serve is using the data directory " + dataDir + " (the embedded store serves one process; use --database for more)");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(10_000);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file);
    Database db = new Database(Kind.EMBEDDED, "embedded (" + file + ")", wrap.apply(sqlite), null, () -> {
      try {
        fileLock.release();
        lockChannel.close();
      } catch (IOException ignored) {
        // the process is ending anyway
      }
    });
    try {
      db.migrate(sqlite);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    db.committer = Thread.ofPlatform().name("vetter-store-committer").daemon().start(db::commitLoop);
    db.checkpointer = Thread.ofPlatform().name("vetter-store-checkpoint").daemon().start(() -> db.checkpointLoop(sqlite));
    return db;
  }

  /**
   * PostgreSQL at {@code jdbcUrl}; {@code schema} (nullable: the connection's default) is created when missing.
   * {@code poolSize} connections at most.
   */
  public static Database postgresql(String jdbcUrl, String user, String password, String schema, int poolSize, UnaryOperator<DataSource> wrap) {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(jdbcUrl);
    if (user != null) pg.setUser(user);
    if (password != null) pg.setPassword(password);
    if (schema != null) pg.setCurrentSchema(schema);
    if (!jdbcUrl.contains("ApplicationName=")) pg.setApplicationName("vetter");
    pg.setConnectTimeout(5);
    pg.setTcpKeepAlive(true);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(wrap.apply(pg));
    hc.setPoolName("vetter");
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(Math.min(2, poolSize));
    hc.setConnectionTimeout(3_000);
    hc.setValidationTimeout(1_000);
    hc.setInitializationFailTimeout(-1); // start without the database; it may come up later
    hc.setAutoCommit(false);
    HikariDataSource pool = new HikariDataSource(hc);
    String where = jdbcUrl.replaceAll("password=[^&]*", "password=***");
    Database db = new Database(Kind.POSTGRESQL, "postgresql (" + where + (schema == null ? "" : ", schema " + schema) + ")", pool, schema, pool::close);
    try {
      db.ensureMigrated();
    } catch (StoreException e) {
      Log.warn("database not ready yet, will retry: " + e.getMessage());
    }
    return db;
  }

  public Kind kind() {
    return kind;
  }

  /** Where the data is, without secrets; for start-up messages. */
  public String description() {
    return description;
  }

  /** Whether the store answers a trivial query now. */
  public boolean ping() {
    try {
      return transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("SELECT 1");
        }
      });
    } catch (StoreException e) {
      return false;
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    ensureMigrated();
    return kind == Kind.EMBEDDED ? embeddedTransaction(work) : pooledTransaction(work);
  }

  private <T> T embeddedTransaction(Work<T> work) {
    if (Thread.currentThread() == committer) throw new IllegalStateException("a transaction cannot be opened inside another");
    if (closed) throw new StoreException("the embedded store is closed");
    CompletableFuture<Object> result = new CompletableFuture<>();
    pending.add(new Pending(work, result));
    try {
      @SuppressWarnings("unchecked")
      T value = (T) result.join();
      return value;
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new StoreException(message((Exception) cause), cause);
    }
  }

  private record Pending(Work<?> work, CompletableFuture<Object> result) {}

  /**
   * The embedded store's one writer: takes every transaction waiting, runs each in its own savepoint (so one failing
   * does not undo the others) and commits them together, paying for one disk sync per batch rather than per
   * delivery. Nobody sees a result before its commit is on disk.
   */
  private void commitLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) return;
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        if (closed) return;
      } catch (RuntimeException | Error e) {
        for (Pending p : batch) p.result().completeExceptionally(e);
      } finally {
        batch.clear();
      }
    }
  }

  private void runBatch(List<Pending> batch) {
    Connection c;
    try {
      c = embeddedConnection();
    } catch (StoreException e) {
      for (Pending p : batch) p.result().completeExceptionally(e);
      return;
    }
    List<Pending> done = new ArrayList<>(batch.size());
    List<Object> values = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      Savepoint sp;
      try {
        sp = c.setSavepoint();
      } catch (SQLException e) {
        failBatch(c, batch, e);
        return;
      }
      try {
        Object value = p.work().run(c);
        c.releaseSavepoint(sp);
        done.add(p);
        values.add(value);
      } catch (Exception | Error e) {
        try {
          c.rollback(sp);
          c.releaseSavepoint(sp);
        } catch (SQLException broken) {
          failBatch(c, batch, broken);
          return;
        }
        p.result().completeExceptionally(e instanceof SQLException se ? new StoreException(message(se), se) : e);
      }
    }
    try {
      c.commit();
    } catch (SQLException e) {
      failBatch(c, done, e);
      return;
    }
    for (int i = 0; i < done.size(); i++) done.get(i).result().complete(values.get(i));
  }

  private void failBatch(Connection c, List<Pending> batch, SQLException e) {
    rollbackQuietly(c);
    if (isBroken(c)) dropEmbeddedConnection();
    StoreException failure = new StoreException("embedded store unavailable: " + message(e), e);
    for (Pending p : batch) p.result().completeExceptionally(failure);
  }

  private Connection embeddedConnection() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = dataSource.getConnection();
        try (Statement s = connection.createStatement()) {
          // checkpoints run in the background (checkpointLoop); this only bounds the log if they stop working
          s.execute("PRAGMA wal_autocheckpoint=50000");
        }
        connection.setAutoCommit(false);
      }
      return connection;
    } catch (SQLException e) {
      dropEmbeddedConnection();
      throw new StoreException("embedded store unavailable: " + e.getMessage(), e);
    }
  }

  /**
   * Copies the write-ahead log into the database file in the background, on a connection of its own, so commits
   * never wait for a checkpoint (SQLite would otherwise run one inside every thousandth-page commit, a latency spike
   * for whichever deliveries are in that batch).
   */
  private void checkpointLoop(DataSource source) {
    Connection c = null;
    while (!closed) {
      try {
        Thread.sleep(250);
        if (c == null) c = source.getConnection();
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
      } catch (InterruptedException e) {
        break;
      } catch (SQLException e) {
        closeQuietly(c);
        c = null;
      }
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to do
    }
  }

  private void dropEmbeddedConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  private <T> T pooledTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        try {
          c.setAutoCommit(false);
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          // Serialization failures and deadlocks are resolved by running the transaction again.
          if (e instanceof SQLException se && ("40001".equals(se.getSQLState()) || "40P01".equals(se.getSQLState())) && attempt < 5) continue;
          throw e instanceof StoreException st ? st : new StoreException(message(e), e);
        }
      } catch (SQLException e) {
        throw new StoreException("database unavailable: " + e.getMessage(), e);
      }
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean isBroken(Connection c) {
    try {
      return c.isClosed() || !c.isValid(1);
    } catch (SQLException e) {
      return true;
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) c.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the transaction with it
    }
  }

  private void ensureMigrated() {
    if (migrated) return;
    synchronized (migrationLock) {
      if (migrated) return;
      long now = System.nanoTime();
      if (now < nextMigrationAttempt) throw new StoreException("database not ready (schema migration pending)");
      try {
        migrate(dataSource);
      } catch (RuntimeException e) {
        nextMigrationAttempt = System.nanoTime() + 2_000_000_000L;
        throw e instanceof StoreException se ? se : new StoreException("database not ready: " + rootMessage(e), e);
      }
    }
  }

  private void migrate(DataSource source) {
    try {
      var config = Flyway.configure()
          .dataSource(source)
          .locations(kind == Kind.EMBEDDED ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
          .table("vetter_schema_history")
          .failOnMissingLocations(true)
          .loggers("slf4j");
      if (schema != null) config = config.schemas(schema).createSchemas(true);
      var result = config.load().migrate();
      migrated = true;
      if (result.migrationsExecuted > 0) {
        Log.info("store: applied " + result.migrationsExecuted + " migration(s), schema now at version " + result.targetSchemaVersion);
      }
    } catch (RuntimeException e) {
      throw new StoreException("cannot prepare the " + (kind == Kind.EMBEDDED ? "embedded store" : "database") + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    closed = true;
    if (checkpointer != null) checkpointer.interrupt();
    if (committer != null) {
      try {
        committer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Pending p; (p = pending.poll()) != null; ) p.result().completeExceptionally(new StoreException("the embedded store is closed"));
    dropEmbeddedConnection();
    onClose.run();
  }
}
