package dev.vetter.checks.secrets;

import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets rules' detectors applied to any text rather than a file of a change: what Vetter uses to
 * redact text before it leaves the process (a prompt for a model) and to scrub text it did not write (a
 * model's answer). The same one scan as the {@code secrets/…} rules, so there is one list of what a
 * secret looks like. Unlike the rules it ignores their {@code allow} options: redacting an accepted test
 * key costs nothing. Thread-safe.
 */
public final class SecretRedactor {
  private SecretRedactor() {}

  /**
   * One secret in a text.
   *
   * @param start offset of its first character in the text
   * @param end offset just past it
   * @param rule the secrets rule that recognises it
   * @param label what it is, e.g. "GitHub personal access token"
   */
  public record Span(int start, int end, String rule, String label) {}

  /** The secrets in {@code text}, in order, without overlaps. */
  public static List<Span> find(String text) {
    if (text.isEmpty()) return List.of();
    // FileContent drops a leading byte-order mark; offsets below are into the text it kept
    int shift = text.charAt(0) == '\uFEFF' ? 1 : 0;
    FileContent content = FileContent.ofText("text", text);
    List<Candidate> candidates = Scanner.BUILT_IN.scanNow(content);
    if (candidates.isEmpty()) return List.of();
    List<FileContent.Line> lines = content.lines();
    int[] lineStart = new int[lines.size() + 1];
    int offset = shift;
    for (int i = 0; i < lines.size(); i++) {
      lineStart[i] = offset;
      FileContent.Line l = lines.get(i);
      offset += l.text().length() + switch (l.ending()) {
        case LF -> 1;
        case CRLF -> 2;
        case NONE -> 0;
      };
    }
    List<Span> spans = new ArrayList<>();
    int last = -1;
    for (Candidate c : candidates) {
      int start = lineStart[c.line() - 1] + c.start();
      int end = Math.min(text.length(), lineStart[c.endLine() - 1] + c.end());
      if (start < last || end <= start) continue;
      spans.add(new Span(start, end, c.rule(), c.label()));
      last = end;
    }
    return List.copyOf(spans);
  }

  /** {@code text} with each secret replaced by {@code [redacted: <label>]}. */
  public static String redact(String text) {
    List<Span> spans = find(text);
    if (spans.isEmpty()) return text;
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Span s : spans) {
      out.append(text, at, s.start()).append("[redacted: ").append(s.label()).append(']');
      at = s.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
