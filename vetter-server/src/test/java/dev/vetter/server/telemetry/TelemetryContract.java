package dev.vetter.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.telemetry.ReviewRecord.FindingRecord;
import dev.vetter.server.testing.Chromium;
import dev.vetter.server.testing.StoreFixture;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import dev.vetter.server.webhook.OctokitExamplesTest;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks to the report, end to end: the real server on a loopback port, real HTTP, GitHub's published example
 * payloads (npm {@code @octokit/webhooks-examples}) and GitLab's documented ones with the people and times of one
 * story, a handler that posts what the test says each head has, and the report read back from the store, read-only,
 * as {@code vetter report} reads it. One subclass per store.
 */
abstract class TelemetryContract {
  static final String SECRET = "webhook-s3cret", GITLAB_TOKEN = "gitlab-t0ken", COCKPIT_TOKEN = "cockpit-t0ken-0123456789";
  static final String A = "a".repeat(40), B = "b".repeat(40);
  static final GitHubWebhooks SIGNER = new GitHubWebhooks(SECRET, false);
  static final ObjectMapper JSON = new ObjectMapper();

  StoreFixture fixture;
  Server server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  /** What the handler "posts" for each head. */
  final Map<String, List<FindingRecord>> findings = new ConcurrentHashMap<>();

  abstract StoreFixture newFixture();

