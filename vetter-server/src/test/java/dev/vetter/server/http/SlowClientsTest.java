package dev.vetter.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.webhook.GitHubWebhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold connections open on purpose, on real loopback sockets (RELIABILITY.md 33): they declare large
 * bodies and send them a byte at a time, or never finish their headers. Attackers connect from other loopback
 * addresses (127.0.0.2, 127.0.0.3) than the forge (127.0.0.1), as they would from other hosts. Every socket has a
 * read timeout and every writer a bounded number of steps, so a server that never hangs up fails the test instead of
 * hanging it.
 */
class SlowClientsTest {
  static final String SECRET = "webhook-s3cret";
  static final String GITLAB_TOKEN = "gitlab-t0ken";
  static final GitHubWebhooks SIGNER = new GitHubWebhooks(SECRET, false);
  /** A signature of the right shape for a body it does not sign: what anyone can send. */
  static final String FORGED = "sha256=" + "0".repeat(64);

  @TempDir Path dir;
  Server server;
  final List<Socket> sockets = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  void start(String... settings) throws IOException {
    Map<String, String> env = new HashMap<>(Map.of(
        "VETTER_GITHUB_WEBHOOK_SECRET", SECRET,
        "VETTER_GITLAB_WEBHOOK_TOKEN", GITLAB_TOKEN,
        "VETTER_RECONCILE_SECONDS", "0"));
    for (int i = 0; i < settings.length; i += 2) env.put(settings[i], settings[i + 1]);
    ServerConfig config = ServerConfig.load(env, Map.of("--port", "0", "--bind", "127.0.0.1", "--workers", "1", "--data-dir", dir.toString()));
    server = Server.builder(config).handler((job, ctx) -> Outcome.done()).start();
  }

  @AfterEach
  void stop() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed by the server
      }
    }
    if (server != null) server.stop(Duration.ofSeconds(5));
  }

  /** A raw connection from {@code from} to the server, with a read timeout so that no read can hang the test. */
  Socket connect(String from) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    s.setSoTimeout(20_000);
    return s;
  }

  /** Complete headers of a GitHub delivery declaring {@code length} body bytes, and the first {@code sent} of them. */
  static void slowGitHubBody(Socket s, long length, int sent) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
        + "X-GitHub-Delivery: slow-" + s.getLocalPort() + "\r\nX-Hub-Signature-256: " + FORGED + "\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write("{".repeat(sent).getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  HttpResponse<String> signedDelivery(String id) throws Exception {
    byte[] body = """
        {"action":"opened","number":1,"pull_request":{"number":1,"state":"open","draft":false,"head":{"sha":"%s"}},
         "repository":{"full_name":"octo/repo","owner":{"login":"octo"}},"installation":{"id":42}}
        """.formatted("a".repeat(40)).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/webhooks/github")).timeout(Duration.ofSeconds(30))
        .headers("Content-Type", "application/json", "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", id,
            "X-Hub-Signature-256", SIGNER.signatureHeader(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  double metric(String name) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).timeout(Duration.ofSeconds(30)).build();
    for (String line : http.send(request, HttpResponse.BodyHandlers.ofString()).body().lines().toList()) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
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

  boolean bodyBytesAtLeast(double n) {
    try {
      return metric("vetter_http_body_bytes") >= n;
    } catch (Exception e) {
      return false;
    }
  }

  /** The status line, or "closed" when the server hung up without answering; a read timeout fails the test. */
  static String answer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    try {
      for (int c; (c = in.read()) != -1 && c != '\n'; ) if (c != '\r') line.append((char) c);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor hung up within " + s.getSoTimeout() + " ms", e);
    } catch (IOException reset) {
      return "closed";
    }
    return line.isEmpty() ? "closed" : line.toString();
  }

  // 33. Many slow, unsigned requests that declare large bodies -> real, signed deliveries are still accepted.
  @Test
  void slowBodiesDeclaringHalfAGigabyteDoNotLockOutSignedDeliveries() throws Exception {
    // a long deadline and no per-client cap: only the budget's accounting is under test here
    start("VETTER_REQUEST_TIMEOUT_SECONDS", "600", "VETTER_MAX_CONNECTIONS_PER_CLIENT", "0");
    // Declared sizes that fill any bound on bodies in memory up to 512 MiB to within 64 bytes, largest first: twenty
    // maximal bodies, then every power of two from 16 MiB down to 64 bytes. Each sends one byte and then nothing.
    List<Long> declared = new ArrayList<>();
    for (int i = 0; i < 20; i++) declared.add((long) WebhookEndpoint.MAX_BODY);
    for (long size = 16 << 20; size >= 64; size /= 2) declared.add(size);
    for (int i = 0; i < declared.size(); i++) {
      slowGitHubBody(connect("127.0.0.2"), declared.get(i), 1);
      int held = i + 1;
      await(() -> bodyBytesAtLeast(held));
    }
    HttpResponse<String> r = signedDelivery("real-1");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(metric("vetter_http_body_bytes")).as("bytes held are bytes received, not bytes declared").isLessThan(1 << 20);
  }

  @Test
  void aRequestThatOutlivesItsDeadlineIsCutOff() throws Exception {
    start("VETTER_REQUEST_TIMEOUT_SECONDS", "1");
    Socket slowHeaders = connect("127.0.0.2");
    Socket slowBody = connect("127.0.0.2");
    slowGitHubBody(slowBody, 1000, 1);
    Thread dribble = Thread.ofVirtual().start(() -> {
      try {
        OutputStream h = slowHeaders.getOutputStream();
        OutputStream b = slowBody.getOutputStream();
        h.write("POST /webhooks/github HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
        // one header line and one body byte every 100 ms, for at most 30 s: never a whole request
        for (int i = 0; i < 300; i++) {
          h.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
          b.write('{');
          h.flush();
          b.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException closedByServer) {
        // expected: the server hung up
      }
    });
    assertThat(answer(slowHeaders)).isEqualTo("closed");
    assertThat(answer(slowBody)).isEqualTo("closed");
    dribble.interrupt();
    dribble.join(10_000);
    assertThat(metric("vetter_http_deadline_exceeded_total")).isGreaterThanOrEqualTo(2);
    assertThat(signedDelivery("after-1").statusCode()).as("the server still serves").isEqualTo(202);
  }

  @Test
  void connectionsPerClientAddressAreCapped() throws Exception {
    start("VETTER_MAX_CONNECTIONS_PER_CLIENT", "2", "VETTER_REQUEST_TIMEOUT_SECONDS", "30");
    slowGitHubBody(connect("127.0.0.3"), 1000, 1);
    slowGitHubBody(connect("127.0.0.3"), 1000, 1);
    await(() -> bodyBytesAtLeast(2));
    Socket third = connect("127.0.0.3");
    slowGitHubBody(third, 1000, 1);
    assertThat(answer(third)).startsWith("HTTP/1.1 429");
    assertThat(signedDelivery("other-address").statusCode()).as("another address is not held up").isEqualTo(202);
    assertThat(metric("vetter_webhook_deliveries_total{forge=\"github\",outcome=\"throttled\"}")).isEqualTo(1);
  }

  @Test
  void aWrongGitLabTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
    start();
    Socket s = connect("127.0.0.2");
    OutputStream out = s.getOutputStream();
    out.write(("POST /webhooks/gitlab HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Gitlab-Event: Merge Request Hook\r\n"
        + "X-Gitlab-Event-UUID: g-1\r\nX-Gitlab-Token: wrong\r\nContent-Length: 1000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    assertThat(answer(s)).startsWith("HTTP/1.1 401");
  }
}
