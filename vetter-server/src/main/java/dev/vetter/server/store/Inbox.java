package dev.vetter.server.store;

import dev.vetter.server.chatops.CommandRequest;
import dev.vetter.server.queue.JobQueue;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.ReviewRequest;
import dev.vetter.server.webhook.TimelineEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Received deliveries, stored as the raw bytes that were signed, keyed by (forge, delivery id) so a redelivery is
 * recognised. A delivery and the jobs it asks for are written in one transaction: once the receiver answers 202,
 * both are on disk.
 */
public final class Inbox {
  private final Database db;
  private final JdbcJobQueue queue;

  public Inbox(Database db, JdbcJobQueue queue) {
    this.db = db;
    this.queue = queue;
  }

  /** A delivery as received. {@code number} and {@code headSha} are null when the payload did not say. */
  public record Delivery(
      Forge forge, String deliveryId, String event, String action, String repository, Long number, String headSha,
      Instant receivedAt, byte[] body) {}

  /** A stored delivery: {@code status} is {@code accepted} or {@code dead} (with {@code reason}). */
  public record Stored(Delivery delivery, String status, String reason) {}

  /** What {@link #accept} did: nothing for a redelivery, else one entry per review asked for. */
  public record Receipt(boolean duplicate, List<JobQueue.Enqueued> jobs) {}

  /** Stores the delivery and queues its reviews, in one transaction; a delivery id seen before changes nothing. */
  public Receipt accept(Delivery d, List<ReviewRequest> reviews) {
    return accept(d, reviews, List.of());
  }

  /** Stores the delivery, its timeline events and its reviews, in one transaction; a delivery id seen before changes nothing. */
  public Receipt accept(Delivery d, List<ReviewRequest> reviews, List<TimelineEvent> timeline) {
    return db.transaction(c -> {
      if (!insert(c, d, "accepted", null)) return new Receipt(true, List.of());
      record(c, d, timeline);
      List<JobQueue.Enqueued> jobs = new ArrayList<>();
      for (ReviewRequest r : reviews) jobs.add(queue.enqueue(c, r, false));
      return new Receipt(false, jobs);
    });
  }

  /** What {@link #acceptCommand} did. */
  public enum CommandReceipt {
    /** Stored and queued. */
    QUEUED,
    /** A delivery id seen before: nothing changed. */
    DUPLICATE_DELIVERY,
    /** A new delivery of a comment already queued (the same comment reported twice): stored, not queued again. */
    ALREADY_QUEUED
  }

  /** Stores the delivery and queues its command, in one transaction; each comment is queued once. */
  public CommandReceipt acceptCommand(Delivery d, CommandRequest command) {
    return db.transaction(c -> {
      if (!insert(c, d, "accepted", null)) return CommandReceipt.DUPLICATE_DELIVERY;
      return ChatOpsStore.enqueue(c, command, d.receivedAt().toEpochMilli()) ? CommandReceipt.QUEUED : CommandReceipt.ALREADY_QUEUED;
    });
  }

  /**
   * Records the timeline events of a delivery that starts no review (the delivery itself is not kept); false when
   * every one was recorded before (a redelivery).
   */
  public boolean recordTimeline(Delivery d, List<TimelineEvent> timeline) {
    return db.transaction(c -> record(c, d, timeline)) > 0;
  }

  private static int record(Connection c, Delivery d, List<TimelineEvent> timeline) throws SQLException {
    if (timeline.isEmpty()) return 0;
    int added = 0;
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO pr_events (forge, repository, number, kind, at, received_at, actor, actor_bot, by_author, head_sha, delivery_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (forge, delivery_id, kind) DO NOTHING")) {
      for (TimelineEvent e : timeline) {
        long received = d.receivedAt().toEpochMilli();
        s.setString(1, e.forge().id());
        s.setString(2, e.repository());
        s.setLong(3, e.number());
        s.setString(4, e.kind().id());
        s.setLong(5, e.at() == null ? received : e.at().toEpochMilli());
        s.setLong(6, received);
        s.setString(7, text(e.actor()));
        s.setInt(8, e.actorBot() ? 1 : 0);
        s.setInt(9, e.byAuthor() ? 1 : 0);
        s.setString(10, e.headSha());
        s.setString(11, d.deliveryId());
        added += s.executeUpdate();
      }
    }
    return added;
  }

  /** Keeps a delivery that cannot be processed, with the reason, for people to look at; false for a redelivery. */
  public boolean keepDead(Delivery d, String reason) {
    return db.transaction(c -> insert(c, d, "dead", reason));
  }

  public Optional<Stored> find(Forge forge, String deliveryId) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT event, action, repository, number, head_sha, received_at, body, status, reason FROM deliveries WHERE forge = ? AND delivery_id = ?")) {
        q.setString(1, forge.id());
        q.setString(2, deliveryId);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          long number = rs.getLong(4);
          Long n = rs.wasNull() ? null : number;
          Delivery d = new Delivery(forge, deliveryId, rs.getString(1), rs.getString(2), rs.getString(3), n, rs.getString(5),
              Instant.ofEpochMilli(rs.getLong(6)), rs.getBytes(7));
          return Optional.of(new Stored(d, rs.getString(8), rs.getString(9)));
        }
      }
    });
  }

  /** Number of stored deliveries with {@code status}. */
  public long count(String status) {
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE status = ?")) {
        q.setString(1, status);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * Descriptive text from a payload, made storable everywhere: PostgreSQL text cannot hold NUL, and a hostile payload
   * must not be able to make its own delivery unstorable. The body keeps every byte.
   */
  private static String text(String s) {
    if (s == null) return null;
    if (s.length() <= 1000 && s.chars().allMatch(ch -> ch != 0 && !Character.isSurrogate((char) ch))) return s;
    String t = s.length() > 1000 ? s.substring(0, 1000) + "…" : s;
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      boolean loneSurrogate = Character.isSurrogate(ch)
          && !(Character.isHighSurrogate(ch) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1)))
          && !(Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(t.charAt(i - 1)));
      b.append(ch == 0 || loneSurrogate ? '\uFFFD' : ch);
    }
    return b.toString();
  }

  private static boolean insert(Connection c, Delivery d, String status, String reason) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO deliveries (forge, delivery_id, event, action, repository, number, head_sha, received_at, status, reason, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (forge, delivery_id) DO NOTHING RETURNING id")) {
      s.setString(1, d.forge().id());
      s.setString(2, d.deliveryId());
      s.setString(3, text(d.event()));
      s.setString(4, text(d.action()));
      s.setString(5, text(d.repository()));
      if (d.number() == null) s.setNull(6, java.sql.Types.BIGINT);
      else s.setLong(6, d.number());
      s.setString(7, text(d.headSha()));
      s.setLong(8, d.receivedAt().toEpochMilli());
      s.setString(9, status);
      s.setString(10, text(reason));
      s.setBytes(11, d.body());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
