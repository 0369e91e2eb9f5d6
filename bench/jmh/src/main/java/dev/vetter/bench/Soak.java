package dev.vetter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.forge.Marker;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.FakeGitHub.Fault;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A soak under faults: the real {@code vetter serve} (from {@code vetter.jar}, its own process, a GitHub App talking to
 * the fake GitHub of the test suite, which checks every request against GitHub's OpenAPI description) receives signed
 * deliveries at a steady rate for a number of minutes while it is killed with SIGKILL and started again once a minute
 * and the fake GitHub answers 502s (before and after a write took effect), secondary rate limits and slow answers.
 * Then the load stops, the queue drains, and what happened is counted from both sides: deliveries sent, acknowledged
 * and stored; jobs by state; check runs and review comments on the fake; duplicates (a head with two check runs, a
 * finding commented twice: must be zero) and lost events (an acknowledged head whose review never completed: must
 * be zero); the server's resident memory over time.
 *
 * <p>The load: new pull requests (70%), pushes to an open one (15%: a new head, its event ordered by
 * {@code updated_at} and {@code before}) and redeliveries of an acknowledged delivery (15%). A delivery the server
 * does not acknowledge (it is down) is sent again every second until it is, as a forge's redelivery would.
 *
 * <pre>java -cp benchmarks.jar dev.vetter.bench.Soak JAR embedded|postgresql MINUTES RATE [KILL_EVERY_SECONDS]</pre>
 */
public final class Soak {
  static final String SECRET = "soak-secret";
  static final String BASE = "1".repeat(40);
  static final long APP = 88;
  static final int INSTALLATIONS = 8;
  static final int REPOS = 32;
  static final Duration DRAIN = Duration.ofMinutes(6);

  /** A pull request of the soak and its heads, in the order they were pushed. */
  static final class Pr {
    final String installation;
    final String repo;
    final long number;
    final List<String> heads = new CopyOnWriteArrayList<>();

    Pr(String installation, String repo, long number) {
      this.installation = installation;
      this.repo = repo;
      this.number = number;
    }

    String head() {
      return heads.getLast();
    }
  }

  record Delivery(String id, byte[] body, Pr pr) {}

  final FakeGitHub gh;
  final ServerProcess server;
  final Random random = new Random(18);
  final List<Pr> prs = new CopyOnWriteArrayList<>();
  final List<Delivery> acked = new CopyOnWriteArrayList<>();
  final AtomicLong nextHead = new AtomicLong(0x50a4000000L);
  final AtomicInteger sent = new AtomicInteger(), redeliveries = new AtomicInteger(), attempts = new AtomicInteger(), refused = new AtomicInteger();
  final AtomicInteger duplicateAnswers = new AtomicInteger(), unexpected = new AtomicInteger();
  final Map<String, Boolean> ackedIds = new ConcurrentHashMap<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  volatile long giveUpAt = Long.MAX_VALUE;

  Soak(FakeGitHub gh, ServerProcess server) {
    this.gh = gh;
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String store = args[1];
    int minutes = Integer.parseInt(args[2]);
    double rate = Double.parseDouble(args[3]);
    int killEvery = args.length > 4 ? Integer.parseInt(args[4]) : 60;
    Path work = Files.createTempDirectory("vetter-soak");
    Path key = work.resolve("app.pem");
    Files.writeString(key, TestKeys.shared().pkcs1Pem());
    String schema = "vetter_soak_" + ProcessHandle.current().pid();
    List<String> storeArgs = store.equals("embedded") ? List.of("--data-dir", work.resolve("data").toString())
        : List.of("--database", "postgresql://postgres:root@127.0.0.1:5432/test?currentSchema=" + schema);
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.app(APP, "vetter", TestKeys.shared().publicKey());
      Map<String, String> env = new LinkedHashMap<>();
      env.put("VETTER_GITHUB_WEBHOOK_SECRET", SECRET);
      env.put("VETTER_GITHUB_API_URL", gh.apiUrl().toString());
      env.put("VETTER_GITHUB_APP_ID", String.valueOf(APP));
      env.put("VETTER_GITHUB_PRIVATE_KEY_FILE", key.toString());
      // the shipped 1 s between writes per installation would make 8 installations the bottleneck at this rate
      env.put("VETTER_GITHUB_WRITE_PAUSE_MILLIS", "100");
      env.put("VETTER_RECONCILE_SECONDS", "0");
      // a killed worker's job is taken over after its lease: short, so that the soak sees many takeovers
      env.put("VETTER_LEASE_SECONDS", "10");
      env.put("VETTER_RETRY_BASE_SECONDS", "1");
      env.put("VETTER_RETRY_MAX_SECONDS", "20");
      List<String> serveArgs = new ArrayList<>(List.of("--workers", "2"));
      serveArgs.addAll(storeArgs);
      ServerProcess server = new ServerProcess(jar, serveArgs, env, work.resolve("server.log"));
      Soak soak = new Soak(gh, server);
      soak.seedRepositories();
      server.start();
      soak.run(store, minutes, rate, killEvery);
      server.stop();
      soak.report(store, storeArgs, schema);
    } finally {
      if (!store.equals("embedded")) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "root"); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
      System.out.println("server log and store kept in " + work);
    }
  }

  void seedRepositories() {
    Map<String, List<String>> byInstallation = new HashMap<>();
    for (int r = 0; r < REPOS; r++) {
      String installation = String.valueOf(100 + r % INSTALLATIONS);
      String repo = "soak" + installation + "/r" + r;
      gh.repo(repo).file(BASE, ".vetter.yml", "fail-on: warning\n".getBytes(StandardCharsets.UTF_8));
      byInstallation.computeIfAbsent(installation, k -> new ArrayList<>()).add(repo);
    }
    byInstallation.forEach((installation, repos) -> gh.installation(installation, repos.toArray(String[]::new)));
  }

  void run(String store, int minutes, double rate, int killEvery) throws Exception {
    System.out.printf(Locale.ROOT, "soak: %s store, %d min at %.1f deliveries/s, SIGKILL and restart every %d s, forge faults every 15 s;"
        + " %d cores, load average %s%n", store, minutes, rate, killEvery, Runtime.getRuntime().availableProcessors(), DeliveryToCheckRun.loadAverage());
    System.out.println("minute | restarts | deliveries acknowledged | check runs completed | server RSS MiB (min-max in the minute) | load average");
    long start = System.nanoTime();
    long end = start + TimeUnit.MINUTES.toNanos(minutes);
    giveUpAt = end + DRAIN.toNanos();
    long nextKill = start + TimeUnit.SECONDS.toNanos(killEvery);
    long nextFault = start + TimeUnit.SECONDS.toNanos(15);
    long nextSample = start;
    long nextRow = start + TimeUnit.MINUTES.toNanos(1);
    long rssMin = Long.MAX_VALUE, rssMax = 0;
    int fault = 0;
    double interval = 1e9 / rate;
    long nextEvent = start;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      while (System.nanoTime() < end) {
        long now = System.nanoTime();
        if (now >= nextEvent) {
          Delivery d = nextDelivery();
          senders.submit(() -> deliver(d));
          nextEvent += (long) interval;
        }
        if (now >= nextKill) {
          server.kill();
          server.start();
          nextKill += TimeUnit.SECONDS.toNanos(killEvery);
        }
        if (now >= nextFault) {
          armFault(fault++);
          nextFault += TimeUnit.SECONDS.toNanos(15);
        }
        if (now >= nextSample) {
          long rss = server.rssMiB();
          if (rss > 0) {
            rssMin = Math.min(rssMin, rss);
            rssMax = Math.max(rssMax, rss);
          }
          nextSample += TimeUnit.SECONDS.toNanos(5);
        }
        if (now >= nextRow) {
          System.out.printf(Locale.ROOT, "%6d | %8d | %23d | %19d | %s | %s%n", (now - start) / 60_000_000_000L, server.starts() - 1, ackedIds.size(),
              completedCheckRuns(), rssMin == Long.MAX_VALUE ? "-" : rssMin + "-" + rssMax, DeliveryToCheckRun.loadAverage());
          rssMin = Long.MAX_VALUE;
          rssMax = 0;
          nextRow += TimeUnit.MINUTES.toNanos(1);
        }
        Thread.sleep(Math.max(1, Math.min(50, (nextEvent - System.nanoTime()) / 1_000_000)));
      }
      System.out.printf(Locale.ROOT, "load stopped after %d min; waiting for every delivery to be acknowledged and the queue to drain (at most %d min)%n",
          minutes, DRAIN.toMinutes());
      senders.shutdown();
      senders.awaitTermination(DRAIN.toMinutes(), TimeUnit.MINUTES);
    }
    long drainStart = System.nanoTime();
    while (System.nanoTime() < giveUpAt && !allReviewed()) Thread.sleep(500);
    System.out.printf(Locale.ROOT, "drained in %.0f s; server RSS at the end %d MiB; load average %s%n", (System.nanoTime() - drainStart) / 1e9,
        server.rssMiB(), DeliveryToCheckRun.loadAverage());
  }

  /** The next event: a new pull request, a push to an open one, or a redelivery of an acknowledged delivery. */
  Delivery nextDelivery() {
    int dice;
    synchronized (random) {
      dice = random.nextInt(100);
    }
    if (dice < 15 && !acked.isEmpty()) {
      Delivery again;
      synchronized (random) {
        again = acked.get(random.nextInt(acked.size()));
      }
      redeliveries.incrementAndGet();
      return again;
    }
    sent.incrementAndGet();
    String head = String.format(Locale.ROOT, "%040x", nextHead.getAndIncrement());
    if (dice < 30 && !prs.isEmpty()) {
      Pr pr;
      synchronized (random) {
        pr = prs.get(random.nextInt(prs.size()));
      }
      synchronized (pr) {
        String before = pr.head();
        FakeGitHub.Pull pull = gh.repo(pr.repo).pull(pr.number).head("topic-" + pr.number, head).commit(head, "push " + head.substring(32), before);
        files(pull, pr.heads.size());
        pr.heads.add(head);
        return new Delivery("d-" + head, payload(pr, "synchronize", head, before), pr);
      }
    }
    int n = prs.size();
    String installation = String.valueOf(100 + n % INSTALLATIONS);
    String repo = "soak" + installation + "/r" + (n % REPOS);
    Pr pr = new Pr(installation, repo, n + 1);
    FakeGitHub.Pull pull = gh.repo(repo).pull(pr.number).base("main", BASE).head("topic-" + pr.number, head).commit(head, "change " + pr.number, BASE);
    files(pull, 0);
    pr.heads.add(head);
    prs.add(pr);
    return new Delivery("d-" + head, payload(pr, "opened", head, null), pr);
  }

  /** Two small Java files, a little different on each push, with a few findings each. */
  static void files(FakeGitHub.Pull pull, int version) {
    for (int f = 0; f < 2; f++) {
      String[] lines = DeliveryToCheckRun.javaFile(f, 40 + version);
      StringBuilder patch = new StringBuilder("@@ -0,0 +1," + lines.length + " @@");
      for (String line : lines) patch.append("\n+").append(line);
      pull.file("src/main/java/demo/C" + f + ".java", "added", patch.toString(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  static byte[] payload(Pr pr, String action, String head, String before) {
    return """
        {"action":"%s","number":%d,%s"installation":{"id":%s},
         "pull_request":{"number":%d,"state":"open","draft":false,"title":"t","head":{"sha":"%s"},"base":{"sha":"%s"},"updated_at":"%s"},
         "repository":{"full_name":"%s","owner":{"login":"%s"}}}
        """.formatted(action, pr.number, before == null ? "" : "\"before\":\"" + before + "\",\"after\":\"" + head + "\",", pr.installation, pr.number,
        head, BASE, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), pr.repo, pr.repo.substring(0, pr.repo.indexOf('/')))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Sends {@code d} until it is acknowledged (every second while the server is down), or the soak gives up. */
  void deliver(Delivery d) {
    while (System.nanoTime() < giveUpAt) {
      attempts.incrementAndGet();
      try {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", d.id())
            .header("X-Hub-Signature-256", new GitHubWebhooks(SECRET, false).signatureHeader(d.body()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          if (r.body().startsWith("duplicate")) duplicateAnswers.incrementAndGet();
          if (ackedIds.putIfAbsent(d.id(), true) == null) acked.add(d);
          return;
        }
        if (r.statusCode() != 503) {
          unexpected.incrementAndGet();
          System.out.println("unexpected answer " + r.statusCode() + " to " + d.id() + ": " + r.body().strip());
          return;
        }
        refused.incrementAndGet();
      } catch (java.io.IOException e) {
        refused.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void armFault(int n) {
    switch (n % 4) {
      case 0 -> gh.fail("POST", "/repos/[^/]+/[^/]+/check-runs", 2, Fault.status(502));
      case 1 -> gh.fail("POST", "/repos/[^/]+/[^/]+/pulls/\\d+/reviews", 1, new Fault.AfterWrite(502));
      case 2 -> gh.fail(null, "/repos/soak10" + (n / 4 % INSTALLATIONS) + "/.*", 1, new Fault.SecondaryRateLimit(5));
      default -> gh.fail("GET", "/repos/[^/]+/[^/]+/pulls/\\d+/files", 3, new Fault.Slow(Duration.ofSeconds(3)));
    }
  }

  long completedCheckRuns() {
    long n = 0;
    for (int r = 0; r < REPOS; r++) {
      String repo = "soak" + (100 + r % INSTALLATIONS) + "/r" + r;
      for (JsonNode run : gh.repo(repo).checkRuns()) if (run.path("status").asText().equals("completed")) n++;
    }
    return n;
  }

  boolean completed(Pr pr, String head) {
    for (JsonNode run : gh.repo(pr.repo).checkRuns()) {
      if (run.path("head_sha").asText().equals(head) && run.path("status").asText().equals("completed")) return true;
    }
    return false;
  }

  /** Every pull request whose latest push was acknowledged has a completed check run on that head. */
  boolean allReviewed() {
    for (Pr pr : prs) {
      if (ackedIds.containsKey("d-" + pr.head()) && !completed(pr, pr.head())) return false;
    }
    return true;
  }

  void report(String store, List<String> storeArgs, String schema) throws Exception {
    long deliveriesStored;
    Map<String, Long> jobs = new LinkedHashMap<>();
    List<String> deadErrors = new ArrayList<>();
    String url = store.equals("embedded") ? "jdbc:sqlite:" + Path.of(storeArgs.get(1)).resolve("vetter.db")
        : "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "&user=postgres&password=root";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deliveries WHERE status = 'accepted'")) {
        rs.next();
        deliveriesStored = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state")) {
        while (rs.next()) jobs.put(rs.getString(1), rs.getLong(2));
      }
      try (ResultSet rs = s.executeQuery("SELECT repository, number, last_error FROM jobs WHERE state = 'dead'")) {
        while (rs.next()) deadErrors.add(rs.getString(1) + "#" + rs.getLong(2) + ": " + rs.getString(3));
      }
    }
    int checkRuns = 0, duplicateRuns = 0, comments = 0, duplicateComments = 0, reviews = 0;
    Map<String, Integer> runsPerHead = new HashMap<>();
    for (int r = 0; r < REPOS; r++) {
      String repo = "soak" + (100 + r % INSTALLATIONS) + "/r" + r;
      for (JsonNode run : gh.repo(repo).checkRuns()) {
        checkRuns++;
        runsPerHead.merge(repo + "@" + run.path("head_sha").asText(), 1, Integer::sum);
      }
    }
    for (int n : runsPerHead.values()) if (n > 1) duplicateRuns += n - 1;
    for (Pr pr : prs) {
      reviews += gh.repo(pr.repo).reviews(pr.number).size();
      Map<String, Integer> perFinding = new HashMap<>();
      for (JsonNode comment : gh.repo(pr.repo).reviewComments(pr.number)) {
        if (comment.hasNonNull("in_reply_to_id")) continue;
        comments++;
        Marker.parse(comment.path("body").asText()).ifPresent(m -> perFinding.merge(m.fingerprint(), 1, Integer::sum));
      }
      for (int n : perFinding.values()) if (n > 1) duplicateComments += n - 1;
    }
    List<String> lost = new ArrayList<>();
    for (Pr pr : prs) {
      if (ackedIds.containsKey("d-" + pr.head()) && !completed(pr, pr.head())) lost.add(pr.repo + "#" + pr.number + "@" + pr.head().substring(28));
      if (!ackedIds.containsKey("d-" + pr.head())) lost.add(pr.repo + "#" + pr.number + "@" + pr.head().substring(28) + " (never acknowledged)");
    }
    int heads = prs.stream().mapToInt(p -> p.heads.size()).sum();
    System.out.printf(Locale.ROOT, "== %s store, after %d restarts%n", store, server.starts() - 1);
    System.out.printf(Locale.ROOT, "deliveries: %d sent (%d pull requests opened, %d pushes) and %d redeliveries; %d HTTP attempts, %d refused while"
        + " the server was down, %d unexpected answers%n", sent.get(), prs.size(), heads - prs.size(), redeliveries.get(), attempts.get(), refused.get(),
        unexpected.get());
    System.out.printf(Locale.ROOT, "acknowledged: %d distinct deliveries (%d answers said duplicate); stored: %d%n", ackedIds.size(), duplicateAnswers.get(),
        deliveriesStored);
    System.out.printf(Locale.ROOT, "jobs: %s%n", jobs);
    System.out.printf(Locale.ROOT, "posted: %d check runs (%d completed) for %d heads, %d reviews, %d inline comments%n", checkRuns,
        completedCheckRuns(), runsPerHead.size(), reviews, comments);
    System.out.printf(Locale.ROOT, "duplicates: %d check runs, %d comments (must be 0)%n", duplicateRuns, duplicateComments);
    System.out.printf(Locale.ROOT, "lost: %d pull requests whose latest acknowledged head has no completed check run (must be 0)%s%n", lost.size(),
        lost.isEmpty() ? "" : ": " + lost);
    if (!deadErrors.isEmpty()) System.out.println("dead jobs: " + deadErrors);
    if (!gh.violations().isEmpty()) System.out.println("requests the fake GitHub would refuse: " + gh.violations());
  }
}
