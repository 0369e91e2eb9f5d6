package dev.vetter.report;

import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A summary for a pull-request comment (GitHub-flavoured Markdown): the verdict, counts per
 * severity and per category, the most severe findings as a table, the rest folded in a
 * {@code <details>} block. Paths and messages may come from the pull request, so they are escaped
 * (no HTML, no formatting, no mentions, no autolinks), and the body stays under
 * {@value #MAX_CHARS} characters, below GitHub's 65,536-character limit for a comment.
 */
public final class MarkdownReporter implements Reporter {
  static final int MAX_CHARS = 65_000;
  static final int TOP = 50;
  static final int MAX_CELL = 500;
  static final String TRUNCATED = "_The report was cut here to fit in a comment: run `vetter review` for every finding._";

  private static final String HEADER = "| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n";
  // room for what must follow the last row: closing the table and <details>, and the truncation marker
  private static final int RESERVE = 400;

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    out.append(render(result));
  }

  static String render(ReviewResult result) {
    return render(result, MAX_CHARS);
  }

  /**
   * The summary within {@code maxChars} characters (for a caller that adds its own sections around it, e.g. the
   * forge bots' check-run summary).
   */
  public static String render(ReviewResult result, int maxChars) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Vetter: ").append(result.failed() ? "❌ failed" : "✅ passed").append("\n\n");
    sb.append(capitalize(ReportText.counts(result))).append(". Fail-on: ")
        .append(result.policy().failOn() == null ? "never" : result.policy().failOn().id()).append(".\n");
    for (String note : ReportText.shadowNotes(result)) sb.append("\n> ").append(MarkdownText.inline(note)).append('\n');
    if (result.findings().isEmpty()) return sb.toString();

    sb.append("\n| Severity | Findings |\n| --- | ---: |\n");
    for (Map.Entry<Severity, Integer> e : result.countBySeverity().entrySet()) {
      sb.append("| ").append(e.getKey().id()).append(" | ").append(e.getValue()).append(" |\n");
    }
    sb.append("\n| Category | Findings |\n| --- | ---: |\n");
    for (Map.Entry<Category, Integer> e : result.countByCategory().entrySet()) {
      sb.append("| ").append(e.getKey().id()).append(" | ").append(e.getValue()).append(" |\n");
    }

    // most severe first; the engine's order (path, line, rule) within a severity
    List<Finding> ordered = new ArrayList<>(result.findings());
    ordered.sort(Comparator.comparingInt(f -> f.severity().ordinal()));
    List<Finding> top = ordered.subList(0, Math.min(TOP, ordered.size()));
    List<Finding> rest = ordered.subList(top.size(), ordered.size());

    sb.append("\n### Findings\n\n").append(HEADER);
    int shown = rows(sb, top, maxChars);
    boolean cut = shown < top.size();
    if (!cut && !rest.isEmpty()) {
      sb.append("\n<details>\n<summary>").append(ReportText.plural(rest.size(), "more finding")).append("</summary>\n\n").append(HEADER);
      int more = rows(sb, rest, maxChars);
      cut = more < rest.size();
      sb.append("\n</details>\n");
    }
    if (cut) sb.append('\n').append(TRUNCATED).append('\n');
    return sb.toString();
  }

  /** Appends rows while the body stays within the limit; returns how many fit. */
  private static int rows(StringBuilder sb, List<Finding> findings, int maxChars) {
    int n = 0;
    for (Finding f : findings) {
      String row = "| " + f.severity().id() + " | " + text(ReportText.location(f)) + " | `" + f.rule() + "` | " + text(f.message()) + " |\n";
      if (sb.length() + row.length() > maxChars - RESERVE) break;
      sb.append(row);
      n++;
    }
    return n;
  }

  /** Untrusted text as inert Markdown for one table cell, cut at {@value #MAX_CELL} characters: see {@link MarkdownText#inline}. */
  static String text(String s) {
    return MarkdownText.inline(s.length() > MAX_CELL ? s.substring(0, MAX_CELL) + "…" : s);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
