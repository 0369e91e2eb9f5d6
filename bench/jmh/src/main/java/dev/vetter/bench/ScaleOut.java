package dev.vetter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.bench.DeliveryToCheckRun.Pr;
import dev.vetter.forge.Marker;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The scale-out figure: one {@code vetter serve --role receiver} and 1, 2 or 4 {@code --role worker} processes (2
 * workers each, the shipped default) sharing one PostgreSQL queue, reviewing a burst of ~500-line pull requests
 * against the fake GitHub (every request validated against GitHub's OpenAPI description). Each round starts fresh (a
 * new schema and a new fake GitHub), warms the workers up with a few pull requests, then delivers the measured burst
 * at once and times it from the first delivery to the last completed check run. Duplicates (a head with two check
 * runs, a finding commented twice) are counted. Every process shares the machine's cores, the driver too.
 *
 * <pre>java -cp benchmarks.jar dev.vetter.bench.ScaleOut JAR PRS WRITE_PAUSE_MS PROCESSES...</pre>
 */
public final class ScaleOut {
  static final String SECRET = DeliveryToCheckRun.SECRET;
  static final long APP = DeliveryToCheckRun.APP;
  static final int INSTALLATIONS = 20;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int prs = Integer.parseInt(args[1]);
    long pause = Long.parseLong(args[2]);
    List<Integer> rounds = new ArrayList<>();
    for (int i = 3; i < args.length; i++) rounds.add(Integer.parseInt(args[i]));
    Path work = Files.createTempDirectory("vetter-scale-out");
    Path key = work.resolve("app.pem");
    Files.writeString(key, TestKeys.shared().pkcs1Pem());
    System.out.printf(Locale.ROOT, "scale-out: %d PRs of %d lines per round, write pause %d ms, 2 workers per process; %d cores, load average %s%n",
        prs, DeliveryToCheckRun.LINES, pause, Runtime.getRuntime().availableProcessors(), DeliveryToCheckRun.loadAverage());
    System.out.println("worker processes | PRs/s | vs 1 process | duplicates (check runs, comments) | load average before / after");
    double base = 0;
    for (int processes : rounds) {
      double[] r = round(jar, work, key, prs, pause, processes);
      if (base == 0) base = r[0];
      System.out.printf(Locale.ROOT, "%16d | %5.2f | %11.2fx | %d, %d | %s / %s%n", processes, r[0], r[0] / base, (long) r[1], (long) r[2],
          String.format(Locale.ROOT, "%.2f", r[3]), String.format(Locale.ROOT, "%.2f", r[4]));
    }
    System.out.println("processes' logs in " + work);
  }

  /** One round: {PRs/s, duplicate check runs, duplicate comments, load before, load after}. */
  static double[] round(Path jar, Path work, Path key, int prs, long pause, int processes) throws Exception {
    String schema = "vetter_scale_" + ProcessHandle.current().pid() + "_" + processes;
    List<ServerProcess> started = new ArrayList<>();
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.app(APP, "vetter", TestKeys.shared().publicKey());
      int warmup = 4 * processes;
      List<Pr> all = DeliveryToCheckRun.seed(gh, warmup + prs, INSTALLATIONS);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("VETTER_GITHUB_WEBHOOK_SECRET", SECRET);
      env.put("VETTER_GITHUB_API_URL", gh.apiUrl().toString());
      env.put("VETTER_GITHUB_APP_ID", String.valueOf(APP));
      env.put("VETTER_GITHUB_PRIVATE_KEY_FILE", key.toString());
      env.put("VETTER_GITHUB_WRITE_PAUSE_MILLIS", String.valueOf(pause));
      env.put("VETTER_RECONCILE_SECONDS", "0");
      env.put("VETTER_POLL_MILLIS", "200");
      String db = "postgresql://postgres:root@127.0.0.1:5432/test?currentSchema=" + schema;
      ServerProcess receiver = new ServerProcess(jar, List.of("--role", "receiver", "--database", db), env, work.resolve("receiver-" + processes + ".log"));
      receiver.start();
      started.add(receiver);
      for (int p = 0; p < processes; p++) {
        ServerProcess worker = new ServerProcess(jar, List.of("--role", "worker", "--workers", "2", "--database", db), env,
            work.resolve("worker-" + processes + "-" + p + ".log"));
        worker.start();
        started.add(worker);
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      burst(http, receiver, gh, all.subList(0, warmup));
      double before = load();
      long t0 = System.nanoTime();
      burst(http, receiver, gh, all.subList(warmup, all.size()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      double after = load();
      if (!gh.violations().isEmpty()) throw new AssertionError("the fake GitHub saw requests it would refuse: " + gh.violations());
      long[] duplicates = duplicates(gh, all);
      return new double[] {prs / seconds, duplicates[0], duplicates[1], before, after};
    } finally {
      for (ServerProcess p : started) p.stop();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "root"); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** Delivers every PR at once (16 at a time) and waits until each has a completed check run (at most 20 minutes). */
  static void burst(HttpClient http, ServerProcess receiver, FakeGitHub gh, List<Pr> prs) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> sent = new ArrayList<>();
      for (Pr pr : prs) {
        sent.add(pool.submit(() -> {
          byte[] body = DeliveryToCheckRun.payload(pr, "opened");
          HttpRequest request = HttpRequest.newBuilder(receiver.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "d-" + pr.head())
              .header("X-Hub-Signature-256", new GitHubWebhooks(SECRET, false).signatureHeader(body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
          int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status != 202) throw new IllegalStateException("the receiver answered " + status);
          return null;
        }));
      }
      for (Future<?> f : sent) f.get();
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    for (Pr pr : prs) {
      while (!DeliveryToCheckRun.completed(gh, pr)) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("no completed check run for " + pr);
        Thread.sleep(20);
      }
    }
  }

  /** {duplicate check runs, duplicate inline comments} over every PR of the round. */
  static long[] duplicates(FakeGitHub gh, List<Pr> prs) {
    long runs = 0, comments = 0;
    for (Pr pr : prs) {
      Map<String, Integer> perHead = new HashMap<>();
      for (JsonNode run : gh.repo(pr.repo()).checkRuns()) perHead.merge(run.path("head_sha").asText(), 1, Integer::sum);
      for (int n : perHead.values()) runs += Math.max(0, n - 1);
      Map<String, Integer> perFinding = new HashMap<>();
      for (JsonNode c : gh.repo(pr.repo()).reviewComments(pr.number())) {
        if (c.hasNonNull("in_reply_to_id")) continue;
        Marker.parse(c.path("body").asText()).ifPresent(m -> perFinding.merge(m.fingerprint(), 1, Integer::sum));
      }
      for (int n : perFinding.values()) comments += Math.max(0, n - 1);
    }
    return new long[] {runs, comments};
  }

  static double load() {
    return Double.parseDouble(DeliveryToCheckRun.loadAverage().split(" ")[0]);
  }
}
