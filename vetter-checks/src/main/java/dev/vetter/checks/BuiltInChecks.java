package dev.vetter.checks;

import dev.vetter.check.Check;
import dev.vetter.checks.commits.BodyFormat;
import dev.vetter.checks.commits.ConventionalFormat;
import dev.vetter.checks.commits.FixupCommit;
import dev.vetter.checks.commits.HeaderLength;
import dev.vetter.checks.commits.IssueReference;
import dev.vetter.checks.commits.MergeCommit;
import dev.vetter.checks.commits.SignedOff;
import dev.vetter.checks.commits.WipCommit;
import dev.vetter.checks.deps.AddedDependency;
import dev.vetter.checks.deps.DependencyDowngrade;
import dev.vetter.checks.deps.PrereleaseDependency;
import dev.vetter.checks.deps.StaleLockfile;
import dev.vetter.checks.deps.UnparseableManifest;
import dev.vetter.checks.deps.UnpinnedDependency;
import dev.vetter.checks.deps.UntrustedSource;
import dev.vetter.checks.deps.VulnerableDependency;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.checks.size.PrSize;
import dev.vetter.checks.smells.Complexity;
import dev.vetter.checks.tests.MissingTests;
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {
  private BuiltInChecks() {}

  public static List<Check> all() {
    return List.of(
        new BodyFormat(),
        new ConventionalFormat(),
        new FixupCommit(),
        new HeaderLength(),
        new IssueReference(),
        new MergeCommit(),
        new SignedOff(),
        new WipCommit(),
        new AddedDependency(),
        new DependencyDowngrade(),
        new StaleLockfile(),
        new PrereleaseDependency(),
        new UnparseableManifest(),
        new UnpinnedDependency(),
        new UntrustedSource(),
        new VulnerableDependency(),
        new TrailingWhitespace(),
        new PrSize(),
        new Complexity(),
        new MissingTests());
  }
}
