package dev.vetter.checks.coverage;

import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "coverage/uncovered-lines",
    category = Category.TESTS,
    severity = Severity.WARNING,
    summary = "Lines the change adds that no test runs, according to the coverage reports.",
    rationale = """
        New code without a test that executes it can break unnoticed. Whole-project coverage hides \
        this; looking at the lines the change adds, as diff-cover and Codecov's patch coverage do, \
        points at the exact place. Reports come from CI (`vetter review --coverage FILE`, or the \
        `reports` option); without a report the rule says nothing.""",
    fix = """
        Add or extend a test that runs these lines, then regenerate the coverage report. If the lines \
        cannot run in tests (generated code, platform-specific branches), exclude them in the coverage \
        tool's configuration.""",
    options = UncoveredLines.Options.class)
public final class UncoveredLines implements ChangeCheck<UncoveredLines.Options> {

  /** Options of coverage/uncovered-lines. */
  public record Options(
      @Doc("Coverage reports to read when none is given with `--coverage`: paths relative to the repository root, "
          + "`*` and `**` allowed. JaCoCo, Cobertura and Clover XML, LCOV and Go cover profiles are recognised by content.")
      List<String> reports,
      @Doc("Rewrites of the source paths in reports, Codecov-style `before::after`: `/home/ci/app/::` strips a prefix, "
          + "`::src/` adds one. The first that applies is used; unmatched paths are also matched by suffix.")
      List<String> pathPrefixes) {

    public Options() {
      this(Reports.DEFAULT_REPORTS, List.of());
    }

    public Options {
      Reports.validate(reports, pathPrefixes);
      reports = List.copyOf(reports);
      pathPrefixes = List.copyOf(pathPrefixes);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Reports.Loaded loaded = Reports.load(change, change.options().reports(), change.options().pathPrefixes());
    List<Finding> findings = new ArrayList<>(loaded.problems());
    if (loaded.coverage() == null) return findings;
    for (PatchCoverage.FileCoverage file : loaded.coverage().files()) {
      for (PatchCoverage.Range r : file.uncovered()) {
        String what = r.start() == r.end()
            ? "Line " + r.start() + " is"
            : "Lines " + r.start() + "-" + r.end() + " are";
        String count = r.start() == r.end() ? "" : " (" + r.executable() + " executable line" + (r.executable() == 1 ? "" : "s") + ")";
        findings.add(Finding.onLine(file.path(), r.start(), what + " not run by any test" + count + ".").withEndLine(r.end()));
      }
    }
    return findings;
  }
}
