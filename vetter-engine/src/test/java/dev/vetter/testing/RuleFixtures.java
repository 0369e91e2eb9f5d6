package dev.vetter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vetter.change.Change;
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
        assertEquals(read(dir.resolve("expected.txt")).strip(), run(dir, check).strip(), "findings of " + dir);
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
      if (Files.isDirectory(dir.resolve("base"))) deleteTree(dir.resolve("base"), repo.dir());
      copyTree(dir.resolve("head"), repo.dir());
      repo.commit("head");
      CheckRegistry registry = new CheckRegistry(List.of(check));
      Policy policy = Files.exists(dir.resolve("vetter.yml"))
          ? new PolicyLoader(registry).load(List.of(new YamlSource("vetter.yml", read(dir.resolve("vetter.yml")))))
          : Policy.defaults();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change change = git.range("main", "feature");
        ReviewResult result = new Reviewer(registry, policy).withInputs(ReviewInputs.of(inputs(dir.resolve("inputs")), repo.dir())).review(change);
        return render(result.findings());
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
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      switch (f.scope()) {
        case LINE -> sb.append(f.path()).append(':').append(f.line()).append(f.column() > 0 ? ":" + f.column() : "");
        case FILE -> sb.append(f.path());
        case CHANGE -> sb.append('-');
      }
      sb.append(' ').append(f.severity().id()).append(' ').append(f.message()).append('\n');
    }
    return sb.toString();
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
