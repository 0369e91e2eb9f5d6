package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What kind of file a path names, as far as the hygiene rules care; decided from the name alone. */
final class PathKinds {
  private PathKinds() {}

  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "__mocks__", "testdata", "spec", "specs");

  private static final Set<String> LOCKFILES = Set.of(
      "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "cargo.lock", "gemfile.lock",
      "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "composer.lock", "go.sum", "flake.lock", "mix.lock", "pubspec.lock",
      "podfile.lock", "packages.lock.json", "gradle.lockfile", "deno.lock");

  /** The last path segment. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Test code: a file under a {@code test/}, {@code tests/}, {@code __tests__/}, {@code __mocks__/},
   * {@code testdata/} or {@code spec(s)/} folder, or named like a test ({@code *_test.go},
   * {@code FooTest.java}, {@code foo.test.ts}, {@code foo.spec.js}, {@code test_foo.py},
   * {@code conftest.py}, ...).
   */
  static boolean isTest(String path) {
    int start = 0;
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
      if (TEST_DIRS.contains(path.substring(start, slash).toLowerCase(Locale.ROOT))) return true;
      start = slash + 1;
    }
    String name = name(path);
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "java" -> stem.endsWith("Test") || stem.endsWith("Tests") || stem.endsWith("IT") || stem.endsWith("TestCase");
      case "kt", "groovy", "scala" -> stem.endsWith("Test") || stem.endsWith("Tests") || stem.endsWith("Spec");
      case "go" -> stem.endsWith("_test");
      case "py" -> lower.startsWith("test_") || stem.endsWith("_test") || lower.equals("conftest.py");
      case "rb" -> stem.endsWith("_spec") || stem.endsWith("_test");
      default -> lower.contains(".test.") || lower.contains(".spec.");
    };
  }

  /** A Makefile, whose recipe lines must start with a tab. */
  static boolean isMakefile(String path) {
    String lower = name(path).toLowerCase(Locale.ROOT);
    return lower.equals("makefile") || lower.equals("gnumakefile") || lower.endsWith(".mk") || lower.endsWith(".mak");
  }

  /** A dependency lockfile: written by a tool, never by hand. */
  static boolean isLockfile(String path) {
    return LOCKFILES.contains(name(path).toLowerCase(Locale.ROOT));
  }

  /** A minified asset or a source map: one enormous line by design. */
  static boolean isMinified(String path) {
    String lower = name(path).toLowerCase(Locale.ROOT);
    return lower.endsWith(".map") || lower.contains(".min.") || lower.endsWith("-min.js") || lower.endsWith(".bundle.js");
  }

  /**
   * A generated file: one of its first five lines carries {@code @generated} or Go's
   * {@code Code generated ... DO NOT EDIT.} header.
   */
  static boolean isGenerated(FileContent content) {
    List<FileContent.Line> lines = content.lines();
    for (int i = 0; i < Math.min(5, lines.size()); i++) {
      String t = lines.get(i).text();
      if (t.contains("@generated") || (t.contains("Code generated") && t.contains("DO NOT EDIT"))) return true;
    }
    return false;
  }
}
