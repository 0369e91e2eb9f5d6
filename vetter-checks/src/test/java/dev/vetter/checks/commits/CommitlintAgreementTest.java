package dev.vetter.checks.commits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vetter's commitlint-equivalent rules (conventional-format, header-length, body-format with default
 * options) against commitlint itself with {@code @commitlint/config-conventional}: per message, the
 * same commitlint rules must fail at the same levels, so the verdict (error, warning, pass) is the
 * same too. Known differences are listed, with reasons, in {@code commitlint-differences.txt}.
 *
 * <p>Vetter runs through the real engine, on a git repository with one commit per message.
 * commitlint runs from {@code target/commitlint}, installed with npm at the versions pinned by the
 * package-lock.json beside this test; tests that need it are skipped, saying why, when npm or the
 * registry is not reachable.
 *
 * <ul>
 *   <li>The hand-written corpus ({@code handwritten-messages.txt}, one message per rule edge) always
 *       runs, against commitlint's verdicts recorded in {@code commitlint-handwritten.jsonl}; with npm,
 *       another test checks the recording against commitlint.
 *   <li>A corpus of real messages runs when {@code VETTER_COMMIT_CORPUS} (or the system property
 *       {@code vetter.commitCorpus}) names one, e.g. written by {@code scripts/commit-corpus.py} from a
 *       repository that uses Conventional Commits. Such data is third-party: it is not committed.
 * </ul>
 */
class CommitlintAgreementTest {
  static final Path HERE = Path.of("src/test/resources/dev/vetter/checks/commits");
  static final Path ORACLE = Path.of("target/commitlint");
  static final String SEPARATOR = "---8<---";

  record Message(String id, String text) {}

  /** The commitlint rules that failed, by level. */
  record Verdict(Set<String> errors, Set<String> warnings) {
    String level() {
      return !errors.isEmpty() ? "error" : !warnings.isEmpty() ? "warning" : "pass";
    }

    @Override
    public String toString() {
      return level() + " errors=" + errors + " warnings=" + warnings;
    }
  }

  @TempDir Path temp;

  @Test
  void handwrittenMessagesGetTheVerdictsCommitlintGave() throws Exception {
    List<Message> corpus = readCorpus(HERE.resolve("handwritten-messages.txt"));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
    Map<String, Verdict> expected = readVerdicts(Files.readString(HERE.resolve("commitlint-handwritten.jsonl")));
    assertThat(expected.keySet()).containsExactlyElementsOf(corpus.stream().map(Message::id).toList());
    compare("hand-written", corpus, expected, vetter(corpus));
  }

  @Test
  void commitlintStillGivesTheRecordedVerdicts() throws Exception {
    Path oracle = installCommitlint();
    Map<String, Verdict> live = commitlint(oracle, HERE.resolve("handwritten-messages.txt"));
    Map<String, Verdict> recorded = readVerdicts(Files.readString(HERE.resolve("commitlint-handwritten.jsonl")));
    assertThat(live).as("commitlint's verdicts on handwritten-messages.txt; if the corpus changed, re-record "
        + "commitlint-handwritten.jsonl with `node verdicts.mjs` in " + oracle.toAbsolutePath()).isEqualTo(recorded);
  }

  @Test
  void realMessagesGetTheVerdictsCommitlintGives() throws Exception {
    String named = System.getProperty("vetter.commitCorpus", System.getenv("VETTER_COMMIT_CORPUS"));
    Assumptions.assumeTrue(named != null && !named.isBlank(),
        "skipped: no corpus of real commit messages; set VETTER_COMMIT_CORPUS to a file written by scripts/commit-corpus.py");
    Path file = Path.of(named);
    Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: VETTER_COMMIT_CORPUS names no file: " + file);
    Path oracle = installCommitlint();
    List<Message> corpus = readCorpus(file);
    compare(file.getFileName().toString(), corpus, commitlint(oracle, file), vetter(corpus));
  }

