package dev.vetter.report;

/**
 * Untrusted text (paths, messages, anything a pull request wrote) made inert for GitHub-flavoured Markdown, for
 * reports and for the forge bots' comments alike.
 */
public final class MarkdownText {
  private MarkdownText() {}

  /**
   * {@code s} as inert Markdown on one line: line breaks become spaces, HTML characters entities (so nothing can
   * open a tag or an HTML comment such as a bot's hidden marker), Markdown punctuation backslash-escaped, {@code @}
   * and URL starts broken by a zero-width space so that nobody is mentioned and nothing is linked.
   */
  public static String inline(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r', '\n', '\t' -> sb.append(' ');
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '@' -> sb.append("@&#8203;");
        case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '#' -> sb.append('\\').append(c);
        case ':' -> sb.append(s.startsWith("//", i + 1) ? ":&#8203;" : ":");
        case '.' -> sb.append(i >= 3 && s.regionMatches(true, i - 3, "www", 0, 3) ? "&#8203;." : ".");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code code} in a fenced block with info string {@code info} (e.g. {@code suggestion}): the fence is one
   * backtick longer than any run of backticks in the code, so the code cannot close it early. Inside a fence
   * Markdown and HTML are not interpreted, so the code needs no other escaping.
   */
  public static String fence(String info, String code) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + info + "\n" + code + (code.isEmpty() || code.endsWith("\n") ? "" : "\n") + fence + "\n";
  }
}
