package dev.vetter.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.JobView;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.queue.OpenPullRequestSource.OpenPullRequest;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.store.Inbox;
import dev.vetter.server.testing.Faults;
import dev.vetter.server.testing.StoreFixture;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver end to end: the real server on an ephemeral loopback port, real HTTP requests, a real store (one
 * subclass per store), and a review handler written here. Numbered comments are the items of RELIABILITY.md.
 */
abstract class WebhookServerContract {
  static final String SECRET = "webhook-s3cret";
  static final String GITLAB_TOKEN = "gitlab-t0ken";
  static final String A = "a".repeat(40), B = "b".repeat(40), C = "c".repeat(40);
  static final GitHubWebhooks SIGNER = new GitHubWebhooks(SECRET, false);

  StoreFixture fixture;
  final Faults faults = new Faults();
  Server server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  final List<Job> handled = new CopyOnWriteArrayList<>();
  volatile CountDownLatch gate = new CountDownLatch(0);
  final List<OpenPullRequest> openPullRequests = new CopyOnWriteArrayList<>();

  abstract StoreFixture newFixture();

  @BeforeEach
  void start() throws Exception {
    fixture = newFixture();
    Map<String, String> env = Map.of(
        "VETTER_GITHUB_WEBHOOK_SECRET", SECRET,
        "VETTER_GITLAB_WEBHOOK_TOKEN", GITLAB_TOKEN,
        "VETTER_RECONCILE_SECONDS", "0",
        "VETTER_POLL_MILLIS", "50");
    Map<String, String> flags = new HashMap<>(fixture.flags());
    flags.put("--port", "0");
    flags.put("--bind", "127.0.0.1");
    flags.put("--workers", "2");
    ServerConfig config = ServerConfig.load(env, flags);
    server = Server.builder(config)
        .handler((job, ctx) -> {
          gate.await();
          handled.add(job);
          return ctx.stillCurrent() ? Outcome.done() : Outcome.skipped("superseded");
        })
        .source(new OpenPullRequestSource() {
          @Override
          public List<String> installations() {
            return List.of("42");
          }

          @Override
          public List<OpenPullRequest> openPullRequests(String installation) {
            return openPullRequests;
          }
        })
        .wrapDataSource(faults::wrap)
        .start();
  }

  @AfterEach
  void stop() {
    gate.countDown();
    faults.down(false);
    if (server != null) server.stop(Duration.ofSeconds(5));
    if (fixture != null) fixture.close();
  }

  static byte[] pullRequest(String action, long number, String head) {
    return pullRequest(action, number, head, "2024-05-01T10:00:00Z", null);
  }

