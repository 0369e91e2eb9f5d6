package dev.vetter.cli;

import static dev.vetter.cli.Cli.vetter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.server.queue.QueueSettings;
import dev.vetter.server.store.ChatOpsStore;
import dev.vetter.server.store.Database;
import dev.vetter.server.store.JdbcJobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'vetter audit' over an embedded store that a server holds open, read-only, and its refusals: exit 2, one line. */
class AuditCommandTest {
  @TempDir Path tmp;

  static AuditEntry row(String comment, String repo, String at, String actor, String role, String command, String result, String reason) {
    return new AuditEntry(0, "github", repo, 7, Instant.parse(at), actor, role, command, null, "a".repeat(40), reason, result, null, null, 0, comment);
  }

  @Test
  void printsTheLogAsTextJsonAndCsv() throws Exception {
    try (Database db = Database.embedded(tmp, UnaryOperator.identity())) {
      ChatOpsStore store = new ChatOpsStore(db, new JdbcJobQueue(db, QueueSettings.DEFAULTS, Clock.systemUTC(), new Random(1)), QueueSettings.DEFAULTS,
          Clock.systemUTC(), new Random(1));
      store.append(row("1", "octo/repo", "2024-05-01T10:00:00Z", "tria", "triage", "override", "denied", "ship it"));
      store.append(row("2", "octo/repo", "2024-05-02T10:00:00Z", "maria", "maintain", "override", "accepted", "=HYPERLINK(\"x\"), hotfix"));
      store.append(row("3", "octo/other", "2024-05-03T10:00:00Z", "maria", "maintain", "recheck", "accepted", null));

      Run text = vetter("audit", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--repo", "octo/repo");
      assertThat(text.code()).isEqualTo(Main.OK);
      assertThat(text.out().lines()).hasSize(2);
      assertThat(text.out()).contains("@tria (triage)  override  denied  on aaaaaaaaaaaa  reason: ship it");

      Run json = vetter("audit", "--data-dir", tmp.toString(), "--since", "2024-05-01", "--format", "json");
      JsonNode rows = new ObjectMapper().readTree(json.out());
      assertThat(rows).hasSize(3);
      assertThat(rows.get(2).path("command").asText()).isEqualTo("recheck");
      assertThat(rows.get(2).path("reason").isNull()).isTrue();

      Run csv = vetter("audit", "--data-dir", tmp.toString(), "--since", "2024-05-02", "--format", "csv");
      assertThat(csv.out().split("\r\n")).hasSize(3);
      assertThat(csv.out()).startsWith("id,at,forge,repository,number,actor,role,command,target,head_sha,reason,result,detail,expires_at,undoes\r\n")
          // a reason that a spreadsheet would run as a formula is defused
          .contains("\"'=HYPERLINK(\"\"x\"\"), hotfix\"");

      assertThat(vetter("audit", "--data-dir", tmp.toString(), "--since", "2024-06-01").out()).contains("No ChatOps commands recorded");
    }
  }

  @Test
  void badInputIsAUsageError() {
    for (String[] args : new String[][] {
      {"audit", "--data-dir", tmp.toString(), "--format", "yaml"},
      {"audit", "--data-dir", tmp.toString(), "--since", "30 days"},
      {"audit", "--data-dir", tmp.resolve("nothing-here").toString()},
    }) {
      Run r = vetter(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).singleElement().satisfies(line -> assertThat(line).startsWith("vetter: "));
      assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }
  }
}
