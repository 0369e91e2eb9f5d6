package dev.vetter.forge;

import static java.util.Objects.requireNonNull;

import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.RuleInfo;
import dev.vetter.report.MarkdownText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markdown of one inline comment: what is wrong (the finding's message, escaped: it may quote the pull request),
 * why it matters and how to fix it (the rule's own text), a suggestion block when the finding carries a replacement
 * for exactly the lines the comment covers, and the hidden {@link Marker} last. Bodies stay below
 * {@link #MAX_BODY} characters (GitHub allows 65,535; GitLab more), cut with a visible note, the marker kept.
 */
public final class CommentRenderer {
  /** The longest body Vetter posts, below GitHub's 65,535-character limit with room to spare. */
  public static final int MAX_BODY = 65_000;

  static final String CUT = "\n\n_…cut by Vetter to fit in a comment._\n";

  private final Map<String, RuleInfo> rules = new HashMap<>();

  /** {@code rules}: what the review could run (a {@code CheckRegistry}'s rules), for each rule's rationale and fix. */
  public CommentRenderer(List<RuleInfo> rules) {
    rules.forEach(r -> this.rules.put(r.id(), r));
  }

  /**
   * The body of an inline comment on {@code finding}.
   *
   * @param withSuggestion whether the comment covers exactly the finding's lines, so its suggestion (if any) applies
   */
  public String finding(Finding finding, boolean withSuggestion) {
    requireNonNull(finding.fingerprint(), "finding without fingerprint");
    StringBuilder sb = new StringBuilder();
    sb.append(icon(finding.severity())).append(" **").append(finding.severity().id()).append("** · `").append(finding.rule()).append("`\n\n");
    sb.append(MarkdownText.inline(finding.message())).append('\n');
    RuleInfo rule = rules.get(finding.rule());
    if (rule != null && !(rule.rationale().isBlank() && rule.fix().isBlank())) {
      sb.append("\n<details><summary>Why, and how to fix it</summary>\n\n");
      // the rule's own documentation is Vetter's text (written by rule authors), not the pull request's
      if (!rule.rationale().isBlank()) sb.append(rule.rationale().strip()).append("\n\n");
      if (!rule.fix().isBlank()) sb.append("**Fix:** ").append(rule.fix().strip()).append("\n\n");
      sb.append("</details>\n");
    }
    if (withSuggestion && finding.suggestion() != null) {
      sb.append('\n').append(MarkdownText.fence("suggestion", finding.suggestion()));
    }
    sb.append("\n<sub>Suppress with `vetter:ignore ").append(finding.rule()).append(" reason` on the line or the line above.</sub>\n");
    return withMarker(sb.toString(), new Marker(finding.fingerprint(), finding.rule(), false), MAX_BODY);
  }

  /**
   * The body of a comment whose finding is gone as of {@code headCommit}: the old text under a note, and the
   * marker flagged fixed so that a later run knows Vetter (not a person) resolved it.
   */
  public String fixed(String previousBody, Marker marker, String headCommit) {
    String old = stripMarkers(previousBody == null ? "" : previousBody).strip();
    if (old.startsWith(FIXED_PREFIX)) old = old.substring(old.indexOf('\n') + 1).strip();
    String sha = headCommit == null ? "" : " in `" + MarkdownText.inline(headCommit.substring(0, Math.min(12, headCommit.length()))) + "`";
    return withMarker(FIXED_PREFIX + sha + ": Vetter no longer finds this.\n\n" + old + "\n", marker.asFixed(true), MAX_BODY);
  }

  private static final String FIXED_PREFIX = "✅ **Fixed**";

  /** {@code text} with {@code marker} appended, cut to {@code max} characters in all. */
  public static String withMarker(String text, Marker marker, int max) {
    return truncate(text, "\n" + marker.render() + "\n", max);
  }

  /**
   * {@code text} followed by {@code tail} (a marker, which must survive), at most {@code max} characters: when the
   * text is too long it is cut at a line break where possible, an open code fence closed and a visible note added.
   */
  public static String truncate(String text, String tail, int max) {
    if (text.length() + tail.length() <= max) return text + tail;
    int room = max - tail.length() - CUT.length() - 16; // 16: a closing fence
    if (room < 0) throw new IllegalArgumentException("max " + max + " leaves no room for the text");
    int cut = room;
    int nl = text.lastIndexOf('\n', cut);
    if (nl > room / 2) cut = nl;
    // never split a surrogate pair
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
    String kept = text.substring(0, cut);
    String fence = openFence(kept);
    return kept + (fence == null ? "" : (kept.endsWith("\n") ? "" : "\n") + fence + "\n") + CUT + tail;
  }

  /** The fence of a code block left open at the end of {@code text}, or null. */
  static String openFence(String text) {
    String open = null;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (open == null) {
        if (t.startsWith("```")) open = t.substring(0, t.length() - t.replaceFirst("^`+", "").length());
      } else if (t.startsWith(open) && t.replaceFirst("^`+", "").isEmpty()) {
        open = null;
      }
    }
    return open;
  }

  /** {@code body} without any Vetter finding marker. */
  static String stripMarkers(String body) {
    return body.replaceAll("<!--\\s*vetter:finding[^>]*-->", "");
  }

  static String icon(Severity s) {
    return switch (s) {
      case ERROR -> "🛑";
      case WARNING -> "⚠️";
      case NOTICE -> "ℹ️";
    };
  }
}
