package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "deps/added",
    category = Category.DEPENDENCIES,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled: 13 worth raising of 31; docs/eval.md
    summary = "A dependency added to a manifest (pom.xml, build.gradle, package.json, requirements.txt, pyproject.toml, go.mod, Cargo.toml, Gemfile, ...).",
    rationale = """
        Every dependency is code the project ships or builds with but did not write: it brings its own \
        bugs, vulnerabilities, licence and maintenance risk, and its own dependencies. A new one deserves a \
        conscious look from a reviewer (is it maintained, is it needed, is its licence acceptable), and \
        this notice makes sure it gets one. A dependency moved to another section (say from \
        `devDependencies` to `dependencies`) counts as added, since it now reaches other places.""",
    fix = """
        Nothing to fix if the dependency is wanted. Otherwise remove it, or use what the project (or the \
        standard library) already has. See `docs/dependencies.md` for the files read.""")
public final class AddedDependency implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return Manifests.isManifest(file);
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    Manifests.Pair pair = Manifests.read(file);
    // a base that does not parse cannot say what is new: stay quiet rather than call everything new
    if (!pair.head().parsed() || pair.base() != null && !pair.base().parsed()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Dependency d : pair.head().dependencies()) {
      if (pair.atBase(d) != null) continue;
      String origin = Manifests.origin(d);
      String message = "New " + Manifests.describe(d) + (d.spec().isEmpty() || !d.fromRegistry() ? "" : " " + Manifests.version(d))
          + (origin.isEmpty() ? "" : " from " + origin) + ".";
      findings.add(Manifests.finding(file.path(), d, false, false, message).withKey(Manifests.key(d, "added")));
    }
    return findings;
  }
}
