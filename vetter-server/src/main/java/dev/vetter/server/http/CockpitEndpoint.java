package dev.vetter.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vetter.server.Log;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.store.StoreException;
import dev.vetter.server.telemetry.Cockpit;
import dev.vetter.server.telemetry.Period;
import dev.vetter.server.telemetry.Report;
import dev.vetter.server.telemetry.TelemetryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /cockpit}: the {@link Cockpit} page of the store's report, for {@code ?since=30d&until=&repo=} (as
 * {@code vetter report} reads them), with the response-time objectives from this process's metrics. Mounted only when
 * {@code VETTER_COCKPIT_TOKEN} is set; every request needs {@code Authorization: Bearer <token>} or the session cookie
 * that {@link #login} sets once the token is posted to it, else 401. Never a token in a URL. The store is read as
 * {@code vetter report} reads it (read-only, apart from the server's own connections).
 */
public final class CockpitEndpoint implements HttpHandler {
  /** How long a browser session from {@code /cockpit/login} lasts. */
  static final Duration SESSION = Duration.ofHours(12);

  private static final String COOKIE = "vetter_cockpit";
  private static final BodyBudget LOGIN_BUDGET = new BodyBudget(1 << 20);

  private final byte[] token;
  private final ServerConfig.StoreLocation store;
  private final MeterRegistry metrics;
  private final Clock clock;

  public CockpitEndpoint(String token, ServerConfig.StoreLocation store, MeterRegistry metrics, Clock clock) {
    this.token = requireNonNull(token, "token == null").getBytes(StandardCharsets.UTF_8);
    this.store = requireNonNull(store, "store == null");
    this.metrics = requireNonNull(metrics, "metrics == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/cockpit") && !path.equals("/cockpit/")) {
      Http.respond(exchange, 404, "not found");
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      h.set("Allow", "GET");
      Http.respond(exchange, 405, "use GET");
      return;
    }
    if (!authorised(exchange)) {
      h.set("WWW-Authenticate", "Bearer realm=\"vetter-cockpit\"");
      Http.respond(exchange, 401, "the Cockpit needs Authorization: Bearer <VETTER_COCKPIT_TOKEN>, or a session from /cockpit/login");
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String since = query.getOrDefault("since", "30d");
    String until = query.get("until");
    String repo = query.get("repo");
    Instant now = clock.instant(), from, to;
    try {
      from = Period.when("since", since, now);
      to = until == null ? now : Period.when("until", until, now);
    } catch (IllegalArgumentException e) {
      Http.respond(exchange, 400, e.getMessage());
      return;
    }
    if (!from.isBefore(to)) {
      Http.respond(exchange, 400, "since is not before until");
      return;
    }
    Report report;
    try {
      report = Report.compute(TelemetryStore.read(store, from, repo), from, to, repo);
    } catch (StoreException e) {
      Log.warn("cockpit: " + e.getMessage());
      Http.respond(exchange, 503, "the store cannot be read now");
      return;
    }
    h.set("Content-Security-Policy", Cockpit.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'");
    h.set("Referrer-Policy", "no-referrer");
    Http.respond(exchange, 200, "text/html; charset=utf-8", Cockpit.html(report, new Cockpit.Live(slos(), since, until)));
  }

  /** The objectives of docs/metrics.md, from the histograms' buckets at their thresholds. */
  private List<Cockpit.Slo> slos() {
    return List.of(
        slo("Deliveries acknowledged quickly", "vetter.webhook.ack", "vetter_webhook_ack_seconds", 1.0, "1 s", 0.99),
        slo("Reviews posted soon after the event", "vetter.delivery.feedback", "vetter_delivery_feedback_seconds", 60.0, "60 s", 0.95));
  }

  private Cockpit.Slo slo(String name, String meter, String metric, double thresholdSeconds, String threshold, double target) {
    long good = 0, total = 0;
    for (Timer t : metrics.find(meter).timers()) {
      HistogramSnapshot s = t.takeSnapshot();
      total += s.count();
      for (CountAtBucket b : s.histogramCounts()) {
        if (Math.abs(b.bucket(TimeUnit.SECONDS) - thresholdSeconds) < 1e-9) good += (long) b.count(); // cumulative: at or under the threshold
      }
    }
    return new Cockpit.Slo(name, metric, threshold, target, good, total);
  }

  /**
   * {@code /cockpit/login}: GET shows a form for the token; POST checks it and sets an HttpOnly, SameSite=Strict
   * session cookie for {@code /cockpit} that lasts {@link #SESSION}, then sends the browser to the Cockpit.
   */
  public HttpHandler login() {
    return exchange -> {
      Headers h = exchange.getResponseHeaders();
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Cache-Control", "no-store");
      h.set("Content-Security-Policy", Cockpit.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'");
      if (!exchange.getRequestURI().getPath().equals("/cockpit/login")) {
        Http.respond(exchange, 404, "not found");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "GET" -> {
          RequestGuard.requestRead();
          Http.respond(exchange, 200, "text/html; charset=utf-8", Cockpit.login(null));
        }
        case "POST" -> {
          byte[] body;
          long[] held = new long[1];
          try {
            body = Http.readBody(exchange, 4096, LOGIN_BUDGET, held);
            RequestGuard.requestRead();
          } catch (Http.TooLarge | Http.BadBody | Http.Busy e) {
            h.set("Connection", "close");
            Http.respond(exchange, 413, "the login form is one token");
            return;
          } finally {
            LOGIN_BUDGET.release(held[0]);
          }
          String given = query(new String(body, StandardCharsets.UTF_8)).getOrDefault("token", "");
          if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            Http.respond(exchange, 401, "text/html; charset=utf-8", Cockpit.login("That is not the Cockpit's token."));
            return;
          }
          long expires = clock.instant().plus(SESSION).getEpochSecond();
          boolean https = "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"));
          h.add("Set-Cookie", COOKIE + "=" + expires + "." + sign(expires) + "; Path=/cockpit; Max-Age=" + SESSION.toSeconds()
              + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
          h.set("Location", "/cockpit");
          Http.respond(exchange, 303, "signed in");
        }
        default -> {
          h.set("Allow", "GET, POST");
          Http.respond(exchange, 405, "use GET or POST");
        }
      }
    };
  }

  /** The bearer token or a live session cookie; compared in constant time, so timing says nothing about a guess. */
  private boolean authorised(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null) {
      return header.regionMatches(true, 0, "Bearer ", 0, 7) && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
    for (String line : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String cookie : line.split(";")) {
        String c = cookie.strip();
        if (!c.startsWith(COOKIE + "=")) continue;
        String value = c.substring(COOKIE.length() + 1);
        int dot = value.indexOf('.');
        if (dot <= 0) continue;
        long expires;
        try {
          expires = Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException e) {
          continue;
        }
        if (expires > clock.instant().getEpochSecond()
            && MessageDigest.isEqual(sign(expires).getBytes(StandardCharsets.US_ASCII), value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The session's signature: an HMAC of its expiry under the token, so changing the token ends every session. */
  private String sign(long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("vetter-cockpit-session:" + expires).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
      if (!value.isEmpty()) out.putIfAbsent(key, value); // an empty field of the form means "not set"
    }
    return out;
  }
}
