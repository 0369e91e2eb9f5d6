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
    id = "deps/prerelease",
    category = Category.DEPENDENCIES,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled: 0 of 20 (release-please's -SNAPSHOT bumps of the repository's own modules); docs/eval.md
    summary = "A dependency on a pre-release version: `-SNAPSHOT`, alpha, beta, milestone, release candidate, `-pre`, `.dev`, a Go pseudo-version.",
    rationale = """
        Pre-releases carry no stability promise: APIs may still change, known bugs may be open, and \
        snapshots change under the same version number, so a build cannot be reproduced. They are fine \
        while trying something out, less so on a main branch. Each ecosystem's own notion is used: Maven \
        qualifiers (`SNAPSHOT`, `alpha`, `beta`, `M1`, `RC1`, `CR`, ...), a semver pre-release part \
        (`1.0.0-beta.2`), PEP 440 `a`/`b`/`rc`/`.dev`, a letter in a RubyGems version, and Go \
        pseudo-versions (an untagged commit). Snapshots of a Maven build's own modules are not reported.""",
    fix = """
        Use the nearest final release, or note in the change why the pre-release is needed (and when it \
        will be replaced) and suppress the finding.""")
public final class PrereleaseDependency implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return Manifests.isManifest(file);
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    Manifests.Pair pair = Manifests.read(file);
    if (!pair.head().parsed()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Dependency d : pair.head().dependencies()) {
      String pre = Specs.prerelease(d);
      if (pre == null) continue;
      String what = d.ecosystem() == Ecosystem.GO && Versions.isGoPseudoVersion(pre)
          ? "the pseudo-version " + Manifests.code(pre) + ", an untagged commit"
          : "the pre-release version " + Manifests.code(pre);
      String message = "The " + Manifests.describe(d) + " uses " + what + ".";
      findings.add(Manifests.finding(file.path(), d, true, pair.atBase(d) != null, message).withKey(Manifests.key(d, "prerelease:" + pre)));
    }
    return findings;
  }
}
