package dev.vetter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.github.client.AppConnector;
import dev.vetter.github.client.ClientOptions;
import dev.vetter.github.client.Timing;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.TestKeys;
import dev.vetter.github.review.GitHubPullRequestSource;
import dev.vetter.github.review.GitHubReviewHandler;
import dev.vetter.java.JavaChecks;
import dev.vetter.server.Log;
import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end time from a signed webhook delivery to the completed {@code vetter} check run, for ~500-line pull
 * requests with a fixed number in flight (closed loop: a PR whose check run completes is replaced by the next), with
 * the real server (embedded store, its HTTP receiver and workers, shipped queue settings) and the real GitHub handler
 * talking HTTP to the fake GitHub, which validates every request against GitHub's OpenAPI description. In the same
 * run and the same process, the floor: the server's do-nothing route ({@code POST /bench/noop}) under the same
 * concurrency. Everything shares the machine's cores, the fake GitHub and this load generator included.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.vetter.bench.DeliveryToCheckRun PRS IN_FLIGHT INSTALLATIONS WRITE_PAUSE_MS</pre>
 */
public final class DeliveryToCheckRun {
  static final String SECRET = "bench-secret";
  static final String BASE = "1".repeat(40);
  static final long APP = 77;

  record Pr(String installation, String repo, long number, String head) {}

