package dev.vetter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.check.Check;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewInputs;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs rule fixtures: one folder per case, input and expected findings side by side.
 *
 * <pre>
 * fixtures/&lt;family&gt;/&lt;rule&gt;/&lt;case&gt;/
 *   base/...        files committed on main (optional)
 *   head/...        the files on the feature branch (a file missing here is deleted)
 *   commits.txt     the feature branch's commits, oldest first (optional; default: one commit "head")
 *   vetter.yml      the policy for this case (optional; default: built-in defaults)
 *   inputs/&lt;kind&gt;/...  files handed to the review from outside the repository, as the CLI's
 *                   {@code --coverage FILE} does (optional): each file becomes an input of that kind
 *                   ({@code inputs/coverage/jacoco.xml} is a {@code coverage} input named {@code jacoco.xml});
 *                   the case's repository is also the work tree that rules' globs search
 *   expected.txt    one finding per line, in the engine's order:
 *                   path:line[:column] severity message   (a line finding)
 *                   path severity message                 (a file finding)
 *                   - severity message                    (a change finding)
 *                   an empty file means: no findings
 * </pre>
 *
 * Each case becomes a real git repository (main, then a feature branch) reviewed by the real engine
 * with only the rule under test, so fixtures exercise diff scoping, suppression and policy too.
 *
 * <p>{@code commits.txt} holds one commit message per block, blocks separated by a line
 * {@code ---8<---}. A block may start with directive lines: {@code Author: Name <email>} (author and
 * committer of that commit; default {@code Ada Tester <ada@example.com>}) and {@code Merge: main}
 * (main gets a new commit, then is merged into the feature branch, so this block's commit is a merge
 * commit with two parents). The rest of the block is the message, verbatim except that trailing blank
 * lines are dropped and it ends with one newline, as git writes it. The commits are made in order;
 * the head files (and deletions) go into the last one, the others change no file.
 *
 * <p>In the rendered findings, a commit id of the feature branch (7 to 40 hex digits, a prefix of the
 * id) is replaced by {@code <cN>}, N counting that branch's commits from 1, oldest first, so that
 * expected.txt does not depend on how ids are hashed.
 */
public final class RuleFixtures {
  private RuleFixtures() {}

  /** One test per case folder under {@code root}, for the matching check of {@code checks}. */
  public static Stream<DynamicTest> tests(Path root, List<? extends Check> checks) {
    Map<String, Check> byId = checks.stream().collect(Collectors.toMap(c -> Check.info(c).id(), c -> c));
    return caseDirs(root).map(dir -> {
      String rule = root.relativize(dir.getParent()).toString().replace('\\', '/');
      return DynamicTest.dynamicTest(rule + " " + dir.getFileName(), dir.toUri(), () -> {
        Check check = byId.get(rule);
        if (check == null) throw new AssertionError("fixture folder " + dir + " names no registered rule '" + rule + "'");
        String actual = run(dir, check);
        // -Dvetter.updateFixtures=true rewrites expected.txt from the actual findings: review the diff before committing
        if (Boolean.getBoolean("vetter.updateFixtures")) Files.writeString(dir.resolve("expected.txt"), actual.strip() + (actual.isBlank() ? "" : "\n"), StandardCharsets.UTF_8);
        assertEquals(read(dir.resolve("expected.txt")).strip(), actual.strip(), "findings of " + dir);
      });
    });
  }

