package dev.vetter.server.store;

import dev.vetter.server.queue.Backoff;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobQueue;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.JobView;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.QueueSettings;
import dev.vetter.server.telemetry.ReviewRecord;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.ReviewRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The job queue in a {@link Database}, with the same SQL on both stores except for locking: on PostgreSQL, candidates
 * are taken {@code FOR UPDATE SKIP LOCKED} and the per-repository and per-installation counts are checked under
 * transaction-scoped advisory locks, so two workers can never both take the last slot; the embedded store runs one
 * transaction at a time, which gives the same guarantees.
 */
public final class JdbcJobQueue implements JobQueue {
  private static final int CANDIDATES = 16;
  private static final int REPOSITORY_LOCK = 1, INSTALLATION_LOCK = 2, PULL_REQUEST_LOCK = 3;
  private static final String COLUMNS =
      "id, forge, installation, repository, number, head_sha, state, attempts, events, trigger_name, result, last_error, run_after, lease_owner, lease_until, created_at";

  private final Database db;
  private final QueueSettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean postgres;

  public JdbcJobQueue(Database db, QueueSettings settings, Clock clock, RandomGenerator random) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.postgres = db.kind() == Database.Kind.POSTGRESQL;
  }

  public QueueSettings settings() {
    return settings;
  }

  @Override
  public Enqueued enqueue(ReviewRequest request) {
    return db.transaction(c -> enqueue(c, request, false));
  }

  @Override
  public boolean enqueueIfAbsent(ReviewRequest request) {
    Enqueued e = db.transaction(c -> enqueue(c, request, true));
    return e == Enqueued.CREATED || e == Enqueued.REQUEUED;
  }

  /** Enqueues inside the caller's transaction (the receiver stores the delivery in the same one). */
  Enqueued enqueue(Connection c, ReviewRequest r, boolean onlyIfAbsent) throws SQLException {
    long now = clock.millis();
    if (postgres) {
      // One enqueue per pull request at a time across processes, so two pushes arriving together cannot each miss
      // the other's job when superseding (the embedded store runs one transaction at a time anyway).
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, PULL_REQUEST_LOCK);
        lock.setInt(2, hash(r.forge().id() + "\0" + r.repository() + "\0" + r.number()));
        lock.execute();
      }
    }
    List<Head> others = otherHeads(c, r);
    Long eventAt = r.eventAt() == null ? null : r.eventAt().toEpochMilli();
    Head self = new Head(0, r.headSha(), null, eventAt, r.previousHead());
    for (Head other : others) {
      if (other.newerThan(self)) return keepStale(c, r, other, now);
    }
    Enqueued result;
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO jobs (forge, installation, repository, number, head_sha, state, trigger_name, events, rerun, attempts, run_after, created_at,"
            + " updated_at, event_at, previous_sha, queued_at)"
            + " VALUES (?, ?, ?, ?, ?, 'queued', ?, 1, 0, 0, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (forge, repository, number, head_sha) DO NOTHING RETURNING id")) {
      int i = 1;
      insert.setString(i++, r.forge().id());
      insert.setString(i++, r.installation());
      insert.setString(i++, r.repository());
      insert.setLong(i++, r.number());
      insert.setString(i++, r.headSha());
      insert.setString(i++, r.trigger());
      insert.setLong(i++, now);
      insert.setLong(i++, now);
      insert.setLong(i++, now);
      insert.setObject(i++, eventAt, java.sql.Types.BIGINT);
      insert.setString(i++, r.previousHead());
      insert.setLong(i, now);
      try (ResultSet rs = insert.executeQuery()) {
        result = rs.next() ? Enqueued.CREATED : null;
      }
    }
    if (result == null) {
      result = mergeIntoExisting(c, r, onlyIfAbsent, now);
      remember(c, r, eventAt);
    }
    // only heads the events prove older are superseded: arrival order says nothing about which head is current
    for (Head other : others) {
      if (other.live() && self.newerThan(other)) {
        update(c, "UPDATE jobs SET state = 'superseded', result = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?"
            + " AND state IN ('queued', 'running')", "superseded by " + r.headSha(), now, other.id());
      }
    }
    return result;
  }

  /** One head of a pull request as the queue knows it, and what orders it among the others. */
  private record Head(long id, String sha, JobState state, Long eventAt, String previousSha) {
    boolean live() {
      return state == JobState.QUEUED || state == JobState.RUNNING;
    }

    /**
     * Whether the events prove this head newer than {@code other}: a later forge time, or, between equal or unknown
     * times, a push that replaced {@code other}'s head with this one.
     */
    boolean newerThan(Head other) {
      if (eventAt != null && other.eventAt != null && !eventAt.equals(other.eventAt)) return eventAt > other.eventAt;
      return other.sha.equals(previousSha) && !sha.equals(other.previousSha);
    }
  }

  private static List<Head> otherHeads(Connection c, ReviewRequest r) throws SQLException {
    List<Head> heads = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT id, head_sha, state, event_at, previous_sha FROM jobs WHERE forge = ? AND repository = ? AND number = ? AND head_sha <> ?")) {
      q.setString(1, r.forge().id());
      q.setString(2, r.repository());
      q.setLong(3, r.number());
      q.setString(4, r.headSha());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long at = rs.getLong(4);
          heads.add(new Head(rs.getLong(1), rs.getString(2), JobState.byId(rs.getString(3)), rs.wasNull() ? null : at, rs.getString(5)));
        }
      }
    }
    return heads;
  }

  /**
   * A late event for a head older than {@code newer}: recorded (a head without a job gets one, superseded, so the
   * queue shows what happened), and nothing else changes: the newer head's job is neither superseded nor held up.
   */
  private static Enqueued keepStale(Connection c, ReviewRequest r, Head newer, long now) throws SQLException {
    Long eventAt = r.eventAt() == null ? null : r.eventAt().toEpochMilli();
    int inserted = update(c, "INSERT INTO jobs (forge, installation, repository, number, head_sha, state, trigger_name, events, rerun, attempts,"
        + " run_after, created_at, updated_at, event_at, previous_sha, result)"
        + " VALUES (?, ?, ?, ?, ?, 'superseded', ?, 1, 0, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (forge, repository, number, head_sha) DO NOTHING",
        r.forge().id(), r.installation(), r.repository(), r.number(), r.headSha(), r.trigger(), now, now, now, eventAt, r.previousHead(),
        "superseded by " + newer.sha() + ": a late event for an older head");
    if (inserted == 0) {
      update(c, "UPDATE jobs SET events = events + 1, updated_at = ? WHERE forge = ? AND repository = ? AND number = ? AND head_sha = ?",
          now, r.forge().id(), r.repository(), r.number(), r.headSha());
      remember(c, r, eventAt);
    }
    return Enqueued.STALE;
  }

  /** Keeps the newest event time seen for the head, and the head a push said it replaced. */
  private static void remember(Connection c, ReviewRequest r, Long eventAt) throws SQLException {
    String where = " WHERE forge = ? AND repository = ? AND number = ? AND head_sha = ?";
    if (eventAt != null) {
      update(c, "UPDATE jobs SET event_at = CASE WHEN event_at IS NULL OR event_at < ? THEN ? ELSE event_at END" + where,
          eventAt, eventAt, r.forge().id(), r.repository(), r.number(), r.headSha());
    }
    if (r.previousHead() != null) {
      update(c, "UPDATE jobs SET previous_sha = COALESCE(previous_sha, ?)" + where, r.previousHead(), r.forge().id(), r.repository(), r.number(),
          r.headSha());
    }
  }

  private Enqueued mergeIntoExisting(Connection c, ReviewRequest r, boolean onlyIfAbsent, long now) throws SQLException {
    long id;
    JobState state;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT id, state FROM jobs WHERE forge = ? AND repository = ? AND number = ? AND head_sha = ?" + (postgres ? " FOR UPDATE" : ""))) {
      q.setString(1, r.forge().id());
      q.setString(2, r.repository());
      q.setLong(3, r.number());
      q.setString(4, r.headSha());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) throw new SQLException("job for " + r.repository() + "#" + r.number() + " vanished during enqueue");
        id = rs.getLong(1);
        state = JobState.byId(rs.getString(2));
      }
    }
    boolean requeue = state == JobState.SUPERSEDED
        || (!onlyIfAbsent && r.rerun() && (state == JobState.DONE || state == JobState.SKIPPED || state == JobState.DEAD));
    if (requeue) {
      update(c, "UPDATE jobs SET state = 'queued', attempts = 0, rerun = 0, run_after = ?, lease_owner = NULL, lease_until = NULL,"
          + " result = NULL, last_error = NULL, events = events + ?, trigger_name = ?, updated_at = ?, queued_at = ? WHERE id = ?",
          now, onlyIfAbsent ? 0 : 1, r.trigger(), now, now, id);
      return Enqueued.REQUEUED;
    }
    if (onlyIfAbsent) return Enqueued.ALREADY_REVIEWED;
    boolean live = state == JobState.QUEUED || state == JobState.RUNNING;
    // A re-run asked while the job runs is remembered and done right after it, on the same head.
    update(c, "UPDATE jobs SET events = events + 1, rerun = ?, updated_at = ? WHERE id = ?",
        (live && state == JobState.RUNNING && r.rerun()) ? 1 : 0, now, id);
    return live ? Enqueued.MERGED : Enqueued.ALREADY_REVIEWED;
  }

  @Override
  public Optional<Job> claim(String worker) {
    return db.transaction(c -> {
      long now = clock.millis();
      reapExpired(c, now);
      // Repositories and installations already at their cap are left out of the candidates (there are at most as
      // many as running jobs); the caps are checked again, exactly, under lock before a claim.
      Map<String, Integer> perRepository = new HashMap<>();
      Map<String, Integer> perInstallation = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT forge, repository, installation FROM jobs WHERE state = 'running'");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          perRepository.merge(rs.getString(1) + "\0" + rs.getString(2), 1, Integer::sum);
          perInstallation.merge(rs.getString(1) + "\0" + rs.getString(3), 1, Integer::sum);
        }
      }
      StringBuilder sql = new StringBuilder("SELECT id, forge, repository, installation FROM jobs WHERE state = 'queued' AND run_after <= ?");
      List<String> args = new ArrayList<>();
      exclude(perRepository, settings.maxPerRepository(), "repository", sql, args);
      exclude(perInstallation, settings.maxPerInstallation(), "installation", sql, args);
      sql.append(" ORDER BY run_after, id LIMIT ").append(CANDIDATES).append(postgres ? " FOR UPDATE SKIP LOCKED" : "");
      List<long[]> ids = new ArrayList<>();
      List<String[]> keys = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(sql.toString())) {
        q.setLong(1, now);
        for (int i = 0; i < args.size(); i++) q.setString(i + 2, args.get(i));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            ids.add(new long[] {rs.getLong(1)});
            keys.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
          }
        }
      }
      for (int k = 0; k < ids.size(); k++) {
        long id = ids.get(k)[0];
        String forge = keys.get(k)[0], repository = keys.get(k)[1], installation = keys.get(k)[2];
        if (postgres && !advisoryLocks(c, forge + "\0" + repository, forge + "\0" + installation)) continue;
        if (!underCaps(c, forge, repository, installation)) continue;
        update(c, "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ?",
            worker, now + settings.lease().toMillis(), now, id);
        return Optional.of(toJob(view(c, id).orElseThrow(), queuedAt(c, id), now));
      }
      return Optional.empty();
    });
  }

  private static void exclude(Map<String, Integer> running, int cap, String column, StringBuilder sql, List<String> args) {
    for (Map.Entry<String, Integer> e : running.entrySet()) {
      if (e.getValue() < cap) continue;
      String[] key = e.getKey().split("\0", 2);
      sql.append(" AND NOT (forge = ? AND ").append(column).append(" = ?)");
      args.add(key[0]);
      args.add(key[1]);
    }
  }

  /**
   * Takes the transaction-scoped locks that serialize cap checks for a repository and an installation across
   * processes; false when another worker holds one (it is claiming in the same repository right now: try the next).
   */
  private static boolean advisoryLocks(Connection c, String repositoryKey, String installationKey) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?) AND pg_try_advisory_xact_lock(?, ?)")) {
      q.setInt(1, REPOSITORY_LOCK);
      q.setInt(2, hash(repositoryKey));
      q.setInt(3, INSTALLATION_LOCK);
      q.setInt(4, hash(installationKey));
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static int hash(String key) {
    // FNV-1a over UTF-8: every process must derive the same lock key for the same repository.
    int h = 0x811c9dc5;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  private boolean underCaps(Connection c, String forge, String repository, String installation) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'running' AND forge = ? AND repository = ?),"
            + " (SELECT COUNT(*) FROM jobs WHERE state = 'running' AND forge = ? AND installation = ?)")) {
      q.setString(1, forge);
      q.setString(2, repository);
      q.setString(3, forge);
      q.setString(4, installation);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1) < settings.maxPerRepository() && rs.getLong(2) < settings.maxPerInstallation();
      }
    }
  }

  /** Puts back running jobs whose lease ran out (their worker died or lost the store), or parks them dead at the limit. */
  private void reapExpired(Connection c, long now) throws SQLException {
    List<Object[]> expired = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT id, attempts, lease_owner FROM jobs WHERE state = 'running' AND lease_until < ?" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
      q.setLong(1, now);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) expired.add(new Object[] {rs.getLong(1), rs.getInt(2), rs.getString(3)});
      }
    }
    for (Object[] e : expired) {
      long id = (Long) e[0];
      int attempts = (Integer) e[1];
      String error = "lease expired: worker " + e[2] + " stopped without recording an outcome (attempt " + attempts + " of " + settings.maxAttempts() + ")";
      if (attempts >= settings.maxAttempts()) {
        update(c, "UPDATE jobs SET state = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
            error, now, id);
      } else {
        update(c, "UPDATE jobs SET state = 'queued', run_after = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
            now + Backoff.delay(attempts, settings, random).toMillis(), error, now, id);
      }
    }
  }

  @Override
  public boolean heartbeat(long jobId, String worker) {
    return db.transaction(c -> {
      long now = clock.millis();
      return update(c, "UPDATE jobs SET lease_until = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
          now + settings.lease().toMillis(), now, jobId, worker) == 1;
    });
  }

  @Override
  public boolean isCurrent(long jobId, String worker) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT state, lease_owner FROM jobs WHERE id = ?")) {
        q.setLong(1, jobId);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() && "running".equals(rs.getString(1)) && worker.equals(rs.getString(2));
        }
      }
    });
  }

  @Override
  public boolean complete(long jobId, String worker, Outcome outcome) {
    return complete(jobId, worker, outcome, null);
  }

  @Override
  public boolean complete(long jobId, String worker, Outcome outcome, ReviewRecord posted) {
    return db.transaction(c -> {
      long now = clock.millis();
      int attempts;
      boolean rerun;
      try (PreparedStatement q = c.prepareStatement(
          "SELECT state, lease_owner, attempts, rerun FROM jobs WHERE id = ?" + (postgres ? " FOR UPDATE" : ""))) {
        q.setLong(1, jobId);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next() || !"running".equals(rs.getString(1)) || !worker.equals(rs.getString(2))) return false;
          attempts = rs.getInt(3);
          rerun = rs.getInt(4) != 0;
        }
      }
      if (outcome instanceof Outcome.Done && posted != null) Reviews.record(c, jobId, posted, now);
      String release = ", lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?";
      switch (outcome) {
        case Outcome.Done d when rerun -> requeueForRerun(c, now, jobId);
        case Outcome.Skipped s when rerun -> requeueForRerun(c, now, jobId);
        case Outcome.Done d -> update(c, "UPDATE jobs SET state = 'done', result = NULL, last_error = NULL" + release, now, jobId);
        case Outcome.Skipped s -> update(c, "UPDATE jobs SET state = 'skipped', result = ?" + release, s.reason(), now, jobId);
        case Outcome.Fail f -> update(c, "UPDATE jobs SET state = 'dead', last_error = ?" + release, f.error(), now, jobId);
        case Outcome.Retry r when attempts >= settings.maxAttempts() ->
            update(c, "UPDATE jobs SET state = 'dead', last_error = ?" + release, r.error(), now, jobId);
        case Outcome.Retry r -> {
          long delay = r.delay() != null ? r.delay().toMillis() : Backoff.delay(attempts, settings, random).toMillis();
          update(c, "UPDATE jobs SET state = 'queued', run_after = ?, last_error = ?" + release, now + delay, r.error(), now, jobId);
        }
      }
      return true;
    });
  }

  private static void requeueForRerun(Connection c, long now, long jobId) throws SQLException {
    // the re-run was asked while the job ran: its feedback is counted from now, not from the first event
    update(c, "UPDATE jobs SET state = 'queued', attempts = 0, rerun = 0, run_after = ?, result = NULL, last_error = NULL,"
        + " lease_owner = NULL, lease_until = NULL, updated_at = ?, queued_at = ? WHERE id = ?", now, now, now, jobId);
  }

  /** When the job was last queued by an event (its creation for jobs stored before the column existed). */
  private static long queuedAt(Connection c, long id) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(queued_at, created_at) FROM jobs WHERE id = ?")) {
      q.setLong(1, id);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Optional<JobView> find(Forge forge, String repository, long number, String headSha) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE forge = ? AND repository = ? AND number = ? AND head_sha = ?")) {
        q.setString(1, forge.id());
        q.setString(2, repository);
        q.setLong(3, number);
        q.setString(4, headSha);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(toView(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<JobView> list() {
    return db.transaction(c -> {
      List<JobView> all = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs ORDER BY id"); ResultSet rs = q.executeQuery()) {
        while (rs.next()) all.add(toView(rs));
      }
      return all;
    });
  }

  @Override
  public Map<JobState, Long> counts() {
    return db.transaction(c -> {
      Map<JobState, Long> counts = new EnumMap<>(JobState.class);
      for (JobState s : JobState.values()) counts.put(s, 0L);
      try (PreparedStatement q = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state"); ResultSet rs = q.executeQuery()) {
        while (rs.next()) counts.put(JobState.byId(rs.getString(1)), rs.getLong(2));
      }
      return counts;
    });
  }

  private static Optional<JobView> view(Connection c, long id) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
      q.setLong(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(toView(rs)) : Optional.empty();
      }
    }
  }

  private static JobView toView(ResultSet rs) throws SQLException {
    long leaseUntil = rs.getLong("lease_until");
    boolean noLease = rs.wasNull();
    return new JobView(rs.getLong("id"), Forge.byId(rs.getString("forge")), rs.getString("installation"), rs.getString("repository"),
        rs.getLong("number"), rs.getString("head_sha"), JobState.byId(rs.getString("state")), rs.getInt("attempts"), rs.getInt("events"),
        rs.getString("trigger_name"), rs.getString("result"), rs.getString("last_error"), Instant.ofEpochMilli(rs.getLong("run_after")),
        rs.getString("lease_owner"), noLease ? null : Instant.ofEpochMilli(leaseUntil), Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static Job toJob(JobView v, long queuedAt, long claimedAt) {
    return new Job(v.id(), v.forge(), v.installation(), v.repository(), v.number(), v.headSha(), v.trigger(), v.attempts(), v.events(), v.createdAt(),
        Instant.ofEpochMilli(queuedAt), v.runAfter(), Instant.ofEpochMilli(claimedAt));
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) u.setObject(i + 1, args[i]);
      return u.executeUpdate();
    }
  }
}