  public static void main(String[] args) throws Exception {
    int prs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int installations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    long writePauseMs = args.length > 3 ? Long.parseLong(args[3]) : ClientOptions.defaults().writePause().toMillis();
    int warmup = Math.max(inFlight, 10);
    Log.quiet(System.getenv("VETTER_BENCH_VERBOSE") == null);
    Path data = Files.createTempDirectory("vetter-bench-e2e");
    try (FakeGitHub gh = FakeGitHub.start()) {
      gh.app(APP, "vetter", TestKeys.shared().publicKey());
      List<Pr> all = seed(gh, warmup + prs, installations);
      ClientOptions options = ClientOptions.defaults().withWritePause(Duration.ofMillis(writePauseMs));
      AppConnector connector = new AppConnector(gh.apiUrl(), APP, TestKeys.shared().privateKey(),
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(), options, Timing.system());
      List<dev.vetter.check.Check> checks = new ArrayList<>(BuiltInChecks.all());
      checks.addAll(JavaChecks.all()); // what `vetter serve` runs (the CLI's registry)
      // shipped defaults (workers, per-repository and per-installation caps, poll); no periodic sweep during the run
      ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", SECRET, "VETTER_RECONCILE_SECONDS", "0"),
          Map.of("--port", "0", "--bind", "127.0.0.1", "--data-dir", data.toString(), "--bench-endpoint", "true"));
      try (Server server = Server.builder(config)
          .handler(new GitHubReviewHandler(connector, CheckRegistry.withPlugins(checks), false))
          .source(new GitHubPullRequestSource(connector))
          .start()) {
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %d PRs of %d changed lines, %d in flight, over %d installation(s), write pause %d ms, "
            + "workers %d, at most %d jobs per installation and %d per repository%n", Runtime.getRuntime().availableProcessors(),
            Runtime.version(), prs, LINES, inFlight, installations, writePauseMs, config.workers(), config.queue().maxPerInstallation(),
            config.queue().maxPerRepository());

        // warm-up: the JIT, the store, the installation tokens, the analyzers' first loads
        noop(http, server, inFlight, 2000);
        endToEnd(http, gh, server, all.subList(0, warmup), inFlight);
        if (!gh.violations().isEmpty()) throw new AssertionError("the fake GitHub saw requests it would refuse: " + gh.violations());

        System.out.printf(Locale.ROOT, "load average before the run: %s%n", loadAverage());
        long cpu0 = cpuNanos();
        long[] floor = noop(http, server, inFlight, 5000);
        long cpu1 = cpuNanos();
        long start = System.nanoTime();
        long[] e2e = endToEnd(http, gh, server, all.subList(warmup, all.size()), inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu2 = cpuNanos();
        if (!gh.violations().isEmpty()) throw new AssertionError("the fake GitHub saw requests it would refuse: " + gh.violations());

        report("floor: POST /bench/noop", floor);
        System.out.printf(Locale.ROOT, "   process CPU %.2f ms per request%n", (cpu1 - cpu0) / 1e6 / floor.length);
        report("delivery -> completed check run", e2e);
        System.out.printf(Locale.ROOT, "   %.2f PRs/s; process CPU %.0f ms per PR (server, fake GitHub and load generator together)%n",
            e2e.length / seconds, (cpu2 - cpu1) / 1e6 / e2e.length);
        System.out.printf(Locale.ROOT, "ratio end-to-end / floor: p50 %.0fx, p95 %.0fx; p95 target 2000 ms: %s%n",
            (double) pct(e2e, 50) / pct(floor, 50), (double) pct(e2e, 95) / pct(floor, 95), pct(e2e, 95) <= 2_000_000_000L ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "load average after the run: %s%n", loadAverage());
      }
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static final int FILES = 5;
  static final int LINES = 500;

  /** {@code count} pull requests, each in its own repository, spread round-robin over the installations. */
  static List<Pr> seed(FakeGitHub gh, int count, int installations) {
    Map<String, List<String>> repos = new HashMap<>();
    List<Pr> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String installation = Integer.toString(100 + i % installations);
      String repo = "octo" + installation + "/r" + i;
      String head = String.format(Locale.ROOT, "%040x", 0xabc000000L + i);
      repos.computeIfAbsent(installation, k -> new ArrayList<>()).add(repo);
      gh.repo(repo).file(BASE, ".vetter.yml", "fail-on: warning\n".getBytes(StandardCharsets.UTF_8));
      FakeGitHub.Pull pull = gh.repo(repo).pull(i + 1).base("main", BASE).head("topic-" + i, head).commit(head, "change " + i, BASE);
      for (int f = 0; f < FILES; f++) {
        String[] lines = javaFile(f, LINES / FILES);
        StringBuilder patch = new StringBuilder("@@ -0,0 +1," + lines.length + " @@");
        for (String line : lines) patch.append("\n+").append(line);
        pull.file("src/main/java/demo/C" + f + ".java", "added", patch.toString(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.add(new Pr(installation, repo, i + 1, head));
    }
    repos.forEach((installation, list) -> gh.installation(installation, list.toArray(String[]::new)));
    return out;
  }

  /** A Java class of exactly {@code n} lines, with a few things the rules find (trailing blanks, TODOs). */
  static String[] javaFile(int index, int n) {
    List<String> lines = new ArrayList<>(List.of("package demo;", "", "/** Generated for the benchmark. */", "public final class C" + index + " {"));
    int method = 0;
    while (lines.size() + 6 <= n - 1) {
      lines.add("  /** Adds " + method + ". */");
      lines.add("  public static int add" + method + "(int x) {");
      lines.add(method % 7 == 0 ? "    int y = x + " + method + ";  " : "    int y = x + " + method + ";");
      lines.add(method % 9 == 0 ? "    return y; // TODO tidy" : "    return y;");
      lines.add("  }");
      lines.add("");
      method++;
    }
    while (lines.size() < n - 1) lines.add("");
    lines.add("}");
    return lines.toArray(String[]::new);
  }

  /** The do-nothing route under {@code inFlight} concurrent clients; latency of each request in ns. */
  static long[] noop(HttpClient http, Server server, int inFlight, int requests) throws Exception {
    byte[] body = payload(new Pr("100", "octo100/r0", 1, BASE), "opened");
    long[] out = new long[requests];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < inFlight; c++) {
        all.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < requests; ) {
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/bench/noop")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "noop-" + i)
                .header("X-Hub-Signature-256", new GitHubWebhooks(SECRET, false).signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t0 = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            out[i] = System.nanoTime() - t0;
            if (status != 202) throw new IllegalStateException("noop answered " + status);
          }
          return null;
        }));
      }
      for (Future<?> f : all) f.get();
    }
    return out;
  }

  /** Delivers each PR's webhook and waits for its completed check run, {@code inFlight} at a time; ns per PR. */
  static long[] endToEnd(HttpClient http, FakeGitHub gh, Server server, List<Pr> prs, int inFlight) throws Exception {
    long[] out = new long[prs.size()];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < inFlight; c++) {
        all.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < prs.size(); ) {
            Pr pr = prs.get(i);
            byte[] body = payload(pr, "opened");
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "d-" + pr.head())
                .header("X-Hub-Signature-256", new GitHubWebhooks(SECRET, false).signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t0 = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) throw new IllegalStateException("the webhook answered " + status);
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (!completed(gh, pr)) {
              if (System.nanoTime() > deadline) throw new IllegalStateException("no completed check run for " + pr + ": " + server.queue().find(
                  dev.vetter.server.webhook.Forge.GITHUB, pr.repo(), pr.number(), pr.head()));
              Thread.sleep(5);
            }
            out[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> f : all) f.get();
    }
    return out;
  }

  static boolean completed(FakeGitHub gh, Pr pr) {
    for (JsonNode run : gh.repo(pr.repo()).checkRuns()) {
      if (run.path("head_sha").asText().equals(pr.head()) && run.path("status").asText().equals("completed")) return true;
    }
    return false;
  }

  static byte[] payload(Pr pr, String action) {
    return """
        {"action":"%s","number":%d,"installation":{"id":%s},
         "pull_request":{"number":%d,"state":"open","draft":false,"title":"t","head":{"sha":"%s"},"base":{"sha":"%s"}},
         "repository":{"full_name":"%s","owner":{"login":"%s"}}}
        """.formatted(action, pr.number(), pr.installation(), pr.number(), pr.head(), BASE, pr.repo(), pr.repo().substring(0, pr.repo().indexOf('/')))
        .getBytes(StandardCharsets.UTF_8);
  }

  static long pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static void report(String label, long[] ns) {
    System.out.printf(Locale.ROOT, "%s: %d samples, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", label, ns.length, pct(ns, 50) / 1e6, pct(ns, 95) / 1e6,
        Arrays.stream(ns).max().orElse(0) / 1e6);
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
