package dev.vetter.checks.tests;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.Hunk;
import dev.vetter.change.Language;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Glob;
import dev.vetter.check.Severity;
import dev.vetter.checks.paths.GeneratedFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@CheckInfo(
    id = "tests/missing-tests",
    category = Category.TESTS,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled on seven repositories' merged PRs: 18 worth raising of 110 (refactorings, Javadoc-only changes); docs/eval.md
    summary = "Production code changed (Java, Kotlin, JavaScript/TypeScript, Python, Go, Ruby) but no test file did; suggests where the test would go.",
    rationale = """
        A behaviour change without a test change is either untested or relies on tests that did not \
        notice it. Neither is always wrong (a refactoring keeps its tests), so this is a notice that asks \
        the question, with the conventional test path for the first changed files: \
        `src/main/java/a/B.java` → `src/test/java/a/BTest.java`, `foo.ts` → `foo.test.ts`, `pkg/x.go` → \
        `pkg/x_test.go`, `a/b.py` → `tests/test_b.py`, `lib/x.rb` → `spec/x_spec.rb`. A file counts as a \
        test when it lies under a test folder (`test/`, `tests/`, `spec/`, `__tests__/`, `src/test/`, ...) \
        or is named like one (`*Test.java`, `*.test.ts`, `*.spec.js`, `test_*.py`, `*_test.go`, \
        `*_spec.rb`, ...). Renames without edits, deletions, generated files and the `exempt` paths do \
        not count as production changes.""",
    fix = """
        Add or update a test that covers the change. If none is needed (a pure refactoring, a log \
        message), say so in the pull request; add paths that never need tests to `exempt`.""",
    options = MissingTests.Options.class)
public final class MissingTests implements ChangeCheck<MissingTests.Options> {

  static final List<String> DEFAULT_EXEMPT = List.of(
      "docs/", "doc/", "examples/", "example/", "samples/", "/scripts/", "/tools/", "/benchmarks/", "/bench/",
      "*.config.js", "*.config.ts", "*.config.mjs", "*.config.cjs", "*.d.ts", "*.gradle.kts", "setup.py", "noxfile.py", "manage.py",
      "**/migrations/**", "**/generated/**");

  public record Options(
      @Doc("Path globs of production files that need no tests (documentation, examples, build and tool configuration).")
      List<String> exempt) {

    public Options() {
      this(DEFAULT_EXEMPT);
    }

    public Options {
      Glob.compileAll("exempt", exempt);
      exempt = List.copyOf(exempt);
    }
  }

  private static final Set<Language> CODE = Set.of(Language.JAVA, Language.KOTLIN, Language.JAVASCRIPT, Language.TYPESCRIPT, Language.PYTHON,
      Language.GO, Language.RUBY);
  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "spec", "specs", "__tests__", "__test__", "testing", "e2e", "androidtest",
      "testfixtures", "integrationtest", "integration-tests", "it", "cypress", "testdata");
  private static final int SUGGESTIONS = 3;

  private record Production(ChangedFile file, int lines) {}

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    List<Glob> exempt = Glob.compileAll("exempt", change.options().exempt());
    List<Production> production = new ArrayList<>();
    for (ChangedFile f : change.change().files()) {
      if (isTest(f.path()) || f.oldPath() != null && isTest(f.oldPath())) return List.of();
      if (f.isDeleted() || !CODE.contains(Language.of(f.path())) || Glob.anyMatches(exempt, f.path())) continue;
      int lines = 0;
      for (Hunk h : f.hunks()) lines += (int) h.lines().stream().filter(l -> l.kind() != dev.vetter.change.DiffLine.Kind.CONTEXT).count();
      if (lines == 0 && !f.tooLarge()) continue; // a rename or mode change
      if (f.isReviewableText() && change.readHead(f.path()).map(GeneratedFiles::hasMarker).orElse(false)) continue;
      production.add(new Production(f, lines));
    }
    if (production.isEmpty()) return List.of();
    production.sort(Comparator.comparingInt(Production::lines).reversed().thenComparing(p -> p.file().path()));
    List<String> suggestions = new ArrayList<>();
    for (Production p : production.subList(0, Math.min(SUGGESTIONS, production.size()))) {
      String test = conventionalTest(p.file().path());
      String state = change.readHead(test).isPresent() ? "update" : "add";
      suggestions.add(state + " `" + test + "` for `" + p.file().path() + "`");
    }
    int more = production.size() - suggestions.size();
    String files = production.size() == 1 ? "1 file" : production.size() + " files";
    return List.of(change.changeFinding("Production code changed in " + files + " but no test did; consider tests, e.g. "
        + String.join("; ", suggestions) + (more > 0 ? " (and " + more + " more file" + (more == 1 ? "" : "s") + ")" : "") + ".")
        .withKey("missing-tests"));
  }

  /** Whether {@code path} is a test file or lies under a test folder. */
  static boolean isTest(String path) {
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (TEST_DIRS.contains(segments[i].toLowerCase(Locale.ROOT))) return true;
    }
    String name = segments[segments.length - 1];
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "java", "kt", "kts", "groovy", "scala" -> stem.endsWith("Test") || stem.endsWith("Tests") || stem.endsWith("IT") || stem.endsWith("TestCase")
          || stem.endsWith("Spec") || stem.length() > 4 && stem.startsWith("Test") && Character.isUpperCase(stem.charAt(4));
      case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts" -> name.matches(".*\\.(test|spec|e2e-spec|e2e)\\.[a-z]+$");
      case "py" -> name.startsWith("test_") || stem.endsWith("_test") || name.equals("conftest.py");
      case "go" -> name.endsWith("_test.go");
      case "rb" -> stem.endsWith("_spec") || stem.endsWith("_test");
      default -> false;
    };
  }

  /** Where a test for {@code path} conventionally lives. */
  static String conventionalTest(String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    return switch (Language.of(path)) {
      case JAVA, KOTLIN -> {
        for (String src : List.of("src/main/java/", "src/main/kotlin/")) {
          int at = dir.indexOf(src);
          if (at >= 0 && (at == 0 || dir.charAt(at - 1) == '/')) {
            yield dir.substring(0, at) + src.replace("/main/", "/test/") + dir.substring(at + src.length()) + stem + "Test" + ext;
          }
        }
        yield dir + stem + "Test" + ext;
      }
      case JAVASCRIPT, TYPESCRIPT -> dir + stem + ".test" + ext;
      case GO -> dir + stem + "_test.go";
      case PYTHON -> "tests/test_" + (stem.equals("__init__") && slash > 0 ? dir.substring(dir.lastIndexOf('/', dir.length() - 2) + 1, dir.length() - 1) : stem) + ".py";
      case RUBY -> {
        String rest = dir.startsWith("lib/") ? dir.substring(4) : dir.startsWith("app/") ? dir.substring(4) : dir;
        yield "spec/" + rest + stem + "_spec.rb";
      }
      default -> dir + stem + "_test" + ext;
    };
  }
}
