package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.checks.deps.Dependency.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@CheckInfo(
    id = "deps/untrusted-source",
    category = Category.DEPENDENCIES,
    severity = Severity.WARNING,
    summary = "A dependency fetched from outside the ecosystem's registry (git, plain-HTTP URL, local path, another registry), or a package repository added to the build.",
    rationale = """
        The default registries (Maven Central, npmjs, PyPI, crates.io, RubyGems, the Go proxy) keep \
        published versions immutable and are watched by scanners and advisories. A git branch, a plain \
        HTTP URL, a file on someone's disk or an extra repository bypasses that: what gets built can \
        change or be swapped without a version change, and an added repository can shadow any package of \
        the default one (dependency confusion). Reported: git dependencies, `http://` URLs, local paths \
        (`file:`, `path =`, `replace => ../x`), named or custom registries, Go `replace` by another \
        module, and repositories or indexes a manifest adds (Maven `<repositories>`, Gradle `maven { url }`, \
        `mavenLocal()`, `jcenter()`, pip `--extra-index-url` and `--trusted-host`, Poetry and uv sources, \
        Gemfile `source`). HTTPS archive URLs, workspace packages and the project itself (pip's `-e .` or `.[extras]`) are not \
        reported.""",
    fix = """
        Depend on a released version from the default registry. If the source is your organisation's \
        own (an internal registry or git host), add its URL prefix or registry name to `trustedSources`; \
        local paths inside a monorepo can be allowed with `allowPaths: true`.""",
    version = 2, // 2: the project itself (`-e .[extras]`) is no outside source
    options = UntrustedSource.Options.class)
public final class UntrustedSource implements FileCheck<UntrustedSource.Options> {

  public record Options(
      @Doc("URL prefixes (e.g. `https://nexus.example.com/`, `https://github.com/my-org/`) and registry or index names that are "
          + "trusted in addition to each ecosystem's default registry.")
      List<String> trustedSources,
      @Doc("Accept dependencies on local paths (`file:`, `path = ...`, `replace => ../x`), as in a monorepo.")
      boolean allowPaths) {

    public Options() {
      this(List.of(), false);
    }

    public Options {
      if (trustedSources == null) throw new IllegalArgumentException("trusted-sources must be a list");
      for (String s : trustedSources) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("trusted-sources must not contain empty entries");
      }
      trustedSources = List.copyOf(trustedSources);
    }
  }

  /** The ecosystems' default registries and their usual aliases. */
  static final List<String> DEFAULT_REGISTRIES = List.of(
      "https://repo.maven.apache.org/maven2", "https://repo1.maven.org/maven2", "https://central.sonatype.com",
      "https://plugins.gradle.org/m2", "https://maven.google.com", "https://dl.google.com/dl/android/maven2",
      "https://registry.npmjs.org", "https://registry.yarnpkg.com",
      "https://pypi.org/simple", "https://pypi.python.org/simple", "https://files.pythonhosted.org",
      "https://rubygems.org", "https://index.crates.io", "https://github.com/rust-lang/crates.io-index", "crates-io",
      "https://proxy.golang.org");

  @Override
  public boolean accepts(ChangedFile file) {
    return Manifests.isManifest(file);
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Options o = file.options();
    Manifest head = Manifests.parse(file.path(), java.util.Optional.of(file.head())).orElseThrow();
    if (!head.parsed()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Dependency d : head.dependencies()) {
      String why = problem(d.source(), o);
      if (why == null) continue;
      String message = "The " + Manifests.describe(d) + " comes from " + Manifests.origin(d) + ": " + why + ".";
      findings.add(Manifests.finding(file.path(), d, false, false, message).withKey(Manifests.key(d, "source:" + d.source().location())));
    }
    for (Registry r : head.registries()) {
      String why = r.problem() != null ? r.problem() : registryProblem(r.location(), o);
      if (why == null) continue;
      findings.add(Finding.onLine(file.path(), r.line(), "This file adds the package source " + Manifests.code(r.location()) + ": " + why + ".")
          .withKey("registry:" + r.location()));
    }
    return findings;
  }

  private static String problem(Source s, Options o) {
    return switch (s.kind()) {
      case REGISTRY, WORKSPACE -> null;
      case CUSTOM_REGISTRY -> trusted(s.location(), o) ? null : registryProblem(s.location(), o);
      case GIT -> trusted(s.location(), o) ? null
          : plain(s.location()) ? "git over an unencrypted connection, which anyone on the network path can tamper with"
          : "a git repository is not an immutable release, so what it serves can change without a version change";
      case URL -> trusted(s.location(), o) || !plain(s.location()) ? null : "a download over plain HTTP, which anyone on the network path can tamper with";
      case PATH -> o.allowPaths() ? null : "a local path, which only exists on some machines and is never checked against a registry";
      case REPLACED -> trusted(s.location(), o) ? null : "a `replace` makes the build use another module (a fork) in place of this one";
    };
  }

  private static String registryProblem(String location, Options o) {
    if (trusted(location, o)) return null;
    if (plain(location)) return "it is reached over plain HTTP, so anyone on the network path can swap packages";
    return "it is not the ecosystem's default registry, and packages it serves can shadow those of the default one";
  }

  private static boolean plain(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("git://") || l.startsWith("git+http://") || l.startsWith("ftp://");
  }

  static boolean trusted(String location, Options o) {
    if (location == null) return false;
    String l = normalize(location);
    for (String prefix : DEFAULT_REGISTRIES) {
      if (l.equals(normalize(prefix)) || l.startsWith(normalize(prefix) + "/")) return true;
    }
    for (String prefix : o.trustedSources()) {
      String p = normalize(prefix);
      // whole path segments only: `https://github.com/my-org` must not trust `https://github.com/my-org-evil`
      if (l.equals(p) || l.startsWith(p + "/")) return true;
    }
    return false;
  }

  private static String normalize(String location) {
    String l = location.strip().toLowerCase(Locale.ROOT);
    if (l.startsWith("git+")) l = l.substring(4);
    while (l.endsWith("/") && l.length() > 1 && !l.endsWith("://")) l = l.substring(0, l.length() - 1);
    return l;
  }
}
