package dev.vetter.server.store;

import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.forge.chatops.Ledger;
import dev.vetter.server.chatops.CommandJob;
import dev.vetter.server.chatops.CommandRequest;
import dev.vetter.server.queue.Backoff;
import dev.vetter.server.queue.JobQueue;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.QueueSettings;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.ReviewRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * ChatOps in the store: command jobs ({@code chat_commands}, one per comment) and the append-only audit log
 * ({@code audit_log}), from which the overrides and waivers in force are read. Thread-safe. Every method throws
 * {@link StoreException} when the store cannot be reached.
 */
public final class ChatOpsStore {
  private static final String AUDIT_COLUMNS =
      "id, forge, repository, number, at, actor, role, command, target, head_sha, reason, result, detail, expires_at, undoes, comment_id";
  private final Database db;
  private final JobQueue reviews;
  private final QueueSettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean postgres;

  public ChatOpsStore(Database db, JobQueue reviews, QueueSettings settings, Clock clock, RandomGenerator random) {
    this.db = db;
    this.reviews = reviews;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.postgres = db.kind() == Database.Kind.POSTGRESQL;
  }

  // ---- command jobs ----

  /** Queues the command inside the caller's transaction; false when this comment was queued before. */
  static boolean enqueue(Connection c, CommandRequest r, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO chat_commands (forge, comment_id, installation, repository, number, actor, body, reply_to, head_sha, state, run_after, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (forge, comment_id) DO NOTHING")) {
      s.setString(1, r.forge().id());
      s.setString(2, r.commentId());
      s.setString(3, r.installation());
      s.setString(4, r.repository());
      s.setLong(5, r.number());
      s.setString(6, r.actor());
      s.setString(7, r.body());
      s.setString(8, r.replyTo());
      s.setString(9, r.headSha());
      s.setLong(10, now);
      s.setLong(11, now);
      return s.executeUpdate() > 0;
    }
  }

  /** Claims the next due command for {@code worker} (an expired lease puts a running one back first). */
  public Optional<CommandJob> claim(String worker) {
    return db.transaction(c -> {
      long now = clock.millis();
      Long id = null;
      try (PreparedStatement q = c.prepareStatement("SELECT id FROM chat_commands WHERE (state = 'queued' AND run_after <= ?)"
          + " OR (state = 'running' AND lease_until < ?) ORDER BY id LIMIT 1" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
        q.setLong(1, now);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) id = rs.getLong(1);
        }
      }
      if (id == null) return Optional.<CommandJob>empty();
      try (PreparedStatement u = c.prepareStatement("UPDATE chat_commands SET state = 'running', attempts = attempts + 1, lease_owner = ?,"
          + " lease_until = ? WHERE id = ? RETURNING forge, comment_id, installation, repository, number, actor, body, reply_to, head_sha, attempts")) {
        u.setString(1, worker);
        u.setLong(2, now + settings.lease().toMillis());
        u.setLong(3, id);
        try (ResultSet rs = u.executeQuery()) {
          rs.next();
          CommandRequest r = new CommandRequest(Forge.byId(rs.getString(1)), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(2),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
          return Optional.of(new CommandJob(id, r, rs.getInt(10)));
        }
      }
    });
  }

  /** Records a run's outcome: done (done or skipped), retried with backoff, or dead at the attempt limit. False when the lease was lost. */
  public boolean complete(CommandJob job, String worker, Outcome outcome) {
    return db.transaction(c -> {
      long now = clock.millis();
      String state, result;
      long runAfter = now;
      switch (outcome) {
        case Outcome.Done d -> {
          state = "done";
          result = "done";
        }
        case Outcome.Skipped s -> {
          state = "done";
          result = s.reason();
        }
        case Outcome.Fail f -> {
          state = "dead";
          result = f.error();
        }
        case Outcome.Retry r -> {
          boolean last = job.attempt() >= settings.maxAttempts();
          state = last ? "dead" : "queued";
          result = r.error();
          runAfter = now + (r.delay() != null ? r.delay().toMillis() : Backoff.delay(job.attempt(), settings, random).toMillis());
        }
      }
      try (PreparedStatement u = c.prepareStatement("UPDATE chat_commands SET state = ?, result = ?, run_after = ?, lease_owner = NULL,"
          + " lease_until = NULL WHERE id = ? AND state = 'running' AND lease_owner = ?")) {
        u.setString(1, state);
        u.setString(2, result.length() > 2000 ? result.substring(0, 2000) + "…" : result);
        u.setLong(3, runAfter);
        u.setLong(4, job.id());
        u.setString(5, worker);
        return u.executeUpdate() > 0;
      }
    });
  }

