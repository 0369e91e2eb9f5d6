package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.util.Map;

/** Phrases several formats share, so their summaries say the same thing the same way. */
final class ReportText {
  /** Where change-level findings are filed in formats that need a file: the policy that enables their rules. */
  static final String CHANGE_LEVEL_PATH = dev.vetter.engine.Reviewer.POLICY_FILE;

  private ReportText() {}

  /** {@code 3 findings (1 error, 1 warning, 1 notice) in 2 changed files; 0 outside the diff, 0 suppressed, 0 baselined}. */
  static String counts(ReviewResult r) {
    Map<Severity, Integer> c = r.countBySeverity();
    int files = r.change().files().size();
    return plural(r.findings().size(), "finding") + " (" + c.get(Severity.ERROR) + " error, " + c.get(Severity.WARNING) + " warning, "
        + c.get(Severity.NOTICE) + " notice) in " + files + " changed file" + (files == 1 ? "" : "s") + "; "
        + r.hiddenCount() + " outside the diff, " + r.suppressed() + " suppressed, " + r.baselined() + " baselined";
  }

  /** {@code Failed (fail-on: error)} or {@code Passed (fail-on: error)}; {@code never} when nothing fails the run. */
  static String verdict(ReviewResult r) {
    String failOn = r.policy().failOn() == null ? "never" : r.policy().failOn().id();
    return (r.failed() ? "Failed" : "Passed") + " (fail-on: " + failOn + ")";
  }

  /** {@code path:line:column}, {@code path:line}, {@code path}, or {@code (the change as a whole)}. */
  static String location(Finding f) {
    if (f.path() == null) return "(the change as a whole)";
    if (f.line() < 1) return f.path();
    String lines = f.endLine() > f.line() ? f.line() + "-" + f.endLine() : String.valueOf(f.line());
    return f.path() + ":" + lines + (f.column() > 0 && f.endLine() == f.line() ? ":" + f.column() : "");
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
