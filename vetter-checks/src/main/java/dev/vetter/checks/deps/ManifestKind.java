package dev.vetter.checks.deps;

import java.util.List;
import java.util.Locale;

/** The dependency files Vetter reads, recognised by file name. */
enum ManifestKind {
  POM(Ecosystem.MAVEN, false, List.of()),
  GRADLE(Ecosystem.MAVEN, false, List.of("gradle.lockfile")),
  VERSION_CATALOG(Ecosystem.MAVEN, false, List.of()),
  PACKAGE_JSON(Ecosystem.NPM, false, List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock")),
  REQUIREMENTS(Ecosystem.PYPI, false, List.of()),
  PYPROJECT(Ecosystem.PYPI, false, List.of("poetry.lock", "uv.lock", "pdm.lock")),
  GO_MOD(Ecosystem.GO, false, List.of("go.sum")),
  CARGO_TOML(Ecosystem.CRATES_IO, false, List.of("Cargo.lock")),
  GEMFILE(Ecosystem.RUBYGEMS, false, List.of("Gemfile.lock")),

  PACKAGE_LOCK(Ecosystem.NPM, true, List.of()),
  YARN_LOCK(Ecosystem.NPM, true, List.of()),
  PNPM_LOCK(Ecosystem.NPM, true, List.of()),
  CARGO_LOCK(Ecosystem.CRATES_IO, true, List.of()),
  POETRY_LOCK(Ecosystem.PYPI, true, List.of()),
  UV_LOCK(Ecosystem.PYPI, true, List.of()),
  GEMFILE_LOCK(Ecosystem.RUBYGEMS, true, List.of()),
  GRADLE_LOCKFILE(Ecosystem.MAVEN, true, List.of()),
  /** Recognised (as the lockfile of go.mod) but not read: go.sum lists every version ever considered. */
  GO_SUM(Ecosystem.GO, true, List.of());

  private final Ecosystem ecosystem;
  private final boolean lockfile;
  private final List<String> lockfiles;

  ManifestKind(Ecosystem ecosystem, boolean lockfile, List<String> lockfiles) {
    this.ecosystem = ecosystem;
    this.lockfile = lockfile;
    this.lockfiles = lockfiles;
  }

  Ecosystem ecosystem() {
    return ecosystem;
  }

  boolean isLockfile() {
    return lockfile;
  }

  /** The names of the lockfiles that pin this manifest's dependencies, in the same directory. */
  List<String> lockfiles() {
    return lockfiles;
  }

  /** The kind of the file at {@code path}, or null when it is no dependency file Vetter reads. */
  static ManifestKind of(String path) {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    String dir = slash < 0 ? "" : path.substring(0, slash);
    return switch (name) {
      case "pom.xml" -> POM;
      case "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts" -> GRADLE;
      case "package.json" -> PACKAGE_JSON;
      case "pyproject.toml" -> PYPROJECT;
      case "go.mod" -> GO_MOD;
      case "Cargo.toml" -> CARGO_TOML;
      case "Gemfile", "gems.rb" -> GEMFILE;
      case "package-lock.json", "npm-shrinkwrap.json" -> PACKAGE_LOCK;
      case "yarn.lock" -> YARN_LOCK;
      case "pnpm-lock.yaml" -> PNPM_LOCK;
      case "Cargo.lock" -> CARGO_LOCK;
      case "poetry.lock" -> POETRY_LOCK;
      case "uv.lock" -> UV_LOCK;
      case "Gemfile.lock", "gems.locked" -> GEMFILE_LOCK;
      case "gradle.lockfile" -> GRADLE_LOCKFILE;
      case "go.sum" -> GO_SUM;
      default -> {
        if (lower.endsWith(".versions.toml")) yield VERSION_CATALOG;
        // requirements.txt, requirements-dev.txt, requirements/base.txt
        if (lower.endsWith(".txt") && (lower.startsWith("requirements") || dir.equals("requirements") || dir.endsWith("/requirements"))) {
          yield REQUIREMENTS;
        }
        yield null;
      }
    };
  }
}
