package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.checks.deps.Dependency.Source;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dependency rules share: which files they read, base/head pairing, where findings go, wording. */
final class Manifests {
  private Manifests() {}

  /** A manifest (not a lockfile) that exists at head as reviewable text: what the per-file rules read. */
  static boolean isManifest(ChangedFile file) {
    ManifestKind kind = ManifestKind.of(file.path());
    return kind != null && !kind.isLockfile() && file.isReviewableText();
  }

  /** A changed manifest at head and base, with each head dependency's counterpart at base. */
  record Pair(Manifest head, Manifest base, Map<Dependency, Dependency> baseOf) {

    /** The same dependency at base, or null when it is new (or the base could not be read). */
    Dependency atBase(Dependency head) {
      return baseOf.get(head);
    }

    /** Whether the base could be read and compared with: false for an added file, or a base that does not parse. */
    boolean hasBase() {
      return base != null && base.parsed();
    }
  }

  /** Reads the file of {@code ctx} at head and base and pairs their dependencies. */
  static Pair read(FileContext<?> ctx) {
    ManifestKind kind = ManifestKind.of(ctx.path());
    Manifest head = Manifest.parse(kind, ctx.head());
    Manifest base = ctx.base().map(c -> Manifest.parse(kind, c)).orElse(null);
    return pair(head, base);
  }

  static Pair pair(Manifest head, Manifest base) {
    Map<Dependency, Dependency> baseOf = new IdentityHashMap<>();
    if (base != null && base.parsed()) {
      // the same key can occur more than once (a dependency in two profiles): pair them in order
      Map<String, Deque<Dependency>> byKey = new HashMap<>();
      for (Dependency d : base.dependencies()) byKey.computeIfAbsent(d.key(), k -> new ArrayDeque<>()).add(d);
      for (Dependency d : head.dependencies()) {
        Deque<Dependency> q = byKey.get(d.key());
        if (q != null && !q.isEmpty()) baseOf.put(d, q.poll());
      }
    }
    return new Pair(head, base, baseOf);
  }

  /** Reads {@code path} as a dependency file of its kind, if it exists. */
  static Optional<Manifest> parse(String path, Optional<FileContent> content) {
    ManifestKind kind = ManifestKind.of(path);
    if (kind == null) return Optional.empty();
    return content.map(c -> Manifest.parse(kind, c));
  }

  /**
   * A finding about {@code d}. One about its version goes to the line where the version is written
   * when the dependency already existed (a changed Maven property, say), so that diff scoping keeps it;
   * otherwise it spans the whole declaration.
   */
  static Finding finding(String path, Dependency d, boolean aboutVersion, boolean existedAtBase, String message) {
    if (aboutVersion && existedAtBase && d.versionLine() > 0) return Finding.onLine(path, d.versionLine(), message);
    return Finding.onLine(path, d.line(), message).withEndLine(d.endLine());
  }

  /** The fingerprint key of a finding about {@code d}: no line numbers, so it survives unrelated edits. */
  static String key(Dependency d, String what) {
    return d.ecosystem().osvName() + ":" + d.name() + ":" + what;
  }

  /** {@code npm dev dependency left-pad}. */
  static String describe(Dependency d) {
    return d.ecosystem().osvName() + " " + d.role() + " " + code(d.name());
  }

  /** The version as written, and what it resolves to when that differs: {@code ${jackson.version} (2.17.0)}. */
  static String version(Dependency d) {
    if (d.spec().isEmpty()) return "no version";
    if (d.version() != null && !d.version().equals(d.spec())) return code(d.spec()) + " (" + d.version() + ")";
    return code(d.spec());
  }

  /** Where a dependency that does not come from a registry comes from, for messages; "" for a registry. */
  static String origin(Dependency d) {
    Source s = d.source();
    return switch (s.kind()) {
      case REGISTRY -> "";
      case CUSTOM_REGISTRY -> "the registry " + code(s.location());
      case GIT -> "the git repository " + code(s.location()) + (s.ref() == null ? "" : " at " + code(s.ref()));
      case URL -> "the URL " + code(s.location());
      case PATH -> "the local path " + code(s.location());
      case WORKSPACE -> "the workspace";
      case REPLACED -> "the module " + code(s.location());
    };
  }

  /** Markdown code span; backticks inside are replaced so a name cannot break out of it. */
  static String code(String s) {
    return "`" + Shown.oneLine(s).replace('`', '\'') + "`";
  }

  /** Lines of {@code list} joined for a message: {@code a, b and 3 more}. */
  static String some(List<String> items, int max) {
    if (items.size() <= max) return String.join(", ", items);
    return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
  }
}
