package dev.vetter.server.store;

import dev.vetter.server.telemetry.ReviewRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes what a review posted into {@code reviews} and {@code review_findings}, inside the transaction that records
 * the job's outcome. One row per head: a head reviewed again (a re-run) keeps its first review time and has its
 * findings replaced by the latest review's.
 */
final class Reviews {
  private Reviews() {}

  static void record(Connection c, long jobId, ReviewRecord review, long now) throws SQLException {
    long reviewId;
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO reviews (forge, repository, number, head_sha, job_id, queued_at, reviewed_at, bot_login)"
            + " SELECT forge, repository, number, head_sha, id, COALESCE(queued_at, created_at), ?, ? FROM jobs WHERE id = ?"
            + " ON CONFLICT (forge, repository, number, head_sha) DO UPDATE SET job_id = excluded.job_id, bot_login = excluded.bot_login"
            + " RETURNING id")) {
      s.setLong(1, now);
      s.setString(2, review.botLogin());
      s.setLong(3, jobId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) throw new SQLException("job " + jobId + " vanished while its review was recorded");
        reviewId = rs.getLong(1);
      }
    }
    try (PreparedStatement d = c.prepareStatement("DELETE FROM review_findings WHERE review_id = ?")) {
      d.setLong(1, reviewId);
      d.executeUpdate();
    }
    if (review.findings().isEmpty()) return;
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO review_findings (review_id, fingerprint, rule, category, severity, mode, path, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (review_id, fingerprint) DO NOTHING")) {
      for (ReviewRecord.FindingRecord f : review.findings()) {
        s.setLong(1, reviewId);
        s.setString(2, f.fingerprint());
        s.setString(3, f.rule());
        s.setString(4, f.category());
        s.setString(5, f.severity());
        s.setString(6, f.mode());
        s.setString(7, f.path());
        s.setInt(8, f.line());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
