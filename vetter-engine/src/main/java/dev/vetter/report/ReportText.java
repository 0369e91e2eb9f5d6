package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
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
        + (r.shadow().isEmpty() ? "" : r.shadow().size() + " in shadow (not posted), ")
        + r.hiddenCount() + " outside the diff, " + r.suppressed() + " suppressed, " + r.baselined() + " baselined"
        + (r.waived().isEmpty() ? "" : ", " + r.waived().size() + " waived (.vetter/waivers.yml)");
  }

  /**
   * One line per analyzer rule the repository's conventions put in shadow that this review met: which rule, for
   * which files, why, and how to turn it back on. Nothing when the review met none, so silence stays silent.
   */
  static List<String> shadowNotes(ReviewResult r) {
    List<String> notes = new ArrayList<>();
    for (Policy.Inferred i : r.policy().inferred()) {
      if (i.settings().mode() != Mode.SHADOW || i.rule().chars().filter(c -> c == '/').count() < 2) continue;
      long n = r.shadow().stream().filter(f -> f.rule().equals(i.rule())).count();
      if (n == 0) continue;
      notes.add(i.rule() + " is in shadow" + (i.paths().isEmpty() ? "" : " for test files") + " (" + plural((int) n, "finding") + " here): "
          + i.reason().replaceFirst("^inferred: ", "") + ".");
    }
    return notes;
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
