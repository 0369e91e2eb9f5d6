package dev.vetter.gitlab;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.server.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@link GitLabApi} over REST v4 with {@code java.net.http} and Jackson. Thread-safe.
 *
 * <ul>
 *   <li>Authenticates with {@code PRIVATE-TOKEN}; the token appears in no message, log line or {@code toString}.
 *   <li>Retries 5xx and network failures of reads and idempotent writes with bounded exponential backoff; a POST that
 *       creates something is not retried after a 5xx or timeout (it may have happened: the caller looks for its marker).
 *   <li>On 429 waits as GitLab says ({@code Retry-After}, else {@code RateLimit-Reset}) when that is short, else fails
 *       with {@link GitLabException#retryAfter()} so the job waits in the queue instead of a worker.
 *   <li>Writes to one project go one at a time with {@link Settings#writePause()} between them.
 * </ul>
 */
public final class HttpGitLabApi implements GitLabApi {
  /** Waits; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }

  /**
   * @param baseUrl the instance, e.g. {@code https://gitlab.com} (the client adds {@code /api/v4})
   * @param maxAttempts tries per call for retryable failures (at least 1)
   * @param backoff the first retry's wait, doubled each retry
   * @param maxRetryWait the longest rate-limit wait spent inside a call; longer ones fail with retryAfter
   * @param writePause the pause between two writes to the same project
   * @param timeout per request
   */
  public record Settings(URI baseUrl, String token, int maxAttempts, Duration backoff, Duration maxRetryWait, Duration writePause, Duration timeout) {
    public Settings {
      requireNonNull(baseUrl, "baseUrl == null");
      requireNonNull(token, "token == null");
      if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1");
    }

    public static Settings defaults(URI baseUrl, String token) {
      return new Settings(baseUrl, token, 4, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public Settings withWritePause(Duration pause) {
      return new Settings(baseUrl, token, maxAttempts, backoff, maxRetryWait, pause, timeout);
    }

    @Override
    public String toString() {
      return "Settings[" + baseUrl + ", token, " + maxAttempts + " attempts]";
    }
  }

  /** How a call may be retried. */
  private enum Mode {
    /** A read: retry 5xx and network failures. */
    READ,
    /** A read right after an event: also retry a 404 twice (the object may not be readable yet). */
    READ_FRESH,
    /** A write that can be repeated safely (PUT, status). */
    IDEMPOTENT,
    /** A write that creates something: never repeated after it may have reached GitLab. */
    CREATE
  }

  private static final int FRESH_404_RETRIES = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final String api;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, Pace> paces = new ConcurrentHashMap<>();

  private static final class Pace {
    final ReentrantLock lock = new ReentrantLock();
    Instant last;
  }

  public HttpGitLabApi(Settings settings, Clock clock, Sleeper sleeper) {
    this.settings = requireNonNull(settings, "settings == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.sleeper = requireNonNull(sleeper, "sleeper == null");
    String base = settings.baseUrl().toString();
    this.api = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v4";
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpGitLabApi(Settings settings) {
    this(settings, Clock.systemUTC(), Sleeper.REAL);
  }

  @Override
  public String toString() {
    return "HttpGitLabApi[" + settings.baseUrl() + "]";
  }

  // ---- reading ----

  @Override
  public MergeRequest mergeRequest(String project, long iid) {
    JsonNode n = json(call("GET", mr(project, iid), null, Mode.READ_FRESH));
    JsonNode refs = n.path("diff_refs");
    DiffRefs diffRefs = refs.isObject() && refs.hasNonNull("head_sha")
        ? new DiffRefs(text(refs, "base_sha"), text(refs, "start_sha"), text(refs, "head_sha")) : null;
    boolean draft = n.path("draft").asBoolean(false) || n.path("work_in_progress").asBoolean(false);
    return new MergeRequest(n.path("iid").asLong(), text(n, "state"), draft, text(n, "title"), text(n, "description"),
        n.path("author").path("username").asText(null), text(n, "source_branch"), text(n, "target_branch"), text(n, "sha"), diffRefs,
        text(n, "web_url"), n.path("source_project_id").asLong(0) != n.path("target_project_id").asLong(0),
        text(n, "changes_count"));
  }

  @Override
  public List<DiffFile> mergeRequestDiffs(String project, long iid) {
    return pages(mr(project, iid) + "/diffs", Mode.READ_FRESH, n -> new DiffFile(text(n, "old_path"), text(n, "new_path"), text(n, "a_mode"),
        text(n, "b_mode"), n.path("new_file").asBoolean(), n.path("renamed_file").asBoolean(), n.path("deleted_file").asBoolean(),
        n.path("too_large").asBoolean(false), n.path("collapsed").asBoolean(false), n.path("diff").asText("")));
  }

  @Override
  public List<Commit> mergeRequestCommits(String project, long iid) {
    return pages(mr(project, iid) + "/commits", Mode.READ_FRESH, n -> {
      List<String> parents = new ArrayList<>();
      n.path("parent_ids").forEach(p -> parents.add(p.asText()));
      return new Commit(text(n, "id"), text(n, "title"), text(n, "message"), text(n, "author_name"), text(n, "author_email"),
          text(n, "authored_date"), List.copyOf(parents));
    });
  }

  @Override
  public Optional<byte[]> fileAt(String project, String ref, String path) {
    return optional(call("GET", project(project) + "/repository/files/" + enc(path) + "/raw?ref=" + enc(ref), null, Mode.READ));
  }

  @Override
  public Optional<byte[]> blob(String project, String sha) {
    return optional(call("GET", project(project) + "/repository/blobs/" + enc(sha) + "/raw", null, Mode.READ));
  }

  @Override
  public List<MergeRequestRef> openMergeRequests(String group) {
    return pages("/groups/" + enc(group) + "/merge_requests?state=opened&scope=all", Mode.READ, n -> {
      // the group listing names the project only in the reference, e.g. "group/sub/project!12"
      String full = n.path("references").path("full").asText("");
      int bang = full.lastIndexOf('!');
      String projectPath = bang > 0 ? full.substring(0, bang) : null;
      boolean draft = n.path("draft").asBoolean(false) || n.path("work_in_progress").asBoolean(false);
      return new MergeRequestRef(projectPath, n.path("iid").asLong(), text(n, "sha"), draft, instant(text(n, "updated_at")));
    }).stream().filter(r -> r.project() != null && r.sha() != null).toList();
  }

  @Override
  public List<String> groups() {
    return pages("/groups?top_level_only=true&min_access_level=30", Mode.READ, n -> text(n, "full_path"));
  }

  @Override
  public String currentUser() {
    return text(json(call("GET", "/user", null, Mode.READ)), "username");
  }

  // ---- statuses ----

  @Override
  public List<CommitStatus> commitStatuses(String project, String sha, String name, String ref) {
    return pages(project(project) + "/repository/commits/" + enc(sha) + "/statuses?ref=" + enc(ref) + "&name=" + enc(name) + "&sort=desc", Mode.READ,
        n -> new CommitStatus(n.path("id").asLong(), text(n, "name"), text(n, "ref"), text(n, "status"), text(n, "description"),
            text(n, "target_url")));
  }

  @Override
  public void setStatus(String project, String sha, StatusWrite status) {
    ObjectNode body = JSON.createObjectNode();
    body.put("state", status.state());
    putIf(body, "name", status.name());
    putIf(body, "ref", status.ref());
    putIf(body, "description", status.description());
    putIf(body, "target_url", status.targetUrl());
    write(project, () -> call("POST", project(project) + "/statuses/" + enc(sha), body, Mode.IDEMPOTENT));
  }

  // ---- discussions ----

  @Override
  public List<Discussion> discussions(String project, long iid) {
    return pages(mr(project, iid) + "/discussions", Mode.READ, HttpGitLabApi::discussion);
  }

  @Override
  public Discussion createDiscussion(String project, long iid, String body, Position position) {
    ObjectNode b = JSON.createObjectNode();
    b.put("body", body);
    if (position != null) {
      ObjectNode p = b.putObject("position");
      p.put("position_type", "text");
      p.put("base_sha", position.baseSha());
      p.put("start_sha", position.startSha());
      p.put("head_sha", position.headSha());
      putIf(p, "old_path", position.oldPath());
      putIf(p, "new_path", position.newPath());
      if (position.oldLine() != null) p.put("old_line", position.oldLine());
      if (position.newLine() != null) p.put("new_line", position.newLine());
    }
    return discussion(json(write(project, () -> call("POST", mr(project, iid) + "/discussions", b, Mode.CREATE))));
  }

  @Override
  public void resolveDiscussion(String project, long iid, String discussionId, boolean resolved) {
    ObjectNode b = JSON.createObjectNode().put("resolved", resolved);
    write(project, () -> call("PUT", mr(project, iid) + "/discussions/" + enc(discussionId), b, Mode.IDEMPOTENT));
  }

  @Override
  public void editDiscussionNote(String project, long iid, String discussionId, long noteId, String body) {
    ObjectNode b = JSON.createObjectNode().put("body", body);
    write(project, () -> call("PUT", mr(project, iid) + "/discussions/" + enc(discussionId) + "/notes/" + noteId, b, Mode.IDEMPOTENT));
  }

  // ---- notes ----

  @Override
  public List<Note> notes(String project, long iid) {
    return pages(mr(project, iid) + "/notes?sort=asc&order_by=created_at", Mode.READ,
        n -> new Note(n.path("id").asLong(), n.path("author").path("username").asText(null), text(n, "body"), n.path("system").asBoolean()));
  }

  @Override
  public int accessLevel(String project, String username) {
    int level = 0;
    for (JsonNode m : pages(project(project) + "/members/all?query=" + enc(username), Mode.READ, m -> m)) {
      // the query also matches names and other usernames that contain it: only the exact username counts
      if (username.equalsIgnoreCase(m.path("username").asText())) level = Math.max(level, m.path("access_level").asInt(0));
    }
    return level;
  }

  @Override
  public long createNote(String project, long iid, String body) {
    ObjectNode b = JSON.createObjectNode().put("body", body);
    return json(write(project, () -> call("POST", mr(project, iid) + "/notes", b, Mode.CREATE))).path("id").asLong();
  }

  @Override
  public void editNote(String project, long iid, long noteId, String body) {
    ObjectNode b = JSON.createObjectNode().put("body", body);
    write(project, () -> call("PUT", mr(project, iid) + "/notes/" + noteId, b, Mode.IDEMPOTENT));
  }

  // ---- plumbing ----

  private static Discussion discussion(JsonNode n) {
    List<DiscussionNote> notes = new ArrayList<>();
    for (JsonNode x : n.path("notes")) {
      JsonNode p = x.path("position");
      Position position = p.isObject() ? new Position(text(p, "base_sha"), text(p, "start_sha"), text(p, "head_sha"), text(p, "old_path"),
          text(p, "new_path"), p.hasNonNull("old_line") ? p.get("old_line").asInt() : null, p.hasNonNull("new_line") ? p.get("new_line").asInt() : null)
          : null;
      notes.add(new DiscussionNote(x.path("id").asLong(), text(x, "type"), x.path("author").path("username").asText(null), text(x, "body"),
          x.path("system").asBoolean(), x.path("resolvable").asBoolean(), x.path("resolved").asBoolean(), position));
    }
    return new Discussion(text(n, "id"), n.path("individual_note").asBoolean(), List.copyOf(notes));
  }

  private static String mr(String project, long iid) {
    return project(project) + "/merge_requests/" + iid;
  }

  private static String project(String project) {
    return "/projects/" + enc(project);
  }

  /** Path segment or query value encoding; {@code /} becomes {@code %2F} as GitLab wants for namespaced paths and file paths. */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A time GitLab wrote (ISO 8601), or null when absent or unreadable: it only orders events, never fails a read. */
  private static java.time.Instant instant(String iso) {
    try {
      return iso == null ? null : java.time.OffsetDateTime.parse(iso).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void putIf(ObjectNode n, String field, String value) {
    if (value != null) n.put(field, value);
  }

  private record Response(int status, byte[] body, HttpResponse<byte[]> raw) {}

  private static JsonNode json(Response r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new GitLabException(r.status(), "GitLab answered with a body that is not JSON", null, e);
    }
  }

  private static Optional<byte[]> optional(Response r) {
    return r == null ? Optional.empty() : Optional.of(r.body());
  }

  private <T> List<T> pages(String path, Mode mode, Function<JsonNode, T> map) {
    List<T> all = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    String page = "1";
    while (page != null && !page.isEmpty()) {
      Response r = call("GET", path + sep + "per_page=100&page=" + page, null, mode);
      JsonNode n = json(r);
      if (!n.isArray()) throw new GitLabException(r.status(), "GET " + path + ": expected a JSON array");
      n.forEach(x -> all.add(map.apply(x)));
      page = r.raw().headers().firstValue("x-next-page").orElse(null);
    }
    return all;
  }

  private interface Call {
    Response run();
  }

  /** One write to {@code project} at a time, at least {@link Settings#writePause()} after the previous one ended. */
  private Response write(String project, Call call) {
    Pace pace = paces.computeIfAbsent(project, p -> new Pace());
    pace.lock.lock();
    try {
      if (pace.last != null && !settings.writePause().isZero()) {
        Duration since = Duration.between(pace.last, clock.instant());
        if (since.compareTo(settings.writePause()) < 0) sleep(settings.writePause().minus(since));
      }
      return call.run();
    } finally {
      pace.last = clock.instant();
      pace.lock.unlock();
    }
  }

  /**
   * Sends one request with the retries {@code mode} allows; returns the response, or null for a 404 of a raw file
   * read (absent). Throws {@link GitLabException} otherwise.
   */
  private Response call(String method, String path, JsonNode body, Mode mode) {
    String what = method + " " + path.replaceAll("[?].*", "");
    int fresh404 = 0;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(settings.timeout())
          .header("PRIVATE-TOKEN", settings.token()).header("Accept", "application/json").header("User-Agent", "vetter");
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<byte[]> res;
      try {
        res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // a timeout or reset after sending may still have created the object
        if (mode != Mode.CREATE && attempt < settings.maxAttempts()) {
          Log.info("gitlab: " + what + " failed (" + e.getClass().getSimpleName() + "), retrying");
          sleep(backoff(attempt));
          continue;
        }
        throw new GitLabException(0, what + ": " + describe(e), null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitLabException(0, what + ": interrupted", null, e);
      }
      int status = res.statusCode();
      if (status >= 200 && status < 300) return new Response(status, res.body(), res);
      if (status == 429) {
        Duration wait = rateLimitWait(res);
        if (attempt < settings.maxAttempts() && wait.compareTo(settings.maxRetryWait()) <= 0) {
          Log.info("gitlab: " + what + " rate limited, waiting " + wait.toSeconds() + " s");
          sleep(wait);
          continue;
        }
        throw new GitLabException(429, what + ": rate limited by GitLab (" + reason(res) + ")", wait, null);
      }
      if (status >= 500 && mode != Mode.CREATE && attempt < settings.maxAttempts()) {
        Log.info("gitlab: " + what + " answered " + status + ", retrying");
        sleep(backoff(attempt));
        continue;
      }
      if (status == 404 && mode == Mode.READ_FRESH && fresh404 < FRESH_404_RETRIES) {
        fresh404++;
        attempt--; // a 404 retry does not use up the attempts meant for server errors
        sleep(backoff(fresh404));
        continue;
      }
      if (status == 404 && method.equals("GET") && path.contains("/raw")) return null;
      throw new GitLabException(status, what + ": " + status + " " + reason(res));
    }
  }

  private Duration backoff(int attempt) {
    return settings.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  /** {@code Retry-After} (seconds or an HTTP date), else {@code RateLimit-Reset} (epoch seconds), else the backoff. */
  private Duration rateLimitWait(HttpResponse<?> res) {
    Optional<String> after = res.headers().firstValue("retry-after");
    if (after.isPresent()) {
      String v = after.get().strip();
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
      } catch (NumberFormatException e) {
        try {
          Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return positive(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException ignored) {
          // fall through to the reset header
        }
      }
    }
    Optional<String> reset = res.headers().firstValue("ratelimit-reset");
    if (reset.isPresent()) {
      try {
        return positive(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.get().strip()))));
      } catch (NumberFormatException ignored) {
        // use the backoff
      }
    }
    return settings.backoff();
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitLabException(0, "interrupted while waiting to retry", null, e);
    }
  }

  /** GitLab's own reason ({@code message} or {@code error}), shortened; GitLab's text is untrusted, so only one line of it. */
  private static String reason(HttpResponse<byte[]> res) {
    String text = new String(res.body(), StandardCharsets.UTF_8);
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.has("message")) text = n.get("message").toString();
      else if (n != null && n.has("error")) text = n.get("error").asText();
    } catch (IOException ignored) {
      // not JSON: keep the text
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static String describe(IOException e) {
    return e instanceof java.net.http.HttpTimeoutException ? "timed out" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

}
