package dev.vetter.gitlab.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A GitLab on loopback for tests: REST v4 for the endpoints Vetter uses, answering from state it keeps (projects
 * backed by real git repositories, merge requests, commit statuses, discussions with positions and resolution,
 * notes). Every request is checked against {@link GitLabContract} and the token; a request that breaks the contract
 * is answered 400 as GitLab would and recorded in {@link #violations()}. Faults can be injected per request
 * ({@link #inject}). Positions are validated like GitLab does: the SHAs must be the merge request's diff refs and
 * the line must be on the diff.
 */
public final class FakeGitLab implements AutoCloseable {
  public static final String BOT = "vetter-bot";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final HttpServer server;
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(1000);

  /** One request as received: method, raw path (project paths stay encoded), decoded query, JSON body or null. */
  public record Request(String method, String path, Map<String, String> query, JsonNode body) {
    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : " " + query) + (body == null ? "" : " " + body);
    }
  }

  /**
   * A fault for requests matching {@code when}, applied {@code times} times (then gone). {@code status} 0 means
   * no error answer (use with {@code delay} for a slow answer); {@code afterEffect} ({@link #whenDone}) performs the request before
   * answering with {@code status} (a write GitLab did but whose answer was lost).
   */
  public record Fault(Predicate<Request> when, int status, Map<String, String> headers, Duration delay, boolean afterEffect, int[] left) {
    public static Fault of(Predicate<Request> when, int status, int times) {
      return new Fault(when, status, Map.of(), Duration.ZERO, false, new int[] {times});
    }

    public Fault headers(Map<String, String> h) {
      return new Fault(when, status, h, delay, afterEffect, left);
    }

    public Fault delay(Duration d) {
      return new Fault(when, status, headers, d, afterEffect, left);
    }

    public Fault whenDone() {
      return new Fault(when, status, headers, delay, true, left);
    }
  }

  /** Matches requests by method and a regex over the raw path. */
  public static Predicate<Request> on(String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    return r -> r.method().equals(method) && p.matcher(r.path()).find();
  }

  private FakeGitLab(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeGitLab start(String token) throws IOException {
    return new FakeGitLab(token);
  }

  /** The instance URL to give the client ({@code http://127.0.0.1:PORT}); the API is under {@code /api/v4}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests that changed something (not GET). */
  public List<Request> writes() {
    return requests.stream().filter(r -> !r.method().equals("GET")).toList();
  }

  public void clearRequests() {
    requests.clear();
  }

  /** Requests that broke GitLab's documented contract (should stay empty). */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  public void inject(Fault fault) {
    faults.add(fault);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- state ----

  /** Adds a project backed by {@code repo} (its branches are the project's branches). */
  public synchronized Project project(String path, Repository repo) {
    Project p = new Project(path, ids.incrementAndGet(), repo);
    projects.put(path, p);
    return p;
  }

  public synchronized Project project(String path) {
    return projects.get(path);
  }

  public final class Project {
    public final String path;
    public final long id;
    final Repository repo;
    final Map<Long, MergeRequest> mergeRequests = new LinkedHashMap<>();
    final Map<String, List<Status>> statuses = new LinkedHashMap<>();
    /** Members' access levels by username (10 guest ... 50 owner). */
    final Map<String, Integer> members = new LinkedHashMap<>();

    Project(String path, long id, Repository repo) {
      this.path = path;
      this.id = id;
      this.repo = repo;
    }

    /** Makes {@code username} a member with {@code accessLevel} (10 guest, 20 reporter, 30 developer, 40 maintainer, 50 owner). */
    public Project member(String username, int accessLevel) {
      synchronized (FakeGitLab.this) {
        members.put(username, accessLevel);
      }
      return this;
    }

    /** Opens merge request {@code iid} from {@code source} into {@code target}, with diffs as of now. */
    public MergeRequest openMergeRequest(long iid, String source, String target) {
      synchronized (FakeGitLab.this) {
        MergeRequest mr = new MergeRequest(this, iid, source, target);
        mr.refresh();
        mergeRequests.put(iid, mr);
        return mr;
      }
    }

    public MergeRequest mergeRequest(long iid) {
      return mergeRequests.get(iid);
    }

    /** The latest statuses of {@code sha}, one per ref and name (what GitLab lists without {@code all}), oldest first. */
    public List<Status> statuses(String sha) {
      synchronized (FakeGitLab.this) {
        return statuses.getOrDefault(sha, List.of()).stream().filter(s -> !s.retried).toList();
      }
    }

    /** The latest status named {@code name} on {@code sha} for {@code ref}, if any. */
    public Optional<Status> status(String sha, String ref, String name) {
      return statuses(sha).stream().filter(s -> s.name.equals(name) && ref.equals(s.ref)).findFirst();
    }
  }

  public static final class Status {
    public final long id;
    public final String name;
    public volatile String state;
    public volatile String description;
    public volatile String targetUrl;
    public final String ref;
    /** Replaced by a newer status of the same ref and name (GitLab's "retried"): listed only with {@code all=true}. */
    volatile boolean retried;

    Status(long id, String name, String ref, String state) {
      this.id = id;
      this.name = name;
      this.ref = ref;
      this.state = state;
    }

    boolean finished() {
      return !state.equals("pending") && !state.equals("running");
    }
  }

  public final class MergeRequest {
    final Project project;
    public final long iid;
    final String source;
    final String target;
    public volatile String state = "opened";
    public volatile boolean draft;
    public volatile String title = "A change";
    /** How many files GitLab lists at most (its {@code max_diff_files} limit); past it {@code changes_count} ends with +. */
    public volatile int maxDiffFiles = 1000;
    volatile String baseSha, startSha, headSha;
    /** GitLab's {@code updated_at}: moves with every refresh (a push). */
    volatile java.time.Instant updatedAt = java.time.Instant.parse("2024-05-01T10:00:00Z");
    volatile List<ObjectNode> diffs = List.of();
    /** Every diff version's refs (GitLab accepts positions on any version of the diff). */
    final List<String[]> versions = new ArrayList<>();
    public final List<Discussion> discussions = new ArrayList<>();

    MergeRequest(Project project, long iid, String source, String target) {
      this.project = project;
      this.iid = iid;
      this.source = source;
      this.target = target;
    }

    /** Reads the branches again after a push: new head, new diff refs, new diffs (what GitLab does on push). */
    public MergeRequest refresh() {
      synchronized (FakeGitLab.this) {
        try (RevWalk walk = new RevWalk(project.repo)) {
          RevCommit head = walk.parseCommit(project.repo.resolve("refs/heads/" + source));
          RevCommit start = walk.parseCommit(project.repo.resolve("refs/heads/" + target));
          walk.setRevFilter(RevFilter.MERGE_BASE);
          walk.markStart(head);
          walk.markStart(start);
          RevCommit base = walk.next();
          String oldHead = headSha;
          headSha = head.name();
          startSha = start.name();
          baseSha = base.name();
          versions.add(new String[] {baseSha, startSha, headSha});
          diffs = computeDiffs(base, head);
          if (oldHead != null && !oldHead.equals(headSha)) trace(oldHead);
          if (oldHead != null) updatedAt = updatedAt.plusSeconds(60);
          return this;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    public String headSha() {
      return headSha;
    }

    /**
     * What GitLab does to diff notes on a push: a note whose line is unchanged between the old and the new head (and
     * still on the new diff) moves to the new diff refs and line numbers; any other stays where it was (outdated).
     */
    private void trace(String oldHead) throws IOException {
      for (Discussion d : discussions) {
        Note first = d.notes.isEmpty() ? null : d.notes.getFirst();
        if (first == null || first.position == null || !first.position.path("head_sha").asText().equals(oldHead)) continue;
        JsonNode p = first.position;
        if (!p.hasNonNull("new_line")) continue;
        String path = p.path("new_path").asText();
        Optional<byte[]> before = read(project, oldHead, path), after = read(project, headSha, path);
        if (before.isEmpty() || after.isEmpty()) continue;
        org.eclipse.jgit.diff.RawText a = new org.eclipse.jgit.diff.RawText(before.get()), b = new org.eclipse.jgit.diff.RawText(after.get());
        org.eclipse.jgit.diff.EditList edits = org.eclipse.jgit.diff.DiffAlgorithm.getAlgorithm(org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm.MYERS)
            .diff(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, a, b);
        int line = p.get("new_line").asInt() - 1, shift = 0;
        boolean changed = false;
        for (org.eclipse.jgit.diff.Edit e : edits) {
          if (line >= e.getBeginA() && line < e.getEndA()) changed = true;
          if (e.getEndA() <= line) shift += (e.getEndB() - e.getBeginB()) - (e.getEndA() - e.getBeginA());
        }
        if (changed) continue;
        int newLine = line + 1 + shift;
        String oldPath = p.path("old_path").asText(path);
        Integer oldLine = null;
        if (!onDiff(oldPath, path, null, newLine)) {
          oldLine = contextOldLine(path, newLine);
          if (oldLine == null) continue;
        }
        ObjectNode moved = ((ObjectNode) p).deepCopy();
        moved.put("base_sha", baseSha).put("start_sha", startSha).put("head_sha", headSha).put("new_line", newLine);
        if (oldLine == null) moved.remove("old_line"); else moved.put("old_line", oldLine);
        first.position = moved;
      }
    }

    /** The base line number of head line {@code newLine} when it is an unchanged line of the current diff. */
    private Integer contextOldLine(String path, int newLine) {
      for (ObjectNode d : diffs) {
        if (!path.equals(d.path("new_path").asText())) continue;
        int o = 0, n = 0;
        for (String line : d.path("diff").asText().split("\n", -1)) {
          Matcher m = HUNK.matcher(line);
          if (m.find()) {
            o = Integer.parseInt(m.group(1));
            n = Integer.parseInt(m.group(2));
            continue;
          }
          if (line.isEmpty() || line.startsWith("\\")) continue;
          char c = line.charAt(0);
          if (c == '+') n++;
          else if (c == '-') o++;
          else {
            if (n == newLine) return o;
            o++;
            n++;
          }
        }
      }
      return null;
    }

    public String baseSha() {
      return baseSha;
    }

    private List<ObjectNode> computeDiffs(RevCommit base, RevCommit head) throws IOException {
      List<ObjectNode> out = new ArrayList<>();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (DiffFormatter f = new DiffFormatter(buf)) {
        f.setRepository(project.repo);
        f.setDetectRenames(true);
        for (DiffEntry e : f.scan(base.getTree(), head.getTree())) {
          buf.reset();
          f.format(e);
          String text = buf.toString(StandardCharsets.UTF_8);
          int at = text.indexOf("\n@@");
          ObjectNode d = JSON.createObjectNode();
          boolean added = e.getChangeType() == DiffEntry.ChangeType.ADD, deleted = e.getChangeType() == DiffEntry.ChangeType.DELETE;
          // GitLab names both paths even for an added or deleted file
          d.put("old_path", added ? e.getNewPath() : e.getOldPath());
          d.put("new_path", deleted ? e.getOldPath() : e.getNewPath());
          d.put("a_mode", added ? "0" : Integer.toOctalString(e.getOldMode().getBits()));
          d.put("b_mode", deleted ? "0" : Integer.toOctalString(e.getNewMode().getBits()));
          d.put("new_file", added);
          d.put("renamed_file", e.getChangeType() == DiffEntry.ChangeType.RENAME);
          d.put("deleted_file", deleted);
          d.put("generated_file", false);
          d.put("diff", at < 0 ? "" : text.substring(at + 1));
          out.add(d);
        }
      }
      return out;
    }

    /** Whether {@code newLine}/{@code oldLine} of the file is on the current diff, as GitLab requires of a text position. */
    boolean onDiff(String oldPath, String newPath, Integer oldLine, Integer newLine) {
      for (ObjectNode d : diffs) {
        if (newPath != null && !newPath.equals(d.path("new_path").asText())) continue;
        if (newPath == null && oldPath != null && !oldPath.equals(d.path("old_path").asText())) continue;
        int o = 0, n = 0;
        for (String line : d.path("diff").asText().split("\n", -1)) {
          Matcher m = HUNK.matcher(line);
          if (m.find()) {
            o = Integer.parseInt(m.group(1));
            n = Integer.parseInt(m.group(2));
            continue;
          }
          if (line.startsWith("\\") || line.isEmpty() && o == 0) continue;
          char c = line.isEmpty() ? ' ' : line.charAt(0);
          if (c == '+') {
            if (newLine != null && newLine == n && oldLine == null) return true;
            n++;
          } else if (c == '-') {
            if (oldLine != null && oldLine == o && newLine == null) return true;
            o++;
          } else {
            if (newLine != null && oldLine != null && newLine == n && oldLine == o) return true;
            if (newLine != null && oldLine == null && newLine == n) return false; // an unchanged line needs both numbers
            o++;
            n++;
          }
        }
      }
      return false;
    }

    /** A human reply in discussion {@code id}. */
    public void reply(String discussionId, String author, String body) {
      synchronized (FakeGitLab.this) {
        Discussion d = discussions.stream().filter(x -> x.id.equals(discussionId)).findFirst().orElseThrow();
        d.notes.add(new Note(ids.incrementAndGet(), d.notes.getFirst().type, author, body, false, d.notes.getFirst().resolvable, null));
      }
    }

    /** Notes of every discussion, in order (what {@code /notes} lists). */
    public List<Note> allNotes() {
      synchronized (FakeGitLab.this) {
        return discussions.stream().flatMap(d -> d.notes.stream()).toList();
      }
    }
  }

  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  public static final class Discussion {
    public final String id;
    public final boolean individual;
    public final List<Note> notes = new ArrayList<>();

    Discussion(String id, boolean individual) {
      this.id = id;
      this.individual = individual;
    }

    public Note first() {
      return notes.getFirst();
    }

    public boolean resolved() {
      return notes.stream().filter(n -> n.resolvable).allMatch(n -> n.resolved) && notes.stream().anyMatch(n -> n.resolvable);
    }
  }

  public static final class Note {
    public final long id;
    public final String type;
    public final String author;
    public volatile String body;
    public final boolean resolvable;
    public volatile boolean resolved;
    public volatile JsonNode position;

    Note(long id, String type, String author, String body, boolean system, boolean resolvable, JsonNode position) {
      this.id = id;
      this.type = type;
      this.author = author;
      this.body = body;
      this.resolvable = resolvable;
      this.position = position;
    }
  }

  // ---- HTTP ----

  private record Answer(int status, byte[] body, Map<String, String> headers) {
    static Answer json(int status, JsonNode body) {
      return new Answer(status, body.toString().getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
    }

    static Answer error(int status, String key, String message) {
      return json(status, JSON.createObjectNode().put(key, message));
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String raw = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = null;
      Answer answer;
      if (in.length > 0) {
        try {
          body = JSON.readTree(in);
        } catch (IOException e) {
          violations.add(method + " " + raw + ": body is not JSON");
          send(ex, Answer.error(400, "error", "body is not valid JSON"));
          return;
        }
      }
      String path = raw.startsWith("/api/v4") ? raw.substring("/api/v4".length()) : null;
      Request request = new Request(method, path == null ? raw : path, query, body);
      requests.add(request);
      if (!token.equals(ex.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
        send(ex, Answer.error(401, "message", "401 Unauthorized"));
        return;
      }
      Fault fault = null;
      for (Fault f : faults) {
        synchronized (f.left()) {
          if (f.left()[0] > 0 && f.when().test(request)) {
            f.left()[0]--;
            fault = f;
            break;
          }
        }
      }
      if (fault != null && !fault.delay().isZero()) sleep(fault.delay());
      if (fault != null && fault.status() != 0 && !fault.afterEffect()) {
        send(ex, new Answer(fault.status(), ("{\"message\":\"" + fault.status() + " injected\"}").getBytes(StandardCharsets.UTF_8), fault.headers()));
        return;
      }
      if (path == null) {
        answer = Answer.error(404, "error", "404 Not Found");
      } else {
        var match = GitLabContract.match(method, path);
        if (match.isEmpty()) {
          violations.add(method + " " + path + ": not an endpoint of GitLab's REST API (or not in the contract table)");
          answer = Answer.error(404, "error", "404 Not Found");
        } else {
          Optional<String> problem = GitLabContract.check(match.get().getKey(), query, body);
          if (problem.isPresent()) {
            violations.add(method + " " + path + ": " + problem.get());
            answer = Answer.error(400, "error", problem.get());
          } else {
            synchronized (this) {
              answer = route(match.get().getKey().template(), match.get().getValue(), query, body);
            }
          }
        }
      }
      if (fault != null && fault.afterEffect()) answer = new Answer(fault.status(), "{\"message\":\"injected after the write\"}".getBytes(StandardCharsets.UTF_8), fault.headers());
      send(ex, answer);
    } catch (RuntimeException e) {
      violations.add("fake GitLab failed: " + e);
      throw e;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, Answer a) throws IOException {
    a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
    if (a.body().length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body());
      }
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String kv : raw.split("&")) {
      String[] p = kv.split("=", 2);
      q.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
    }
    return q;
  }

  private Answer route(String template, List<String> params, Map<String, String> query, JsonNode body) {
    if (template.equals("/user")) return Answer.json(200, JSON.createObjectNode().put("id", 1).put("username", BOT).put("name", "Vetter"));
    if (template.equals("/groups")) {
      ArrayNode groups = JSON.createArrayNode();
      projects.keySet().stream().map(p -> p.substring(0, p.indexOf('/'))).distinct()
          .forEach(g -> groups.addObject().put("id", Math.abs(g.hashCode())).put("path", g).put("full_path", g));
      return page(groups, query);
    }
    if (template.equals("/groups/:id/merge_requests")) {
      String group = params.get(0);
      ArrayNode out = JSON.createArrayNode();
      for (Project p : projects.values()) {
        if (!p.path.startsWith(group + "/")) continue;
        for (MergeRequest mr : p.mergeRequests.values()) {
          if (query.containsKey("state") && !query.get("state").equals("all") && !query.get("state").equals(mr.state)) continue;
          out.add(mergeRequestJson(mr));
        }
      }
      return page(out, query);
    }
    Project project = projects.get(params.get(0));
    if (project == null) return Answer.error(404, "message", "404 Project Not Found");
    switch (template) {
      case "/projects/:id/repository/files/:file_path/raw" -> {
        String ref = query.getOrDefault("ref", "HEAD");
        return read(project, ref, params.get(1)).map(b -> new Answer(200, b, Map.of("Content-Type", "text/plain")))
            .orElse(Answer.error(404, "message", "404 File Not Found"));
      }
      case "/projects/:id/repository/blobs/:sha/raw" -> {
        try {
          byte[] b = project.repo.open(ObjectId.fromString(params.get(1))).getBytes();
          return new Answer(200, b, Map.of("Content-Type", "text/plain"));
        } catch (IOException | IllegalArgumentException e) {
          return Answer.error(404, "message", "404 Blob Not Found");
        }
      }
      case "/projects/:id/repository/commits/:sha/statuses" -> {
        // As GitLab lists them: the latest status per ref and name (all=true: every one), every ref unless ref= is
        // given, ordered by id (or pipeline id: one pipeline per ref here), ascending unless sort=desc.
        ArrayNode out = JSON.createArrayNode();
        List<Status> list = new ArrayList<>(project.statuses.getOrDefault(params.get(1), List.of()));
        list.sort(java.util.Comparator.comparingLong(s -> s.id));
        if ("desc".equals(query.get("sort"))) Collections.reverse(list);
        boolean all = "true".equals(query.get("all"));
        for (Status s : list) {
          if (query.containsKey("name") && !query.get("name").equals(s.name)) continue;
          if (query.containsKey("ref") && !query.get("ref").equals(s.ref)) continue;
          if (s.retried && !all) continue;
          out.addObject().put("id", s.id).put("sha", params.get(1)).put("ref", s.ref).put("status", s.state).put("name", s.name)
              .put("description", s.description).put("target_url", s.targetUrl).put("allow_failure", false);
        }
        return page(out, query);
      }
      case "/projects/:id/statuses/:sha" -> {
        return setStatus(project, params.get(1), body);
      }
      case "/projects/:id/members/all" -> {
        // GitLab matches query against usernames and names, as a substring
        String q = query.getOrDefault("query", "").toLowerCase(java.util.Locale.ROOT);
        ArrayNode out = JSON.createArrayNode();
        long memberId = 100;
        for (Map.Entry<String, Integer> m : project.members.entrySet()) {
          memberId++;
          if (!m.getKey().toLowerCase(java.util.Locale.ROOT).contains(q)) continue;
          out.addObject().put("id", memberId).put("username", m.getKey()).put("name", m.getKey()).put("state", "active")
              .put("access_level", m.getValue());
        }
        return page(out, query);
      }
      default -> {
        // merge request routes
      }
    }
    MergeRequest mr = project.mergeRequests.get(Long.parseLong(params.get(1)));
    if (mr == null) return Answer.error(404, "message", "404 Not found");
    return switch (template) {
      case "/projects/:id/merge_requests/:merge_request_iid" -> Answer.json(200, mergeRequestJson(mr));
      case "/projects/:id/merge_requests/:merge_request_iid/diffs" -> page(JSON.valueToTree(mr.diffs.subList(0, Math.min(mr.diffs.size(), mr.maxDiffFiles))), query);
      case "/projects/:id/merge_requests/:merge_request_iid/commits" -> page(commitsJson(mr), query);
      case "/projects/:id/merge_requests/:merge_request_iid/discussions" ->
          body == null ? page(discussionsJson(mr), query) : createDiscussion(mr, body);
      case "/projects/:id/merge_requests/:merge_request_iid/discussions/:discussion_id" -> {
        Discussion d = discussion(mr, params.get(2));
        if (d == null) yield Answer.error(404, "message", "404 Discussion Not Found");
        if (d.notes.stream().noneMatch(n -> n.resolvable)) yield Answer.error(400, "message", "400 Bad request - discussion is not resolvable");
        boolean resolved = body.get("resolved").asBoolean() || "true".equals(body.get("resolved").asText());
        d.notes.forEach(n -> n.resolved = n.resolvable && resolved);
        yield Answer.json(200, discussionJson(d));
      }
      case "/projects/:id/merge_requests/:merge_request_iid/discussions/:discussion_id/notes/:note_id" -> {
        Discussion d = discussion(mr, params.get(2));
        Note n = d == null ? null : d.notes.stream().filter(x -> x.id == Long.parseLong(params.get(3))).findFirst().orElse(null);
        if (n == null) yield Answer.error(404, "message", "404 Note Not Found");
        if (body.has("body") == body.has("resolved")) yield Answer.error(400, "error", "body, resolved are mutually exclusive, exactly one parameter must be provided");
        if (body.has("body")) {
          if (!n.author.equals(BOT)) yield Answer.error(403, "message", "403 Forbidden");
          n.body = body.get("body").asText();
        } else {
          n.resolved = body.get("resolved").asBoolean();
        }
        yield Answer.json(200, noteJson(n));
      }
      case "/projects/:id/merge_requests/:merge_request_iid/notes" -> {
        if (body == null) {
          ArrayNode out = JSON.createArrayNode();
          mr.allNotes().forEach(n -> out.add(noteJson(n)));
          yield page(out, query);
        }
        Discussion d = new Discussion(newDiscussionId(), true);
        Note n = new Note(ids.incrementAndGet(), null, BOT, body.get("body").asText(), false, false, null);
        d.notes.add(n);
        mr.discussions.add(d);
        yield Answer.json(201, noteJson(n));
      }
      case "/projects/:id/merge_requests/:merge_request_iid/notes/:note_id" -> {
        Note n = mr.allNotes().stream().filter(x -> x.id == Long.parseLong(params.get(2))).findFirst().orElse(null);
        if (n == null) yield Answer.error(404, "message", "404 Note Not Found");
        if (!n.author.equals(BOT)) yield Answer.error(403, "message", "403 Forbidden");
        n.body = body.get("body").asText();
        yield Answer.json(200, noteJson(n));
      }
      default -> Answer.error(404, "error", "404 Not Found");
    };
  }

  private Answer setStatus(Project project, String sha, JsonNode body) {
    try {
      if (project.repo.parseCommit(ObjectId.fromString(sha)) == null) throw new IOException();
    } catch (IOException | IllegalArgumentException e) {
      return Answer.error(404, "message", "404 References for commit Not Found");
    }
    String state = body.get("state").asText();
    String name = body.has("name") ? body.get("name").asText() : body.has("context") ? body.get("context").asText() : "default";
    // without a ref GitLab takes a branch the commit is on; a status belongs to its ref's pipeline
    String ref = body.has("ref") ? body.get("ref").asText() : branchAt(project, sha);
    if (ref == null) return Answer.error(404, "message", "404 References for commit Not Found");
    List<Status> list = project.statuses.computeIfAbsent(sha, k -> new ArrayList<>());
    Status current = null;
    for (Status s : list) if (s.name.equals(name) && s.ref.equals(ref) && !s.retried) current = s;
    if (current == null || current.finished()) {
      if (current != null) current.retried = true;
      current = new Status(ids.incrementAndGet(), name, ref, state);
      list.add(current);
    } else if (current.state.equals(state)) {
      // GitLab's state machine refuses a transition to the state a status is already in
      String event = switch (state) { case "running" -> "run"; case "pending" -> "enqueue"; default -> state; };
      return Answer.error(400, "message", "Cannot transition status via :" + event + " from :" + current.state);
    } else {
      current.state = state;
    }
    if (body.has("description")) current.description = body.get("description").asText();
    if (body.has("target_url")) current.targetUrl = body.get("target_url").asText();
    return Answer.json(201, JSON.createObjectNode().put("id", current.id).put("sha", sha).put("ref", current.ref).put("status", current.state)
        .put("name", current.name).put("description", current.description).put("target_url", current.targetUrl));
  }

  /** The first branch (by name) whose tip is {@code sha}, or null. */
  private static String branchAt(Project project, String sha) {
    try {
      return project.repo.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
          .filter(r -> r.getObjectId() != null && r.getObjectId().name().equals(sha)).map(r -> r.getName().substring("refs/heads/".length()))
          .sorted().findFirst().orElse(null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Answer createDiscussion(MergeRequest mr, JsonNode body) {
    JsonNode p = body.get("position");
    Discussion d = new Discussion(newDiscussionId(), p == null);
    if (p != null) {
      if (!p.path("position_type").asText().equals("text")) return Answer.error(400, "message", "400 Bad request - only text positions in this fake");
      String base = p.path("base_sha").asText(), start = p.path("start_sha").asText(), head = p.path("head_sha").asText();
      boolean known = mr.versions.stream().anyMatch(v -> v[0].equals(base) && v[1].equals(start) && v[2].equals(head));
      Integer oldLine = p.hasNonNull("old_line") ? p.get("old_line").asInt() : null;
      Integer newLine = p.hasNonNull("new_line") ? p.get("new_line").asInt() : null;
      boolean latest = head.equals(mr.headSha) && base.equals(mr.baseSha) && start.equals(mr.startSha);
      if (!known || !latest || !mr.onDiff(text(p, "old_path"), text(p, "new_path"), oldLine, newLine)) {
        // what GitLab answers when the position does not resolve to a line of the diff
        return Answer.error(400, "message", "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"]}");
      }
    }
    d.notes.add(new Note(ids.incrementAndGet(), p == null ? "DiscussionNote" : "DiffNote", BOT, body.get("body").asText(), false, true, p));
    mr.discussions.add(d);
    return Answer.json(201, discussionJson(d));
  }

  private static String text(JsonNode n, String f) {
    return n.hasNonNull(f) ? n.get(f).asText() : null;
  }

  private String newDiscussionId() {
    return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putLong(12, ids.incrementAndGet()).array());
  }

  private static Discussion discussion(MergeRequest mr, String id) {
    return mr.discussions.stream().filter(d -> d.id.equals(id)).findFirst().orElse(null);
  }

  private Optional<byte[]> read(Project project, String ref, String path) {
    try (RevWalk walk = new RevWalk(project.repo)) {
      ObjectId id = project.repo.resolve(ref.matches("[0-9a-f]{40}") ? ref : "refs/heads/" + ref);
      if (id == null) return Optional.empty();
      RevCommit c = walk.parseCommit(id);
      try (TreeWalk tw = TreeWalk.forPath(project.repo, path, c.getTree())) {
        if (tw == null || tw.getFileMode(0) == FileMode.TREE) return Optional.empty();
        return Optional.of(project.repo.open(tw.getObjectId(0)).getBytes());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private ObjectNode mergeRequestJson(MergeRequest mr) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", mr.project.id * 1000 + mr.iid).put("iid", mr.iid).put("project_id", mr.project.id).put("title", mr.title)
        .put("source_project_id", mr.project.id).put("target_project_id", mr.project.id)
        .put("description", "").put("state", mr.state).put("draft", mr.draft).put("work_in_progress", mr.draft)
        .put("source_branch", mr.source).put("target_branch", mr.target).put("sha", mr.headSha).put("updated_at", mr.updatedAt.toString())
        .put("web_url", url() + "/" + mr.project.path + "/-/merge_requests/" + mr.iid);
    n.putObject("author").put("id", 2).put("username", "ada");
    n.putObject("references").put("short", "!" + mr.iid).put("full", mr.project.path + "!" + mr.iid);
    n.put("changes_count", mr.diffs.size() > mr.maxDiffFiles ? mr.maxDiffFiles + "+" : String.valueOf(mr.diffs.size()));
    n.putObject("diff_refs").put("base_sha", mr.baseSha).put("head_sha", mr.headSha).put("start_sha", mr.startSha);
    return n;
  }

  private ArrayNode commitsJson(MergeRequest mr) {
    ArrayNode out = JSON.createArrayNode();
    try (RevWalk walk = new RevWalk(mr.project.repo)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(mr.headSha)));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(mr.baseSha)));
      for (RevCommit c : walk) {
        ObjectNode n = out.addObject().put("id", c.name()).put("short_id", c.name().substring(0, 8)).put("title", c.getShortMessage())
            .put("message", c.getFullMessage()).put("author_name", c.getAuthorIdent().getName()).put("author_email", c.getAuthorIdent().getEmailAddress())
            .put("authored_date", c.getAuthorIdent().getWhenAsInstant().toString());
        ArrayNode parents = n.putArray("parent_ids");
        for (RevCommit p : c.getParents()) parents.add(p.name());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private ArrayNode discussionsJson(MergeRequest mr) {
    ArrayNode out = JSON.createArrayNode();
    mr.discussions.forEach(d -> out.add(discussionJson(d)));
    return out;
  }

  private ObjectNode discussionJson(Discussion d) {
    ObjectNode n = JSON.createObjectNode().put("id", d.id).put("individual_note", d.individual);
    ArrayNode notes = n.putArray("notes");
    d.notes.forEach(x -> notes.add(noteJson(x)));
    return n;
  }

  private ObjectNode noteJson(Note x) {
    ObjectNode n = JSON.createObjectNode().put("id", x.id).put("body", x.body).put("system", false)
        .put("resolvable", x.resolvable).put("resolved", x.resolved).put("noteable_type", "MergeRequest");
    if (x.type == null) n.putNull("type"); else n.put("type", x.type);
    n.putObject("author").put("username", x.author);
    if (x.position != null) {
      ObjectNode p = x.position.deepCopy();
      if (!p.has("old_line")) p.putNull("old_line");
      if (!p.has("new_line")) p.putNull("new_line");
      n.set("position", p);
    }
    return n;
  }

  /** One page as GitLab's offset pagination answers it, with {@code X-Next-Page} (empty on the last page). */
  private static Answer page(JsonNode all, Map<String, String> query) {
    int per = Math.min(100, Math.max(1, Integer.parseInt(query.getOrDefault("per_page", "20"))));
    int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
    ArrayNode out = JSON.createArrayNode();
    for (int i = (page - 1) * per; i < Math.min(all.size(), page * per); i++) out.add(all.get(i));
    boolean more = page * per < all.size();
    Answer a = Answer.json(200, out);
    Map<String, String> h = new LinkedHashMap<>(a.headers());
    h.put("X-Page", String.valueOf(page));
    h.put("X-Per-Page", String.valueOf(per));
    h.put("X-Next-Page", more ? String.valueOf(page + 1) : "");
    h.put("X-Total", String.valueOf(all.size()));
    return new Answer(200, a.body(), h);
  }
}
