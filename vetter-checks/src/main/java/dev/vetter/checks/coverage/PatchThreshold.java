package dev.vetter.checks.coverage;

import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "coverage/patch-threshold",
    category = Category.TESTS,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    summary = "The share of added executable lines that tests run is below the minimum.",
    rationale = """
        A floor on patch coverage (diff-cover's `--fail-under`, Codecov's patch status) keeps new \
        code tested without asking old code to catch up first. Only added lines that a coverage report \
        lists count; without a report, or without such lines, the rule says nothing.""",
    fix = """
        Add tests for the new code (coverage/uncovered-lines shows where). If the minimum does not suit \
        the project, set `min` in the policy; to leave generated code out, exclude it in the coverage tool.""",
    options = PatchThreshold.Options.class)
public final class PatchThreshold implements ChangeCheck<PatchThreshold.Options> {

  /** Options of coverage/patch-threshold. */
  public record Options(
      @Doc("The lowest acceptable patch coverage, in percent (0 to 100). The comparison is exact: 79.9% fails a minimum of 80.")
      double min,
      @Doc("Coverage reports to read when none is given with `--coverage`: paths relative to the repository root, "
          + "`*` and `**` allowed. JaCoCo, Cobertura and Clover XML, LCOV and Go cover profiles are recognised by content.")
      List<String> reports,
      @Doc("Rewrites of the source paths in reports, Codecov-style `before::after`: `/home/ci/app/::` strips a prefix, "
          + "`::src/` adds one. The first that applies is used; unmatched paths are also matched by suffix.")
      List<String> pathPrefixes) {

    public Options() {
      this(80, Reports.DEFAULT_REPORTS, List.of());
    }

    public Options {
      if (!(min >= 0 && min <= 100)) throw new IllegalArgumentException("min must be a percentage from 0 to 100, got " + min);
      Reports.validate(reports, pathPrefixes);
      reports = List.copyOf(reports);
      pathPrefixes = List.copyOf(pathPrefixes);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Reports.Loaded loaded = Reports.load(change, change.options().reports(), change.options().pathPrefixes());
    List<Finding> findings = new ArrayList<>(loaded.problems());
    PatchCoverage coverage = loaded.coverage();
    double min = change.options().min();
    if (coverage != null && coverage.below(min)) {
      int total = coverage.total();
      int covered = coverage.covered();
      findings.add(change.changeFinding("Patch coverage is " + PatchCoverage.percent(covered, total) + ": tests run " + covered + " of the "
          + total + " executable line" + (total == 1 ? "" : "s") + " this change adds (" + (total - covered) + " not run); the minimum is "
          + (min == Math.rint(min) ? String.valueOf((long) min) : String.valueOf(min)) + "%.").withKey("patch-threshold"));
    }
    return findings;
  }
}
