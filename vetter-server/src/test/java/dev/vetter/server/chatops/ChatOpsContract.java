package dev.vetter.server.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.forge.chatops.Ledger;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.testing.StoreFixture;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import dev.vetter.server.webhook.OctokitExamplesTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Command jobs and the audit log on a real server over loopback HTTP, with GitHub's published issue_comment example
 * turned into a pull request comment. The handler here stands in for a forge's: it counts runs per comment and records
 * what the test says. One subclass per store.
 */
abstract class ChatOpsContract {
  static final String SECRET = "webhook-s3cret";
  static final String A = "a".repeat(40), B = "b".repeat(40);
  static final GitHubWebhooks SIGNER = new GitHubWebhooks(SECRET, false);
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  StoreFixture fixture;
  Server server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final Map<String, List<AuditEntry>> grantsSeen = new ConcurrentHashMap<>();

  abstract StoreFixture newFixture();

  @BeforeEach
  void start() throws Exception {
    fixture = newFixture();
    Map<String, String> env = Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "50");
    Map<String, String> flags = new HashMap<>(fixture.flags());
    flags.put("--port", "0");
    flags.put("--bind", "127.0.0.1");
    flags.put("--workers", "1");
    server = Server.builder(ServerConfig.load(env, flags))
        .handler((job, ctx) -> {
          grantsSeen.put(job.headSha(), ctx.grants());
          return Outcome.done();
        })
        .commands((job, ledger) -> {
          runs.computeIfAbsent(job.request().commentId(), k -> new AtomicInteger()).incrementAndGet();
          ledger.record(entry(job.request().commentId(), "override", A, null, 0));
          ledger.recheck(A);
          return Outcome.done();
        })
        .start();
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(Duration.ofSeconds(5));
    if (fixture != null) fixture.close();
  }

  static AuditEntry entry(String commentId, String command, String sha, Instant expires, long undoes) {
    return new AuditEntry(0, "github", "Codertocat/Hello-World", 7, T0, "maria", "maintain", command, command.equals("waive") ? "hygiene/tabs" : null,
        sha, "because", "accepted", null, expires, undoes, commentId);
  }

  static ObjectNode comment(long id, String body) throws Exception {
    for (JsonNode e : OctokitExamplesTest.examples()) {
      if (!e.get("name").asText().equals("issue_comment")) continue;
      for (JsonNode x : e.get("examples")) {
        if (!"created".equals(x.path("action").asText())) continue;
        ObjectNode c = (ObjectNode) x.deepCopy();
        ((ObjectNode) c.get("issue")).put("number", 7).putObject("pull_request").put("url", "https://api.github.com/repos/Codertocat/Hello-World/pulls/7");
        ((ObjectNode) c.get("comment")).put("id", id).put("body", body);
        return c;
      }
    }
    throw new AssertionError("no issue_comment example");
  }

  HttpResponse<String> deliver(String delivery, JsonNode payload) throws Exception {
    byte[] body = JSON.writeValueAsBytes(payload);
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .headers("Content-Type", "application/json", "X-GitHub-Event", "issue_comment", "X-GitHub-Delivery", delivery, "X-Hub-Signature-256",
            SIGNER.signatureHeader(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 30 s");
      Thread.sleep(20);
    }
  }

  @Test
  void theSameCommentDeliveredTwiceActsOnce() throws Exception {
    ObjectNode c = comment(555, "/vetter override --reason hotfix");
    assertThat(deliver("d-1", c).body()).startsWith("accepted: command");
    // a redelivery (same id), and the same comment reported again under another delivery id
    assertThat(deliver("d-1", c).body()).startsWith("duplicate delivery");
    assertThat(deliver("d-2", c).body()).contains("already received: its command is handled once");
    await(() -> server.chatops().state(Forge.GITHUB, "555").filter("done"::equals).isPresent());
    await(() -> server.queue().find(Forge.GITHUB, "Codertocat/Hello-World", 7, A).map(j -> j.state() == JobState.DONE).orElse(false));
    assertThat(runs.get("555").get()).isEqualTo(1);
    assertThat(server.chatops().count()).isEqualTo(1);
    assertThat(server.chatops().audit(null, null)).hasSize(1);
    // the review the override queued saw it
    assertThat(grantsSeen.get(A)).singleElement().satisfies(g -> assertThat(g.command()).isEqualTo("override"));
  }

  @Test
  void editedAndQuotedCommentsQueueNothing() throws Exception {
    ObjectNode edited = comment(556, "/vetter override --reason sneaky");
    edited.put("action", "edited");
    assertThat(deliver("d-3", edited).body()).startsWith("ignored");
    assertThat(deliver("d-4", comment(557, "> /vetter override --reason quoted")).body()).startsWith("ignored");
    assertThat(server.chatops().count()).isZero();
  }

  @Test
  void theAuditLogIsAppendOnlyAndBindsGrantsToTheirHead() {
    Ledger ledger = server.chatops().ledger(Forge.GITHUB, "Codertocat", "Codertocat/Hello-World", 7);
    AuditEntry override = ledger.record(entry("1", "override", A, null, 0));
    assertThat(override.id()).isPositive();
    // the same comment again (a job run twice) adds nothing and returns the first row
    assertThat(ledger.record(entry("1", "override", A, null, 0)).id()).isEqualTo(override.id());
    AuditEntry waiver = ledger.record(entry("2", "waive", A, T0.plus(Duration.ofDays(3)), 0));
    assertThat(ledger.active(A, T0)).extracting(AuditEntry::id).containsExactly(override.id(), waiver.id());
    assertThat(ledger.active(B, T0)).as("a new head has none").isEmpty();
    assertThat(ledger.active(A, T0.plus(Duration.ofDays(3)))).as("the waiver expired").extracting(AuditEntry::command).containsExactly("override");
    ledger.record(entry("3", "undo", A, null, override.id()));
    assertThat(ledger.active(A, T0)).extracting(AuditEntry::command).containsExactly("waive");
    assertThat(server.chatops().audit("Codertocat/Hello-World", T0)).hasSize(3);
    assertThat(server.chatops().audit("other/repo", null)).isEmpty();
    assertThat(server.chatops().audit(null, T0.plusSeconds(1))).isEmpty();
    // with no review recorded, nothing is known of a finding: it counts as blocking (a waiver then needs maintain)
    assertThat(ledger.blocking("hygiene/tabs")).isTrue();
  }

  @Test
  void aFalsePositiveReportIsReadByTheTelemetry() {
    Ledger ledger = server.chatops().ledger(Forge.GITHUB, "Codertocat", "Codertocat/Hello-World", 7);
    ledger.record(new AuditEntry(0, "github", "Codertocat/Hello-World", 7, T0, "rea", "read", "fp", "0123abcd0123abcd", A, "fixture", "accepted", null,
        null, 0, "77"));
    ledger.record(new AuditEntry(0, "github", "Codertocat/Hello-World", 7, T0, "nobody", "none", "fp", "fedcba98fedcba98", A, null, "denied", "no role",
        null, 0, "78"));
    ServerConfig.StoreLocation where = ServerConfig.storeLocation(Map.of(), fixture.flags());
    var data = dev.vetter.server.telemetry.TelemetryStore.read(where, T0, null);
    assertThat(data.disputed()).containsExactly(
        dev.vetter.server.telemetry.TelemetryData.disputeKey(new dev.vetter.server.telemetry.TelemetryData.PrKey("github", "Codertocat/Hello-World", 7),
            "0123abcd0123abcd"));
  }
}
