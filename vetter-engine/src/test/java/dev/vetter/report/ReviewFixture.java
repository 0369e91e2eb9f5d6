package dev.vetter.report;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.filter.FilterMode;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.testing.TestRepo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real review of a small real repository, with test-only rules whose findings are known: the
 * input every reporter test renders. Messages carry the characters each format must escape.
 */
final class ReviewFixture {
  static final String VERSION = "9.8.7-test";

  /** The head of {@code src/App.java}; line numbers matter. */
  static final String APP = """
      class App {
        // FIXME: handle <null> & "empty" | 100% done, ok
        int x;
        // HACK: spans two lines
        int y;
      }
      """;

  /** Line findings: FIXME is an error with a column and a suggestion; HACK a two-line warning with neither. */
  @CheckInfo(id = "demo/markers", category = Category.STYLE, severity = Severity.WARNING, mode = Mode.BLOCK,
      summary = "Marker comments left in code.",
      rationale = "Markers like `FIXME` rot & pile <up>.",
      fix = "Resolve the marker, or file an issue and link it.")
  static final class Markers implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line line : file.head().lines()) {
        String t = line.text();
        int fixme = t.indexOf("FIXME: ");
        if (fixme >= 0) {
          out.add(file.finding(line.number(), "Resolve the marker: " + t.substring(fixme + 7))
              .withColumn(fixme + 1).withSuggestion(t.replace("FIXME", "TODO")).withSeverity(Severity.ERROR));
        }
        if (t.contains("HACK:")) out.add(file.finding(line.number(), "A hack spans these lines.").withEndLine(line.number() + 1));
      }
      return out;
    }
  }

  /** A file-level finding on Markdown files without a title; its message has a line break and a mention. */
  @CheckInfo(id = "demo/titles", category = Category.SMELLS, severity = Severity.NOTICE,
      summary = "Markdown files start with a title.", rationale = "Readers skim titles.", fix = "Start with `# Title`.")
  static final class Titles implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      if (!file.path().endsWith(".md") || file.head().text().startsWith("#")) return List.of();
      return List.of(file.fileFinding("No title.\nAsk @octocat: see https://example.com/x."));
    }
  }

  /** A change-level finding. */
  @CheckInfo(id = "demo/change-size", category = Category.COMMITS, severity = Severity.WARNING,
      summary = "Changes stay small.", rationale = "Small changes are reviewed better.", fix = "Split the change.")
  static final class ChangeSize implements ChangeCheck<NoOptions> {
    @Override
    public List<Finding> check(ChangeContext<NoOptions> change) {
      return List.of(Finding.onChange("The change touches " + change.change().files().size() + " files, 100% new: split it?"));
    }
  }

  /** Enabled, finds nothing: a passing JUnit test case. */
  @CheckInfo(id = "demo/quiet", category = Category.TESTS, severity = Severity.ERROR, summary = "Never finds anything.", rationale = "r", fix = "f")
  static final class Quiet implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of();
    }
  }

  /** Disabled by the policy: in no report. */
  @CheckInfo(id = "demo/disabled", category = Category.TESTS, severity = Severity.ERROR, summary = "Disabled.", rationale = "r", fix = "f")
  static final class Disabled implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of(file.fileFinding("should never be reported"));
    }
  }

  static final CheckRegistry REGISTRY = new CheckRegistry(List.of(new Markers(), new Titles(), new ChangeSize(), new Quiet(), new Disabled()));
  static final ReportSettings SETTINGS = ReportSettings.of(REGISTRY, VERSION, false);

  private ReviewFixture() {}

  static Policy policy() {
    Policy d = Policy.defaults();
    return new Policy(FilterMode.ADDED, Severity.ERROR, d.maxInlineComments(), d.requestChanges(), d.include(), d.exclude(), null, d.limits(),
        Map.of("demo/disabled", new Policy.RuleSettings(false, null, null)), List.of());
  }

  /**
   * The reviewed change: {@code src/App.java} edited (FIXME on line 2, HACK on lines 4-5), {@code docs/notes, v2.md}
   * added without a title. Four findings, in this order: change-level warning, file-level notice, line error, line warning.
   */
  static ReviewResult review(Path dir) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("src/App.java", "class App {\n  int x;\n}\n").commit("feat: app");
      repo.branch("feature");
      repo.write("src/App.java", APP).write("docs/notes, v2.md", "no title here\n").commit("feat: more");
      return run(dir, policy());
    }
  }

  /** A change whose one file has {@code n} FIXME lines (lines 2 to n + 1) with {@code filler} characters each; only {@code demo/markers} runs. */
  /** {@link #review}'s change with {@code demo/titles} in shadow: its file-level notice is recorded, not reported. */
  static ReviewResult reviewWithShadow(Path dir) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("src/App.java", "class App {\n  int x;\n}\n").commit("feat: app");
      repo.branch("feature");
      repo.write("src/App.java", APP).write("docs/notes, v2.md", "no title here\n").commit("feat: more");
      Policy p = policy();
      Map<String, Policy.RuleSettings> rules = new java.util.HashMap<>(p.rules());
      rules.put("demo/titles", new Policy.RuleSettings(null, null, dev.vetter.check.Mode.SHADOW, null));
      return run(dir, new Policy(p.filter(), p.failOn(), p.maxInlineComments(), p.requestChanges(), p.include(), p.exclude(), null, p.limits(),
          rules, List.of()));
    }
  }

  /**
   * {@link #review}'s change with a waiver of {@code demo/markers} in {@code src/**} in force on the review's day: the
   * FIXME error and the HACK warning are waived, the other two findings reported.
   */
  static ReviewResult reviewWithWaivers(Path dir) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("src/App.java", "class App {\n  int x;\n}\n").commit("feat: app");
      repo.branch("feature");
      repo.write("src/App.java", APP).write("docs/notes, v2.md", "no title here\n").commit("feat: more");
      dev.vetter.policy.Waivers waivers = new dev.vetter.policy.WaiversLoader(REGISTRY, policy().waivers()).load(new dev.vetter.policy.YamlSource(
          ".vetter/waivers.yml@main", """
          waivers:
            - rule: demo/markers
              path: 'src/**'
              reason: accepted-risk
              owner: '@team <core>'
              created: 2026-01-01
              expires: 2026-01-31
              note: tracked in "JIRA-1" & co
          """));
      try (GitRepository git = GitRepository.open(dir)) {
        return new Reviewer(REGISTRY, policy()).withWaivers(waivers, java.time.LocalDate.parse("2026-01-15")).review(git.range("main", "feature"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ReviewResult reviewMany(Path dir, int n, int filler) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("big.txt", "start\n").commit("feat: start");
      repo.branch("feature");
      StringBuilder text = new StringBuilder("start\n");
      for (int i = 1; i <= n; i++) text.append("FIXME: item ").append(i).append(' ').append("x".repeat(filler)).append('\n');
      repo.write("big.txt", text.toString()).commit("feat: many");
      return run(dir, new CheckRegistry(List.of(new Markers())), policy());
    }
  }

  /** A change nothing is found in: only {@code demo/quiet} runs. */
  static ReviewResult reviewClean(Path dir) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("a.txt", "a\n").commit("feat: a");
      repo.branch("feature");
      repo.write("b.txt", "b\n").commit("feat: b");
      return run(dir, new CheckRegistry(List.of(new Quiet())), policy());
    }
  }

  private static ReviewResult run(Path dir, Policy policy) {
    return run(dir, REGISTRY, policy);
  }

  private static ReviewResult run(Path dir, CheckRegistry registry, Policy policy) {
    try (GitRepository git = GitRepository.open(dir)) {
      return new Reviewer(registry, policy).review(git.range("main", "feature"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String render(Reporter reporter, ReviewResult result) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String render(String format, ReviewResult result) {
    return render(Reporters.byName(format, SETTINGS), result);
  }
}
