package dev.vetter.report;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Human-readable output grouped by file, with the offending line shown (except for security findings,
 * whose line may hold a secret); colour only when asked.
 */
public final class TextReporter implements Reporter {
  private final boolean color;
  private final boolean showShadow;

  public TextReporter(boolean color) {
    this(color, false);
  }

  /** @param showShadow list the findings of rules in shadow mode after the others, rather than only counting them */
  public TextReporter(boolean color, boolean showShadow) {
    this.color = color;
    this.showShadow = showShadow;
  }

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    list(result, result.findings(), out);
    if (showShadow && !result.shadow().isEmpty()) {
      out.append('\n').append(style("In shadow (recorded, not posted, never failing):", "2")).append('\n');
      list(result, result.shadow(), out);
    }
    summary(result, out);
  }

  private void list(ReviewResult result, List<Finding> findings, Appendable out) throws IOException {
    String currentPath = "\u0000";
    for (Finding f : findings) {
      if (!Objects.equals(f.path(), currentPath)) {
        currentPath = f.path();
        out.append('\n').append(style(f.path() == null ? "(the change as a whole)" : printable(f.path(), ""), "1")).append('\n');
      }
      String where = f.line() < 1 ? "-" : f.endLine() > f.line() ? f.line() + "-" + f.endLine() : f.line() + (f.column() > 0 ? ":" + f.column() : "");
      out.append(String.format("  %-8s %s  %s  %s%n", where, severity(f.severity()), printable(f.message(), " ".repeat(20)), style(f.rule(), "2")));
      // a security finding's line may hold a secret (the message shows it masked): never echo it
      if (f.line() > 0 && f.path() != null && f.category() != Category.SECURITY) {
        FileContent content = result.change().contents().head(f.path()).orElse(null);
        FileContent.Line line = content == null || content.isBinary() ? null : content.line(f.line());
        if (line != null) out.append("           ").append(style("│ ", "2")).append(visible(line.text())).append('\n');
      }
      // where it came in; not the subject, which may quote the secret itself
      var commit = result.introducedBy(f);
      if (commit.isPresent()) {
        out.append("           ").append(style("introduced in " + commit.get().id().substring(0, 12), "33")).append(" by ")
            .append(printable(commit.get().author().name(), "")).append(" on ").append(commit.get().author().when().toString().substring(0, 10)).append('\n');
      }
      if (f.suggestion() != null && !f.suggestion().contains("\n")) {
        String replacement = f.suggestion().isEmpty() ? style("(remove the line)", "2") : visible(f.suggestion());
        out.append("           ").append(style("→ ", "32")).append(replacement).append('\n');
      }
    }
  }

  private void summary(ReviewResult result, Appendable out) throws IOException {
    for (String note : ReportText.shadowNotes(result)) out.append('\n').append(style("Note: " + note, "2"));
    var counts = result.countBySeverity();
    String shadow = result.shadow().isEmpty() ? "" : result.shadow().size() + " in shadow" + (showShadow ? "" : " (--show-shadow lists them)") + ", ";
    if (result.isHistory()) {
      int commits = result.change().commits().size();
      out.append('\n').append(String.format("%d finding%s (%d error, %d warning, %d notice) in %d commit%s; %s%d suppressed, %d baselined. %s%n",
          result.findings().size(), result.findings().size() == 1 ? "" : "s",
          counts.get(Severity.ERROR), counts.get(Severity.WARNING), counts.get(Severity.NOTICE), commits, commits == 1 ? "" : "s", shadow,
          result.suppressed(), result.baselined(),
          result.failed() ? style("Failed", "31;1") + " (fail-on: " + result.policy().failOn().id() + ")." : style("Passed.", "32")));
      return;
    }
    // like shadow, waived findings are only counted: their waivers are in .vetter/waivers.yml, and JSON and SARIF list them
    String waived = result.waived().isEmpty() ? "" : ", " + result.waived().size() + " waived";
    out.append('\n').append(String.format("%d finding%s (%d error, %d warning, %d notice) in %d changed file%s; %s%d outside the diff, %d suppressed, %d baselined%s. %s%n",
        result.findings().size(), result.findings().size() == 1 ? "" : "s",
        counts.get(Severity.ERROR), counts.get(Severity.WARNING), counts.get(Severity.NOTICE),
        result.change().files().size(), result.change().files().size() == 1 ? "" : "s", shadow,
        result.hiddenCount(), result.suppressed(), result.baselined(), waived,
        result.failed() ? style("Failed", "31;1") + " (fail-on: " + result.policy().failOn().id() + ")." : style("Passed.", "32")));
  }

  // shows tabs and trailing spaces, which are often the point of the finding; long lines are cut
  private static String visible(String text) {
    String t = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return printable(t.replace("\t", "→   ").replace("\r", "␍"), "");
  }

  /**
   * Text from the change (a quoted line, a commit subject) made safe for a terminal: control
   * characters, escape sequences included, become U+FFFD; line breaks continue at {@code indent}.
   */
  static String printable(String text, String indent) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') continue;
      if (c == '\n' || c == '\r') sb.append('\n').append(indent);
      else if (c == '\t' || (c >= 0x20 && c < 0x7f) || c > 0x9f) sb.append(c);
      else sb.append('\uFFFD');
    }
    return sb.toString();
  }

  private String severity(Severity s) {
    return switch (s) {
      case ERROR -> style("error  ", "31");
      case WARNING -> style("warning", "33");
      case NOTICE -> style("notice ", "36");
    };
  }

  private String style(String text, String sgr) {
    return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
  }
}
