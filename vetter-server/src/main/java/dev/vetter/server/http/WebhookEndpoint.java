package dev.vetter.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vetter.server.Log;
import dev.vetter.server.store.Inbox;
import dev.vetter.server.store.StoreException;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.GitHubWebhooks;
import dev.vetter.server.webhook.GitLabWebhooks;
import dev.vetter.server.webhook.ParsedDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/gitlab}. In order: a slot for the client's address (429, see
 * {@link RequestGuard}), the declared size (413), what authenticity can be judged from the headers (GitLab's token,
 * the form of GitHub's signature: 401) before a byte of the body is read, then the body under the read deadline and
 * the shared body budget, GitHub's signature over the raw bytes (401), required headers (400), then parsing. Nothing
 * is parsed, stored or queued before the delivery is proven authentic. A delivery that asks for a review is stored with its jobs
 * and timeline events in one transaction before the 202; authentic content that cannot be understood is kept as a dead
 * delivery (400); an event that starts no review but belongs to a pull request's timeline (a review submitted, a merge)
 * has only its timeline events recorded (202 {@code recorded}); other events are acknowledged and ignored (202). A
 * store that cannot be reached answers 503.
 */
public final class WebhookEndpoint implements HttpHandler {
  /** The largest body accepted: GitHub caps payloads at 25 MB. */
  public static final int MAX_BODY = 25 * 1024 * 1024;

  private final Forge forge;
  private final GitHubWebhooks github;
  private final GitLabWebhooks gitlab;
  private final Inbox inbox;
  private final Clock clock;
  private final Runnable onQueued;
  private final Timer latency;
  private final BodyBudget budget;
  private final RequestGuard guard;
  private final java.util.Map<String, Counter> counters = new java.util.HashMap<>();

  private WebhookEndpoint(Forge forge, GitHubWebhooks github, GitLabWebhooks gitlab, Inbox inbox, Clock clock, Runnable onQueued,
      MeterRegistry metrics, BodyBudget budget, RequestGuard guard) {
    this.budget = budget;
    this.guard = guard;
    this.forge = forge;
    this.github = github;
    this.gitlab = gitlab;
    this.inbox = inbox;
    this.clock = clock;
    this.onQueued = onQueued;
    // buckets at the objective's threshold (1 s, docs/metrics.md) and below it, to see it coming
    this.latency = Timer.builder("vetter.webhook.ack").description("Time from request to acknowledgement, by forge")
        .tag("forge", forge.id()).publishPercentiles(0.5, 0.99)
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500))
        .register(metrics);
    for (String outcome : new String[] {
        "accepted", "recorded", "duplicate", "ignored", "dead", "unauthorized", "too_large", "malformed", "unavailable", "busy", "throttled"}) {
      counters.put(outcome, Counter.builder("vetter.webhook.deliveries").description("Webhook deliveries by forge and outcome")
          .tag("forge", forge.id()).tag("outcome", outcome).register(metrics));
    }
  }

  /** Registers {@code vetter_http_body_bytes}, the bytes of request bodies held in memory now (once per registry). */
  public static void registerBodyBytes(MeterRegistry metrics) {
    Gauge.builder("vetter.http.body.bytes", SHARED_BUDGET, BodyBudget::used).description("Bytes of request bodies held in memory now, over all requests")
        .baseUnit("bytes").register(metrics);
  }

  /** The GitHub endpoint; {@code webhooks} null when no secret is configured (the route then answers 404). */
  public static WebhookEndpoint github(GitHubWebhooks webhooks, Inbox inbox, Clock clock, Runnable onQueued, MeterRegistry metrics,
      RequestGuard guard) {
    return new WebhookEndpoint(Forge.GITHUB, webhooks, null, inbox, clock, onQueued, metrics, SHARED_BUDGET, guard);
  }

  /** The GitLab endpoint; {@code webhooks} null when no token is configured (the route then answers 404). */
  public static WebhookEndpoint gitlab(GitLabWebhooks webhooks, Inbox inbox, Clock clock, Runnable onQueued, MeterRegistry metrics,
      RequestGuard guard) {
    return new WebhookEndpoint(Forge.GITLAB, null, webhooks, inbox, clock, onQueued, metrics, SHARED_BUDGET, guard);
  }

  /** Shared by both routes of every server in the process: the heap is shared too. */
  private static final BodyBudget SHARED_BUDGET = BodyBudget.forHeap(MAX_BODY);

  private Counter counter(String outcome) {
    return counters.get(outcome);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (!exchange.getRequestURI().getPath().equals("/webhooks/" + forge.id())) {
        Http.respond(exchange, 404, "not found");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Http.respond(exchange, 405, "use POST");
        return;
      }
      if (github == null && gitlab == null) {
        Http.respond(exchange, 404, forge.id() + " webhooks are not configured on this server");
        return;
      }
      receive(exchange);
    } catch (StoreException e) {
      counter("unavailable").increment();
      Log.warn(forge.id() + " delivery refused with 503, store unavailable: " + e.getMessage());
      Http.respond(exchange, 503, "store unavailable; try again later");
    } finally {
      latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (RequestGuard.Slot slot = guard.admit(exchange)) {
      if (slot == null) {
        counter("throttled").increment();
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.getResponseHeaders().set("Retry-After", "5");
        Http.respond(exchange, 429, "too many requests in progress from this address; try again later");
        return;
      }
      long[] held = {0};
      try {
        receive(exchange, held);
      } finally {
        budget.release(held[0]);
      }
    }
  }

  private void malformed(HttpExchange exchange, Http.BadBody e) throws IOException {
    counter("malformed").increment();
    exchange.getResponseHeaders().set("Connection", "close");
    Http.respond(exchange, 400, e.getMessage());
  }

  private void receive(HttpExchange exchange, long[] held) throws IOException {
    // What can be checked before the body arrives is checked first, so that nobody without the secret gets to make
    // the server read (and hold) a body: its size, GitLab's token (a header), the shape of GitHub's signature.
    try {
      if (Http.declaresMoreThan(exchange, MAX_BODY)) {
        tooLarge(exchange);
        return;
      }
    } catch (Http.BadBody e) {
      malformed(exchange, e);
      return;
    }
    boolean plausible = forge == Forge.GITHUB
        ? GitHubWebhooks.wellFormed(exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"))
        : gitlab.verify(exchange.getRequestHeaders().getFirst("X-Gitlab-Token"));
    if (!plausible) {
      exchange.getResponseHeaders().set("Connection", "close");
      unauthorized(exchange);
      return;
    }
    byte[] body;
    try {
      body = Http.readBody(exchange, MAX_BODY, budget, held);
    } catch (Http.Busy e) {
      counter("busy").increment();
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.getResponseHeaders().set("Retry-After", "5");
      Http.respond(exchange, 503, "too many large deliveries in progress; try again later");
      return;
    } catch (Http.TooLarge e) {
      tooLarge(exchange);
      return;
    } catch (Http.BadBody e) {
      malformed(exchange, e);
      return;
    }
    // the whole request is in: from here on only the store and the answer, which the read deadline must not cut
    RequestGuard.requestRead();
    if (forge == Forge.GITHUB && !github.verify(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"))) {
      unauthorized(exchange);
      return;
    }
    String event = Http.token(exchange, forge == Forge.GITHUB ? "X-GitHub-Event" : "X-Gitlab-Event");
    String deliveryId = forge == Forge.GITHUB
        ? Http.token(exchange, "X-GitHub-Delivery")
        : firstNonNull(Http.token(exchange, "Idempotency-Key"), Http.token(exchange, "X-Gitlab-Event-UUID"));
    if (event == null || deliveryId == null) {
      counter("malformed").increment();
      Http.respond(exchange, 400, event == null
          ? "missing " + (forge == Forge.GITHUB ? "X-GitHub-Event" : "X-Gitlab-Event") + " header"
          : "missing " + (forge == Forge.GITHUB ? "X-GitHub-Delivery" : "Idempotency-Key or X-Gitlab-Event-UUID") + " header");
      return;
    }
    ParsedDelivery parsed = formEncoded(exchange)
        ? new ParsedDelivery(ParsedDelivery.Kind.MALFORMED, event, null, null, null, null,
            "form-encoded payload: set the webhook's content type to application/json", java.util.List.of())
        : forge == Forge.GITHUB ? github.parse(event, body) : gitlab.parse(event, body);
    Inbox.Delivery delivery = new Inbox.Delivery(forge, deliveryId, event, parsed.action(), parsed.repository(), parsed.number(),
        parsed.headSha(), clock.instant(), body);
    switch (parsed.kind()) {
      case IGNORED -> {
        if (parsed.timeline().isEmpty()) {
          counter("ignored").increment();
          Http.respond(exchange, 202, "ignored: " + parsed.reason());
          return;
        }
        // starts no review, but tells of the pull request's life (reviewed, merged, ...): kept for the telemetry
        if (!inbox.recordTimeline(delivery, parsed.timeline())) {
          counter("duplicate").increment();
          Http.respond(exchange, 202, "duplicate delivery " + deliveryId + ": already received");
          return;
        }
        counter("recorded").increment();
        Http.respond(exchange, 202, "recorded: " + parsed.reason());
      }
      case MALFORMED -> {
        if (!inbox.keepDead(delivery, parsed.reason())) {
          counter("duplicate").increment();
          Http.respond(exchange, 202, "duplicate delivery " + deliveryId + ": already received");
          return;
        }
        counter("dead").increment();
        Log.warn(forge.id() + " delivery " + deliveryId + " kept as dead: " + parsed.reason());
        Http.respond(exchange, 400, "malformed payload, kept as a dead delivery: " + parsed.reason());
      }
      case COMMAND -> {
        Inbox.CommandReceipt receipt = inbox.acceptCommand(delivery, parsed.command());
        switch (receipt) {
          case DUPLICATE_DELIVERY -> {
            counter("duplicate").increment();
            Http.respond(exchange, 202, "duplicate delivery " + deliveryId + ": already received");
          }
          case ALREADY_QUEUED -> {
            counter("duplicate").increment();
            Http.respond(exchange, 202, "comment " + parsed.command().commentId() + " already received: its command is handled once");
          }
          case QUEUED -> {
            counter("accepted").increment();
            onQueued.run();
            Http.respond(exchange, 202, "accepted: command");
          }
        }
      }
      case REVIEW -> {
        Inbox.Receipt receipt = inbox.accept(delivery, parsed.reviews(), parsed.timeline());
        if (receipt.duplicate()) {
          counter("duplicate").increment();
          Http.respond(exchange, 202, "duplicate delivery " + deliveryId + ": already received");
          return;
        }
        counter("accepted").increment();
        onQueued.run();
        Http.respond(exchange, 202, "accepted: " + describe(receipt));
      }
    }
  }

  private void tooLarge(HttpExchange exchange) throws IOException {
    counter("too_large").increment();
    exchange.getResponseHeaders().set("Connection", "close");
    Http.respond(exchange, 413, "payload over " + MAX_BODY + " bytes");
  }

  private void unauthorized(HttpExchange exchange) throws IOException {
    counter("unauthorized").increment();
    Http.respond(exchange, 401, forge == Forge.GITHUB ? "missing or wrong X-Hub-Signature-256" : "missing or wrong X-Gitlab-Token");
  }

  private static String describe(Inbox.Receipt receipt) {
    StringBuilder b = new StringBuilder();
    for (var e : receipt.jobs()) b.append(b.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    return b.toString();
  }

  private static boolean formEncoded(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