  /** The state of the command carried by comment {@code commentId}, if it was received. */
  public Optional<String> state(Forge forge, String commentId) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT state FROM chat_commands WHERE forge = ? AND comment_id = ?")) {
        q.setString(1, forge.id());
        q.setString(2, commentId);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  /** Command jobs received, by comment, oldest first (tests, small installations). */
  public long count() {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM chat_commands"); ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  // ---- the audit log ----

  /** The ledger of one pull request, for the command runner. */
  public Ledger ledger(Forge forge, String installation, String repository, long number) {
    return new Ledger() {
      @Override
      public AuditEntry record(AuditEntry entry) {
        return append(entry);
      }

      @Override
      public List<AuditEntry> active(String headSha, Instant now) {
        return ChatOpsStore.this.active(forge, repository, number, headSha, now);
      }

      @Override
      public boolean blocking(String target) {
        return ChatOpsStore.this.blocking(forge, repository, number, target);
      }

      @Override
      public Optional<String> ruleOf(String fingerprint) {
        return ChatOpsStore.this.ruleOf(forge, repository, number, fingerprint);
      }

      @Override
      public void recheck(String headSha) {
        reviews.enqueue(new ReviewRequest(forge, installation, repository, number, headSha, "chatops.recheck", false, true));
      }
    };
  }

  /** Appends {@code e}; a row for the same comment already there is returned instead (a job run again adds nothing). */
  public AuditEntry append(AuditEntry e) {
    return db.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (forge, repository, number, at, actor, role, command, target, head_sha,"
          + " reason, result, detail, expires_at, undoes, comment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (forge, comment_id) DO NOTHING RETURNING id")) {
        int i = 1;
        s.setString(i++, e.forge());
        s.setString(i++, e.repository());
        s.setLong(i++, e.number());
        s.setLong(i++, e.at().toEpochMilli());
        s.setString(i++, e.actor());
        s.setString(i++, e.role());
        s.setString(i++, e.command());
        s.setString(i++, e.target());
        s.setString(i++, e.headSha());
        s.setString(i++, e.reason());
        s.setString(i++, e.result());
        s.setString(i++, e.detail());
        if (e.expiresAt() == null) s.setNull(i++, Types.BIGINT);
        else s.setLong(i++, e.expiresAt().toEpochMilli());
        s.setLong(i++, e.undoes());
        s.setString(i, e.commentId());
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) return e.withId(rs.getLong(1));
        }
      }
      List<AuditEntry> existing = select(c, " WHERE forge = ? AND comment_id = ?", e.forge(), e.commentId());
      return existing.getFirst();
    });
  }

  /** Overrides and waivers accepted for this head, not undone, and (waivers) not expired at {@code now}; oldest first. */
  public List<AuditEntry> active(Forge forge, String repository, long number, String headSha, Instant now) {
    return db.transaction(c -> select(c, " a WHERE forge = ? AND repository = ? AND number = ? AND head_sha = ? AND result = 'accepted'"
        + " AND command IN ('override', 'waive') AND (expires_at IS NULL OR expires_at > ?)"
        + " AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.forge = a.forge AND u.undoes = a.id AND u.result = 'accepted')",
        forge.id(), repository, number, headSha, now.toEpochMilli()));
  }

  /** Rows at or after {@code since} (all when null), of {@code repository} (all when null), oldest first. */
  public List<AuditEntry> audit(String repository, Instant since) {
    return db.transaction(c -> read(c, repository, since));
  }

  /**
   * The audit rows on {@code c} (a read-only connection, as {@code vetter audit} opens one), as {@link #audit}; a store
   * older than ChatOps says so.
   */
  public static List<AuditEntry> read(Connection c, String repository, Instant since) throws SQLException {
    try (PreparedStatement probe = c.prepareStatement("SELECT 1 FROM audit_log WHERE 1 = 0")) {
      probe.executeQuery().close();
    } catch (SQLException e) {
      throw new StoreException("the store has no audit log yet: start this version's vetter serve on it once (it upgrades the schema)", e);
    }
    return repository == null
        ? select(c, " WHERE at >= ?", since == null ? Long.MIN_VALUE : since.toEpochMilli())
        : select(c, " WHERE repository = ? AND at >= ?", repository, since == null ? Long.MIN_VALUE : since.toEpochMilli());
  }

  private boolean blocking(Forge forge, String repository, long number, String target) {
    return db.transaction(c -> {
      // the latest review of the pull request: does a finding the target names block it? Unknown counts as blocking.
      try (PreparedStatement q = c.prepareStatement("SELECT f.mode FROM review_findings f JOIN reviews r ON r.id = f.review_id"
          + " WHERE r.forge = ? AND r.repository = ? AND r.number = ? AND (f.fingerprint = ? OR f.rule = ? OR substr(f.rule, 1, ?) = ?)"
          + " AND r.reviewed_at = (SELECT MAX(reviewed_at) FROM reviews WHERE forge = r.forge AND repository = r.repository AND number = r.number)")) {
        q.setString(1, forge.id());
        q.setString(2, repository);
        q.setLong(3, number);
        q.setString(4, target);
        q.setString(5, target);
        q.setInt(6, target.length() + 1);
        q.setString(7, target + "/");
        boolean any = false;
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            any = true;
            if ("block".equals(rs.getString(1))) return true;
          }
        }
        return !any;
      }
    });
  }

  private Optional<String> ruleOf(Forge forge, String repository, long number, String fingerprint) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT f.rule FROM review_findings f JOIN reviews r ON r.id = f.review_id"
          + " WHERE r.forge = ? AND r.repository = ? AND r.number = ? AND f.fingerprint = ? ORDER BY r.reviewed_at DESC LIMIT 1")) {
        q.setString(1, forge.id());
        q.setString(2, repository);
        q.setLong(3, number);
        q.setString(4, fingerprint);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  private static List<AuditEntry> select(Connection c, String where, Object... args) throws SQLException {
    List<AuditEntry> rows = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT " + AUDIT_COLUMNS + " FROM audit_log" + where + " ORDER BY id")) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) q.setNull(i + 1, Types.VARCHAR);
        else q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long expires = rs.getLong(14);
          Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
          rows.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6),
              rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), expiresAt,
              rs.getLong(15), rs.getString(16)));
        }
      }
    }
    return rows;
  }
}
