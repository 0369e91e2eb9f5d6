package dev.vetter.github.fake;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful GitHub on loopback for tests, held to GitHub's published contract: every request is checked against
 * the official OpenAPI description ({@link OpenApiDescription}, npm {@code @octokit/openapi}) and every GraphQL
 * document against GitHub's public schema ({@link GraphQlSchema}); a request GitHub would not accept is answered
 * 422 and recorded in {@link #violations()}, which a test asserts empty. Answers start from the description's own
 * examples, filled in from the state, and are themselves validated against the operation's response schema.
 *
 * <p>Seed it ({@link #repo}, {@link Repo#pull}, {@link #app}, {@link #installation}, {@link #userToken}), point the
 * client at {@link #apiUrl()}, then read what was posted ({@link Repo#checkRuns()}, {@link Repo#reviewComments},
 * {@link Repo#threads}, {@link #requests()}) and inject faults ({@link #fail}). Thread-safe (one lock for the state).
 */
public final class FakeGitHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** One request as received (the Authorization header is reduced to its scheme). */
  public record Recorded(String method, String path, Map<String, List<String>> query, JsonNode body, String operation, int status) {
    public boolean write() {
      return !method.equals("GET") && !(operation.equals("graphql") && !body.path("query").asText().strip().startsWith("mutation"));
    }
  }

  /** What a fault does to a matching request. */
  public sealed interface Fault {
    /** Answer with this status (and GitHub's message for it). */
    record Status(int status) implements Fault {}

    /** 403 "You have exceeded a secondary rate limit" with {@code retry-after}. */
    record SecondaryRateLimit(long retryAfterSeconds) implements Fault {}

    /** 403 with {@code x-ratelimit-remaining: 0} and a reset this far from now. */
    record RateLimitExhausted(long resetInSeconds) implements Fault {}

    /** Wait this long before answering normally (the client's timeout should fire first). */
    record Slow(Duration delay) implements Fault {}

    /** Answer normally, but report {@code x-ratelimit-remaining: 0} with a reset this far from now. */
    record LastOfBudget(long resetInSeconds) implements Fault {}

    /** Carry the request out, then answer this status anyway (a write that happened although GitHub said 5xx). */
    record AfterWrite(int status) implements Fault {}

    /** Answer with this status and this {@code message}. */
    record Message(int status, String message) implements Fault {}

    public static Fault status(int status) {
      return new Status(status);
    }
  }

  private record Armed(String method, Pattern path, int[] remaining, Fault fault) {}

  private record Identity(String login, String type, String installation, long id) {}

  private record Token(Identity identity, Instant expiresAt) {}

  private final Object lock = new Object();
  private final OpenApiDescription openapi;
  private final GraphQlSchema graphqlSchema;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String prefix;
  private final String graphqlPath;
  private volatile Supplier<Instant> clock = Instant::now;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Armed> faults = new CopyOnWriteArrayList<>();
  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Set<String>> installations = new LinkedHashMap<>();
  private final Map<String, Integer> tokensIssued = new HashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger writesInFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxWritesInFlight = new java.util.concurrent.atomic.AtomicInteger();
  private long appId;
  private String appSlug;
  private RSAPublicKey appKey;

  private FakeGitHub(boolean ghes) throws IOException {
    this.openapi = OpenApiDescription.load();
    this.graphqlSchema = GraphQlSchema.load();
    this.prefix = ghes ? "/api/v3" : "";
    this.graphqlPath = ghes ? "/api/graphql" : "/graphql";
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A fake api.github.com; skips the calling test when the OpenAPI description or GraphQL schema cannot be fetched. */
  public static FakeGitHub start() {
    return start(false);
  }

  /** With {@code ghes} the API lives under {@code /api/v3} and GraphQL at {@code /api/graphql}, as on GitHub Enterprise Server. */
  public static FakeGitHub start(boolean ghes) {
    try {
      return new FakeGitHub(ghes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake GitHub: " + e.getMessage(), e);
    }
  }

  /** The REST base URL to give the client. */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  /** The clock tokens and JWTs are checked against (default: the system clock). */
  public FakeGitHub clock(Supplier<Instant> clock) {
    this.clock = requireNonNull(clock, "clock == null");
    return this;
  }

  // ---- seeding ----

  /** Registers the GitHub App whose JWTs are accepted (verified with {@code publicKey}). */
  public FakeGitHub app(long id, String slug, RSAPublicKey publicKey) {
    synchronized (lock) {
      this.appId = id;
      this.appSlug = slug;
      this.appKey = publicKey;
    }
    return this;
  }

  /** An installation of the App with access to {@code repositories} ({@code owner/name}, created when new). */
  public FakeGitHub installation(String id, String... repositories) {
    synchronized (lock) {
      Set<String> set = installations.computeIfAbsent(id, k -> new LinkedHashSet<>());
      for (String r : repositories) {
        repo(r);
        set.add(r.toLowerCase(Locale.ROOT));
      }
    }
    return this;
  }

  /** A personal access token of user {@code login} that sees every repository; returns the token. */
  public String userToken(String login) {
    String token = "ghp_" + randomish(36);
    synchronized (lock) {
      tokens.put(token, new Token(new Identity(login, "User", null, ids.incrementAndGet()), Instant.MAX));
    }
    return token;
  }

  /** The repository {@code owner/name}, created empty when new. */
  public Repo repo(String fullName) {
    synchronized (lock) {
      return repos.computeIfAbsent(fullName.toLowerCase(Locale.ROOT), k -> new Repo(fullName, ids.incrementAndGet()));
    }
  }

  // ---- observing ----

  /** Every request received, in order. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Requests that change something (REST writes and GraphQL mutations; installation tokens excluded). */
  public List<Recorded> writes() {
    return requests.stream().filter(Recorded::write).filter(r -> !r.operation().equals("apps/create-installation-access-token")).toList();
  }

  /** Requests (or fake answers) that break GitHub's published contract; a test asserts this is empty. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** How many installation tokens were issued for {@code installation}. */
  public int tokensIssued(String installation) {
    synchronized (lock) {
      return tokensIssued.getOrDefault(installation, 0);
    }
  }

  /** The most requests that were in flight at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** The most REST writes (POST/PATCH/PUT/DELETE, installation tokens aside) that were in flight at once. */
  public int maxWritesInFlight() {
    return maxWritesInFlight.get();
  }

  /** Revokes every installation token issued so far (the next use answers 401 Bad credentials). */
  public void revokeInstallationTokens() {
    synchronized (lock) {
      tokens.values().removeIf(t -> t.identity.installation != null);
    }
  }

  /** Forgets the requests recorded so far (violations are kept). */
  public void clearRequests() {
    requests.clear();
  }

  /**
   * The next {@code times} requests with this method (null: any) whose path (after the API prefix, without query)
   * matches {@code pathRegex} get {@code fault}. For GraphQL the path is {@code /graphql}.
   */
  public FakeGitHub fail(String method, String pathRegex, int times, Fault fault) {
    faults.add(new Armed(method, Pattern.compile(pathRegex), new int[] {times}, fault));
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- the state ----

  /** A repository and everything Vetter reads and writes in it. */
  public final class Repo {
    final String fullName;
    final long id;
    final Map<Long, Pull> pulls = new TreeMap<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    final Map<String, Map<String, byte[]>> contents = new HashMap<>();
    final List<ObjectNode> checkRuns = new ArrayList<>();
    final Map<Long, List<ObjectNode>> annotations = new HashMap<>();
    final List<ObjectNode> statuses = new ArrayList<>();
    final List<ObjectNode> reviews = new ArrayList<>();
    final List<ObjectNode> reviewComments = new ArrayList<>();
    final List<ObjectNode> issueComments = new ArrayList<>();
    final List<ReviewThreadState> threads = new ArrayList<>();
    final Map<String, String> mergeBases = new HashMap<>();
    /** Collaborators' role names (read, triage, write, maintain, admin); anyone else is not a collaborator. */
    final Map<String, String> roles = new HashMap<>();

    Repo(String fullName, long id) {
      this.fullName = fullName;
      this.id = id;
    }

    public String fullName() {
      return fullName;
    }

    /** Pull request {@code number}, created (open, base main, head topic) when new. */
    public Pull pull(long number) {
      synchronized (lock) {
        return pulls.computeIfAbsent(number, n -> new Pull(this, n));
      }
    }

    /** Stores a blob; returns its git sha. */
    public String blob(byte[] content) {
      String sha = gitBlobSha(content);
      synchronized (lock) {
        blobs.put(sha, content.clone());
      }
      return sha;
    }

    /** A file's content at {@code ref} (a branch name or commit sha), for the contents API. */
    public Repo file(String ref, String path, byte[] content) {
      blob(content);
      synchronized (lock) {
        contents.computeIfAbsent(ref, k -> new TreeMap<>()).put(path, content.clone());
      }
      return this;
    }

    /** The merge base {@code compare/base...head} reports (default: {@code base} itself, as when head is ahead of it). */
    public Repo mergeBase(String base, String head, String mergeBase) {
      synchronized (lock) {
        mergeBases.put(base + "..." + head, mergeBase);
      }
      return this;
    }

    /** A reply by a person in the thread of review comment {@code inReplyTo}; returns the new comment's id. */
    public long reply(long number, long inReplyTo, String login, String body) {
      synchronized (lock) {
        ObjectNode parent = reviewComment(inReplyTo);
        if (parent == null) throw new IllegalArgumentException("no review comment " + inReplyTo);
        ObjectNode c = newReviewComment(number, new Identity(login, "User", null, 7), parent.path("commit_id").asText(), parent.path("path").asText(),
            parent.path("line").isNull() ? null : parent.path("line").asInt(), parent.path("side").asText("RIGHT"), body, 0);
        c.put("in_reply_to_id", inReplyTo);
        for (ReviewThreadState t : threads) if (t.commentIds.contains(inReplyTo)) t.commentIds.add(c.get("id").asLong());
        return c.get("id").asLong();
      }
    }

    /** Makes {@code login} a collaborator with {@code roleName} (read, triage, write, maintain or admin). */
    public Repo role(String login, String roleName) {
      synchronized (lock) {
        roles.put(login.toLowerCase(Locale.ROOT), roleName);
      }
      return this;
    }

    /** Makes a review comment's thread outdated (its line left the diff after a push). */
    public void outdate(long commentId) {
      synchronized (lock) {
        for (ReviewThreadState t : threads) {
          if (t.commentIds.contains(commentId)) {
            t.outdated = true;
            for (long id : t.commentIds) reviewComment(id).putNull("line");
          }
        }
      }
    }

    public List<JsonNode> checkRuns() {
      synchronized (lock) {
        return copies(checkRuns);
      }
    }

    /** Every annotation sent for check run {@code id}, in order. */
    public List<JsonNode> annotations(long checkRunId) {
      synchronized (lock) {
        return copies(annotations.getOrDefault(checkRunId, List.of()));
      }
    }

    /** Commit statuses as GitHub answered them, plus {@code sha_}: the commit each was set on. */
    public List<JsonNode> statuses() {
      synchronized (lock) {
        return copies(statuses);
      }
    }

    /** Reviews of a pull request as GitHub answered them (plus {@code pull_number_}). */
    public List<JsonNode> reviews(long number) {
      synchronized (lock) {
        return copies(reviews.stream().filter(r -> r.path("pull_number_").asLong() == number).toList());
      }
    }

    public List<JsonNode> reviewComments(long number) {
      synchronized (lock) {
        return copies(reviewComments.stream().filter(r -> pullOf(r) == number).toList());
      }
    }

    public List<JsonNode> issueComments(long number) {
      synchronized (lock) {
        return copies(issueComments.stream().filter(r -> r.path("issue_url").asText().endsWith("/issues/" + number)).toList());
      }
    }

    /** Review threads of a pull request: id, resolved, outdated, comment ids. */
    public List<ThreadView> threads(long number) {
      synchronized (lock) {
        return threads.stream().filter(t -> t.pull == number)
            .map(t -> new ThreadView(t.id, t.resolved, t.outdated, List.copyOf(t.commentIds))).toList();
      }
    }

    ObjectNode reviewComment(long id) {
      for (ObjectNode c : reviewComments) if (c.path("id").asLong() == id) return c;
      return null;
    }

    ObjectNode newReviewComment(long number, Identity who, String commitId, String path, Integer line, String side, String body, long reviewId) {
      long id = ids.incrementAndGet();
      ObjectNode c = template("pulls/list-review-comments", "GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", 200, true);
      c.put("id", id);
      c.put("node_id", "PRRC_" + id);
      c.put("pull_request_review_id", reviewId);
      c.put("body", body);
      c.put("path", path);
      c.put("commit_id", commitId);
      c.put("original_commit_id", commitId);
      if (line == null) c.putNull("line");
      else c.put("line", line);
      if (line != null) c.put("original_line", line);
      c.put("side", side);
      c.remove("in_reply_to_id");
      c.remove("start_line");
      c.remove("original_start_line");
      c.remove("start_side");
      c.set("user", user(who));
      c.put("url", apiUrl() + "/repos/" + fullName + "/pulls/comments/" + id);
      c.put("html_url", "https://github.com/" + fullName + "/pull/" + number + "#discussion_r" + id);
      c.put("pull_request_url", apiUrl() + "/repos/" + fullName + "/pulls/" + number);
      reviewComments.add(c);
      return c;
    }

    long pullOf(JsonNode comment) {
      String url = comment.path("pull_request_url").asText();
      return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }
  }

  /** A review thread as a test sees it. */
  public record ThreadView(String id, boolean resolved, boolean outdated, List<Long> commentIds) {}

  static final class ReviewThreadState {
    final String id;
    final long pull;
    boolean resolved;
    boolean outdated;
    final List<Long> commentIds = new ArrayList<>();

    ReviewThreadState(String id, long pull) {
      this.id = id;
      this.pull = pull;
    }
  }

  /** A pull request; setters return this for chaining. */
  public final class Pull {
    final Repo repo;
    final long number;
    String state = "open";
    boolean draft;
    boolean merged;
    String title = "A change";
    String body = "";
    String author = "octocat";
    String baseRef = "main";
    String baseSha = "0000000000000000000000000000000000000001";
    String headRef = "topic";
    String headSha = "0000000000000000000000000000000000000002";
    String headRepo;
    /** GitHub's {@code updated_at}: moves a minute with every push. */
    java.time.Instant updatedAt = java.time.Instant.parse("2024-05-01T10:00:00Z");
    private boolean headSet;
    final List<ObjectNode> files = new ArrayList<>();
    final List<ObjectNode> commits = new ArrayList<>();

    Pull(Repo repo, long number) {
      this.repo = repo;
      this.number = number;
      this.headRepo = repo.fullName;
    }

    public Pull title(String value) {
      synchronized (lock) {
        title = value;
      }
      return this;
    }

    public Pull body(String value) {
      synchronized (lock) {
        body = value;
      }
      return this;
    }

    public Pull author(String login) {
      synchronized (lock) {
        author = login;
      }
      return this;
    }

    public Pull draft(boolean value) {
      synchronized (lock) {
        draft = value;
      }
      return this;
    }

    /** open or closed; {@code merged} closes it. */
    public Pull state(String value, boolean isMerged) {
      synchronized (lock) {
        state = value;
        merged = isMerged;
      }
      return this;
    }

    public Pull base(String ref, String sha) {
      synchronized (lock) {
        baseRef = ref;
        baseSha = sha;
      }
      return this;
    }

    /** The head branch and commit: a push moves it. */
    public Pull head(String ref, String sha) {
      synchronized (lock) {
        if (headSet && !headSha.equals(sha)) updatedAt = updatedAt.plusSeconds(60);
        headSet = true;
        headRef = ref;
        headSha = sha;
      }
      return this;
    }

    /** The head lives in a fork ({@code owner/name}); null for a deleted fork. */
    public Pull headRepo(String fullName) {
      synchronized (lock) {
        headRepo = fullName;
      }
      return this;
    }

    /**
     * A changed file: {@code status} added, removed, modified or renamed; {@code patch} the unified diff hunks GitHub
     * shows (null for a binary file); {@code headContent} its bytes at the head (null when removed), stored as a blob
     * and under the contents API at the head sha. Additions and deletions are counted from the patch.
     */
    public Pull file(String filename, String status, String patch, byte[] headContent) {
      synchronized (lock) {
        files.removeIf(f -> f.path("filename").asText().equals(filename));
        ObjectNode f = F.objectNode();
        String sha = headContent == null ? "0000000000000000000000000000000000000000" : repo.blob(headContent);
        if (headContent != null) repo.contents.computeIfAbsent(headSha, k -> new TreeMap<>()).put(filename, headContent.clone());
        int add = 0;
        int del = 0;
        if (patch != null) {
          for (String line : patch.split("\n", -1)) {
            if (line.startsWith("+")) add++;
            else if (line.startsWith("-")) del++;
          }
        }
        f.put("sha", sha);
        f.put("filename", filename);
        f.put("status", status);
        f.put("additions", add);
        f.put("deletions", del);
        f.put("changes", add + del);
        f.put("blob_url", "https://github.com/" + repo.fullName + "/blob/" + headSha + "/" + filename);
        f.put("raw_url", "https://github.com/" + repo.fullName + "/raw/" + headSha + "/" + filename);
        f.put("contents_url", apiUrl() + "/repos/" + repo.fullName + "/contents/" + filename + "?ref=" + headSha);
        if (patch != null) f.put("patch", patch);
        files.add(f);
      }
      return this;
    }

    /** The previous name of a renamed file. */
    public Pull renamedFrom(String filename, String previous) {
      synchronized (lock) {
        for (ObjectNode f : files) if (f.path("filename").asText().equals(filename)) f.put("previous_filename", previous);
      }
      return this;
    }

    /** A commit of the pull request. */
    public Pull commit(String sha, String message, String... parents) {
      synchronized (lock) {
        ObjectNode c = template("pulls/list-commits", "GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", 200, true);
        c.put("sha", sha);
        c.put("node_id", "C_" + sha.substring(0, Math.min(8, sha.length())));
        ObjectNode commit = (ObjectNode) c.get("commit");
        commit.put("message", message);
        ArrayNode ps = c.putArray("parents");
        for (String p : parents) ps.addObject().put("sha", p).put("url", apiUrl() + "/repos/" + repo.fullName + "/commits/" + p);
        commits.add(c);
      }
      return this;
    }

    /** Lines of the diff a review comment may be on: "RIGHT:n" and "LEFT:n" for each file. */
    Set<String> diffLines(String path) {
      for (ObjectNode f : files) {
        if (!f.path("filename").asText().equals(path)) continue;
        Set<String> out = new LinkedHashSet<>();
        String patch = f.path("patch").asText(null);
        if (patch == null) return out;
        Matcher h = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@").matcher("");
        int left = 0;
        int right = 0;
        for (String line : patch.split("\n", -1)) {
          if (h.reset(line).find()) {
            left = Integer.parseInt(h.group(1));
            right = Integer.parseInt(h.group(2));
          } else if (line.startsWith("+")) {
            out.add("RIGHT:" + right++);
          } else if (line.startsWith("-")) {
            out.add("LEFT:" + left++);
          } else if (line.startsWith(" ") || line.isEmpty()) {
            out.add("RIGHT:" + right++);
            out.add("LEFT:" + left++);
          }
        }
        return out;
      }
      return null;
    }
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    boolean write = !ex.getRequestMethod().equals("GET") && !ex.getRequestURI().getRawPath().equals(graphqlPath)
        && !ex.getRequestURI().getRawPath().endsWith("/access_tokens");
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    if (write) maxWritesInFlight.accumulateAndGet(writesInFlight.incrementAndGet(), Math::max);
    counting.put(ex, write);
    try {
      serve(ex);
    } finally {
      leave(ex);
    }
  }

  // exchanges still counted as in flight (HttpExchange attributes are shared by the whole context, so not those)
  private final Map<HttpExchange, Boolean> counting = new java.util.concurrent.ConcurrentHashMap<>();

  // a request stops counting as in flight just before its answer goes out: once the client has the answer it may
  // send the next write, which must not overlap this one in the count
  private void leave(HttpExchange ex) {
    Boolean write = counting.remove(ex);
    if (write == null) return;
    inFlight.decrementAndGet();
    if (write) writesInFlight.decrementAndGet();
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String rawPath = ex.getRequestURI().getRawPath();
      byte[] body = readAll(ex.getRequestBody());
      Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
      JsonNode json = null;
      if (body.length > 0) {
        try {
          json = JSON.readTree(body);
        } catch (IOException e) {
          json = F.textNode(new String(body, StandardCharsets.UTF_8));
        }
      }
      if (rawPath.equals(graphqlPath)) {
        Answer a = faultOr(method, "/graphql", () -> graphql(ex, method, body));
        requests.add(new Recorded(method, "/graphql", query, json, "graphql", a.status));
        send(ex, a);
        return;
      }
      if (!rawPath.startsWith(prefix + "/")) {
        violations.add(method + " " + rawPath + ": not under the API prefix " + prefix);
        send(ex, new Answer(404, message("Not Found")));
        return;
      }
      String path = rawPath.substring(prefix.length());
      String decoded = decodePath(path);
      OpenApiDescription.Operation op = openapi.find(method, decoded);
      if (op == null) {
        violations.add(method + " " + decoded + ": no such operation in GitHub's OpenAPI description");
        requests.add(new Recorded(method, decoded, query, json, "?", 404));
        send(ex, new Answer(404, message("Not Found")));
        return;
      }
      Matcher m = op.pattern().matcher(decoded);
      m.matches();
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < op.pathParams().size(); i++) params.put(op.pathParams().get(i), m.group(i + 1));
      List<String> problems = openapi.checkRequest(op, params, query, ex.getRequestHeaders(), body);
      Answer a;
      if (!problems.isEmpty()) {
        violations.addAll(problems);
        ObjectNode err = message("fake GitHub: the request breaks GitHub's OpenAPI description");
        ArrayNode errors = err.putArray("errors");
        problems.forEach(errors::add);
        a = new Answer(422, err);
      } else {
        JsonNode finalJson = json;
        a = faultOr(method, decoded, () -> route(ex, op, params, query, finalJson));
        if (a.status >= 200 && a.status < 300 && !a.fault) {
          for (String p : openapi.checkResponse(op, a.status, a.body)) violations.add("fake answer: " + p);
        }
      }
      requests.add(new Recorded(method, decoded, query, json, op.id(), a.status));
      send(ex, a);
    } catch (RuntimeException e) {
      violations.add("fake GitHub failed: " + e);
      throw e;
    }
  }

  private static final class Answer {
    final int status;
    final JsonNode body;
    final Map<String, String> headers = new LinkedHashMap<>();
    boolean fault;
    long remaining = 4999;
    long resetIn = 3600;

    Answer(int status, JsonNode body) {
      this.status = status;
      this.body = body;
    }
  }

  private Answer faultOr(String method, String path, Supplier<Answer> normal) {
    for (Armed f : faults) {
      if (f.method != null && !f.method.equals(method)) continue;
      if (!f.path.matcher(path).matches()) continue;
      synchronized (f.remaining) {
        if (f.remaining[0] <= 0) continue;
        f.remaining[0]--;
      }
      switch (f.fault) {
        case Fault.Slow s -> {
          try {
            Thread.sleep(s.delay());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return normal.get();
        }
        case Fault.Status s -> {
          Answer a = new Answer(s.status(), message(switch (s.status()) {
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 422 -> "Validation Failed";
            case 502 -> "Server Error";
            default -> "Error " + s.status();
          }));
          a.fault = true;
          return a;
        }
        case Fault.AfterWrite s -> {
          normal.get();
          Answer a = new Answer(s.status(), message("Server Error"));
          a.fault = true;
          return a;
        }
        case Fault.Message s -> {
          Answer a = new Answer(s.status(), message(s.message()));
          a.fault = true;
          return a;
        }
        case Fault.SecondaryRateLimit s -> {
          Answer a = new Answer(403, message("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
          a.headers.put("retry-after", Long.toString(s.retryAfterSeconds()));
          a.fault = true;
          return a;
        }
        case Fault.RateLimitExhausted s -> {
          Answer a = new Answer(403, message("API rate limit exceeded for installation ID 1."));
          a.remaining = 0;
          a.resetIn = s.resetInSeconds();
          a.fault = true;
          return a;
        }
        case Fault.LastOfBudget s -> {
          Answer a = normal.get();
          a.remaining = 0;
          a.resetIn = s.resetInSeconds();
          return a;
        }
      }
    }
    return normal.get();
  }

  private void send(HttpExchange ex, Answer a) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("x-ratelimit-limit", "5000");
    ex.getResponseHeaders().set("x-ratelimit-remaining", Long.toString(a.remaining));
    ex.getResponseHeaders().set("x-ratelimit-reset", Long.toString(clock.get().getEpochSecond() + a.resetIn));
    a.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    byte[] out = a.body == null ? new byte[0] : JSON.writeValueAsBytes(a.body);
    leave(ex);
    ex.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) ex.getResponseBody().write(out);
  }

  // ---- routes ----

  private Answer route(HttpExchange ex, OpenApiDescription.Operation op, Map<String, String> p, Map<String, List<String>> q, JsonNode body) {
    String id = op.id();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String credential = auth == null ? "" : auth.substring(auth.indexOf(' ') + 1);
    if (id.startsWith("apps/") && !id.equals("apps/list-repos-accessible-to-installation")) {
      String problem = checkJwt(credential);
      if (problem != null) return new Answer(401, message(problem));
      return switch (id) {
        case "apps/get-authenticated" -> app();
        case "apps/list-installations" -> page(ex, q, appInstallations());
        case "apps/create-installation-access-token" -> accessToken(p.get("installation_id"));
        default -> unimplemented(op);
      };
    }
    Identity who;
    synchronized (lock) {
      Token t = tokens.get(credential);
      if (t == null || !clock.get().isBefore(t.expiresAt)) return new Answer(401, message("Bad credentials"));
      who = t.identity;
    }
    if (id.equals("users/get-authenticated")) return new Answer(200, user(who));
    if (id.equals("repos/list-for-authenticated-user")) return page(ex, q, visibleRepos(who));
    if (id.equals("apps/list-repos-accessible-to-installation")) {
      if (who.installation == null) return new Answer(403, message("This endpoint requires an installation token"));
      List<JsonNode> list = visibleRepos(who);
      Answer a = page(ex, q, list);
      ObjectNode wrapped = F.objectNode();
      wrapped.put("total_count", list.size());
      wrapped.set("repositories", a.body);
      Answer w = new Answer(200, wrapped);
      w.headers.putAll(a.headers);
      return w;
    }
    Repo repo;
    synchronized (lock) {
      repo = repos.get((p.get("owner") + "/" + p.get("repo")).toLowerCase(Locale.ROOT));
      if (repo == null || !canSee(who, repo)) return new Answer(404, message("Not Found"));
    }
    synchronized (lock) {
      return switch (id) {
        case "pulls/get" -> pull(repo, p).map(pr -> new Answer(200, pullJson(pr, true))).orElse(notFound());
        case "pulls/list" -> page(ex, q, repo.pulls.values().stream().filter(pr -> stateMatches(pr, q)).map(pr -> (JsonNode) pullJson(pr, false)).toList());
        case "pulls/list-files" -> pull(repo, p).map(pr -> page(ex, q, copies(pr.files))).orElse(notFound());
        case "pulls/list-commits" -> pull(repo, p).map(pr -> page(ex, q, copies(pr.commits))).orElse(notFound());
        case "git/get-blob" -> blob(repo, p.get("file_sha"));
        case "repos/compare-commits-with-basehead" -> compare(repo, p.get("basehead"));
        case "repos/get-content" -> content(repo, p.get("path"), first(q, "ref"));
        case "checks/list-for-ref" -> checkRunsFor(ex, repo, p.get("ref"), q);
        case "checks/create" -> createCheckRun(repo, body, who);
        case "checks/update" -> updateCheckRun(repo, Long.parseLong(p.get("check_run_id")), body);
        case "repos/create-commit-status" -> createStatus(repo, p.get("sha"), body, who);
        case "pulls/list-review-comments" -> pull(repo, p).map(pr -> page(ex, q, copies(repo.reviewComments.stream()
            .filter(c -> repo.pullOf(c) == pr.number).toList()))).orElse(notFound());
        case "pulls/create-review" -> pull(repo, p).map(pr -> createReview(repo, pr, body, who)).orElse(notFound());
        case "pulls/update-review-comment" -> updateComment(repo.reviewComment(Long.parseLong(p.get("comment_id"))), body, who);
        case "issues/list-comments" -> page(ex, q, copies(repo.issueComments.stream()
            .filter(c -> c.path("issue_url").asText().endsWith("/issues/" + p.get("issue_number"))).toList()));
        case "issues/create-comment" -> createIssueComment(repo, Long.parseLong(p.get("issue_number")), body, who);
        case "repos/get-collaborator-permission-level" -> permission(repo, p.get("username"));
        case "pulls/create-reply-for-review-comment" -> pull(repo, p).map(pr -> replyToReviewComment(repo, pr, Long.parseLong(p.get("comment_id")), body, who))
            .orElse(notFound());
        case "issues/update-comment" -> updateComment(issueComment(repo, Long.parseLong(p.get("comment_id"))), body, who);
        default -> unimplemented(op);
      };
    }
  }

  private Answer unimplemented(OpenApiDescription.Operation op) {
    violations.add("the fake GitHub does not implement " + op.id() + " (" + op.method() + " " + op.template() + ")");
    return new Answer(501, message("not implemented by the fake"));
  }

  private static Answer notFound() {
    return new Answer(404, message("Not Found"));
  }

  private java.util.Optional<Pull> pull(Repo repo, Map<String, String> p) {
    return java.util.Optional.ofNullable(repo.pulls.get(Long.parseLong(p.get("pull_number"))));
  }

  private static boolean stateMatches(Pull pr, Map<String, List<String>> q) {
    String state = first(q, "state");
    return state == null || state.equals("all") || state.equals(pr.state);
  }

  private boolean canSee(Identity who, Repo repo) {
    if (who.installation == null) return true;
    return installations.getOrDefault(who.installation, Set.of()).contains(repo.fullName.toLowerCase(Locale.ROOT));
  }

  private List<JsonNode> visibleRepos(Identity who) {
    synchronized (lock) {
      List<JsonNode> out = new ArrayList<>();
      for (Repo r : repos.values()) if (canSee(who, r)) out.add(repoJson(r));
      return out;
    }
  }

  private JsonNode repoJson(Repo r) {
    ObjectNode t = template("repos/list-for-authenticated-user", "GET", "/user/repos", 200, true);
    t.put("id", r.id);
    t.put("node_id", "R_" + r.id);
    t.put("name", r.fullName.substring(r.fullName.indexOf('/') + 1));
    t.put("full_name", r.fullName);
    ((ObjectNode) t.get("owner")).put("login", r.fullName.substring(0, r.fullName.indexOf('/')));
    return t;
  }

  private ObjectNode pullJson(Pull pr, boolean full) {
    ObjectNode t = full ? template("pulls/get", "GET", "/repos/{owner}/{repo}/pulls/{pull_number}", 200, false)
        : template("pulls/list", "GET", "/repos/{owner}/{repo}/pulls", 200, true);
    t.put("id", pr.repo.id * 1000 + pr.number);
    t.put("number", pr.number);
    t.put("state", pr.state);
    t.put("draft", pr.draft);
    t.put("updated_at", pr.updatedAt.toString());
    t.put("title", pr.title);
    t.put("body", pr.body);
    if (pr.merged) t.put("merged_at", "2024-01-01T00:00:00Z");
    else t.putNull("merged_at");
    if (pr.state.equals("open")) t.putNull("closed_at");
    if (full) t.put("merged", pr.merged);
    ((ObjectNode) t.get("user")).put("login", pr.author);
    ObjectNode base = (ObjectNode) t.get("base");
    base.put("ref", pr.baseRef);
    base.put("sha", pr.baseSha);
    base.put("label", pr.repo.fullName.substring(0, pr.repo.fullName.indexOf('/')) + ":" + pr.baseRef);
    ((ObjectNode) base.get("repo")).put("full_name", pr.repo.fullName).put("name", pr.repo.fullName.substring(pr.repo.fullName.indexOf('/') + 1));
    ObjectNode head = (ObjectNode) t.get("head");
    head.put("ref", pr.headRef);
    head.put("sha", pr.headSha);
    if (pr.headRepo == null) head.putNull("repo");
    else ((ObjectNode) head.get("repo")).put("full_name", pr.headRepo).put("name", pr.headRepo.substring(pr.headRepo.indexOf('/') + 1));
    t.put("url", apiUrl() + "/repos/" + pr.repo.fullName + "/pulls/" + pr.number);
    // the description's example lists a team without the 'type' its schema requires
    t.set("requested_teams", F.arrayNode());
    return t;
  }

  private Answer compare(Repo repo, String basehead) {
    int dots = basehead.indexOf("...");
    if (dots <= 0) return new Answer(404, message("Not Found"));
    String base = basehead.substring(0, dots);
    ObjectNode t = template("repos/compare-commits-with-basehead", "GET", "/repos/{owner}/{repo}/compare/{basehead}", 200, false);
    String mergeBase = repo.mergeBases.getOrDefault(basehead, base);
    ((ObjectNode) t.get("merge_base_commit")).put("sha", mergeBase);
    ((ObjectNode) t.get("base_commit")).put("sha", base);
    return new Answer(200, t);
  }

  private Answer blob(Repo repo, String sha) {
    byte[] content = repo.blobs.get(sha);
    if (content == null) return notFound();
    ObjectNode t = template("git/get-blob", "GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", 200, false);
    t.put("content", Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content) + "\n");
    t.put("encoding", "base64");
    t.put("sha", sha);
    t.put("size", content.length);
    t.put("url", apiUrl() + "/repos/" + repo.fullName + "/git/blobs/" + sha);
    t.put("node_id", "B_" + sha.substring(0, 8));
    return new Answer(200, t);
  }

  private Answer content(Repo repo, String path, String ref) {
    Map<String, byte[]> files = repo.contents.get(ref == null ? "main" : ref);
    if (files == null) return notFound();
    byte[] content = files.get(path);
    if (content == null) {
      boolean dir = files.keySet().stream().anyMatch(k -> k.startsWith(path + "/"));
      if (!dir) return notFound();
      ArrayNode list = F.arrayNode();
      for (String k : files.keySet()) {
        if (!k.startsWith(path + "/") || k.indexOf('/', path.length() + 1) >= 0) continue;
        list.add(contentJson(repo, k, files.get(k), ref, false));
      }
      return new Answer(200, list);
    }
    return new Answer(200, contentJson(repo, path, content, ref, true));
  }

  private ObjectNode contentJson(Repo repo, String path, byte[] content, String ref, boolean withContent) {
    ObjectNode t = template("repos/get-content", "GET", "/repos/{owner}/{repo}/contents/{path}", 200, false);
    String sha = gitBlobSha(content);
    t.put("type", "file");
    t.put("name", path.substring(path.lastIndexOf('/') + 1));
    t.put("path", path);
    t.put("sha", sha);
    t.put("size", content.length);
    String self = apiUrl() + "/repos/" + repo.fullName + "/contents/" + path + (ref == null ? "" : "?ref=" + ref);
    t.put("url", self);
    t.put("git_url", apiUrl() + "/repos/" + repo.fullName + "/git/blobs/" + sha);
    ((ObjectNode) t.get("_links")).put("self", self).put("git", apiUrl() + "/repos/" + repo.fullName + "/git/blobs/" + sha);
    if (withContent && content.length > 1024 * 1024) {
      // as GitHub: files of 1-100 MB come without content; read them through the blob
      t.put("encoding", "none");
      t.put("content", "");
    } else if (withContent) {
      t.put("encoding", "base64");
      t.put("content", Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(content) + "\n");
    } else {
      t.remove("encoding");
      t.remove("content");
    }
    return t;
  }

  private Answer checkRunsFor(HttpExchange ex, Repo repo, String ref, Map<String, List<String>> q) {
    String name = first(q, "check_name");
    List<JsonNode> runs = copies(repo.checkRuns.stream().filter(c -> c.path("head_sha").asText().equals(ref))
        .filter(c -> name == null || c.path("name").asText().equals(name)).toList());
    Answer a = page(ex, q, runs);
    ObjectNode out = F.objectNode();
    out.put("total_count", runs.size());
    out.set("check_runs", a.body);
    Answer w = new Answer(200, out);
    w.headers.putAll(a.headers);
    return w;
  }

  private Answer createCheckRun(Repo repo, JsonNode body, Identity who) {
    Answer invalid = checkRunRules(body);
    if (invalid != null) return invalid;
    long id = ids.incrementAndGet();
    ObjectNode t = template("checks/create", "POST", "/repos/{owner}/{repo}/check-runs", 201, false);
    t.put("id", id);
    t.put("node_id", "CR_" + id);
    t.put("name", body.path("name").asText());
    t.put("head_sha", body.path("head_sha").asText());
    t.put("status", "queued");
    t.putNull("conclusion");
    t.putNull("completed_at");
    t.put("url", apiUrl() + "/repos/" + repo.fullName + "/check-runs/" + id);
    if (body.has("external_id")) t.put("external_id", body.get("external_id").asText());
    else t.put("external_id", "");
    ((ObjectNode) t.get("output")).put("annotations_count", 0).putNull("title").putNull("summary").putNull("text");
    if (who.installation != null) ((ObjectNode) t.get("app")).put("id", appId).put("slug", appSlug);
    t.set("pull_requests", F.arrayNode());
    repo.checkRuns.add(t);
    apply(repo, t, body);
    return new Answer(201, t.deepCopy());
  }

  private Answer updateCheckRun(Repo repo, long id, JsonNode body) {
    ObjectNode run = null;
    for (ObjectNode c : repo.checkRuns) if (c.path("id").asLong() == id) run = c;
    if (run == null) return notFound();
    Answer invalid = checkRunRules(body);
    if (invalid != null) return invalid;
    apply(repo, run, body);
    return new Answer(200, run.deepCopy());
  }

  /** Rules GitHub enforces beyond the schema (its 422s). */
  private static Answer checkRunRules(JsonNode body) {
    if ("completed".equals(body.path("status").asText()) && !body.hasNonNull("conclusion")) {
      return new Answer(422, validation("Missing conclusion: a completed check run needs one"));
    }
    JsonNode annotations = body.path("output").path("annotations");
    if (annotations.size() > 50) return new Answer(422, validation("Only 50 annotations are allowed per request"));
    for (JsonNode a : annotations) {
      if (a.path("start_line").asInt() > a.path("end_line").asInt()) return new Answer(422, validation("start_line must not be after end_line"));
    }
    for (String field : List.of("summary", "text")) {
      if (body.path("output").path(field).asText("").length() > 65_535) return new Answer(422, validation("output." + field + " is too long (maximum is 65535 characters)"));
    }
    return null;
  }

  private void apply(Repo repo, ObjectNode run, JsonNode body) {
    for (String f : List.of("name", "external_id", "details_url")) if (body.has(f)) run.set(f, body.get(f));
    if (body.has("status")) run.put("status", body.get("status").asText());
    if (body.hasNonNull("conclusion")) {
      run.put("conclusion", body.get("conclusion").asText());
      run.put("status", "completed");
      run.put("completed_at", clock.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
    JsonNode output = body.path("output");
    if (output.isObject()) {
      ObjectNode o = (ObjectNode) run.get("output");
      for (String f : List.of("title", "summary", "text")) if (output.has(f)) o.set(f, output.get(f));
      List<ObjectNode> list = repo.annotations.computeIfAbsent(run.path("id").asLong(), k -> new ArrayList<>());
      for (JsonNode a : output.path("annotations")) list.add((ObjectNode) a.deepCopy());
      o.put("annotations_count", list.size());
    }
  }

  private Answer createStatus(Repo repo, String sha, JsonNode body, Identity who) {
    ObjectNode t = template("repos/create-commit-status", "POST", "/repos/{owner}/{repo}/statuses/{sha}", 201, false);
    long id = ids.incrementAndGet();
    t.put("id", id);
    t.put("node_id", "SC_" + id);
    t.put("state", body.path("state").asText());
    t.put("context", body.path("context").asText("default"));
    if (body.hasNonNull("description")) t.put("description", body.get("description").asText());
    else t.putNull("description");
    if (body.hasNonNull("target_url")) t.put("target_url", body.get("target_url").asText());
    else t.putNull("target_url");
    t.put("sha_", sha);
    t.set("creator", user(who));
    repo.statuses.add(t);
    ObjectNode answer = t.deepCopy();
    answer.remove("sha_");
    return new Answer(201, answer);
  }

  private Answer createReview(Repo repo, Pull pr, JsonNode body, Identity who) {
    String event = body.path("event").asText("PENDING");
    String commit = body.path("commit_id").asText(pr.headSha);
    boolean known = commit.equals(pr.headSha) || pr.commits.stream().anyMatch(c -> c.path("sha").asText().equals(commit));
    if (!known) return new Answer(422, validation("commit_id is not part of the pull request"));
    if ((event.equals("REQUEST_CHANGES") || event.equals("COMMENT")) && body.path("body").asText("").isEmpty() && body.path("comments").isEmpty()) {
      return new Answer(422, validation("Review Comment is missing (a body is required for " + event + ")"));
    }
    if (event.equals("APPROVE") && pr.author.equals(who.login)) return new Answer(422, validation("Can not approve your own pull request"));
    for (JsonNode c : body.path("comments")) {
      Set<String> lines = pr.diffLines(c.path("path").asText());
      String side = c.path("side").asText("RIGHT");
      if (lines == null || !c.has("line") || !lines.contains(side + ":" + c.path("line").asInt())) {
        return new Answer(422, validation("Pull request review thread line must be part of the diff"));
      }
      if (c.has("start_line") && !lines.contains(c.path("start_side").asText(side) + ":" + c.path("start_line").asInt())) {
        return new Answer(422, validation("Pull request review thread start line must be part of the diff"));
      }
      if (c.path("body").asText("").length() > 65_536) return new Answer(422, validation("body is too long (maximum is 65536 characters)"));
    }
    long id = ids.incrementAndGet();
    ObjectNode review = template("pulls/create-review", "POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", 200, false);
    review.put("id", id);
    review.put("node_id", "PRR_" + id);
    review.set("user", user(who));
    review.put("body", body.path("body").asText(""));
    review.put("state", switch (event) {
      case "APPROVE" -> "APPROVED";
      case "REQUEST_CHANGES" -> "CHANGES_REQUESTED";
      case "COMMENT" -> "COMMENTED";
      default -> "PENDING";
    });
    review.put("commit_id", commit);
    review.put("pull_request_url", apiUrl() + "/repos/" + repo.fullName + "/pulls/" + pr.number);
    ObjectNode stored = review.deepCopy();
    stored.put("pull_number_", pr.number);
    repo.reviews.add(stored);
    for (JsonNode c : body.path("comments")) {
      ObjectNode rc = repo.newReviewComment(pr.number, who, commit, c.path("path").asText(), c.path("line").asInt(), c.path("side").asText("RIGHT"),
          c.path("body").asText(), id);
      if (c.has("start_line")) rc.put("start_line", c.get("start_line").asInt()).put("start_side", c.path("start_side").asText(c.path("side").asText("RIGHT")));
      ReviewThreadState t = new ReviewThreadState("PRRT_" + ids.incrementAndGet(), pr.number);
      t.commentIds.add(rc.get("id").asLong());
      repo.threads.add(t);
    }
    return new Answer(200, review);
  }

  private Answer updateComment(ObjectNode comment, JsonNode body, Identity who) {
    if (comment == null) return notFound();
    if (!comment.path("user").path("login").asText().equals(who.login)) return new Answer(403, message("Resource not accessible by integration"));
    comment.put("body", body.path("body").asText());
    return new Answer(200, comment.deepCopy());
  }

  private Answer createIssueComment(Repo repo, long number, JsonNode body, Identity who) {
    if (!repo.pulls.containsKey(number)) return notFound();
    long id = ids.incrementAndGet();
    ObjectNode t = template("issues/create-comment", "POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, false);
    t.put("id", id);
    t.put("node_id", "IC_" + id);
    t.put("body", body.path("body").asText());
    t.set("user", user(who));
    t.put("issue_url", apiUrl() + "/repos/" + repo.fullName + "/issues/" + number);
    t.put("url", apiUrl() + "/repos/" + repo.fullName + "/issues/comments/" + id);
    repo.issueComments.add(t);
    return new Answer(201, t.deepCopy());
  }

  /** GitHub answers 404 for a user who is not a collaborator (and not an outside one) of a private repository. */
  private Answer permission(Repo repo, String username) {
    String role = repo.roles.get(username.toLowerCase(Locale.ROOT));
    if (role == null) return notFound();
    ObjectNode t = template("repos/get-collaborator-permission-level", "GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", 200, false);
    // the legacy permission field folds triage into read and maintain into write, as GitHub does
    t.put("permission", switch (role) {
      case "admin" -> "admin";
      case "maintain", "write" -> "write";
      default -> "read";
    });
    t.put("role_name", role);
    if (t.get("user") instanceof ObjectNode u) u.put("login", username).put("role_name", role);
    return new Answer(200, t);
  }

  private Answer replyToReviewComment(Repo repo, Pull pr, long commentId, JsonNode body, Identity who) {
    ObjectNode parent = repo.reviewComment(commentId);
    if (parent == null || repo.pullOf(parent) != pr.number) return notFound();
    ObjectNode c = repo.newReviewComment(pr.number, who, parent.path("commit_id").asText(), parent.path("path").asText(),
        parent.path("line").isNull() ? null : parent.path("line").asInt(), parent.path("side").asText("RIGHT"), body.path("body").asText(), 0);
    c.put("in_reply_to_id", commentId);
    for (ReviewThreadState t : repo.threads) if (t.commentIds.contains(commentId)) t.commentIds.add(c.get("id").asLong());
    ObjectNode answer = c.deepCopy();
    for (var it = answer.fieldNames(); it.hasNext(); ) if (it.next().endsWith("_")) it.remove();
    return new Answer(201, answer);
  }

  private static ObjectNode issueComment(Repo repo, long id) {
    for (ObjectNode c : repo.issueComments) if (c.path("id").asLong() == id) return c;
    return null;
  }

  // ---- the App ----

  private String checkJwt(String credential) {
    RSAPublicKey key;
    long id;
    synchronized (lock) {
      key = appKey;
      id = appId;
    }
    if (key == null) return "A JSON web token could not be decoded";
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(credential);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return "A JSON web token could not be decoded";
    }
    try {
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key))) {
        return "A JSON web token could not be decoded";
      }
    } catch (JOSEException e) {
      return "A JSON web token could not be decoded";
    }
    Instant now = clock.get();
    if (claims.getIssueTime() == null || claims.getExpirationTime() == null) return "'Issued at' and 'Expiration time' claims are required";
    Instant iat = claims.getIssueTime().toInstant();
    Instant exp = claims.getExpirationTime().toInstant();
    if (iat.isAfter(now)) return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.";
    if (!exp.isAfter(now)) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.";
    if (Duration.between(iat, exp).compareTo(Duration.ofMinutes(10)) > 0 || exp.isAfter(now.plus(Duration.ofMinutes(10)))) {
      return "'Expiration time' claim ('exp') is too far in the future";
    }
    if (!Long.toString(id).equals(claims.getIssuer())) return "Integration not found";
    return null;
  }

  private Answer app() {
    ObjectNode t = template("apps/get-authenticated", "GET", "/app", 200, false);
    t.put("id", appId);
    t.put("slug", appSlug);
    t.put("name", appSlug);
    return new Answer(200, t);
  }

  private List<JsonNode> appInstallations() {
    List<JsonNode> out = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<String, Set<String>> i : installations.entrySet()) {
        ObjectNode t = template("apps/list-installations", "GET", "/app/installations", 200, true);
        t.put("id", Long.parseLong(i.getKey()));
        t.put("app_id", appId);
        t.put("app_slug", appSlug);
        // this operation's description says account is allOf [simple-user, enterprise] (both at once, where the
        // installation schema elsewhere says anyOf): give it the enterprise fields as well, so it passes as written
        ObjectNode account = user(new Identity("octo", "Organization", null, 1));
        account.put("slug", "octo");
        t.set("account", account);
        out.add(t);
      }
    }
    return out;
  }

  private Answer accessToken(String installation) {
    synchronized (lock) {
      if (!installations.containsKey(installation)) return notFound();
      String token = "ghs_" + randomish(36);
      Instant expires = clock.get().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      tokens.put(token, new Token(new Identity(appSlug + "[bot]", "Bot", installation, appId + 100_000), expires));
      tokensIssued.merge(installation, 1, Integer::sum);
      ObjectNode t = template("apps/create-installation-access-token", "POST", "/app/installations/{installation_id}/access_tokens", 201, false);
      t.put("token", token);
      t.put("expires_at", expires.toString());
      t.remove("repositories");
      return new Answer(201, t);
    }
  }

  private ObjectNode user(Identity who) {
    ObjectNode t = template("users/get-authenticated", "GET", "/user", 200, false);
    ObjectNode u = F.objectNode();
    // the simple-user fields every embedded user has; /user itself carries more and keeps them
    t.put("login", who.login);
    t.put("id", who.id);
    t.put("node_id", (who.type.equals("Bot") ? "BOT_" : "U_") + who.id);
    t.put("type", who.type);
    u.setAll(t);
    return u;
  }

  // ---- GraphQL ----

  private Answer graphql(HttpExchange ex, String method, byte[] raw) {
    if (!method.equals("POST")) {
      violations.add(method + " " + graphqlPath + ": GraphQL takes POST");
      return new Answer(404, message("Not Found"));
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    Identity who;
    synchronized (lock) {
      Token t = auth == null ? null : tokens.get(auth.substring(auth.indexOf(' ') + 1));
      if (t == null || !clock.get().isBefore(t.expiresAt)) return new Answer(401, message("Bad credentials"));
      who = t.identity;
    }
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      violations.add("GraphQL: the body is not JSON");
      return new Answer(400, message("Problems parsing JSON"));
    }
    GraphQlSchema.Checked checked = graphqlSchema.check(body.path("query").asText(""), body.path("variables"));
    if (!checked.problems().isEmpty()) {
      violations.addAll(checked.problems());
      ObjectNode err = F.objectNode();
      ArrayNode errors = err.putArray("errors");
      for (String p : checked.problems()) errors.addObject().put("message", p);
      return new Answer(200, err);
    }
    var op = checked.operation();
    var field = (graphql.language.Field) op.getSelectionSet().getSelections().get(0);
    JsonNode vars = body.path("variables");
    synchronized (lock) {
      return switch (field.getName()) {
        case "repository" -> reviewThreads(vars, who);
        case "resolveReviewThread", "unresolveReviewThread" -> resolve(vars.path("threadId").asText(), field.getName().equals("resolveReviewThread"), who);
        default -> {
          violations.add("the fake GitHub does not implement GraphQL " + field.getName());
          yield new Answer(200, graphqlError("NOT_IMPLEMENTED", "not implemented by the fake"));
        }
      };
    }
  }

  private Answer reviewThreads(JsonNode vars, Identity who) {
    Repo repo = repos.get((vars.path("owner").asText() + "/" + vars.path("name").asText()).toLowerCase(Locale.ROOT));
    if (repo == null || !canSee(who, repo)) return new Answer(200, graphqlError("NOT_FOUND", "Could not resolve to a Repository"));
    Pull pr = repo.pulls.get(vars.path("number").asLong());
    ObjectNode data = F.objectNode();
    ObjectNode r = data.putObject("data").putObject("repository");
    if (pr == null) {
      r.putNull("pullRequest");
      return new Answer(200, data);
    }
    List<ReviewThreadState> all = repo.threads.stream().filter(t -> t.pull == pr.number).toList();
    int from = vars.hasNonNull("cursor") ? Integer.parseInt(new String(Base64.getDecoder().decode(vars.get("cursor").asText()), StandardCharsets.UTF_8)) : 0;
    int to = Math.min(all.size(), from + 100);
    ObjectNode threads = r.putObject("pullRequest").putObject("reviewThreads");
    threads.putObject("pageInfo").put("hasNextPage", to < all.size())
        .put("endCursor", Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
    ArrayNode nodes = threads.putArray("nodes");
    for (ReviewThreadState t : all.subList(from, to)) {
      ObjectNode n = nodes.addObject();
      n.put("id", t.id).put("isResolved", t.resolved).put("isOutdated", t.outdated);
      ObjectNode comments = n.putObject("comments");
      comments.put("totalCount", t.commentIds.size());
      ObjectNode c = repo.reviewComment(t.commentIds.get(0));
      ObjectNode first = comments.putArray("nodes").addObject();
      first.put("databaseId", c.path("id").asLong()).put("body", c.path("body").asText());
      String login = c.path("user").path("login").asText();
      boolean bot = "Bot".equals(c.path("user").path("type").asText());
      // GraphQL spells a bot's login without the [bot] suffix REST uses
      first.putObject("author").put("__typename", bot ? "Bot" : "User").put("login", bot ? login.replace("[bot]", "") : login);
    }
    return new Answer(200, data);
  }

  private Answer resolve(String threadId, boolean resolve, Identity who) {
    for (Repo repo : repos.values()) {
      for (ReviewThreadState t : repo.threads) {
        if (!t.id.equals(threadId)) continue;
        if (!canSee(who, repo)) break;
        t.resolved = resolve;
        ObjectNode data = F.objectNode();
        data.putObject("data").putObject(resolve ? "resolveReviewThread" : "unresolveReviewThread").putObject("thread")
            .put("id", t.id).put("isResolved", t.resolved);
        return new Answer(200, data);
      }
    }
    return new Answer(200, graphqlError("NOT_FOUND", "Could not resolve to a node with the global id of '" + threadId + "'"));
  }

  private static ObjectNode graphqlError(String type, String message) {
    ObjectNode err = F.objectNode();
    err.putNull("data");
    err.putArray("errors").addObject().put("type", type).put("message", message);
    return err;
  }

  // ---- helpers ----

  /** One page of a list, with GitHub's Link header. */
  private Answer page(HttpExchange ex, Map<String, List<String>> q, List<JsonNode> all) {
    int perPage = Math.min(100, Integer.parseInt(firstOr(q, "per_page", "30")));
    int page = Math.max(1, Integer.parseInt(firstOr(q, "page", "1")));
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    ArrayNode out = F.arrayNode();
    for (JsonNode n : all.subList(from, to)) out.add(n.deepCopy());
    Answer a = new Answer(200, out);
    if (to < all.size()) {
      String base = apiUrl() + ex.getRequestURI().getRawPath().substring(prefix.length());
      StringBuilder qs = new StringBuilder();
      for (Map.Entry<String, List<String>> e : q.entrySet()) {
        if (e.getKey().equals("page")) continue;
        for (String v : e.getValue()) qs.append(qs.isEmpty() ? "" : "&").append(e.getKey()).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
      int last = (all.size() + perPage - 1) / perPage;
      String sep = qs.isEmpty() ? "" : "&";
      a.headers.put("Link", "<" + base + "?" + qs + sep + "page=" + (page + 1) + ">; rel=\"next\", <" + base + "?" + qs + sep + "page=" + last + ">; rel=\"last\"");
    }
    return a;
  }

  /** The description's example answer for an operation (its first item for a list), to fill in. */
  ObjectNode template(String operationId, String method, String path, int status, boolean item) {
    OpenApiDescription.Operation op = openapi.find(method, path.replaceAll("\\{[^}]+}", "x"));
    if (op == null || !op.id().equals(operationId)) op = openapi.find(method, path);
    JsonNode ex = op == null ? null : openapi.example(op, status);
    if (ex != null && item) ex = ex.isArray() ? ex.path(0) : ex;
    if (ex != null && ex.isObject() && ex.has("repositories") && operationId.startsWith("apps/list-repos")) ex = ex.path("repositories").path(0);
    if (ex == null || !ex.isObject()) throw new IllegalStateException("no example for " + operationId + " " + status + " in the OpenAPI description");
    return (ObjectNode) ex.deepCopy();
  }

  private static ObjectNode message(String message) {
    ObjectNode o = F.objectNode();
    o.put("message", message);
    o.put("documentation_url", "https://docs.github.com/rest");
    o.put("status", "");
    o.remove("status");
    return o;
  }

  private static ObjectNode validation(String detail) {
    ObjectNode o = message("Unprocessable Entity");
    o.putArray("errors").add(detail);
    return o;
  }

  private static List<JsonNode> copies(List<? extends JsonNode> list) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : list) out.add(n.deepCopy());
    return out;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String part : raw.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String firstOr(Map<String, List<String>> q, String name, String fallback) {
    String v = first(q, name);
    return v == null ? fallback : v;
  }

  private static String decodePath(String raw) {
    // decode each segment on its own ("+" is a plus in a path, not a space)
    String[] segs = raw.split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < segs.length; i++) {
      if (i > 0) sb.append('/');
      sb.append(URLDecoder.decode(segs[i].replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /** Git's blob id: sha1 of {@code "blob <size>\0" + content}. */
  public static String gitBlobSha(byte[] content) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      md.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      md.update(content);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomish(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }
}
