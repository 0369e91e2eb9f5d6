package dev.vetter.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code vetter serve} process from the built {@code vetter.jar}, on a fixed loopback port so that it can be
 * killed and started again where its clients expect it. {@link #kill} is SIGKILL ({@link Process#destroyForcibly}
 * on Linux): no shutdown hook, no lease released, nothing flushed.
 */
final class ServerProcess implements AutoCloseable {
  private final Path jar;
  private final List<String> args;
  private final Map<String, String> env;
  private final Path log;
  final int port;
  private Process process;
  private int starts;

  ServerProcess(Path jar, List<String> args, Map<String, String> env, Path log) throws IOException {
    this.jar = jar;
    this.args = args;
    this.env = env;
    this.log = log;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the process and waits until {@code /healthz} answers (at most a minute). */
  void start() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar.toString(), "serve", "--bind", "127.0.0.1", "--port", String.valueOf(port)));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    starts++;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("vetter serve exited with " + process.exitValue() + "; see " + log);
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri().resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("vetter serve did not answer within a minute; see " + log);
  }

  /** SIGKILL, and waits for the process to be gone. */
  void kill() throws InterruptedException {
    if (process == null) return;
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: a clean stop (running jobs get their grace period). */
  void stop() throws InterruptedException {
    if (process == null) return;
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  int starts() {
    return starts;
  }

  /** Resident memory of the running process in MiB, from /proc (0 when it is not running). */
  long rssMiB() {
    if (process == null || !process.isAlive()) return 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