  /** Every case folder (one holding expected.txt) under {@code root}. */
  public static Stream<Path> caseDirs(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals("expected.txt")).map(Path::getParent).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reviews the case in {@code dir} with {@code check} alone; returns the findings in expected.txt's format. */
  public static String run(Path dir, Check check) throws Exception {
    Path work = Files.createTempDirectory("vetter-fixture-");
    try (TestRepo repo = TestRepo.init(work.resolve("repo"))) {
      copyTree(dir.resolve("base"), repo.dir());
      repo.write(".gitkeep-vetter", "");
      repo.commit("base");
      repo.branch("feature");
      List<FixtureCommit> commits = FixtureCommit.read(dir.resolve("commits.txt"));
      for (int i = 0; i < commits.size(); i++) {
        FixtureCommit c = commits.get(i);
        if (c.mergeMain()) {
          repo.checkout("main").write(".vetter-main-" + i, "main moved on\n").commit("main moved on");
          repo.checkout("feature").mergeNoCommit("main");
        }
        if (i == commits.size() - 1) {
          if (Files.isDirectory(dir.resolve("base"))) deleteTree(dir.resolve("base"), repo.dir());
          copyTree(dir.resolve("head"), repo.dir());
        }
        repo.author(c.authorName(), c.authorEmail()).commit(c.message());
      }
      CheckRegistry registry = new CheckRegistry(List.of(check));
      Policy policy = Files.exists(dir.resolve("vetter.yml"))
          ? new PolicyLoader(registry).load(List.of(new YamlSource("vetter.yml", read(dir.resolve("vetter.yml")))))
          : Policy.defaults();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change change = git.range("main", "feature");
        ReviewResult result = new Reviewer(registry, policy).withInputs(ReviewInputs.of(inputs(dir.resolve("inputs")), repo.dir())).review(change);
        // a fixture shows what the rule finds, whatever its mode: shadow findings are findings too
        List<Finding> all = new java.util.ArrayList<>(result.findings());
        all.addAll(result.shadow());
        all.sort(java.util.Comparator.comparing((Finding f) -> f.path() == null ? "" : f.path()).thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column).thenComparing(Finding::rule));
        return abbreviateCommits(render(all, Check.info(check).id()), change.commits().stream().map(Commit::id).toList());
      }
    } finally {
      deleteRecursively(work);
    }
  }

  /** The files under {@code dir}/&lt;kind&gt;/, as inputs of that kind, sorted by path. */
  private static List<Input> inputs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<Input> inputs = new ArrayList<>();
    for (Path f : files) {
      Path rel = dir.relativize(f);
      if (rel.getNameCount() < 2) throw new AssertionError("fixture input " + f + " must be in a folder named after its kind, e.g. inputs/coverage/");
      inputs.add(Input.of(rel.getName(0).toString(), rel.subpath(1, rel.getNameCount()).toString().replace('\\', '/'), Files.readAllBytes(f)));
    }
    return inputs;
  }

  public static String render(List<Finding> findings) {
    return render(findings, null);
  }

  /**
   * As {@link #render(List)}; a finding whose rule is not {@code checkId} (a sub-rule such as
   * {@code java/checkstyle/LineLength}, or an engine rule) shows its rule after the severity.
   */
  public static String render(List<Finding> findings, String checkId) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      switch (f.scope()) {
        case LINE -> sb.append(f.path()).append(':').append(f.line()).append(f.column() > 0 ? ":" + f.column() : "");
        case FILE -> sb.append(f.path());
        case CHANGE -> sb.append('-');
      }
      sb.append(' ').append(f.severity().id());
      if (checkId != null && f.rule() != null && !f.rule().equals(checkId) && f.rule().startsWith(checkId + "/")) sb.append(" [").append(f.rule()).append(']');
      sb.append(' ').append(f.message()).append('\n');
    }
    return sb.toString();
  }

  private static final Pattern HEX = Pattern.compile("\\b[0-9a-f]{7,40}\\b");

  /** Replaces each id (or abbreviated id) of {@code commitIds} in {@code text} by {@code <cN>}, N from 1. */
  static String abbreviateCommits(String text, List<String> commitIds) {
    return HEX.matcher(text).replaceAll(m -> {
      for (int i = 0; i < commitIds.size(); i++) {
        if (commitIds.get(i).startsWith(m.group())) return "<c" + (i + 1) + ">";
      }
      return m.group();
    });
  }

  /** One commit of commits.txt. */
  record FixtureCommit(String authorName, String authorEmail, boolean mergeMain, String message) {
    static final String SEPARATOR = "---8<---";
    private static final Pattern AUTHOR = Pattern.compile("Author: (.*?) <([^>]*)>\\s*");

    /** The commits of {@code file}, or the single commit "head" when there is no such file. */
    static List<FixtureCommit> read(Path file) throws IOException {
      if (!Files.exists(file)) return List.of(new FixtureCommit(TestRepo.DEFAULT_NAME, TestRepo.DEFAULT_EMAIL, false, "head"));
      List<FixtureCommit> commits = new ArrayList<>();
      List<String> block = new ArrayList<>();
      for (String line : RuleFixtures.read(file).lines().toList()) {
        if (line.equals(SEPARATOR)) {
          commits.add(parse(file, block));
          block.clear();
        } else {
          block.add(line);
        }
      }
      if (block.stream().anyMatch(l -> !l.isBlank())) commits.add(parse(file, block));
      if (commits.isEmpty()) throw new AssertionError(file + " holds no commit");
      return commits;
    }

    private static FixtureCommit parse(Path file, List<String> block) {
      String name = TestRepo.DEFAULT_NAME;
      String email = TestRepo.DEFAULT_EMAIL;
      boolean merge = false;
      int start = 0;
      for (; start < block.size(); start++) {
        String line = block.get(start);
        Matcher author = AUTHOR.matcher(line);
        if (author.matches()) {
          name = author.group(1);
          email = author.group(2);
        } else if (line.startsWith("Merge: ")) {
          if (!line.substring(7).strip().equals("main")) throw new AssertionError(file + ": only 'Merge: main' is supported, not '" + line + "'");
          merge = true;
        } else {
          break;
        }
      }
      int end = block.size();
      while (end > start && block.get(end - 1).isBlank()) end--;
      if (end == start) throw new AssertionError(file + ": a commit without a message");
      return new FixtureCommit(name, email, merge, String.join("\n", block.subList(start, end)) + "\n");
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) return;
    List<Path> files;
    try (Stream<Path> s = Files.walk(from)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path from, Path in) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(from)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) Files.deleteIfExists(in.resolve(from.relativize(f).toString()));
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) return;
    List<Path> all;
    try (Stream<Path> s = Files.walk(p)) {
      all = new ArrayList<>(s.toList());
    }
    all.sort((a, b) -> b.getNameCount() - a.getNameCount());
    for (Path x : all) Files.deleteIfExists(x);
  }
}