  /** Asserts that Vetter and commitlint agree on every message except the documented differences. */
  private static void compare(String name, List<Message> corpus, Map<String, Verdict> commitlint, Map<String, Verdict> vetter) throws IOException {
    Map<String, String> documented = differences();
    List<String> undocumented = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    int sameLevel = 0;
    int sameRules = 0;
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (Message m : corpus) {
      Verdict theirs = commitlint.get(m.id());
      Verdict ours = vetter.get(m.id());
      levels.merge(theirs.level(), 1, Integer::sum);
      if (theirs.level().equals(ours.level())) sameLevel++;
      boolean same = theirs.equals(ours);
      if (same) sameRules++;
      if (!same && !documented.containsKey(m.id())) {
        undocumented.add(m.id() + "\n    commitlint: " + theirs + "\n    vetter:     " + ours + "\n    message: " + m.text().replace("\n", "\\n"));
      }
      if (same && documented.containsKey(m.id())) stale.add(m.id());
    }
    System.out.printf("commitlint agreement on %s: %d messages (commitlint: %s); same verdict %d (%.2f%%), same failing rules %d (%.2f%%)%n",
        name, corpus.size(), levels, sameLevel, 100.0 * sameLevel / corpus.size(), sameRules, 100.0 * sameRules / corpus.size());
    assertThat(undocumented).as("messages where Vetter and commitlint disagree (list them in commitlint-differences.txt with the reason)").isEmpty();
    assertThat(stale).as("documented differences that no longer differ (remove them from commitlint-differences.txt)").isEmpty();
  }

