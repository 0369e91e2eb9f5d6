package dev.vetter.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.queue.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up line names the address the server really listens on, not a loopback address it merely answers on too. */
class ServerAddressTest {
  @TempDir Path dir;

  private Server start(String bind) throws Exception {
    ServerConfig config = ServerConfig.load(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", "s3cret-for-the-address-test", "VETTER_RECONCILE_SECONDS", "0"),
        Map.of("--port", "0", "--bind", bind, "--workers", "1", "--data-dir", dir.resolve(bind.replace(':', '_')).toString()));
    return Server.builder(config).handler((job, ctx) -> Outcome.done()).start();
  }

  @Test
  void boundToEveryInterfaceItSaysSoAndStillAnswersOnLoopback() throws Exception {
    try (Server server = start("0.0.0.0")) {
      assertThat(server.listening()).isEqualTo("http://0.0.0.0:" + server.port() + " (every interface; http://127.0.0.1:" + server.port() + " from this machine)");
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void boundToLoopbackItNamesOnlyThat() throws Exception {
    try (Server server = start("127.0.0.1")) {
      assertThat(server.listening()).isEqualTo("http://127.0.0.1:" + server.port());
    }
  }
}
