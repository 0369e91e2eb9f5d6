package dev.vetter.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.checks.hygiene.ConflictMarker;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.gitlab.fake.FakeGitLab;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.webhook.Forge;
import dev.vetter.testing.TestRepo;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChatOps on GitLab end to end: GitLab's documented note hook (on a merge request) into the real server, the command
 * carried out against the fake GitLab held to its contract table, roles from the project's member access levels.
 */
class GitLabChatOpsEndToEndTest {
  static final String HOOK_TOKEN = "hook-t0ken";
  static final String API_TOKEN = "glpat-e2e-secret";
  static final String PROJECT = "acme/app";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path repoDir;
  @TempDir Path dataDir;
  FakeGitLab gitlab;
  TestRepo repo;
  FakeGitLab.MergeRequest mr;
  Server server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start(API_TOKEN);
    repo = TestRepo.init(repoDir);
    repo.write(".vetter.yml", "fail-on: notice\nrules: {hygiene: {mode: block}}\n").write("src/app.txt", "alpha\nbeta\n").commit("base");
    repo.branch("feature").write("src/app.txt", "alpha\nbeta  \n").commit("work");
    mr = gitlab.project(PROJECT, repo.git().getRepository()).member("rita", 20).member("mona", 40).openMergeRequest(3, "feature", "main");
    HttpGitLabApi api = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), API_TOKEN, 3, Duration.ofMillis(1), Duration.ofSeconds(5),
        Duration.ZERO, Duration.ofSeconds(10)), Clock.systemUTC(), d -> {});
    Map<String, String> env = Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", HOOK_TOKEN, "VETTER_RECONCILE_SECONDS", "0", "VETTER_POLL_MILLIS", "20");
    ServerConfig config = ServerConfig.load(env, Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", dataDir.toString()));
    GitLabReviewHandler handler = new GitLabReviewHandler(api, new CheckRegistry(List.of(new TrailingWhitespace(), new ConflictMarker())), false, null);
    server = Server.builder(config).handler(handler).commands(handler.commands(Clock.systemUTC())).start();
  }

  @AfterEach
  void tearDown() {
    if (server != null) server.stop(Duration.ofSeconds(5));
    gitlab.close();
    repo.close();
    assertThat(gitlab.violations()).as("requests outside GitLab's documented contract").isEmpty();
  }

  HttpResponse<String> hook(String event, ObjectNode payload) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/gitlab")).header("Content-Type", "application/json")
        .header("X-Gitlab-Event", event).header("X-Gitlab-Token", HOOK_TOKEN).header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload))).build(), HttpResponse.BodyHandlers.ofString());
  }

  ObjectNode resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/gitlab/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  void open() throws Exception {
    ObjectNode hook = resource("merge-request-open.json");
    ((ObjectNode) hook.get("project")).put("path_with_namespace", PROJECT);
    ObjectNode attrs = (ObjectNode) hook.get("object_attributes");
    attrs.put("iid", mr.iid).put("action", "open");
    ((ObjectNode) attrs.get("last_commit")).put("id", mr.headSha());
    assertThat(hook("Merge Request Hook", hook).statusCode()).isEqualTo(202);
  }

  /** GitLab's documented note hook: a new note by {@code username} on the merge request. */
  ObjectNode note(long id, String username, String action, String body) throws Exception {
    ObjectNode n = resource("note-merge-request.json");
    ((ObjectNode) n.get("project")).put("path_with_namespace", PROJECT);
    ((ObjectNode) n.get("user")).put("username", username);
    ((ObjectNode) n.get("object_attributes")).put("id", id).put("note", body).put("action", action);
    ObjectNode m = (ObjectNode) n.get("merge_request");
    m.put("iid", mr.iid);
    ((ObjectNode) m.get("last_commit")).put("id", mr.headSha());
    return n;
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 60 s");
      Thread.sleep(20);
    }
  }

  void awaitReview() throws InterruptedException {
    await(() -> server.queue().find(Forge.GITLAB, PROJECT, mr.iid, mr.headSha()).map(j -> j.state() == JobState.DONE).orElse(false), "the review");
  }

  void awaitCommand(long id) throws InterruptedException {
    await(() -> server.chatops().state(Forge.GITLAB, String.valueOf(id)).filter("done"::equals).isPresent(), "command " + id);
  }

  String status() {
    var s = gitlab.project(PROJECT).statuses(mr.headSha()).getLast();
    return s.state + ": " + s.description;
  }

  @Test
  void aReporterCannotOverrideAMaintainerCanOnThisCommitOnly() throws Exception {
    open();
    awaitReview();
    assertThat(status()).startsWith("failed");

    assertThat(hook("Note Hook", note(501, "rita", "create", "/vetter override --reason ship it")).body()).startsWith("accepted");
    awaitCommand(501);
    assertThat(mr.allNotes()).anySatisfy(n -> assertThat(n.body).contains("@rita").contains("needs the maintain role")
        .contains("you have the triage role").contains("<!-- vetter:receipt comment=501 -->"));
    assertThat(status()).startsWith("failed");

    // an edited note queues no command (the telemetry still records it on the timeline)
    assertThat(hook("Note Hook", note(502, "mona", "update", "/vetter override --reason edited in")).body()).contains("only a new note carries a command");
    assertThat(server.chatops().state(Forge.GITLAB, "502")).isEmpty();

    ObjectNode override = note(503, "mona", "create", "/vetter override --reason hotfix");
    assertThat(hook("Note Hook", override).body()).startsWith("accepted");
    assertThat(hook("Note Hook", override).body()).contains("handled once");
    awaitCommand(503);
    awaitReview();
    assertThat(status()).startsWith("success: Overridden by @mona on this commit");
    assertThat(mr.allNotes()).filteredOn(n -> n.body.contains("vetter:receipt comment=503")).hasSize(1);
    assertThat(server.chatops().audit(PROJECT, null)).extracting(AuditEntry::actor, AuditEntry::result)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rita", "denied"), org.assertj.core.groups.Tuple.tuple("mona", "accepted"));

    // a new push: reviewed as usual
    repo.write("src/app.txt", "alpha\nbeta  \ngamma \n").commit("more");
    mr.refresh();
    open();
    awaitReview();
    assertThat(status()).startsWith("failed");
  }
}
