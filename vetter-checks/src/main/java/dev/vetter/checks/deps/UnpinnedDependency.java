package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "deps/unpinned",
    category = Category.DEPENDENCIES,
    severity = Severity.WARNING,
    mode = Mode.SHADOW, // labelled: 0 of 14; docs/eval.md
    summary = "A dependency whose version floats: `^`/`~` ranges, `*`, `latest`, `LATEST`/`RELEASE`, Gradle `+`, a lower bound without an upper one, no version, a git branch.",
    rationale = """
        A floating version resolves to whatever is newest when the build runs, so the same commit can \
        build differently tomorrow, a broken or malicious release reaches the project without anyone \
        changing a line, and a bug cannot be reproduced from the commit alone. Flagged: `^`, `~`, \
        `~>` and `~=` ranges, `*` and `x` wildcards, npm dist-tags such as `latest`, Maven's `LATEST` and \
        `RELEASE`, Maven and Gradle version ranges, Gradle's `+` and `latest.*`, a lower bound without an \
        upper bound (`>=1.0`), no version at all, and a git dependency without a commit or tag. Not \
        flagged: exact versions, bounded ranges (`>=1,<2`), Cargo's bare `1.2` (its default caret \
        requirement, pinned by Cargo.lock), Maven and Gradle dependencies without a version (a BOM or \
        `dependencyManagement` sets it), npm `peerDependencies` (ranges by design) and Go modules \
        (always exact).""",
    fix = """
        Pin an exact version (`1.4.2`, `==1.4.2`, `= 1.4.2`), or, where the ecosystem expects ranges, \
        commit its lockfile and set `allowWithLockfile: true`. For a git dependency, name a commit or tag.""",
    options = UnpinnedDependency.Options.class)
public final class UnpinnedDependency implements FileCheck<UnpinnedDependency.Options> {

  public record Options(
      @Doc("Accept floating versions in a manifest whose lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, poetry.lock, "
          + "uv.lock, Cargo.lock, Gemfile.lock, gradle.lockfile, ...) sits next to it at head, since the lockfile pins them.")
      boolean allowWithLockfile) {

    public Options() {
      this(false);
    }
  }

  @Override
  public boolean accepts(ChangedFile file) {
    return Manifests.isManifest(file);
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    ManifestKind kind = ManifestKind.of(file.path());
    if (file.options().allowWithLockfile() && hasLockfile(file, kind)) return List.of();
    Manifests.Pair pair = Manifests.read(file);
    if (!pair.head().parsed()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Dependency d : pair.head().dependencies()) {
      String why = Specs.floating(d);
      if (why == null) continue;
      String message = "The " + Manifests.describe(d) + " is not pinned to one version: it uses " + why + ".";
      findings.add(Manifests.finding(file.path(), d, true, pair.atBase(d) != null, message).withKey(Manifests.key(d, "unpinned:" + d.spec())));
    }
    return findings;
  }

  private static boolean hasLockfile(FileContext<Options> file, ManifestKind kind) {
    String path = file.path();
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
    for (String lock : kind.lockfiles()) {
      if (file.readHead(dir + lock).isPresent()) return true;
    }
    return false;
  }
}
