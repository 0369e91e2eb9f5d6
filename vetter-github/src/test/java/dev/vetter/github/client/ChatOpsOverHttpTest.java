package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.github.review.GitHubCommandHandler;
import dev.vetter.github.review.GitHubReviewHandler;
import dev.vetter.review.ReviewSetup;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChatOps end to end: signed webhook deliveries (GitHub's published issue_comment example, on a pull request) into
 * the real server on loopback, its workers running the GitHub review and command handlers against the fake GitHub over
 * HTTP, every request held to GitHub's OpenAPI description. Permissions come from the fake's collaborator permission
 * endpoint; the payloads call everyone a COLLABORATOR, which must not matter.
 */
class ChatOpsOverHttpTest {
  static final String SECRET = "webhook-s3cret";
  static final String REPO = "octo/hello";
  static final String BASE = "1111111111111111111111111111111111111111";
  static final String HEAD1 = "2222222222222222222222222222222222222222";
  static final String HEAD2 = "3333333333333333333333333333333333333333";
  static final ObjectMapper JSON = new ObjectMapper();
  static final GitHubWebhooks SIGNER = new GitHubWebhooks(SECRET, false);
  @TempDir Path tmp;
  final HttpClient http = HttpClient.newHttpClient();
  Server server;
  FakeGitHub gh;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** GitHub's first issue_comment "created" example from {@code @octokit/webhooks-examples}, fetched as the server module's tests fetch it. */
  static ObjectNode example() throws Exception {
    Path dir = Path.of("target", "octokit-webhooks-examples-7.6.1").toAbsolutePath();
    Path index = dir.resolve("package/api.github.com/index.json");
    if (!Files.exists(index)) {
      Process p = new ProcessBuilder("bash", "../vetter-server/src/test/scripts/fetch-webhook-examples.sh", "7.6.1", dir.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = p.waitFor(180, TimeUnit.SECONDS);
      Assumptions.assumeTrue(finished && p.exitValue() == 0 && Files.exists(index), "skipped: could not fetch @octokit/webhooks-examples: " + out.strip());
    }
    for (JsonNode e : JSON.readTree(index.toFile())) {
      if (!e.get("name").asText().equals("issue_comment")) continue;
      for (JsonNode x : e.get("examples")) if ("created".equals(x.path("action").asText())) return (ObjectNode) x.deepCopy();
    }
    throw new AssertionError("no issue_comment created example");
  }

  /** A comment by {@code login} on pull request 7, with the example's author_association COLLABORATOR whatever their role. */
  static ObjectNode comment(long id, String login, String action, String body) throws Exception {
    ObjectNode e = example();
    e.put("action", action);
    ((ObjectNode) e.get("repository")).put("full_name", REPO);
    e.putObject("installation").put("id", 42);
    ((ObjectNode) e.get("issue")).put("number", 7).putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/7");
    ObjectNode c = (ObjectNode) e.get("comment");
    c.put("id", id).put("body", body).put("author_association", "COLLABORATOR");
    ((ObjectNode) c.get("user")).put("login", login).put("type", "User");
    ((ObjectNode) e.get("sender")).put("login", login).put("type", "User");
    return e;
  }

  HttpResponse<String> deliver(String event, String delivery, JsonNode payload) throws Exception {
    byte[] body = JSON.writeValueAsBytes(payload);
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .headers("Content-Type", "application/json", "X-GitHub-Event", event, "X-GitHub-Delivery", delivery, "X-Hub-Signature-256",
            SIGNER.signatureHeader(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> push(String delivery, String action, String head) throws Exception {
    ObjectNode e = JSON.createObjectNode().put("action", action).put("number", 7);
    e.putObject("pull_request").put("number", 7).put("state", "open").put("draft", false).putObject("head").put("sha", head);
    e.putObject("repository").put("full_name", REPO).putObject("owner").put("login", "octo");
    e.putObject("installation").put("id", 42);
    return deliver("pull_request", delivery, e);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 60 s");
      Thread.sleep(20);
    }
  }

  void awaitCommand(long commentId) throws InterruptedException {
    await(() -> server.chatops().state(Forge.GITHUB, String.valueOf(commentId)).filter(s -> s.equals("done") || s.equals("dead")).isPresent(),
        "command " + commentId);
    assertThat(server.chatops().state(Forge.GITHUB, String.valueOf(commentId))).contains("done");
  }

  void awaitReview(String head) throws InterruptedException {
    await(() -> server.queue().find(Forge.GITHUB, REPO, 7, head).map(j -> j.state() == JobState.DONE).orElse(false), "the review of " + head);
  }

  /** The conclusion and title of the latest check run on {@code head}. */
  String check(String head) {
    List<JsonNode> runs = gh.repo(REPO).checkRuns().stream().filter(r -> r.path("head_sha").asText().equals(head)).toList();
    JsonNode last = runs.getLast();
    return last.path("conclusion").asText() + ": " + last.path("output").path("title").asText();
  }

  List<String> receipts() {
    return gh.repo(REPO).issueComments(7).stream().map(c -> c.path("body").asText()).toList();
  }

  @Test
  void rolesComeFromGitHubAndAnOverrideHoldsForItsCommitOnly() throws Exception {
    ManualTiming timing = new ManualTiming();
    try (FakeGitHub fake = FakeGitHub.start()) {
      gh = fake;
      gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", REPO);
      gh.repo(REPO).file(BASE, ".vetter.yml", utf8("fail-on: notice\nrules: {hygiene: {mode: block}}\n")).file(BASE, "src/a.txt", utf8("one\ntwo\n"));
      FakeGitHub.Pull pr = gh.repo(REPO).pull(7).base("main", BASE).head("feature", HEAD1)
          .file("src/a.txt", "modified", "@@ -1,2 +1,3 @@\n one\n-two\n+two  \n+three", utf8("one\ntwo  \nthree\n"))
          .commit(HEAD1, "work", BASE);
      gh.repo(REPO).role("tria", "triage").role("maria", "maintain").role("wendy", "write");
      GitHubConnector connector = new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
          ClientOptions.defaults().withWritePause(Duration.ZERO), timing);
      ReviewSetup setup = ReviewSetup.of(new CheckRegistry(BuiltInChecks.all()));
      ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "50"),
          Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", tmp.resolve("data").toString()));
      try (Server s = Server.builder(config).handler(new GitHubReviewHandler(connector, setup, false))
          .commands(new GitHubCommandHandler(connector, setup, Clock.systemUTC())).start()) {
        server = s;
        assertThat(push("p-1", "opened", HEAD1).statusCode()).isEqualTo(202);
        awaitReview(HEAD1);
        assertThat(check(HEAD1)).startsWith("failure: Failed");

        // a triage user (COLLABORATOR in the payload) is refused, told why, and the refusal is audited
        assertThat(deliver("issue_comment", "c-1", comment(9001, "tria", "created", "/vetter override --reason ship it")).body()).startsWith("accepted");
        awaitCommand(9001);
        assertThat(receipts()).last().asString().contains("@tria").contains("needs the maintain role").contains("you have the triage role")
            .contains("Nothing was changed").contains("<!-- vetter:receipt comment=9001 -->");
        assertThat(server.chatops().audit(REPO, null)).singleElement().satisfies(e -> {
          assertThat(e.result()).isEqualTo("denied");
          assertThat(e.role()).isEqualTo("triage");
          assertThat(e.headSha()).isEqualTo(HEAD1);
        });
        assertThat(check(HEAD1)).startsWith("failure");

        // an edited comment that gains a command, and a quoted command, do nothing
        assertThat(deliver("issue_comment", "c-2", comment(9002, "maria", "edited", "/vetter override --reason slipped in")).body()).startsWith("ignored");
        assertThat(deliver("issue_comment", "c-3", comment(9003, "maria", "created", "> /vetter override --reason quoted")).body()).startsWith("ignored");
        assertThat(server.chatops().count()).isEqualTo(1);

        // a maintainer's override, delivered twice (a redelivery, and again under another delivery id), acts once
        ObjectNode override = comment(9004, "maria", "created", "Outage.\n/vetter override --reason hotfix for the outage");
        assertThat(deliver("issue_comment", "c-4", override).body()).startsWith("accepted");
        assertThat(deliver("issue_comment", "c-4", override).body()).startsWith("duplicate delivery");
        assertThat(deliver("issue_comment", "c-5", override).body()).contains("handled once");
        awaitCommand(9004);
        awaitReview(HEAD1);
        assertThat(receipts()).filteredOn(b -> b.contains("vetter:receipt comment=9004")).singleElement().asString()
            .contains("@maria overrode").contains("this commit only").contains("/vetter undo");
        assertThat(server.chatops().audit(REPO, null)).extracting(AuditEntry::command, AuditEntry::result)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("override", "denied"), org.assertj.core.groups.Tuple.tuple("override", "accepted"));
        assertThat(check(HEAD1)).startsWith("success: Overridden by @maria on this commit");
        assertThat(gh.repo(REPO).checkRuns().getLast().path("output").path("summary").asText()).contains("**Override** by @maria");

        // a new push is reviewed as usual: the override stayed with its commit
        gh.repo(REPO).file(HEAD2, "src/a.txt", utf8("one\ntwo  \nthree \n"));
        pr.head("feature", HEAD2).file("src/a.txt", "modified", "@@ -1,2 +1,3 @@\n one\n-two\n+two  \n+three ", utf8("one\ntwo  \nthree \n"))
            .commit(HEAD2, "more", HEAD1);
        assertThat(push("p-2", "synchronize", HEAD2).statusCode()).isEqualTo(202);
        awaitReview(HEAD2);
        assertThat(check(HEAD2)).startsWith("failure: Failed");
        assertThat(gh.violations()).isEmpty();
      }
    }
  }
}
