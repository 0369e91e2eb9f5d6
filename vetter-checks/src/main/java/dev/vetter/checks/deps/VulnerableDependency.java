package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@CheckInfo(
    id = "deps/vulnerable",
    category = Category.DEPENDENCIES,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    summary = "An added or changed dependency version with a known vulnerability in an offline OSV database; off until `osvDatabase` is set.",
    rationale = """
        A change that adds or moves to a version with a published vulnerability ships that vulnerability. \
        This rule looks up every dependency version the change adds or changes, in manifests where the \
        version is exact (`1.2.3`, `==1.2.3`, `=1.2.3`, a Maven or Go version) and in lockfiles \
        (package-lock.json, yarn.lock, pnpm-lock.yaml, Cargo.lock, poetry.lock, uv.lock, Gemfile.lock, \
        gradle.lockfile), in a directory of [OSV](https://ossf.github.io/osv-schema/) records on the \
        machine running Vetter: for example osv.dev's per-ecosystem `all.zip` files, unpacked. Nothing \
        is fetched over the network. Ranges of type `SEMVER` and `ECOSYSTEM` and explicit `versions` \
        lists are evaluated; `GIT` ranges are not. Results are never cached, so a refreshed database \
        takes effect on the next review.""",
    fix = """
        Upgrade to the fixed version the message names (or a later one). If the vulnerable code is not \
        reachable in this project, say so in the change and suppress the finding for that advisory.""",
    cacheable = false,
    options = VulnerableDependency.Options.class)
public final class VulnerableDependency implements ChangeCheck<VulnerableDependency.Options> {

  public record Options(
      @Doc("The directory of OSV JSON records (searched recursively). An absolute path is best; a relative one is resolved "
          + "against the directory Vetter runs in, and `~/` against the home directory. Empty (the default) turns the rule off.")
      String osvDatabase) {

    public Options() {
      this("");
    }

    public Options {
      if (osvDatabase == null) throw new IllegalArgumentException("osv-database must be a path");
      osvDatabase = osvDatabase.strip();
    }
  }

  /** A dependency version the change introduces, and where it is written. */
  private record Candidate(String path, Dependency dependency, String version, boolean existed) {}

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    String configured = change.options().osvDatabase();
    if (configured.isEmpty()) return List.of();
    List<Candidate> candidates = candidates(change);
    if (candidates.isEmpty()) return List.of();
    Path dir;
    try {
      dir = configured.startsWith("~/") ? Path.of(System.getProperty("user.home"), configured.substring(2)) : Path.of(configured);
    } catch (InvalidPathException e) {
      return List.of(change.changeFinding("The OSV database path `" + Shown.oneLine(configured) + "` (option osvDatabase) is not a valid path; no dependency was checked."));
    }
    if (!Files.isDirectory(dir)) {
      return List.of(change.changeFinding("The OSV database `" + Shown.oneLine(configured) + "` (option osvDatabase) is not a directory on this machine; "
          + candidates.size() + " added or changed dependency version" + (candidates.size() == 1 ? " was" : "s were") + " not checked.")
          .withKey("osv-database-missing"));
    }
    Set<OsvDatabase.Package> wanted = new LinkedHashSet<>();
    for (Candidate c : candidates) wanted.add(new OsvDatabase.Package(c.dependency().ecosystem(), c.dependency().name()));
    OsvDatabase db;
    try {
      db = OsvDatabase.load(dir, wanted);
    } catch (IOException e) {
      return List.of(change.changeFinding("Could not read the OSV database `" + Shown.oneLine(configured) + "`: " + Shown.oneLine(String.valueOf(e.getMessage()))
          + "; no dependency was checked.").withKey("osv-database-unreadable"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the OSV database", e);
    }
    List<Finding> findings = new ArrayList<>();
    for (Candidate c : candidates) {
      Dependency d = c.dependency();
      for (OsvDatabase.Match m : db.affecting(d.ecosystem(), d.name(), c.version())) {
        findings.add(Manifests.finding(c.path(), d, true, c.existed(), message(d, c.version(), m)).withKey(Manifests.key(d, m.advisory().id() + "@" + c.version())));
      }
    }
    return findings;
  }

  private static String message(Dependency d, String version, OsvDatabase.Match m) {
    OsvDatabase.Advisory a = m.advisory();
    StringBuilder sb = new StringBuilder();
    sb.append(Manifests.code(d.name())).append(' ').append(Shown.oneLine(version)).append(" (").append(d.ecosystem().osvName()).append(") is affected by ")
        .append(Shown.oneLine(a.id()));
    List<String> aliases = a.aliases().stream().map(Shown::oneLine).filter(s -> !s.isEmpty()).toList();
    if (!aliases.isEmpty()) sb.append(" (").append(String.join(", ", aliases)).append(')');
    String summary = Shown.oneLine(a.summary());
    if (!summary.isEmpty()) sb.append(": ").append(summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary);
    sb.append(m.fixed() != null ? "; fixed in " + Shown.oneLine(m.fixed()) : "; no fixed version is known").append('.');
    return sb.toString();
  }

  // every exact version the change adds or changes, in manifests and lockfiles
  private static List<Candidate> candidates(ChangeContext<Options> change) {
    List<Candidate> out = new ArrayList<>();
    for (ChangedFile f : change.change().files()) {
      ManifestKind kind = ManifestKind.of(f.path());
      if (kind == null || kind == ManifestKind.GO_SUM || !f.isReviewableText()) continue;
      Manifest head = Manifests.parse(f.path(), change.readHead(f.path())).orElse(null);
      if (head == null || !head.parsed()) continue;
      Manifest base = f.oldPath() == null ? null : Manifests.parse(f.oldPath(), change.readBase(f.oldPath())).orElse(null);
      if (kind.isLockfile()) {
        Set<String> before = new HashSet<>();
        if (base != null) base.dependencies().forEach(d -> before.add(d.name() + "@" + d.version()));
        for (Dependency d : head.dependencies()) {
          if (!before.contains(d.name() + "@" + d.version())) out.add(new Candidate(f.path(), d, d.version(), false));
        }
        continue;
      }
      Manifests.Pair pair = Manifests.pair(head, base);
      for (Dependency d : head.dependencies()) {
        String version = Specs.exact(d);
        if (version == null) continue;
        Dependency before = pair.atBase(d);
        if (before != null && version.equals(Specs.exact(before))) continue;
        out.add(new Candidate(f.path(), d, version, before != null));
      }
    }
    return out;
  }
}
