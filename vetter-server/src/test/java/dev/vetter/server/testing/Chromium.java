package dev.vetter.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, run as a process: loads a page and returns the DOM after it ran (scripts included, so a
 * script that should be inert would show). The test is skipped, saying why on standard error and in the report, when
 * there is no browser ({@code scripts/ensure-chromium.sh}, called by {@code ./run-tests}, installs it as root).
 */
public final class Chromium {
  private Chromium() {}

  /** The browser's executable, or the test is skipped with the reason. */
  public static String executable() {
    for (String name : new String[] {"chromium", "chromium-browser"}) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
      }
    }
    String why = "SKIPPED browser test: no chromium on the PATH (scripts/ensure-chromium.sh installs Debian's chromium when run as root;"
        + " ./run-tests calls it)";
    System.err.println(why);
    Assumptions.abort(why);
    return null;
  }

  /**
   * The DOM of {@code page} once loaded. Headless Chromium's {@code --dump-dom} cannot set request headers, so it loads
   * the page through a loopback forwarder that adds {@code Authorization: Bearer <bearer>} (null: none) to GETs.
   */
  public static String dumpDom(URI page, String bearer, Path profile) throws IOException, InterruptedException {
    String browser = executable();
    HttpClient client = HttpClient.newHttpClient();
    HttpServer forwarder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    forwarder.createContext("/", exchange -> {
      try {
        URI target = URI.create(page.getScheme() + "://" + page.getRawAuthority() + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET();
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
        answer.headers().firstValue("Content-Security-Policy").ifPresent(v -> exchange.getResponseHeaders().set("Content-Security-Policy", v));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    forwarder.start();
    try {
      URI via = URI.create("http://127.0.0.1:" + forwarder.getAddress().getPort() + page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery()));
      Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
          "--dump-dom", via.toString())
          .redirectError(profile.resolveSibling(profile.getFileName() + ".log").toFile())
          .start();
      var dom = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("chromium did not finish within 90 s");
      }
      if (p.exitValue() != 0) throw new AssertionError("chromium exited with " + p.exitValue());
      return dom.join();
    } finally {
      forwarder.stop(0);
    }
  }
}