  /** Reviews one commit per message with Vetter's commitlint-equivalent rules, through the engine. */
  private Map<String, Verdict> vetter(List<Message> corpus) throws Exception {
    Path dir = temp.resolve("repo");
    Map<String, String> idOfCommit = new HashMap<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
      repo.create();
      try (ObjectInserter inserter = repo.newObjectInserter()) {
        ObjectId tree = inserter.insert(new TreeFormatter());
        long clock = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        ObjectId base = commit(inserter, tree, null, "base\n", clock);
        ObjectId parent = base;
        for (Message m : corpus) {
          parent = commit(inserter, tree, parent, m.text(), clock += 60);
          idOfCommit.put(parent.name(), m.id());
        }
        inserter.flush();
        setRef(repo, "refs/heads/main", base);
        setRef(repo, "refs/heads/feature", parent);
      }
    }
    CheckRegistry registry = new CheckRegistry(List.of(new BodyFormat(), new ConventionalFormat(), new HeaderLength()));
    Change change;
    try (GitRepository git = GitRepository.open(dir)) {
      change = git.range("main", "feature");
    }
    assertThat(change.commits()).hasSize(corpus.size());
    List<Finding> findings = new Reviewer(registry, Policy.defaults()).review(change).findings();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (Message m : corpus) verdicts.put(m.id(), new Verdict(new TreeSet<>(), new TreeSet<>()));
    for (Finding f : findings) {
      String commit = f.key().substring(0, f.key().indexOf(':'));
      String part = f.key().substring(f.key().indexOf(':') + 1);
      Verdict v = verdicts.get(idOfCommit.get(commit));
      Set<String> into = f.severity() == Severity.ERROR ? v.errors() : v.warnings();
      // one Vetter finding stands for the two rules commitlint reports for a header it cannot parse
      if (part.equals("header-format")) {
        into.add("type-empty");
        into.add("subject-empty");
      } else {
        into.add(part);
      }
    }
    return verdicts;
  }

  private static ObjectId commit(ObjectInserter inserter, ObjectId tree, ObjectId parent, String message, long when) throws IOException {
    PersonIdent who = new PersonIdent(new PersonIdent("Ada Tester", "ada@example.com"), Instant.ofEpochSecond(when), ZoneOffset.UTC);
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree);
    if (parent != null) c.setParentId(parent);
    c.setAuthor(who);
    c.setCommitter(who);
    c.setMessage(message);
    return inserter.insert(c);
  }

  private static void setRef(Repository repo, String name, ObjectId id) throws IOException {
    RefUpdate u = repo.updateRef(name);
    u.setNewObjectId(id);
    RefUpdate.Result r = u.forceUpdate();
    assertThat(r).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
  }

  /** The corpus format of scripts/commit-corpus.py (and verdicts.mjs, which must read it the same way). */
  static List<Message> readCorpus(Path file) throws IOException {
    List<Message> messages = new ArrayList<>();
    String id = null;
    List<String> lines = new ArrayList<>();
    // split on "\n" only: a "\r" belongs to the message
    for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
      if (id == null) {
        if (!line.isEmpty()) id = line;
      } else if (line.equals(SEPARATOR)) {
        messages.add(new Message(id, String.join("\n", lines) + "\n"));
        id = null;
        lines.clear();
      } else {
        lines.add(line);
      }
    }
    return messages;
  }

  static Map<String, Verdict> readVerdicts(String jsonl) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (String line : jsonl.split("\n")) {
      if (line.isBlank()) continue;
      JsonNode n = mapper.readTree(line);
      Set<String> errors = new TreeSet<>();
      Set<String> warnings = new TreeSet<>();
      n.get("errors").forEach(e -> errors.add(e.asText()));
      n.get("warnings").forEach(w -> warnings.add(w.asText()));
      verdicts.put(n.get("id").asText(), new Verdict(errors, warnings));
    }
    return verdicts;
  }

  /** commitlint-differences.txt: {@code id reason} per line; {@code #} starts a comment. */
  static Map<String, String> differences() throws IOException {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : Files.readAllLines(HERE.resolve("commitlint-differences.txt"))) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      int space = l.indexOf(' ');
      result.put(space < 0 ? l : l.substring(0, space), space < 0 ? "" : l.substring(space + 1).strip());
    }
    return result;
  }

  // --- commitlint, installed with npm into target/commitlint ---

  /** Installs the pinned commitlint into target/commitlint (once); skips the test when npm cannot. */
  static synchronized Path installCommitlint() throws Exception {
    Path dir = ORACLE.toAbsolutePath();
    Files.createDirectories(dir);
    for (String f : List.of("package.json", "package-lock.json", "verdicts.mjs")) {
      Files.copy(HERE.resolve("commitlint").resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    Assumptions.assumeTrue(run(dir, 60, "node", "--version").exitCode == 0, "skipped: node is not installed");
    Path installed = dir.resolve("node_modules/@commitlint/cli/package.json");
    String lock = Files.readString(dir.resolve("package-lock.json"));
    Path stamp = dir.resolve("node_modules/.vetter-lock");
    if (!Files.exists(installed) || !Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
      // short network timeouts: without registry access the test should skip soon, not hang
      Result npm = run(dir, 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-timeout=60000", "--fetch-retries=1");
      Assumptions.assumeTrue(npm.exitCode == 0,
          "skipped: could not install commitlint with npm (is npm installed and the registry reachable?): " + npm.output.strip());
      Files.writeString(stamp, lock);
    }
    return dir;
  }

  static Map<String, Verdict> commitlint(Path oracle, Path corpus) throws Exception {
    Result r = run(oracle, 600, "node", "verdicts.mjs", corpus.toAbsolutePath().toString());
    assertThat(r.exitCode).as("node verdicts.mjs failed:\n" + r.output).isZero();
    return readVerdicts(r.stdout);
  }

  record Result(int exitCode, String stdout, String output) {}

  private static Result run(Path dir, int timeoutSeconds, String... command) throws Exception {
    Path out = Files.createTempFile("vetter-commitlint-", ".out");
    Path err = Files.createTempFile("vetter-commitlint-", ".err");
    try {
      Process p;
      try {
        p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        return new Result(-1, "", command[0] + " could not be started: " + e.getMessage());
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "", String.join(" ", command) + " did not finish within " + timeoutSeconds + "s");
      }
      String stdout = Files.readString(out);
      return new Result(p.exitValue(), stdout, stdout + Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