  @BeforeEach
  void start() throws Exception {
    fixture = newFixture();
    Map<String, String> env = Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_GITLAB_WEBHOOK_TOKEN", GITLAB_TOKEN, "VETTER_RECONCILE_SECONDS", "0",
        "VETTER_POLL_MILLIS", "50", "VETTER_COCKPIT_TOKEN", COCKPIT_TOKEN);
    Map<String, String> flags = new HashMap<>(fixture.flags());
    flags.put("--port", "0");
    flags.put("--bind", "127.0.0.1");
    flags.put("--workers", "1");
    server = Server.builder(ServerConfig.load(env, flags))
        .handler((job, ctx) -> {
          ctx.posted(new ReviewRecord("vetter-app[bot]", findings.getOrDefault(job.headSha(), List.of()), 5));
          return Outcome.done();
        })
        .start();
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(Duration.ofSeconds(5));
    if (fixture != null) fixture.close();
  }

  static FindingRecord finding(String fp, String rule, String mode) {
    return new FindingRecord(fp, rule, "style", "warning", mode, "src/Main.java", 3);
  }

  /** The first example of {@code event} with {@code action} (and review state, for reviews), as GitHub published it. */
  static ObjectNode example(String event, String action, String reviewState) throws Exception {
    for (JsonNode e : OctokitExamplesTest.examples()) {
      if (!e.get("name").asText().equals(event)) continue;
      for (JsonNode x : e.get("examples")) {
        if (action.equals(x.path("action").asText()) && (reviewState == null || reviewState.equals(x.path("review").path("state").asText()))) {
          return (ObjectNode) x.deepCopy();
        }
      }
    }
    throw new AssertionError("no " + event + " " + action + " example");
  }

  /** The example as one pull request of one story: its number, author, head and time, and who acted. */
  static ObjectNode story(ObjectNode payload, String head, String at, String sender, String senderType) {
    ObjectNode pr = (ObjectNode) payload.get("pull_request");
    pr.put("number", 7);
    ((ObjectNode) pr.get("user")).put("login", "alice");
    ((ObjectNode) pr.get("head")).put("sha", head);
    pr.put("created_at", "2024-05-01T10:00:00Z");
    pr.put("updated_at", at);
    ((ObjectNode) payload.get("sender")).put("login", sender).put("type", senderType);
    return payload;
  }

  HttpResponse<String> github(String event, String delivery, JsonNode payload) throws Exception {
    byte[] body = JSON.writeValueAsBytes(payload);
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .headers("Content-Type", "application/json", "X-GitHub-Event", event, "X-GitHub-Delivery", delivery, "X-Hub-Signature-256",
            SIGNER.signatureHeader(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> gitlab(String event, String uuid, JsonNode payload) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/webhooks/gitlab")).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
        .headers("X-Gitlab-Event", event, "X-Gitlab-Event-UUID", uuid, "X-Gitlab-Token", GITLAB_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
  }

  void awaitDone(Forge forge, String repo, long number, String head) throws InterruptedException {
    await(() -> server.queue().find(forge, repo, number, head).map(j -> j.state() == JobState.DONE).orElse(false));
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 30 s");
      Thread.sleep(20);
    }
  }

  Report report(String repository) {
    ServerConfig.StoreLocation where = ServerConfig.storeLocation(Map.of(), fixture.flags());
    Instant since = Instant.parse("2024-01-01T00:00:00Z"), until = Instant.parse("2024-12-31T00:00:00Z");
    return Report.compute(TelemetryStore.read(where, since, repository), since, until, repository);
  }

  static Report.Span phase(Report r, String name) {
    return r.phases().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * One GitHub pull request's story: opened at A with two posted findings (one of {@code rule}) and a shadow one,
   * pushed to B (the other fixed), Vetter's and a bot's reviews, bob's comment and approval, merged at 14:00.
   */
  void mergeAGitHubPullRequest(String rule) throws Exception {
    findings.put(A, List.of(finding("f1", "hygiene/trailing-whitespace", "comment"), finding("f2", rule, "comment"),
        finding("s1", "commits/conventional", "shadow")));
    findings.put(B, List.of(finding("f2", rule, "comment"), finding("s1", "commits/conventional", "shadow")));

    assertThat(github("pull_request", "d-1", story(example("pull_request", "opened", null), A, "2024-05-01T10:00:00Z", "alice", "User")).body())
        .startsWith("accepted");
    awaitDone(Forge.GITHUB, "Codertocat/Hello-World", 7, A);
    ObjectNode push = story(example("pull_request", "synchronize", null), B, "2024-05-01T11:00:00Z", "alice", "User");
    push.put("before", A).put("after", B);
    assertThat(github("pull_request", "d-2", push).body()).startsWith("accepted");
    awaitDone(Forge.GITHUB, "Codertocat/Hello-World", 7, B);

    // Vetter's own review (an App: type Bot), a bot's approval, then a person's comment and approval
    ObjectNode own = story(example("pull_request_review", "submitted", "commented"), B, "2024-05-01T11:01:00Z", "vetter-app[bot]", "Bot");
    ((ObjectNode) own.get("review")).put("submitted_at", "2024-05-01T11:01:00Z").put("commit_id", B).with("user").put("login", "vetter-app[bot]").put("type", "Bot");
    ObjectNode bot = own.deepCopy();
    ((ObjectNode) bot.get("review")).put("state", "approved").put("submitted_at", "2024-05-01T11:02:00Z").with("user").put("login", "renovate[bot]");
    ObjectNode comment = own.deepCopy();
    ((ObjectNode) comment.get("review")).put("state", "commented").put("submitted_at", "2024-05-01T12:00:00Z").with("user").put("login", "bob").put("type", "User");
    ObjectNode approval = comment.deepCopy();
    ((ObjectNode) approval.get("review")).put("state", "approved").put("submitted_at", "2024-05-01T13:00:00Z");
    for (var e : Map.of("r-1", own, "r-2", bot, "r-3", comment, "r-4", approval).entrySet()) {
      HttpResponse<String> answer = github("pull_request_review", e.getKey(), e.getValue());
      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.body()).startsWith("recorded:");
    }
    assertThat(github("pull_request_review", "r-4", approval).body()).as("a redelivery records nothing twice").startsWith("duplicate");

    ObjectNode merged = story(example("pull_request", "closed", null), B, "2024-05-01T14:00:00Z", "alice", "User");
    ((ObjectNode) merged.get("pull_request")).put("merged", true).put("merged_at", "2024-05-01T14:00:00Z").put("closed_at", "2024-05-01T14:00:00Z");
    assertThat(github("pull_request", "d-3", merged).body()).startsWith("recorded:");
    assertThat(server.queue().list()).as("events that start no review queue nothing").hasSize(2);
  }

  @Test
  void aGitHubPullRequestFromOpenedToMerged() throws Exception {
    mergeAGitHubPullRequest("size/long-method");

    Report r = report(null);
    assertThat(r.pullRequests()).extracting(Report.PullRequests::opened, Report.PullRequests::merged, Report.PullRequests::mergedWithoutHumanReview)
        .containsExactly(1, 1, 0);
    assertThat(phase(r, "cycle").medianSeconds()).isEqualTo(4 * 3600.0);
    assertThat(phase(r, "pickup").medianSeconds()).as("neither Vetter nor a bot picked it up: bob did, at 12:00").isEqualTo(2 * 3600.0);
    assertThat(phase(r, "review").medianSeconds()).isEqualTo(3600.0);
    assertThat(phase(r, "merge").medianSeconds()).isEqualTo(3600.0);
    assertThat(r.posted()).extracting(Report.Outcomes::findings, Report.Outcomes::fixed, Report.Outcomes::ignored).containsExactly(2, 1, 1);
    assertThat(r.shadow()).extracting(Report.Outcomes::findings, Report.Outcomes::ignored).containsExactly(1, 1);
    assertThat(r.commentToMerge()).extracting(Report.Ratio::part, Report.Ratio::whole).containsExactly(1, 2);
    assertThat(report("someone/else").posted().findings()).as("--repo").isZero();

    String metrics = http.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains(
        "vetter_webhook_deliveries_total{forge=\"github\",outcome=\"recorded\"} 5.0",
        "vetter_webhook_ack_seconds_bucket{forge=\"github\",le=\"1.0\"}",
        "vetter_queue_wait_seconds_bucket{le=\"5.0\"}",
        "vetter_delivery_feedback_seconds_bucket{le=\"60.0\"}",
        "vetter_delivery_feedback_seconds_count 2",
        "vetter_review_phase_seconds_bucket{phase=\"checks\",le=\"1.0\"}",
        "vetter_review_phase_seconds_count{phase=\"forge\"} 2");
  }

  @Test
  void aGitLabMergeRequestWithNotesAndApproval() throws Exception {
    String head = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
    findings.put(head, List.of(finding("g1", "hygiene/trailing-whitespace", "block")));
    ObjectNode open;
    ObjectNode note;
    try (var in = getClass().getResourceAsStream("/gitlab/merge-request-open.json"); var n = getClass().getResourceAsStream("/gitlab/note-merge-request.json")) {
      open = (ObjectNode) JSON.readTree(in);
      note = (ObjectNode) JSON.readTree(n);
    }
    ((ObjectNode) open.get("object_attributes")).put("created_at", "2024-05-01T10:00:00Z").put("updated_at", "2024-05-01T10:00:00Z").put("author_id", 51);
    ((ObjectNode) open.get("user")).put("id", 51).put("username", "alice");
    assertThat(gitlab("Merge Request Hook", "g-1", open).body()).startsWith("accepted");
    awaitDone(Forge.GITLAB, "gitlabhq/gitlab-test", 1, head);

    // a project access token's bot comments first, then a person (GitLab's documented note hook, on the same merge request)
    ((ObjectNode) note.get("merge_request")).put("author_id", 51).with("last_commit").put("id", head);
    ObjectNode botNote = note.deepCopy();
    ((ObjectNode) botNote.get("user")).put("id", 90).put("username", "project_5_bot_3f2a");
    ((ObjectNode) botNote.get("object_attributes")).put("created_at", "2024-05-01 10:30:00 UTC");
    ((ObjectNode) note.get("object_attributes")).put("created_at", "2024-05-01 11:00:00 UTC");
    assertThat(gitlab("Note Hook", "g-2", botNote).body()).startsWith("recorded:");
    assertThat(gitlab("Note Hook", "g-3", note).body()).startsWith("recorded:");

    ObjectNode approved = open.deepCopy();
    ((ObjectNode) approved.get("object_attributes")).put("action", "approved").put("updated_at", "2024-05-01T12:00:00Z");
    ((ObjectNode) approved.get("user")).put("id", 1).put("username", "root");
    assertThat(gitlab("Merge Request Hook", "g-4", approved).body()).startsWith("recorded:");
    ObjectNode merge = open.deepCopy();
    ((ObjectNode) merge.get("object_attributes")).put("action", "merge").put("state", "merged").put("updated_at", "2024-05-01T12:30:00Z");
    assertThat(gitlab("Merge Request Hook", "g-5", merge).body()).startsWith("recorded:");

    Report r = report("gitlabhq/gitlab-test");
    assertThat(phase(r, "pickup").medianSeconds()).as("the bot's note is no pickup").isEqualTo(3600.0);
    assertThat(phase(r, "review").medianSeconds()).isEqualTo(3600.0);
    assertThat(phase(r, "merge").medianSeconds()).isEqualTo(1800.0);
    assertThat(r.posted()).extracting(Report.Outcomes::findings, Report.Outcomes::ignored).containsExactly(1, 1);
  }

  // ---- the Cockpit ----

  static final String PERIOD = "since=2024-01-01&until=2024-12-31";

  /** A figure of the Cockpit's DOM: its text, and the raw numbers it carries ({@code data-value}, {@code data-part}, {@code data-whole}). */
  record Figure(String text, Map<String, String> data) {
    double value() {
      return Double.parseDouble(data.get("value"));
    }
  }

  private static final Pattern FIGURE = Pattern.compile("<\\w+ ([^>]*?data-figure=\"([^\"]*)\"[^>]*)>([^<]*)<");
  private static final Pattern DATA = Pattern.compile("data-(value|part|whole)=\"([^\"]*)\"");

  static Map<String, Figure> figures(String dom) {
    Map<String, Figure> out = new HashMap<>();
    Matcher m = FIGURE.matcher(dom);
    while (m.find()) {
      Map<String, String> data = new HashMap<>();
      Matcher d = DATA.matcher(m.group(1));
      while (d.find()) data.put(d.group(1), d.group(2));
      out.put(m.group(2).replace("&amp;", "&"), new Figure(m.group(3).strip(), data));
    }
    return out;
  }

  HttpResponse<String> cockpit(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).GET();
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCockpitInABrowserShowsTheFiguresOfTheJsonReport(@TempDir Path tmp) throws Exception {
    mergeAGitHubPullRequest("size/long-method");
    JsonNode json = JSON.readTree(ReportOutput.write(report(null), "json")); // as vetter report --format json writes it
    String dom = Chromium.dumpDom(server.uri().resolve("/cockpit?" + PERIOD), COCKPIT_TOKEN, tmp.resolve("chromium"));
    Map<String, Figure> f = figures(dom);

    assertThat(dom).contains("<title>Vetter Cockpit</title>", "4.0h");
    for (String k : List.of("opened", "merged", "closed", "mergedWithoutHumanReview", "mergedWithoutApproval")) {
      assertThat(f.get("pullRequests." + k).text()).as(k).isEqualTo(json.at("/pullRequests/" + k).asText());
    }
    for (JsonNode phase : json.get("phases")) {
      String k = "phases." + phase.get("name").asText();
      assertThat(f.get(k + ".count").text()).as(k).isEqualTo(phase.get("count").asText());
      assertThat(f.get(k + ".negative").text()).as(k).isEqualTo(phase.get("negative").asText());
      assertThat(f.get(k + ".medianSeconds").value()).as(k).isCloseTo(phase.get("medianSeconds").asDouble(), within(1e-6));
      assertThat(f.get(k + ".p90Seconds").value()).as(k).isCloseTo(phase.get("p90Seconds").asDouble(), within(1e-6));
    }
    ratio(f.get("commentToMerge"), json.get("commentToMerge"));
    for (String mode : List.of("posted", "shadow")) outcomes(f, "findings." + mode, json.get(mode));
    assertThat(json.get("rules")).hasSize(3);
    for (JsonNode rule : json.get("rules")) {
      String k = "rules." + rule.get("mode").asText() + "." + rule.get("rule").asText();
      outcomes(f, k, rule);
      ratio(f.get(k + ".fixRate"), rule.get("fixRate"));
    }
    // the server's own metrics: two reviews posted, each within the minute; every delivery acknowledged
    assertThat(f.get("slos.vetter_delivery_feedback_seconds.total").text()).isEqualTo("2");
    assertThat(f.get("slos.vetter_delivery_feedback_seconds.good").text()).isEqualTo("2");
    assertThat(Integer.parseInt(f.get("slos.vetter_webhook_ack_seconds.total").text())).isGreaterThanOrEqualTo(8);
  }

  private static void outcomes(Map<String, Figure> f, String key, JsonNode json) {
    for (String n : List.of("findings", "fixed", "ignored", "abandoned", "disputed", "waived", "open", "unknown")) {
      assertThat(f.get(key + "." + n)).as(key + "." + n).isNotNull();
      assertThat(f.get(key + "." + n).text()).as(key + "." + n).isEqualTo(json.get(n).asText());
    }
    ratio(f.get(key + ".precision"), json.get("precision"));
  }

  private static void ratio(Figure shown, JsonNode json) {
    assertThat(shown.data().get("part")).isEqualTo(json.get("part").asText());
    assertThat(shown.data().get("whole")).isEqualTo(json.get("whole").asText());
    if (json.get("whole").asInt() > 0) {
      assertThat(shown.value()).isCloseTo(json.get("value").asDouble(), within(1e-6));
      assertThat(shown.text()).contains(String.format(java.util.Locale.ROOT, "%.2f [%.2f, %.2f] %d/%d", json.get("value").asDouble(),
          json.get("low").asDouble(), json.get("high").asDouble(), json.get("part").asInt(), json.get("whole").asInt()));
    }
  }

  @Test
  void untrustedTextStaysInertInTheBrowser(@TempDir Path tmp) throws Exception {
    String evil = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
    mergeAGitHubPullRequest("x/" + evil); // a rule id, as a check from outside could name itself

    String page = cockpit("/cockpit?" + PERIOD, "Authorization", "Bearer " + COCKPIT_TOKEN).body();
    assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img").contains("x/&lt;script&gt;document.title=&#39;pwned&#39;");
    String dom = Chromium.dumpDom(server.uri().resolve("/cockpit?" + PERIOD), COCKPIT_TOKEN, tmp.resolve("one"));
    assertThat(dom).contains("<title>Vetter Cockpit</title>").doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
        .contains("x/&lt;script&gt;document.title='pwned'&lt;/script&gt;");

    // the filters are shown back: the repository in the heading and the title, the period in the form
    String query = PERIOD + "&repo=" + URLEncoder.encode("o/\"><script>document.title='pwned'</script>", StandardCharsets.UTF_8);
    String reflected = Chromium.dumpDom(server.uri().resolve("/cockpit?" + query), COCKPIT_TOKEN, tmp.resolve("two"));
    assertThat(reflected).doesNotContainIgnoringCase("<script").doesNotContain("pwned</title>").contains("<title>Vetter Cockpit - o/\"&gt;&lt;script&gt;");
    assertThat(figures(reflected).get("repository").text()).isEqualTo("o/\"&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;");
  }

  @Test
  void theCockpitNeedsItsToken() throws Exception {
    mergeAGitHubPullRequest("size/long-method");
    for (String[] headers : new String[][] {{}, {"Authorization", "Bearer wrong-token-0123456789"}, {"Authorization", "Basic " + COCKPIT_TOKEN},
        {"Authorization", "Bearer " + COCKPIT_TOKEN + "x"}, {"Authorization", "Bearer"}}) {
      HttpResponse<String> answer = cockpit("/cockpit?" + PERIOD, headers);
      assertThat(answer.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vetter-cockpit\"");
      assertThat(answer.body()).doesNotContain("Codertocat", "size/long-method");
    }
    assertThat(cockpit("/cockpit?token=" + COCKPIT_TOKEN).statusCode()).as("no tokens in URLs").isEqualTo(401);
    HttpResponse<String> ok = cockpit("/cockpit?" + PERIOD, "Authorization", "bearer " + COCKPIT_TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(ok.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none';").contains("frame-ancestors 'none'");
    assertThat(ok.body()).contains("size/long-method");
    assertThat(cockpit("/cockpit/other", "Authorization", "Bearer " + COCKPIT_TOKEN).statusCode()).isEqualTo(404);
    assertThat(cockpit("/cockpit?since=yesterday", "Authorization", "Bearer " + COCKPIT_TOKEN).statusCode()).isEqualTo(400);
    assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/cockpit")).DELETE().header("Authorization", "Bearer " + COCKPIT_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  @Test
  void aBrowserSignsInOnceWithTheTokenAndKeepsAnHttpOnlyCookie() throws Exception {
    mergeAGitHubPullRequest("size/long-method");
    HttpResponse<String> form = cockpit("/cockpit/login");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<form method=\"post\" action=\"/cockpit/login\"").doesNotContain("Codertocat", "size/long-method");

    HttpResponse<String> wrong = login("token=wrong-token-0123456789");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> signedIn = login("token=" + URLEncoder.encode(COCKPIT_TOKEN, StandardCharsets.UTF_8));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/cockpit");
    String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("vetter_cockpit=").contains("; Path=/cockpit", "; HttpOnly", "; SameSite=Strict").doesNotContain(COCKPIT_TOKEN);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> page = cockpit("/cockpit?" + PERIOD, "Cookie", "other=1; " + cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("size/long-method");
    String value = cookie.substring(cookie.indexOf('=') + 1);
    long expires = Long.parseLong(value.substring(0, value.indexOf('.')));
    String longer = "vetter_cockpit=" + (expires + 86_400) + value.substring(value.indexOf('.'));
    assertThat(cockpit("/cockpit?" + PERIOD, "Cookie", longer).statusCode()).as("a session cannot be lengthened").isEqualTo(401);
    assertThat(cockpit("/cockpit?" + PERIOD, "Cookie", "vetter_cockpit=garbage").statusCode()).isEqualTo(401);
  }

  HttpResponse<String> login(String form) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/cockpit/login")).POST(HttpRequest.BodyPublishers.ofString(form))
        .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
  }
}
