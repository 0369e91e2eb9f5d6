package dev.vetter.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.github.GitHubException;
import dev.vetter.server.Log;
import dev.vetter.server.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One installation's connection to GitHub: authentication, the rate-limit state GitHub reports, and the rules of
 * GitHub's "best practices for using the REST API": content-creating calls one at a time with a pause between them,
 * a bounded number of requests in flight, a secondary rate limit pausing every request of the installation,
 * {@code x-ratelimit-remaining: 0} waiting for {@code x-ratelimit-reset}, 5xx and timeouts retried with backoff.
 * Thread-safe; share one per installation.
 */
final class Transport {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_VERSION = "2022-11-28";

  /**
   * @param write content-creating (paced, one at a time)
   * @param idempotent safe to send again after a 5xx or timeout (the first may have happened)
   * @param notFoundRetries how often a 404 is retried (the object may not be readable yet)
   */
  record Request(String method, URI uri, JsonNode body, boolean write, boolean idempotent, int notFoundRetries, String what) {
    static Request get(URI uri, String what) {
      return new Request("GET", uri, null, false, true, 0, what);
    }
  }

  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new GitHubException(status, "GitHub answered with a body that is not JSON (" + body.length + " bytes)");
      }
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private final String name;
  private final HttpClient http;
  private final Credentials credentials;
  private final ClientOptions options;
  private final Timing timing;
  private final Semaphore inFlight;
  private final ReentrantLock writes = new ReentrantLock(true);
  private Instant lastWrite; // guarded by writes
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile Instant primaryResetAt;

  Transport(String name, HttpClient http, Credentials credentials, ClientOptions options, Timing timing) {
    this.name = name;
    this.http = http;
    this.credentials = credentials;
    this.options = options;
    this.timing = timing;
    this.inFlight = new Semaphore(options.maxConcurrent(), true);
  }

  /** How long to back off after a rate limit that named no time. */
  Duration secondaryPause() {
    return options.secondaryPause();
  }

  /** Until when the installation is paused by a secondary rate limit ({@link Instant#MIN} when it is not). */
  Instant pausedUntil() {
    return pausedUntil;
  }

  Response send(Request r) {
    try {
      if (!r.write()) return attempt(r);
      writes.lockInterruptibly();
      try {
        if (lastWrite != null) {
          Duration since = Duration.between(lastWrite, timing.now());
          Duration rest = options.writePause().minus(since);
          if (rest.isPositive()) timing.sleep(rest);
        }
        return attempt(r);
      } finally {
        lastWrite = timing.now();
        writes.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(0, r.what() + ": interrupted");
    }
  }

  private Response attempt(Request r) throws InterruptedException {
    int failures = 0;
    int notFound = 0;
    int rateWaits = 0;
    boolean renewed = false;
    while (true) {
      awaitLimits(r);
      String token = credentials.token();
      HttpResponse<byte[]> resp;
      inFlight.acquire();
      try {
        resp = http.send(build(r, token), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        String why = e instanceof HttpTimeoutException ? "timed out after " + options.requestTimeout().toMillis() + " ms"
            : "network error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        if (r.idempotent() && failures < options.retries()) {
          failures++;
          Duration wait = backoff(failures, null);
          Log.warn("GitHub " + r.what() + " " + why + "; retry " + failures + " of " + options.retries() + " in " + wait.toMillis() + " ms");
          timing.sleep(wait);
          continue;
        }
        throw new GitHubException(0, Redaction.redact(r.what() + ": " + why), null, false, null);
      } finally {
        inFlight.release();
      }
      Response response = new Response(resp.statusCode(), resp.headers(), resp.body());
      noteRateLimit(response);
      int s = response.status();
      if (s >= 200 && s < 300) return response;

      if (s == 401 && !renewed && credentials.invalidate(token)) {
        renewed = true;
        Log.warn("GitHub answered 401 to " + r.what() + " (" + name + "): renewing the token once");
        continue;
      }
      if (s == 403 || s == 429) {
        Optional<Duration> retryAfter = retryAfter(response);
        String message = githubMessage(response);
        boolean secondary = retryAfter.isPresent() || s == 429 && !exhausted(response)
            || message.toLowerCase(Locale.ROOT).contains("secondary rate limit");
        if (secondary) {
          Duration pause = retryAfter.orElse(options.secondaryPause());
          pausedUntil = timing.now().plus(pause);
          Log.warn("GitHub secondary rate limit on " + r.what() + ": the requests of " + name + " pause for " + pause.toSeconds() + " s");
          throw new GitHubException(s, failure(r, s, message) + " (secondary rate limit; installation paused for " + pause.toSeconds() + " s)",
              pause, true, null);
        }
        if (exhausted(response)) {
          Duration wait = untilReset(response);
          if (rateWaits < 1 && wait.compareTo(options.maxInPlaceWait()) <= 0) {
            rateWaits++;
            Log.warn("GitHub rate limit exhausted for " + name + "; waiting " + wait.toSeconds() + " s for x-ratelimit-reset");
            timing.sleep(wait);
            continue;
          }
          throw new GitHubException(s, failure(r, s, message) + " (rate limit exhausted; resets in " + wait.toSeconds() + " s)", wait, false, null);
        }
        throw new GitHubException(s, failure(r, s, message));
      }
      if (s >= 500) {
        if (r.idempotent() && failures < options.retries()) {
          failures++;
          Duration wait = backoff(failures, retryAfter(response).orElse(null));
          Log.warn("GitHub answered " + s + " to " + r.what() + "; retry " + failures + " of " + options.retries() + " in " + wait.toMillis() + " ms");
          timing.sleep(wait);
          continue;
        }
        throw new GitHubException(s, failure(r, s, githubMessage(response)), retryAfter(response).orElse(null), false, null);
      }
      if (s == 404 && notFound < r.notFoundRetries()) {
        notFound++;
        Duration wait = options.notFoundDelay().multipliedBy(1L << (notFound - 1));
        Log.info("GitHub answered 404 to " + r.what() + "; it may not be readable yet, retry " + notFound + " of " + r.notFoundRetries());
        timing.sleep(wait);
        continue;
      }
      if (s == 401) logIatHint(response);
      throw new GitHubException(s, failure(r, s, githubMessage(response)));
    }
  }

  /** Waits for, or refuses, a request while the installation is paused or out of its hourly budget. */
  private void awaitLimits(Request r) throws InterruptedException {
    Instant now = timing.now();
    Instant paused = pausedUntil;
    if (now.isBefore(paused)) {
      Duration rest = Duration.between(now, paused);
      throw new GitHubException(429, r.what() + ": not sent, the requests of " + name + " are paused for " + rest.toSeconds()
          + " s after a secondary rate limit", rest, true, null);
    }
    Instant reset = primaryResetAt;
    if (reset != null) {
      if (!now.isBefore(reset)) {
        primaryResetAt = null;
        return;
      }
      Duration wait = Duration.between(now, reset);
      if (wait.compareTo(options.maxInPlaceWait()) > 0) {
        throw new GitHubException(403, r.what() + ": not sent, the rate limit of " + name + " is exhausted for " + wait.toSeconds() + " s",
            wait, false, null);
      }
      Log.info("GitHub rate limit of " + name + " exhausted; waiting " + wait.toSeconds() + " s for its reset");
      timing.sleep(wait);
      primaryResetAt = null;
    }
  }

  private void noteRateLimit(Response response) {
    Optional<String> remaining = response.header("x-ratelimit-remaining");
    if (remaining.isEmpty()) return;
    if (exhausted(response)) {
      primaryResetAt = timing.now().plus(untilReset(response));
    } else {
      primaryResetAt = null;
    }
  }

  private static boolean exhausted(Response response) {
    return response.header("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent();
  }

  private Duration untilReset(Response response) {
    Optional<String> reset = response.header("x-ratelimit-reset");
    try {
      if (reset.isPresent()) {
        Duration d = Duration.between(timing.now(), Instant.ofEpochSecond(Long.parseLong(reset.get().strip()))).plusSeconds(1);
        return d.isNegative() ? Duration.ofSeconds(1) : d;
      }
    } catch (NumberFormatException ignored) {
      // fall through to GitHub's advice for a missing reset
    }
    return options.secondaryPause();
  }

  private Optional<Duration> retryAfter(Response response) {
    Optional<String> v = response.header("retry-after");
    if (v.isEmpty()) return Optional.empty();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.get().strip()))));
    } catch (NumberFormatException e) {
      try {
        Instant at = java.time.ZonedDateTime.parse(v.get().strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(timing.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.of(options.secondaryPause());
      }
    }
  }

  private Duration backoff(int failure, Duration retryAfter) {
    Duration d = options.backoff().multipliedBy(1L << Math.min(20, failure - 1));
    if (d.compareTo(options.maxBackoff()) > 0) d = options.maxBackoff();
    if (retryAfter != null && retryAfter.compareTo(d) > 0) d = retryAfter.compareTo(options.maxInPlaceWait()) > 0 ? options.maxInPlaceWait() : retryAfter;
    return d;
  }

  private HttpRequest build(Request r, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(options.requestTimeout())
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION)
        .header("User-Agent", options.userAgent());
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (r.body() == null) {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        b.header("Content-Type", "application/json").method(r.method(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(r.body())));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    }
    return b.build();
  }

  private static String failure(Request r, int status, String message) {
    return Redaction.redact("GitHub answered " + status + " to " + r.what() + (message.isEmpty() ? "" : ": " + message));
  }

  /** GitHub's own words: {@code message} and the {@code errors} details, shortened. */
  static String githubMessage(Response response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      return "";
    }
    if (body == null || !body.isObject()) return "";
    StringBuilder sb = new StringBuilder(body.path("message").asText(""));
    JsonNode errors = body.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      sb.append(" (");
      int i = 0;
      for (JsonNode e : errors) {
        if (i++ > 0) sb.append("; ");
        if (e.isTextual()) {
          sb.append(e.asText());
        } else if (e.hasNonNull("message")) {
          sb.append(e.get("message").asText());
        } else {
          sb.append(e.path("resource").asText("")).append(' ').append(e.path("field").asText("")).append(' ').append(e.path("code").asText(""));
        }
      }
      sb.append(')');
    }
    // redact before shortening: a cut could leave half a key that no longer looks like one
    String s = Redaction.redact(sb.toString().strip()).replaceAll("\\s+", " ");
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }

  private void logIatHint(Response response) {
    String m = githubMessage(response);
    if (m.contains("'Issued at'") || m.contains("iat") || m.contains("Expiration time") || m.contains("exp")) {
      Log.warn("GitHub rejected the App's JWT (" + m + "): check this machine's clock (Vetter backdates iat by 60 s)");
    }
  }
}
