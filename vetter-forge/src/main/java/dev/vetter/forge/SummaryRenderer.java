package dev.vetter.forge;

import dev.vetter.change.ChangedFile;
import dev.vetter.engine.ReviewResult;
import dev.vetter.report.MarkdownReporter;
import dev.vetter.report.MarkdownText;
import java.util.ArrayList;
import java.util.List;

/**
 * The review's summary, for a check run, a commit status's comment or a merge request note: the engine's Markdown
 * report (verdict, counts per severity and category, the top findings), then how many findings were posted inline
 * and how many only here, and what was not reviewed and why. At most {@link CommentRenderer#MAX_BODY} characters.
 */
public final class SummaryRenderer {
  private SummaryRenderer() {}

  // room for the sections after the engine's report
  private static final int TAIL_ROOM = 6_000;
  private static final int MAX_SKIPPED_LINES = 50;

  /**
   * The summary of {@code result}.
   *
   * @param plan the inline comments planned for this review, or null when none are posted
   * @param notes more things that were skipped, in words (e.g. "draft pull request"), from the caller
   */
  public static String render(ReviewResult result, CommentPlan plan, List<String> notes) {
    int max = CommentRenderer.MAX_BODY - Marker.SUMMARY.length() - 2;
    StringBuilder sb = new StringBuilder(MarkdownReporter.render(result, max - TAIL_ROOM));
    if (plan != null && !result.findings().isEmpty()) {
      int inline = result.findings().size() - plan.summarised().size();
      sb.append("\n### Inline comments\n\n").append(inline).append(" finding").append(inline == 1 ? " has" : "s have").append(" an inline comment");
      if (!plan.summarised().isEmpty()) {
        int offDiff = plan.summarised().size() - plan.overCap();
        sb.append("; ").append(plan.summarised().size()).append(" are listed here only");
        List<String> why = new ArrayList<>();
        if (plan.overCap() > 0) why.add(plan.overCap() + " over the limit of " + plan.cap() + " new inline comments per review");
        if (offDiff > 0) why.add(offDiff + " not on a line of the diff");
        sb.append(" (").append(String.join(", ", why)).append(')');
      }
      sb.append(".\n");
    }
    List<String> skipped = new ArrayList<>();
    for (String n : notes) skipped.add(MarkdownText.inline(n));
    for (ChangedFile f : result.change().files()) {
      String why = !result.policy().reviews(f.path()) ? "excluded by the policy's include/exclude"
          : f.tooLarge() ? "larger than " + result.policy().limits().maxFileBytes() + " bytes: no line rules"
          : f.binary() ? "binary: no line rules" : null;
      if (why != null) skipped.add("`" + MarkdownText.inline(f.path()).replace("`", "'") + "`: " + why);
    }
    if (!skipped.isEmpty()) {
      sb.append("\n### Not reviewed\n\n");
      for (int i = 0; i < Math.min(MAX_SKIPPED_LINES, skipped.size()); i++) sb.append("- ").append(skipped.get(i)).append('\n');
      if (skipped.size() > MAX_SKIPPED_LINES) sb.append("- and ").append(skipped.size() - MAX_SKIPPED_LINES).append(" more\n");
    }
    return CommentRenderer.truncate(sb.toString(), "", max);
  }

  /** {@code summary} as the body of the one summary comment, with its marker first. */
  public static String asComment(String summary) {
    return CommentRenderer.truncate(Marker.SUMMARY + "\n" + summary, "", CommentRenderer.MAX_BODY);
  }
}
