package dev.vetter.ai.map;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a changed file is to a reviewer, told from its path alone (and, for {@link #GENERATED}, the marker a
 * generator leaves, checked by the caller). The first role that fits wins, in the order of this enum.
 */
public enum FileRole {
  /** Who owns what: {@code CODEOWNERS} in any of the places GitHub and GitLab read it. */
  OWNERSHIP,
  /** A lockfile: written by a package manager, collapsed in the map. */
  LOCKFILE,
  /** Third-party code copied into the repository: collapsed. */
  VENDORED,
  /** Written by a generator: collapsed. */
  GENERATED,
  /** A dependency manifest: what the project pulls in. */
  DEPENDENCY_MANIFEST,
  /** CI and release automation, which runs with the repository's credentials. */
  CI,
  /** A test. */
  TEST,
  /** Documentation. */
  DOCS,
  /** Anything else: source, configuration, assets. */
  SOURCE;

  /** Whether the map lists files of this role under one collapsed line rather than one by one. */
  public boolean collapsed() {
    return this == LOCKFILE || this == VENDORED || this == GENERATED;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static final Set<String> LOCKFILES = Set.of(
      "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "poetry.lock", "pdm.lock",
      "uv.lock", "pipfile.lock", "cargo.lock", "gemfile.lock", "composer.lock", "go.sum", "gradle.lockfile", "packages.lock.json",
      "podfile.lock", "pubspec.lock", "mix.lock", "flake.lock", "package.resolved", "deno.lock");

  static final Set<String> MANIFESTS = Set.of(
      "package.json", "pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties",
      "libs.versions.toml", "go.mod", "cargo.toml", "pyproject.toml", "setup.py", "setup.cfg", "pipfile", "gemfile", "composer.json",
      "requirements.txt", "requirements-dev.txt", "environment.yml", "podfile", "pubspec.yaml", "mix.exs", "deno.json", "build.sbt",
      "project.clj", "deps.edn", "directory.packages.props", "packages.config", "vcpkg.json", "conanfile.txt", "conanfile.py");

  private static final List<String> VENDORED_DIRS = List.of("vendor/", "third_party/", "third-party/", "thirdparty/", "node_modules/", "external/");
  private static final List<String> GENERATED_DIRS = List.of("generated/", "gen/", "__generated__/", "dist/");
  private static final List<String> GENERATED_SUFFIXES = List.of(".min.js", ".min.css", ".pb.go", "_pb2.py", "_pb2.pyi", ".pb.cc", ".pb.h",
      ".generated.cs", ".g.dart", ".freezed.dart", ".designer.cs", ".snap");
  private static final List<String> TEST_DIRS = List.of("test/", "tests/", "__tests__/", "spec/", "testdata/", "fixtures/", "src/test/", "e2e/");
  private static final List<String> DOC_SUFFIXES = List.of(".md", ".rst", ".adoc", ".txt");

  /** The role of {@code path} by its name and folders. */
  public static FileRole of(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    String dirs = "/" + lower.substring(0, lower.lastIndexOf('/') + 1);
    if ("codeowners".equals(name) && ("/".equals(dirs) || "/.github/".equals(dirs) || "/docs/".equals(dirs) || "/.gitlab/".equals(dirs))) {
      return OWNERSHIP;
    }
    if (LOCKFILES.contains(name)) return LOCKFILE;
    if (VENDORED_DIRS.stream().anyMatch(d -> dirs.contains("/" + d))) return VENDORED;
    if (GENERATED_DIRS.stream().anyMatch(d -> dirs.contains("/" + d)) || GENERATED_SUFFIXES.stream().anyMatch(name::endsWith)) return GENERATED;
    if (MANIFESTS.contains(name) || (name.startsWith("requirements") && name.endsWith(".txt")) || name.endsWith(".csproj")) {
      return DEPENDENCY_MANIFEST;
    }
    if (dirs.startsWith("/.github/workflows/") || dirs.startsWith("/.circleci/")
        || Set.of(".gitlab-ci.yml", "jenkinsfile", "azure-pipelines.yml", "action.yml", "action.yaml").contains(name)) {
      return CI;
    }
    if (TEST_DIRS.stream().anyMatch(d -> dirs.contains("/" + d)) || isTestName(name)) return TEST;
    if (dirs.contains("/docs/") || DOC_SUFFIXES.stream().anyMatch(name::endsWith) && !name.startsWith("requirements")) return DOCS;
    return SOURCE;
  }

  private static boolean isTestName(String name) {
    String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    return base.startsWith("test_") || base.endsWith("_test") || base.endsWith("test") && base.length() > 4 && !"latest".equals(base)
        || base.endsWith("tests") || base.endsWith("_spec") || name.contains(".test.") || name.contains(".spec.");
  }
}
