package dev.vetter.checks.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message split the way commitlint splits it: conventional-commits-parser with the options
 * of the {@code conventional-changelog-conventionalcommits} preset that
 * {@code @commitlint/config-conventional} selects. Fields are null when absent, as there.
 *
 * <p>The body runs from the line after the header to the first footer line: a line that starts a
 * git-trailer-like token ({@code Token: value}, {@code Token #value}) or a {@code BREAKING CHANGE:}
 * note. Everything from there on is the footer.
 *
 * @param raw the message as stored in the commit
 * @param header the first line (after leading newlines and {@code gpg:} lines)
 * @param type the type before the optional scope and colon, null when the header is not conventional
 * @param scope the text between the parentheses, null when there are none
 * @param subject the text after {@code ": "}
 * @param breaking whether the header carries {@code !} before the colon
 * @param body the lines between header and footer, outer blank lines removed; null or empty when absent
 * @param footer the trailer lines; null or empty when absent
 */
record ParsedMessage(String raw, String header, String type, String scope, String subject, boolean breaking, String body, String footer) {

  private static final Pattern HEADER = Pattern.compile("^(\\w*)(?:\\((" + Js.DOT + "*)\\))?!?: (" + Js.DOT + "*)\\z");
  private static final Pattern BREAKING_HEADER = Pattern.compile("^(\\w*)(?:\\((" + Js.DOT + "*)\\))?!: (" + Js.DOT + "*)\\z");
  private static final Pattern NOTE = Pattern.compile("^(?:\\*" + Js.S + "+)?(BREAKING CHANGE|BREAKING-CHANGE):" + Js.S + "*(" + Js.DOT + "*)",
      Pattern.CASE_INSENSITIVE);
  // a footer line follows the git trailer convention: the token starts the line
  private static final Pattern FOOTER_TOKEN = Pattern.compile("^(?:BREAKING CHANGE|[\\w-]+)(?::" + Js.S + "+|" + Js.S + "+(?:#))" + Js.DOT + "+",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern GPG = Pattern.compile("^" + Js.S + "*gpg:");

  /** Parses {@code raw}; call only for a message that is not blank. */
  static ParsedMessage parse(String raw) {
    List<String> lines = new ArrayList<>();
    for (String line : Js.lines(trimNewLines(raw))) {
      if (!GPG.matcher(line).find()) lines.add(line);
    }
    return new Parser(lines).parse(raw);
  }

  /** Whether the message has a body (commitlint's {@code !parsed.body}). */
  boolean hasBody() {
    return body != null && !body.isEmpty();
  }

  boolean hasFooter() {
    return footer != null && !footer.isEmpty();
  }

  /** Removes leading and trailing CR and LF characters. */
  static String trimNewLines(String s) {
    int start = 0;
    while (start < s.length() && (s.charAt(start) == '\r' || s.charAt(start) == '\n')) start++;
    if (start == s.length()) return "";
    int end = s.length();
    while (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n') end--;
    return s.substring(start, end);
  }

  /** The parser's state machine, kept close to the original so that its corner cases carry over. */
  private static final class Parser {
    private final List<String> lines;
    private int index;
    private String body;
    private String footer;

    Parser(List<String> lines) {
      this.lines = lines;
    }

    ParsedMessage parse(String raw) {
      String header = available() ? lines.get(index++) : null;
      String type = null;
      String scope = null;
      String subject = null;
      boolean breaking = false;
      if (header != null && !header.isEmpty()) {
        Matcher m = BREAKING_HEADER.matcher(header);
        breaking = m.find();
        if (!breaking) m = HEADER.matcher(header);
        if (breaking || m.find()) {
          type = emptyToNull(m.group(1));
          scope = emptyToNull(m.group(2));
          subject = emptyToNull(m.group(3));
        }
      } else {
        header = null;
      }
      boolean isBody = true;
      while (available()) {
        if (parseNotes()) isBody = false;
        if (!parseBodyAndFooter(isBody)) isBody = false;
      }
      return new ParsedMessage(raw, header, type, scope, subject, breaking,
          body == null || body.isEmpty() ? body : trimNewLines(body),
          footer == null || footer.isEmpty() ? footer : trimNewLines(footer));
    }

    private boolean available() {
      return index < lines.size();
    }

    private boolean parseNotes() {
      if (!available() || !NOTE.matcher(lines.get(index)).find()) return false;
      footer = appendLine(footer, lines.get(index++));
      while (available()) {
        if (parseNotes()) return true;
        boolean token = FOOTER_TOKEN.matcher(lines.get(index)).find();
        footer = appendLine(footer, lines.get(index++));
        if (token) break;
      }
      return true;
    }

    private boolean parseBodyAndFooter(boolean isBody) {
      if (!available()) return isBody;
      boolean stillBody = isBody && !FOOTER_TOKEN.matcher(lines.get(index)).find();
      if (stillBody) {
        body = appendLine(body, lines.get(index++));
      } else {
        footer = appendLine(footer, lines.get(index++));
      }
      return stillBody;
    }

    // an empty first line is dropped, as the original's `src ? src + "\n" + line : line` does
    private static String appendLine(String src, String line) {
      return src != null && !src.isEmpty() ? src + "\n" + line : line;
    }

    private static String emptyToNull(String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
