package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "deps/downgrade",
    category = Category.DEPENDENCIES,
    severity = Severity.WARNING,
    summary = "A dependency whose version goes down, compared in the ecosystem's own version order.",
    rationale = """
        Going back to an older version undoes bug and security fixes and is easy to do by accident: a \
        merge that took the wrong side, a copied snippet, an automated tool resolving a conflict. \
        Versions are compared the way each ecosystem orders them (Maven's `ComparableVersion`, semver for \
        npm, Cargo and Go, PEP 440 for Python, `Gem::Version` for Ruby, each approximated as described in \
        `docs/dependencies.md`); for a range, its lowest version is compared \
        (`^2.1.0` → `^1.9.0` is a downgrade).""",
    fix = """
        If the downgrade is deliberate (a regression in the newer version), say why in a comment next to \
        the version and suppress this finding. Otherwise restore the newer version.""")
public final class DependencyDowngrade implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return Manifests.isManifest(file);
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    Manifests.Pair pair = Manifests.read(file);
    if (!pair.head().parsed() || !pair.hasBase()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Dependency d : pair.head().dependencies()) {
      Dependency before = pair.atBase(d);
      if (before == null || before.version() == null || d.version() == null || before.version().equals(d.version())) continue;
      String from = Specs.floor(before);
      String to = Specs.floor(d);
      if (from == null || to == null || Versions.compare(d.ecosystem(), to, from) >= 0) continue;
      String message = "Downgrades the " + Manifests.describe(d) + " from " + Manifests.version(before) + " to " + Manifests.version(d) + ".";
      findings.add(Manifests.finding(file.path(), d, true, true, message).withKey(Manifests.key(d, "downgrade:" + before.version() + ">" + d.version())));
    }
    return findings;
  }
}