  /** A {@code pull_request} event as GitHub sends it: the pull request's {@code updated_at}, and a push's {@code before}. */
  static byte[] pullRequest(String action, long number, String head, String updatedAt, String before) {
    return """
        {"action":"%s","number":%d,%s"pull_request":{"number":%d,"state":"open","draft":false,"title":"t","head":{"sha":"%s"},
         "updated_at":"%s"},"repository":{"full_name":"octo/repo","owner":{"login":"octo"}},"installation":{"id":42}}
        """.formatted(action, number, before == null ? "" : "\"before\":\"" + before + "\",\"after\":\"" + head + "\",", number, head, updatedAt)
        .getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> github(String event, String delivery, byte[] body) throws Exception {
    return post("/webhooks/github", body, "Content-Type", "application/json", "X-GitHub-Event", event,
        "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", SIGNER.signatureHeader(body));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  double metric(String name, String labels) throws Exception {
    for (String line : get("/metrics").body().lines().toList()) {
      if (line.startsWith(name + "{" + labels + "}")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return 0;
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within a minute");
      Thread.sleep(20);
    }
  }

  // 1. Missing or wrong signature -> 401, body not parsed, nothing queued.
  @Test
  void unsignedOrBadlySignedDeliveriesAreRefusedUnparsed() throws Exception {
    byte[] body = pullRequest("opened", 1, A);
    byte[] garbage = "{this is not json".getBytes(StandardCharsets.UTF_8);
    List<HttpResponse<String>> answers = List.of(
        post("/webhooks/github", body, "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "u-1"),
        post("/webhooks/github", body, "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "u-2", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)),
        post("/webhooks/github", body, "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "u-3", "X-Hub-Signature-256", SIGNER.signatureHeader(pullRequest("opened", 2, A))),
        post("/webhooks/github", garbage, "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "u-4", "X-Hub-Signature-256", "sha256=00"),
        post("/webhooks/gitlab", body, "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Event-UUID", "u-5", "X-Gitlab-Token", "wrong"));
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
    assertThat(answers.get(3).body()).as("refused before parsing: no JSON complaint").contains("X-Hub-Signature-256").doesNotContain("JSON");
    assertThat(server.queue().list()).isEmpty();
    assertThat(server.inbox().count("accepted") + server.inbox().count("dead")).isZero();
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"unauthorized\"")).isEqualTo(4);
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"gitlab\",outcome=\"unauthorized\"")).isEqualTo(1);
  }

  // 2. Body over 25 MB -> 413 before it is fully read.
  @Test
  void oversizedBodiesAreRefusedBeforeBeingRead() throws Exception {
    long declared = WebhookEndpoint.MAX_BODY + 1L;
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
          + "Content-Length: " + declared + "\r\n\r\n{\"action\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // only a few bytes of the 25 MB were sent: the answer must come anyway
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      // a signature of the right form (not the right value), so that the body is read at all
      out.write(("POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nX-Hub-Signature-256: sha256="
          + "0".repeat(64) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      // a chunked body with no declared size: more than the limit is sent, and the body never ends
      Thread writer = Thread.ofVirtual().start(() -> {
        byte[] chunk = new byte[1 << 20];
        try {
          for (int i = 0; i < 26; i++) {
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
        } catch (IOException closedByServer) {
          // expected once the server has answered and hung up
        }
      });
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
      writer.join(30_000);
    }
    assertThat(server.inbox().count("accepted") + server.inbox().count("dead")).isZero();
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"too_large\"")).isEqualTo(2);
  }

  static String statusLine(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
  }

  // 3. Valid signature, malformed JSON -> raw bytes kept as a dead delivery with the reason; no retry loop.
  @Test
  void authenticMalformedPayloadIsKeptDeadAndNeverRetried() throws Exception {
    byte[] body = "{\"action\":\"opened\",".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = github("pull_request", "m-1", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("dead delivery", "not valid JSON");
    Inbox.Stored stored = server.inbox().find(Forge.GITHUB, "m-1").orElseThrow();
    assertThat(stored.status()).isEqualTo("dead");
    assertThat(stored.reason()).startsWith("not valid JSON");
    assertThat(stored.delivery().body()).isEqualTo(body);
    assertThat(github("pull_request", "m-1", body).statusCode()).as("its redelivery").isEqualTo(202);
    assertThat(server.queue().list()).isEmpty();
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"dead\"")).isEqualTo(1);
  }

  // 4. Same delivery id again -> 2xx, no new job.
  @Test
  void redeliveryIsAcknowledgedAndQueuesNothing() throws Exception {
    gate = new CountDownLatch(1);
    byte[] body = pullRequest("opened", 1, A);
    assertThat(github("pull_request", "r-1", body).statusCode()).isEqualTo(202);
    HttpResponse<String> again = github("pull_request", "r-1", body);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.body()).contains("duplicate");
    assertThat(server.queue().list()).singleElement().satisfies(j -> assertThat(j.events()).isEqualTo(1));
    gate.countDown();
    await(() -> handled.size() == 1);
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"duplicate\"")).isEqualTo(1);
  }

  // 5. Several events for the same head SHA -> one review.
  @Test
  void severalEventsForOneHeadGiveOneReview() throws Exception {
    gate = new CountDownLatch(1);
    assertThat(github("pull_request", "s-1", pullRequest("opened", 7, A)).statusCode()).isEqualTo(202);
    assertThat(github("pull_request", "s-2", pullRequest("reopened", 7, A)).statusCode()).isEqualTo(202);
    assertThat(github("pull_request", "s-3", pullRequest("ready_for_review", 7, A)).statusCode()).isEqualTo(202);
    gate.countDown();
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 7, A).map(j -> j.state() == JobState.DONE).orElse(false));
    Thread.sleep(200); // let any (wrong) second review show up
    assertThat(handled).singleElement().satisfies(j -> assertThat(j.headSha()).isEqualTo(A));
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 7, A).orElseThrow().events()).isEqualTo(3);
  }

  // 7. Force-push during a review -> the old job is cancelled.
  @Test
  void aNewPushSupersedesTheRunningReview() throws Exception {
    gate = new CountDownLatch(1);
    github("pull_request", "p-1", pullRequest("opened", 3, A, "2024-05-01T10:00:00Z", null));
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 3, A).map(j -> j.state() == JobState.RUNNING).orElse(false));
    github("pull_request", "p-2", pullRequest("synchronize", 3, B, "2024-05-01T10:05:00Z", A));
    gate.countDown();
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 3, B).map(j -> j.state() == JobState.DONE).orElse(false));
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 3, A).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
  }

  // 34. A delayed event for an older head after the newer head's -> the newer review completes, neither superseded
  // nor held up by the older event (the reconciler is off: nothing else would repair it).
  @Test
  void aLateEventForAnOlderHeadNeitherSupersedesNorDelaysTheNewerHead() throws Exception {
    gate = new CountDownLatch(1);
    github("pull_request", "late-2", pullRequest("synchronize", 4, B, "2024-05-01T10:05:00Z", A));
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 4, B).map(j -> j.state() == JobState.RUNNING).orElse(false));
    // the opened event of head A, delivered late (GitHub redelivered it, or it sat in a queue)
    assertThat(github("pull_request", "late-1", pullRequest("opened", 4, A, "2024-05-01T10:00:00Z", null)).statusCode()).isEqualTo(202);
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 4, B).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    gate.countDown();
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 4, B).map(j -> j.state() == JobState.DONE).orElse(false));
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 4, A).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(handled).extracting(Job::headSha).as("the older head is never worked on").containsExactly(B);
  }

  // 34, the same within one second (GitHub's updated_at has whole seconds): the push's "before" orders the heads.
  @Test
  void aLateEventInTheSameSecondIsOrderedByThePushsBefore() throws Exception {
    gate = new CountDownLatch(1);
    github("pull_request", "same-2", pullRequest("synchronize", 5, B, "2024-05-01T10:00:00Z", A));
    github("pull_request", "same-1", pullRequest("synchronize", 5, A, "2024-05-01T10:00:00Z", C));
    gate.countDown();
    await(() -> server.queue().find(Forge.GITHUB, "octo/repo", 5, B).map(j -> j.state() == JobState.DONE).orElse(false));
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 5, A).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(handled).extracting(Job::headSha).containsExactly(B);
  }

  // 8. Database down -> 503; the reconciler's sweep of open PRs catches up later.
  @Test
  void storeDownAnswers503AndTheReconcilerCatchesUp() throws Exception {
    faults.down(true);
    fixture.killConnections(faults);
    HttpResponse<String> r = github("pull_request", "d-1", pullRequest("opened", 9, A));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    faults.down(false);
    await(() -> {
      try {
        return get("/readyz").statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(server.queue().find(Forge.GITHUB, "octo/repo", 9, A)).as("the refused delivery left nothing").isEmpty();
    openPullRequests.add(new OpenPullRequest(Forge.GITHUB, "42", "octo/repo", 9, A, false));
    assertThat(server.reconcileNow().orElseThrow().enqueued()).isEqualTo(1);
    await(() -> handled.stream().anyMatch(j -> j.number() == 9 && j.headSha().equals(A)));
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"unavailable\"")).isEqualTo(1);
  }

  // 9. 1,000 deliveries in a burst -> all acknowledged (the time it took is printed; bench/ measures it properly).
  @Test
  void aBurstOfAThousandDeliveriesIsAllAcknowledged() throws Exception {
    int n = 1000;
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 1; i <= n; i++) {
      byte[] body = pullRequest("opened", i, A);
      HttpRequest req = HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(60))
          .headers("Content-Type", "application/json", "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "burst-" + i,
              "X-Hub-Signature-256", SIGNER.signatureHeader(body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      inFlight.acquire();
      answers.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
          .whenComplete((c, e) -> inFlight.release()));
    }
    List<Integer> codes = new ArrayList<>();
    for (CompletableFuture<Integer> f : answers) codes.add(f.get(120, TimeUnit.SECONDS));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println(getClass().getSimpleName() + ": " + n + " deliveries acknowledged in " + millis + " ms");
    assertThat(codes).hasSize(n).containsOnly(202);
    assertThat(server.inbox().count("accepted")).isEqualTo(n);
    assertThat(server.queue().list()).hasSize(n);
    await(() -> handled.size() == n);
  }

  // 10. NUL or invalid UTF-8 in a payload -> stored as raw bytes, processed or dead with a reason; never dropped.
  @Test
  void nulAndInvalidUtf8AreStoredByteForByte() throws Exception {
    byte[] escapedNul = new String(pullRequest("opened", 4, A), StandardCharsets.UTF_8)
        .replace("\"title\":\"t\"", "\"title\":\"a \\u0000 b\"").getBytes(StandardCharsets.UTF_8);
    byte[] invalid = new String(pullRequest("opened", 5, A), StandardCharsets.UTF_8).replace("\"title\":\"t\"", "\"title\":\"@@\"")
        .getBytes(StandardCharsets.UTF_8);
    int at = indexOf(invalid, (byte) '@');
    invalid[at] = (byte) 0xC3;
    invalid[at + 1] = (byte) 0x28;
    byte[] rawNul = new String(pullRequest("opened", 6, A), StandardCharsets.UTF_8).replace("\"title\":\"t\"", "\"title\":\"@\"")
        .getBytes(StandardCharsets.UTF_8);
    rawNul[indexOf(rawNul, (byte) '@')] = 0;

    assertThat(github("pull_request", "n-1", escapedNul).statusCode()).isEqualTo(202);
    assertThat(github("pull_request", "n-2", invalid).statusCode()).isEqualTo(400);
    assertThat(github("pull_request", "n-3", rawNul).statusCode()).isEqualTo(400);

    assertThat(server.inbox().find(Forge.GITHUB, "n-1").orElseThrow().delivery().body()).isEqualTo(escapedNul);
    Inbox.Stored bad = server.inbox().find(Forge.GITHUB, "n-2").orElseThrow();
    assertThat(bad.delivery().body()).isEqualTo(invalid);
    assertThat(bad.status()).isEqualTo("dead");
    assertThat(bad.reason()).contains("UTF-8");
    Inbox.Stored nul = server.inbox().find(Forge.GITHUB, "n-3").orElseThrow();
    assertThat(nul.delivery().body()).isEqualTo(rawNul);
    assertThat(nul.status()).isEqualTo("dead");
    await(() -> handled.stream().anyMatch(j -> j.number() == 4));
  }

  static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
    throw new AssertionError("marker not found");
  }

  @Test
  void eventsThatStartNothingAreAcknowledgedAndIgnored() throws Exception {
    HttpResponse<String> label = github("pull_request", "i-1", pullRequest("labeled", 1, A));
    HttpResponse<String> ping = github("ping", "i-2", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(label.statusCode()).isEqualTo(202);
    assertThat(label.body()).startsWith("ignored:");
    assertThat(ping.statusCode()).isEqualTo(202);
    assertThat(server.inbox().count("accepted") + server.inbox().count("dead")).isZero();
    assertThat(server.queue().list()).isEmpty();
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"ignored\"")).isEqualTo(2);
  }

  @Test
  void missingHeadersAreMalformedRequests() throws Exception {
    byte[] body = pullRequest("opened", 1, A);
    String sig = SIGNER.signatureHeader(body);
    assertThat(post("/webhooks/github", body, "X-GitHub-Event", "pull_request", "X-Hub-Signature-256", sig).body()).contains("X-GitHub-Delivery");
    assertThat(post("/webhooks/github", body, "X-GitHub-Delivery", "h-1", "X-Hub-Signature-256", sig).statusCode()).isEqualTo(400);
    assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(405);
    assertThat(post("/bench/noop", body).statusCode()).as("the benchmark route exists only with its flag").isEqualTo(404);
    assertThat(metric("vetter_webhook_deliveries_total", "forge=\"github\",outcome=\"malformed\"")).isEqualTo(2);
  }

  @Test
  void gitlabMergeRequestHooks() throws Exception {
    byte[] body;
    try (var in = getClass().getResourceAsStream("/gitlab/merge-request-open.json")) {
      body = in.readAllBytes();
    }
    assertThat(post("/webhooks/gitlab", body, "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Event-UUID", "g-1").statusCode()).isEqualTo(401);
    assertThat(post("/webhooks/gitlab", body, "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Event-UUID", "g-1", "X-Gitlab-Token", GITLAB_TOKEN).statusCode())
        .isEqualTo(202);
    // GitLab retries carry the same Idempotency-Key; it wins over the per-attempt event UUID
    assertThat(post("/webhooks/gitlab", body, "X-Gitlab-Event", "Merge Request Hook", "Idempotency-Key", "k-1", "X-Gitlab-Event-UUID", "g-2",
        "X-Gitlab-Token", GITLAB_TOKEN).statusCode()).isEqualTo(202);
    HttpResponse<String> retry = post("/webhooks/gitlab", body, "X-Gitlab-Event", "Merge Request Hook", "Idempotency-Key", "k-1",
        "X-Gitlab-Event-UUID", "g-3", "X-Gitlab-Token", GITLAB_TOKEN);
    assertThat(retry.body()).contains("duplicate");
    assertThat(server.inbox().find(Forge.GITLAB, "g-1")).isPresent();
    assertThat(server.inbox().find(Forge.GITLAB, "k-1")).isPresent();
    JobView job = server.queue().find(Forge.GITLAB, "gitlabhq/gitlab-test", 1, "da1560886d4f094c3e6c9ef40349f7d38b5d27d7").orElseThrow();
    assertThat(job.events()).isEqualTo(2);
    assertThat(job.installation()).isEqualTo("gitlabhq");
  }

  @Test
  void healthReadinessAndMetrics() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    github("pull_request", "x-1", pullRequest("opened", 1, A));
    await(() -> {
      try {
        return metric("vetter_jobs_total", "outcome=\"done\"") == 1;
      } catch (Exception e) {
        return false;
      }
    });
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body()).contains(
        "vetter_webhook_deliveries_total{forge=\"github\",outcome=\"accepted\"} 1.0",
        "vetter_webhook_ack_seconds",
        "vetter_queue_jobs{state=\"queued\"}",
        "vetter_jobs_total{outcome=\"done\"} 1.0",
        "vetter_job_seconds");
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
  }
}
