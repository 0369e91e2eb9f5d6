package dev.vetter.server.telemetry;

import dev.vetter.server.webhook.TimelineEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pull request timelines and review records a report is computed from, as loaded from the store: every pull
 * request with an event or a review since a time, with its whole history (a span that ends in the period may have
 * started before it).
 *
 * @param botLogins every account Vetter has posted as, per forge ({@code forge + "/" + login}): never a reviewer
 * @param disputed findings someone reported as false positives with {@code /vetter fp} (accepted), as
 *     {@link #disputeKey(PrKey, String)}
 */
public record TelemetryData(List<Event> events, List<Review> reviews, Set<String> botLogins, Set<String> disputed) {
  /** One pull request (merge request). */
  public record PrKey(String forge, String repository, long number) {
    @Override
    public String toString() {
      return forge + ":" + repository + "#" + number;
    }
  }

  /** A timeline event; {@code at} in epoch milliseconds. */
  public record Event(PrKey pr, TimelineEvent.Kind kind, long at, String actor, boolean actorBot, boolean byAuthor, String headSha) {}

  /** A head Vetter reviewed, and what it found there. */
  public record Review(PrKey pr, String headSha, long queuedAt, long reviewedAt, String botLogin, List<Found> findings) {}

  /** A finding of a review; {@code mode} is comment, block or shadow. */
  public record Found(String fingerprint, String rule, String mode) {
    public boolean shadow() {
      return "shadow".equals(mode);
    }
  }

  public TelemetryData {
    events = List.copyOf(events);
    reviews = List.copyOf(reviews);
    botLogins = Set.copyOf(botLogins);
    disputed = Set.copyOf(disputed);
  }

  /** Data without disputes. */
  public TelemetryData(List<Event> events, List<Review> reviews, Set<String> botLogins) {
    this(events, reviews, botLogins, Set.of());
  }

  /** How {@link #disputed} names a finding of a pull request. */
  public static String disputeKey(PrKey pr, String fingerprint) {
    return pr + " " + fingerprint;
  }

  /** Whether {@code login} is an account Vetter posted as on {@code forge}. */
  public boolean isVetter(String forge, String login) {
    return login != null && botLogins.contains(forge + "/" + login);
  }

  /**
   * Loads the pull requests with an event or a review at or after {@code since}, in {@code repository} only when it is
   * not null, with their whole history. Works on both stores (plain SQL).
   */
  public static TelemetryData load(Connection c, Instant since, String repository) throws SQLException {
    long from = since.toEpochMilli();
    String repoFilter = repository == null ? "" : " AND x.repository = ?";
    String active = "(EXISTS (SELECT 1 FROM pr_events y WHERE y.forge = x.forge AND y.repository = x.repository AND y.number = x.number AND y.at >= ?)"
        + " OR EXISTS (SELECT 1 FROM reviews z WHERE z.forge = x.forge AND z.repository = x.repository AND z.number = x.number AND z.reviewed_at >= ?))";
    List<Event> events = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT x.forge, x.repository, x.number, x.kind, x.at, x.actor, x.actor_bot, x.by_author, x.head_sha FROM pr_events x WHERE "
            + active + repoFilter + " ORDER BY x.at, x.id")) {
      bind(q, from, repository);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          TimelineEvent.Kind kind;
          try {
            kind = TimelineEvent.Kind.byId(rs.getString(4));
          } catch (IllegalArgumentException newerVersion) {
            continue; // a kind a newer Vetter recorded: this one does not know what it means
          }
          events.add(new Event(new PrKey(rs.getString(1), rs.getString(2), rs.getLong(3)), kind, rs.getLong(5), rs.getString(6), rs.getInt(7) != 0,
              rs.getInt(8) != 0, rs.getString(9)));
        }
      }
    }
    Map<Long, Review> byId = new HashMap<>();
    List<Long> order = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT x.id, x.forge, x.repository, x.number, x.head_sha, x.queued_at, x.reviewed_at, x.bot_login FROM reviews x WHERE "
            + active + repoFilter + " ORDER BY x.reviewed_at, x.id")) {
      bind(q, from, repository);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          byId.put(rs.getLong(1), new Review(new PrKey(rs.getString(2), rs.getString(3), rs.getLong(4)), rs.getString(5), rs.getLong(6), rs.getLong(7),
              rs.getString(8), new ArrayList<>()));
          order.add(rs.getLong(1));
        }
      }
    }
    try (PreparedStatement q = c.prepareStatement(
        "SELECT f.review_id, f.fingerprint, f.rule, f.mode FROM review_findings f JOIN reviews x ON x.id = f.review_id WHERE " + active + repoFilter)) {
      bind(q, from, repository);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Review r = byId.get(rs.getLong(1));
          if (r != null) r.findings().add(new Found(rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    List<Review> reviews = new ArrayList<>();
    for (long id : order) {
      Review r = byId.get(id);
      reviews.add(new Review(r.pr(), r.headSha(), r.queuedAt(), r.reviewedAt(), r.botLogin(), List.copyOf(r.findings())));
    }
    Set<String> bots = new HashSet<>();
    try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT forge, bot_login FROM reviews WHERE bot_login IS NOT NULL");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) bots.add(rs.getString(1) + "/" + rs.getString(2));
    }
    return new TelemetryData(events, reviews, bots, disputed(c, repository));
  }

  /** The accepted {@code /vetter fp} reports of the audit log (none in a store from before ChatOps). */
  private static Set<String> disputed(Connection c, String repository) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement probe = c.prepareStatement("SELECT 1 FROM audit_log WHERE 1 = 0")) {
      probe.executeQuery().close();
    } catch (SQLException olderStore) {
      if (!c.getAutoCommit()) c.rollback(); // PostgreSQL: the failed probe aborted the read-only transaction
      return out;
    }
    try (PreparedStatement q = c.prepareStatement("SELECT forge, repository, number, target FROM audit_log"
        + " WHERE command = 'fp' AND result = 'accepted' AND target IS NOT NULL" + (repository == null ? "" : " AND repository = ?"))) {
      if (repository != null) q.setString(1, repository);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.add(disputeKey(new PrKey(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getString(4)));
      }
    }
    return out;
  }

  private static void bind(PreparedStatement q, long from, String repository) throws SQLException {
    q.setLong(1, from);
    q.setLong(2, from);
    if (repository != null) q.setString(3, repository);
  }
}
