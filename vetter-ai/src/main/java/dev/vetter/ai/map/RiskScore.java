package dev.vetter.ai.map;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The risk score of one changed file: the sum of the signals below, each with the reason it gives. The
 * weights are documented in {@code docs/ai.md}; a score of {@value #MEDIUM} or more is medium risk,
 * {@value #HIGH} or more high.
 *
 * <ul>
 *   <li>size: one point per 10 changed lines, at most 20;
 *   <li>findings reported on the file: 10 per error, 4 per warning, 1 per notice, at most 40;
 *   <li>a dependency manifest: 8; a {@code CODEOWNERS} file: 12; CI or release automation: 8;
 *   <li>a security-relevant path (auth, crypto, secrets, permissions, sessions, migrations): 8;
 *   <li>source changed while no test changed anywhere in the change: 4;
 *   <li>a file mode change to or from executable, a symlink or a submodule: 3.
 * </ul>
 */
public final class RiskScore {
  static final int MEDIUM = 10;
  static final int HIGH = 25;

  private static final List<String> SENSITIVE_WORDS = List.of(
      "auth", "security", "crypto", "secret", "password", "passwd", "credential", "token", "permission", "acl", "login", "session",
      "oauth", "saml", "jwt", "iam", "rbac", "sudo", "migration", "migrate", "sanitiz", "csrf", "cors");

  private RiskScore() {}

  /** A score and its reasons, weightiest first. */
  public record Scored(int score, List<String> reasons) {}

  static Scored of(ChangedFile file, FileRole role, int added, int removed, List<Finding> findings, boolean testsTouched) {
    List<Signal> signals = new ArrayList<>();
    int size = Math.min(20, (added + removed) / 10);
    if (size > 0) signals.add(new Signal(size, (added + removed) + " changed lines"));
    int errors = count(findings, Severity.ERROR);
    int warnings = count(findings, Severity.WARNING);
    int notices = count(findings, Severity.NOTICE);
    int byFindings = Math.min(40, 10 * errors + 4 * warnings + notices);
    if (byFindings > 0) signals.add(new Signal(byFindings, describe(errors, warnings, notices)));
    switch (role) {
      case DEPENDENCY_MANIFEST -> signals.add(new Signal(8, "dependency manifest"));
      case OWNERSHIP -> signals.add(new Signal(12, "code ownership"));
      case CI -> signals.add(new Signal(8, "CI or release automation"));
      default -> { }
    }
    String sensitive = sensitiveWord(file.path());
    if (sensitive != null) signals.add(new Signal(8, "security-relevant path (" + sensitive + ")"));
    if (role == FileRole.SOURCE && !testsTouched && !file.isDeleted()) signals.add(new Signal(4, "no test changed"));
    if (file.isModeChange() || file.isSymlink() || file.isSubmodule()) signals.add(new Signal(3, file.isSubmodule() ? "submodule" : file.isSymlink() ? "symlink" : "file mode change"));
    signals.sort((a, b) -> Integer.compare(b.points, a.points));
    int score = signals.stream().mapToInt(Signal::points).sum();
    return new Scored(score, signals.stream().map(s -> s.reason + " (+" + s.points + ")").toList());
  }

  /** The risk level of a score. */
  public static ChangeMap.Risk level(int score) {
    return score >= HIGH ? ChangeMap.Risk.HIGH : score >= MEDIUM ? ChangeMap.Risk.MEDIUM : ChangeMap.Risk.LOW;
  }

  /** The first security-relevant word among the path's folder and file names, or null. */
  static String sensitiveWord(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String segment : lower.split("[/._-]")) {
      for (String w : SENSITIVE_WORDS) {
        // "author" and "tokenizer" are not about credentials
        if (segment.startsWith(w) && !segment.startsWith("author") && !segment.startsWith("tokeniz")) return w;
      }
    }
    return null;
  }

  private record Signal(int points, String reason) {}

  private static int count(List<Finding> findings, Severity s) {
    return (int) findings.stream().filter(f -> f.severity() == s).count();
  }

  private static String describe(int errors, int warnings, int notices) {
    List<String> parts = new ArrayList<>();
    if (errors > 0) parts.add(errors + (errors == 1 ? " error" : " errors"));
    if (warnings > 0) parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
    if (notices > 0) parts.add(notices + (notices == 1 ? " notice" : " notices"));
    return String.join(", ", parts) + " reported";
  }
}
