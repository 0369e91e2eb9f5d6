package dev.vetter.cli;

import static dev.vetter.cli.Cli.vetter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.server.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'vetter report' over an embedded store that a server holds open, and its refusals: exit 2, one line, no stack trace. */
class ReportCommandTest {
  @TempDir Path tmp;

  static long at(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  /** A store as vetter serve leaves it after one merged pull request: opened 10:00, picked up 11:30, merged 12:00. */
  Database seeded() {
    Database db = Database.embedded(tmp, UnaryOperator.identity());
    db.transaction(c -> {
      String event = "INSERT INTO pr_events (forge, repository, number, kind, at, received_at, actor, actor_bot, by_author, head_sha, delivery_id)"
          + " VALUES ('github', 'octo/repo', 7, ?, ?, ?, ?, 0, ?, ?, ?)";
      Object[][] rows = {
        {"opened", at("2024-05-01T10:00:00Z"), "alice", 1, null, "d1"},
        {"commented", at("2024-05-01T11:30:00Z"), "bob", 0, null, "d2"},
        {"merged", at("2024-05-01T12:00:00Z"), "alice", 1, "b".repeat(40), "d3"},
      };
      for (Object[] row : rows) {
        try (PreparedStatement s = c.prepareStatement(event)) {
          s.setString(1, (String) row[0]);
          s.setLong(2, (Long) row[1]);
          s.setLong(3, (Long) row[1]);
          s.setString(4, (String) row[2]);
          s.setInt(5, (Integer) row[3]);
          s.setString(6, (String) row[4]);
          s.setString(7, (String) row[5]);
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO reviews (forge, repository, number, head_sha, job_id, queued_at, reviewed_at, bot_login)"
          + " VALUES ('github', 'octo/repo', 7, ?, 1, ?, ?, 'vetter[bot]')")) {
        s.setString(1, "b".repeat(40));
        s.setLong(2, at("2024-05-01T10:00:01Z"));
        s.setLong(3, at("2024-05-01T10:00:05Z"));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO review_findings (review_id, fingerprint, rule, mode) VALUES (1, 'fp1', 'hygiene/trailing-whitespace', 'comment')")) {
        s.executeUpdate();
      }
      return null;
    });
    return db;
  }

  @Test
  void readsTheStoreBesideARunningServer() throws Exception {
    try (Database db = seeded()) {
      Run r = vetter("report", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--until", "2024-06-01", "--format", "json");
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isZero();
      JsonNode report = new ObjectMapper().readTree(r.out());
      assertThat(report.at("/pullRequests/merged").asInt()).isEqualTo(1);
      JsonNode pickup = report.at("/phases/1");
      assertThat(pickup.get("name").asText()).isEqualTo("pickup");
      assertThat(pickup.get("count").asInt()).isEqualTo(1);
      assertThat(pickup.get("medianSeconds").asDouble()).isEqualTo(5400.0);
      assertThat(report.at("/rules/0/rule").asText()).isEqualTo("hygiene/trailing-whitespace");
      assertThat(report.at("/rules/0/ignored").asInt()).isEqualTo(1);

      Run text = vetter("report", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--until", "2024-06-01", "--repo", "octo/repo");
      assertThat(text.code()).isZero();
      assertThat(text.out()).contains("pickup", "90.0m", "hygiene/trailing-whitespace");
      Run elsewhere = vetter("report", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--until", "2024-06-01", "--repo", "octo/other",
          "--format", "csv");
      assertThat(elsewhere.out()).contains("pull_requests,,,merged,0\r\n");
    }
  }

  @Test
  void theCockpitAsOneStaticFile() throws Exception {
    try (Database db = seeded()) {
      Path page = tmp.resolve("cockpit.html");
      Run r = vetter("report", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--until", "2024-06-01", "--format", "html", "-o", page.toString());
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isZero();
      assertThat(r.out()).as("the page goes to the file only").isEmpty();
      String html = java.nio.file.Files.readString(page);
      assertThat(html).startsWith("<!DOCTYPE html>").contains("data-figure=\"phases.pickup.medianSeconds\" data-value=\"5400.000000\">90.0m<",
          "<code>hygiene/trailing-whitespace</code>", "id=\"no-slos\"").doesNotContain("<script", "<form", "https://", "http://");
    }
    Run missing = vetter("report", "--data-dir", tmp.toString(), "--format", "html", "-o", tmp.resolve("no/such/dir/page.html").toString());
    assertThat(missing.code()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("cannot write the report to");
  }

  @Test
  void badInputIsAUsageError() {
    for (String[] args : new String[][] {
      {"report", "--data-dir", tmp.toString(), "--format", "yaml"},
      {"report", "--data-dir", tmp.toString(), "--since", "30 days"},
      {"report", "--data-dir", tmp.toString(), "--since", "0d"},
      {"report", "--data-dir", tmp.toString(), "--since", "2024-06-01", "--until", "2024-05-01"},
      {"report", "--data-dir", tmp.resolve("nothing-here").toString()},
    }) {
      Run r = vetter(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).singleElement().satisfies(line -> assertThat(line).startsWith("vetter: "));
      assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }
    assertThat(vetter("report", "--data-dir", tmp.toString(), "--format", "yaml").err()).contains("text, json, csv, markdown, html");
    assertThat(vetter("report", "--data-dir", tmp.toString(), "--since", "yesterday").err()).contains("30d");
  }
}
