package dev.vetter.checks.deps;

import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.List;

/**
 * A dependency file, parsed: its dependencies and the registries it declares, or why it could not be
 * read. Parsers are small and tolerant: line-based formats skip what they do not understand; only
 * structured formats (XML, JSON, TOML) that do not parse at all yield an {@link #error()}.
 *
 * @param error why the file could not be parsed, or null
 */
record Manifest(ManifestKind kind, List<Dependency> dependencies, List<Registry> registries, String error) {

  Manifest {
    dependencies = List.copyOf(dependencies);
    registries = List.copyOf(registries);
  }

  static Manifest failed(ManifestKind kind, String error) {
    return new Manifest(kind, List.of(), List.of(), error);
  }

  boolean parsed() {
    return error == null;
  }

  /** Parses {@code content} as a file of {@code kind}; never throws for bad input. */
  static Manifest parse(ManifestKind kind, FileContent content) {
    if (content.isBinary()) return failed(kind, "it is a binary file");
    String text = content.text();
    try {
      return switch (kind) {
        case POM -> PomParser.parse(text);
        case GRADLE -> GradleParser.parse(text);
        case VERSION_CATALOG -> TomlManifests.versionCatalog(text);
        case PACKAGE_JSON -> PackageJsonParser.parse(text);
        case REQUIREMENTS -> RequirementsParser.parse(text);
        case PYPROJECT -> TomlManifests.pyproject(text);
        case GO_MOD -> GoModParser.parse(text);
        case CARGO_TOML -> TomlManifests.cargo(text);
        case GEMFILE -> GemfileParser.parse(text);
        case PACKAGE_LOCK, YARN_LOCK, PNPM_LOCK, CARGO_LOCK, POETRY_LOCK, UV_LOCK, GEMFILE_LOCK, GRADLE_LOCKFILE -> Lockfiles.parse(kind, text);
        case GO_SUM -> new Manifest(kind, List.of(), List.of(), null);
      };
    } catch (ParseException e) {
      return failed(kind, e.getMessage());
    } catch (RuntimeException e) {
      // a parser bug must not take the review down: say what happened, as for a file that does not parse
      return failed(kind, "the parser failed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  /** A file that does not parse; the message says where and why, in one line. */
  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message);
    }
  }

  /** Collects dependencies and registries while parsing. */
  static final class Builder {
    final ManifestKind kind;
    final List<Dependency> dependencies = new ArrayList<>();
    final List<Registry> registries = new ArrayList<>();

    Builder(ManifestKind kind) {
      this.kind = kind;
    }

    Builder add(Dependency d) {
      dependencies.add(d);
      return this;
    }

    Builder registry(String location, int line, String problem) {
      registries.add(new Registry(location, line, problem));
      return this;
    }

    Manifest build() {
      return new Manifest(kind, dependencies, registries, null);
    }
  }
}
