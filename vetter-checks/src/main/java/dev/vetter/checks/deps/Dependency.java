package dev.vetter.checks.deps;

import java.util.Objects;

/**
 * One dependency as a manifest or lockfile declares it.
 *
 * @param section where it is declared, e.g. {@code dependencies}, {@code devDependencies},
 *     {@code dependencyManagement}; part of its identity, so a move between sections is a new dependency
 * @param role what it is, for messages: {@code dependency}, {@code dev dependency}, {@code plugin}, ...
 * @param name the package name as its registry knows it ({@code groupId:artifactId} for Maven)
 * @param spec the version requirement as written ({@code ^1.2.0}, {@code ${jackson.version}}), "" when none
 * @param version the requirement with properties resolved, "" when none is written, null when it
 *     cannot be resolved within the file (a property defined in a parent POM, say)
 * @param line first line of the declaration (1-based)
 * @param endLine last line of the declaration
 * @param versionLine the line where the version is written when that is outside the declaration
 *     (a Maven property, a Gradle variable, a version-catalog entry), else 0
 */
record Dependency(Ecosystem ecosystem, String section, String role, String name, String spec, String version, Source source,
    int line, int endLine, int versionLine) {

  /** Where a dependency comes from. {@code location} is a URL, path or registry name; {@code ref} a git ref or null. */
  record Source(Kind kind, String location, String ref) {
    static final Source REGISTRY = new Source(Kind.REGISTRY, null, null);

    enum Kind {
      /** The ecosystem's default registry. */
      REGISTRY,
      /** A registry or index other than the default one, named or by URL. */
      CUSTOM_REGISTRY,
      GIT,
      /** An archive downloaded from a URL. */
      URL,
      /** A directory or file on disk. */
      PATH,
      /** Another package of the same workspace or monorepo ({@code workspace:}, {@code workspace = true}). */
      WORKSPACE,
      /** Go's {@code replace} by another module. */
      REPLACED
    }
  }

  Dependency {
    Objects.requireNonNull(ecosystem, "ecosystem == null");
    Objects.requireNonNull(name, "name == null");
    spec = spec == null ? "" : spec.strip();
    if (source == null) source = Source.REGISTRY;
    if (endLine < line) endLine = line;
  }

  /** Identity across base and head: ecosystem, section and the ecosystem's normalised name. */
  String key() {
    return ecosystem + "\0" + section + "\0" + ecosystem.normalize(name);
  }

  /** A copy placed at other lines. */
  Dependency at(int line, int endLine, int versionLine) {
    return new Dependency(ecosystem, section, role, name, spec, version, source, line, endLine, versionLine);
  }

  Dependency withSource(Source source) {
    return new Dependency(ecosystem, section, role, name, spec, version, source, line, endLine, versionLine);
  }

  /** {@code name spec}, or just the name when no version is written. */
  String label() {
    return spec.isEmpty() ? name : name + " " + spec;
  }

  /** True when it comes from the ecosystem's registry (default or custom), so its version means something. */
  boolean fromRegistry() {
    return source.kind() == Source.Kind.REGISTRY || source.kind() == Source.Kind.CUSTOM_REGISTRY;
  }
}
