package dev.vetter.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vetter.server.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;

/** Operations routes: liveness, readiness (the store answers), Prometheus metrics, and the benchmark's do-nothing route. */
public final class OpsEndpoints {
  private static final BodyBudget NOOP_BUDGET = new BodyBudget(Long.MAX_VALUE);

  private OpsEndpoints() {}

  /** {@code GET /healthz}: 200 while the process serves HTTP. */
  public static HttpHandler health() {
    return exchange -> {
      if (!exact(exchange, "/healthz", "GET")) return;
      Http.respond(exchange, 200, "ok");
    };
  }

  /** {@code GET /readyz}: 200 when the store answers, else 503 (a load balancer should stop sending deliveries). */
  public static HttpHandler ready(Database db) {
    return exchange -> {
      if (!exact(exchange, "/readyz", "GET")) return;
      if (db.ping()) Http.respond(exchange, 200, "ready");
      else Http.respond(exchange, 503, "store unavailable");
    };
  }

  /** {@code GET /metrics}: Prometheus text format. */
  public static HttpHandler metrics(PrometheusMeterRegistry registry) {
    return exchange -> {
      if (!exact(exchange, "/metrics", "GET")) return;
      Http.respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    };
  }

  /**
   * {@code POST /bench/noop}: reads the body under the same limit as a webhook and answers 202 without checking or
   * storing anything. Mounted only with the hidden bench flag, as the floor the load benchmark compares against.
   */
  public static HttpHandler noop() {
    return exchange -> {
      if (!exact(exchange, "/bench/noop", "POST")) return;
      try {
        Http.readBody(exchange, WebhookEndpoint.MAX_BODY, NOOP_BUDGET, new long[1]);
        RequestGuard.requestRead();
      } catch (Http.TooLarge | Http.BadBody | Http.Busy e) {
        Http.respond(exchange, 413, "too large");
        return;
      }
      Http.respond(exchange, 202, "noop");
    };
  }

  private static boolean exact(HttpExchange exchange, String path, String method) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      Http.respond(exchange, 404, "not found");
      return false;
    }
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      Http.respond(exchange, 405, "use " + method);
      return false;
    }
    return true;
  }
}
