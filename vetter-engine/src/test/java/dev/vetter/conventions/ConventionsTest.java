package dev.vetter.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conventions read from real repositories at their base: commit messages, line length, analyzer rules. */
class ConventionsTest {
  @TempDir Path tmp;

  /** An analyzer stand-in: reports a sub-rule per kind of line, as java/pmd reports PMD's rules. */
  @CheckInfo(id = "test/tool", category = Category.STYLE, severity = Severity.WARNING, summary = "s", rationale = "r", fix = "f", subRules = true)
  static final class Tool implements FileCheck<NoOptions> {
    @Override
    public boolean accepts(ChangedFile file) {
      return file.path().endsWith(".java");
    }

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (var line : file.head().lines()) {
        if (line.text().contains("void a_b")) out.add(file.finding(line.number(), "underscore").withRule("test/tool/MethodNaming"));
        if (line.text().contains("System.exit")) out.add(file.finding(line.number(), "exit").withRule("test/tool/DoNotTerminate"));
      }
      return out;
    }
  }

  /** Stands in for the real java/pmd: only its id matters to the build inference. */
  @CheckInfo(id = "java/pmd", category = Category.SMELLS, severity = Severity.WARNING, summary = "s", rationale = "r", fix = "f", subRules = true)
  static final class Pmd implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of();
    }
  }

  @Test
  void pmdStaysInShadowUnlessTheBuildRunsItOrThePolicyNamesRulesets() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("pmd"));
    repo.write("pom.xml", "<project><artifactId>a</artifactId></project>\n").write("m/pom.xml", "<project><artifactId>m</artifactId></project>\n").commit("start");
    CheckRegistry registry = new CheckRegistry(List.of(new Pmd()));
    try (GitRepository git = GitRepository.open(repo.dir())) {
      Policy.Inferred pmd = Conventions.infer(Conventions.of(git, "HEAD"), registry, Policy.defaults(), FindingCache.NONE).stream()
          .filter(i -> i.rule().equals("java/pmd")).findFirst().orElseThrow();
      assertThat(pmd.settings().mode()).isEqualTo(Mode.SHADOW);
      assertThat(pmd.reason()).contains("does not run PMD");
      Policy named = new dev.vetter.policy.PolicyLoader(registry).load(List.of(new dev.vetter.policy.YamlSource("p.yml", "rules: {java/pmd: {mode: comment}}")));
      assertThat(Conventions.infer(Conventions.of(git, "HEAD"), registry, named, FindingCache.NONE)).noneMatch(i -> i.rule().equals("java/pmd"));
    }
    repo.write("m/pom.xml", "<project><build><plugins><plugin><artifactId>maven-pmd-plugin</artifactId></plugin></plugins></build></project>\n")
        .commit("run PMD in module m");
    try (GitRepository git = GitRepository.open(repo.dir())) {
      assertThat(Conventions.infer(Conventions.of(git, "HEAD"), registry, Policy.defaults(), FindingCache.NONE)).noneMatch(i -> i.rule().equals("java/pmd"));
    }
  }

  private List<Policy.Inferred> infer(TestRepo repo) throws Exception {
    try (GitRepository git = GitRepository.open(repo.dir())) {
      return Conventions.infer(Conventions.of(git, "HEAD"), new CheckRegistry(List.of(new Tool())), Policy.defaults(), FindingCache.NONE);
    }
  }

  private static Map<String, Policy.Inferred> byRule(List<Policy.Inferred> all) {
    return all.stream().filter(i -> i.paths().isEmpty()).collect(Collectors.toMap(Policy.Inferred::rule, Function.identity()));
  }

  @Test
  void conventionalHistoryGivesTheTypesItUsesButStaysInShadowWithoutCommitlint() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("cc"));
    for (int i = 0; i < 10; i++) repo.write("f" + i, "x\n").commit((i % 3 == 0 ? "deps: update x to v" : i % 3 == 1 ? "fix: Handle case " : "feat(api): add ") + i);
    repo.write("g", "x\n").commit("Merge pull request #1 from a/b"); // skipped, as commitlint skips it
    repo.write("h", "x\n").commit("Update readme"); // 10 of 11 considered: 91%
    Policy.Inferred format = byRule(infer(repo)).get("commits/conventional-format");
    assertThat(format.settings().mode()).isEqualTo(Mode.SHADOW);
    assertThat(format.reason()).contains("10 of the last 11 first-parent commits at base (91%)", "deps", "no commitlint configuration");
    assertThat(format.settings().options().get("types").toString()).contains("\"feat\"", "\"deps\"");
    assertThat(format.settings().options().get("subject-case").isEmpty()).as("the history capitalises subjects").isTrue();
    assertThat(byRule(infer(repo)).get("commits/header-length").settings().mode()).isEqualTo(Mode.SHADOW);
  }

  @Test
  void historyThatDoesNotFollowItLeavesTheCommitRulesInShadow() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("plain"));
    for (int i = 0; i < 12; i++) repo.write("f" + i, "x\n").commit(i < 7 ? "Fix the parser for case " + i : "feat: add " + i);
    Map<String, Policy.Inferred> rules = byRule(infer(repo));
    assertThat(rules.get("commits/conventional-format").settings().mode()).isEqualTo(Mode.SHADOW);
    assertThat(rules.get("commits/conventional-format").reason()).contains("only 5 of the last 12", "42%");
    assertThat(rules.get("commits/body-format").settings().mode()).isEqualTo(Mode.SHADOW);
  }

  @Test
  void aShortHistorySaysNothingAndStaysQuiet() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("short"));
    repo.write("a", "x\n").commit("feat: start");
    Policy.Inferred f = byRule(infer(repo)).get("commits/conventional-format");
    assertThat(f.settings().mode()).isEqualTo(Mode.SHADOW);
    assertThat(f.reason()).contains("1 commits of history");
  }

  @Test
  void aCommitlintConfigurationBlocksWithItsOwnTypes() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("commitlint"));
    repo.write(".commitlintrc.json", "{\"extends\": [\"@commitlint/config-conventional\"], \"rules\": {\"type-enum\": [2, \"always\", [\"feat\", \"fix\", \"deps\"]]}}\n")
        .commit("Add commitlint");
    Policy.Inferred f = byRule(infer(repo)).get("commits/conventional-format");
    assertThat(f.settings().mode()).isEqualTo(Mode.BLOCK);
    assertThat(f.reason()).contains(".commitlintrc.json", "type-enum");
    assertThat(f.settings().options().get("types").toString()).isEqualTo("[\"feat\",\"fix\",\"deps\"]");
    // a JavaScript configuration is never run: config-conventional's types then
    TestRepo js = TestRepo.init(tmp.resolve("js"));
    js.write("commitlint.config.js", "module.exports = {extends: ['@commitlint/config-conventional']};\n").commit("Add commitlint");
    Policy.Inferred g = byRule(infer(js)).get("commits/conventional-format");
    assertThat(g.settings().mode()).isEqualTo(Mode.BLOCK);
    assertThat(g.settings().options().get("types").toString()).contains("\"chore\"").doesNotContain("deps");
  }

  @Test
  void lineLengthFromTheRepositorysOwnToolsElseShadow() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("py"));
    repo.write("pyproject.toml", "[project]\nname = \"x\"\nline-length = 10\n\n[tool.ruff]\nline-length = 100  # ours\n").commit("start");
    List<Policy.Inferred> all = infer(repo);
    assertThat(byRule(all).get("hygiene/line-length").settings().mode()).isEqualTo(Mode.SHADOW);
    Policy.Inferred py = all.stream().filter(i -> i.rule().equals("hygiene/line-length") && !i.paths().isEmpty()).findFirst().orElseThrow();
    assertThat(py.settings().mode()).isEqualTo(Mode.COMMENT);
    assertThat(py.settings().options().get("max").asInt()).isEqualTo(100);
    assertThat(py.appliesTo("src/app.py")).isTrue();
    assertThat(py.appliesTo("src/App.java")).isFalse();
    assertThat(py.reason()).contains("pyproject.toml [tool.ruff] line-length");

    TestRepo js = TestRepo.init(tmp.resolve("js"));
    js.write(".eslintrc.json", "{\"rules\": {\"max-len\": [\"error\", {\"code\": 120}]}}").write(".editorconfig", "[*]\nmax_line_length = 90\n").commit("start");
    List<Policy.Inferred> jsAll = infer(js);
    assertThat(byRule(jsAll).get("hygiene/line-length").reason()).contains("hygiene/editorconfig");
    assertThat(jsAll).filteredOn(i -> i.rule().equals("hygiene/line-length") && i.appliesTo("web/app.ts") && !i.paths().isEmpty())
        .singleElement().satisfies(i -> assertThat(i.settings().options().get("max").asInt()).isEqualTo(120));
  }

  @Test
  void anAnalyzerRuleThatFiresOnMostTestFilesAtBaseGoesToShadowForTestFiles() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("java"));
    for (int i = 0; i < 8; i++) {
      repo.write("src/test/java/p/T" + i + "Test.java", "class T" + i + "Test {\n  void a_b() {}\n}\n");
      repo.write("src/main/java/p/M" + i + ".java", "class M" + i + " {\n  void run() {" + (i == 0 ? " System.exit(1);" : "") + " }\n}\n");
    }
    repo.write("src/test/java/p/PlainTest.java", "class PlainTest {\n  void plain() {}\n}\n").commit("start");
    List<Policy.Inferred> all = infer(repo);
    List<Policy.Inferred> tool = all.stream().filter(i -> i.rule().startsWith("test/tool/")).toList();
    assertThat(tool).singleElement().satisfies(i -> {
      assertThat(i.rule()).isEqualTo("test/tool/MethodNaming");
      assertThat(i.settings().mode()).isEqualTo(Mode.SHADOW);
      assertThat(i.appliesTo("src/test/java/p/NewTest.java")).isTrue();
      assertThat(i.appliesTo("src/main/java/p/New.java")).as("main code keeps the rule").isFalse();
      assertThat(i.reason()).contains("8 of 9 sampled test files", "89%", "rules: {test/tool/MethodNaming: {mode: comment}}");
    });
  }

  /** Stands in for the real secrets/private-key: reports every {@code .key} file, blocking by default as the real one does. */
  @CheckInfo(id = "secrets/private-key", category = Category.SECURITY, severity = Severity.ERROR, mode = Mode.BLOCK, summary = "s", rationale = "r", fix = "f")
  static final class Key implements FileCheck<NoOptions> {
    @Override
    public boolean accepts(ChangedFile file) {
      return file.path().endsWith(".key");
    }

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of(file.finding(1, "a key"));
    }
  }

  @Test
  void keysUnderTestSourcesCommentAndBlockEverywhereElseUnlessThePolicySays() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("keys"));
    repo.write("README.md", "x\n").commit("start");
    repo.branch("feature");
    List<String> tests = List.of("tests/certs/server.key", "src/test/resources/signing.key", "examples/http2/testdata/server.key", "fixtures/testdata/tls.key");
    List<String> elsewhere = List.of("config/server.key", "src/main/resources/signing.key", "deploy/contest/id.key");
    for (String p : tests) repo.write(p, "k\n");
    for (String p : elsewhere) repo.write(p, "k\n");
    repo.commit("keys");
    CheckRegistry registry = new CheckRegistry(List.of(new Key()));
    try (GitRepository git = GitRepository.open(repo.dir())) {
      List<Policy.Inferred> all = Conventions.infer(Conventions.of(git, "main"), registry, Policy.defaults(), FindingCache.NONE);
      assertThat(all).filteredOn(i -> i.rule().equals("secrets/private-key")).singleElement()
          .satisfies(i -> assertThat(i.reason()).contains("test fixtures"));
      assertThat(all).as("only rules the registry has").noneMatch(i -> i.rule().equals("secrets/gcp-service-account"));

      var result = new dev.vetter.engine.Reviewer(registry, Policy.defaults().withInferred(all)).review(git.range("main", "feature"));
      Map<String, Mode> modes = result.findings().stream().collect(Collectors.toMap(Finding::path, Finding::mode));
      for (String p : tests) assertThat(modes).as(p).containsEntry(p, Mode.COMMENT);
      for (String p : elsewhere) assertThat(modes).as(p).containsEntry(p, Mode.BLOCK);
      assertThat(result.failed()).as("the keys outside test sources still fail the review").isTrue();

      // a mode the team wrote wins over the inference, in test sources too
      Policy strict = new dev.vetter.policy.PolicyLoader(registry).load(List.of(new dev.vetter.policy.YamlSource("p.yml", "rules: {secrets: {mode: block}}")));
      var strictResult = new dev.vetter.engine.Reviewer(registry, strict.withInferred(all)).review(git.range("main", "feature"));
      assertThat(strictResult.findings()).hasSize(tests.size() + elsewhere.size()).allMatch(f -> f.mode() == Mode.BLOCK);
    }
  }
}
