package dev.vetter.checks.commits;

import dev.vetter.change.Commit;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.Finding;
import java.util.List;

/** What the commit rules share: how a finding names its commit, and its fingerprint key. */
final class Commits {
  private Commits() {}

  static final int SHORT_ID = 7;
  private static final int MAX_SHOWN = 60;

  /** {@code Commit 1a2b3c4 "feat: add x"}: the short id and the (shortened, cleaned) subject line. */
  static String label(Commit commit) {
    return "Commit " + shortId(commit) + " \"" + shown(firstLine(commit.message())) + "\"";
  }

  static String shortId(Commit commit) {
    return commit.id().substring(0, Math.min(SHORT_ID, commit.id().length()));
  }

  /** A finding about {@code commit}: {@code label: problem}, keyed by the commit id and {@code part}. */
  static Finding finding(ChangeContext<?> change, Commit commit, String part, String problem) {
    return change.changeFinding(label(commit) + ": " + problem + ".").withKey(commit.id() + ":" + part);
  }

  /** The first line that is not blank: what git shows as the subject. */
  static String firstLine(String message) {
    for (String line : message.split("\r?\n")) {
      if (!line.isBlank()) return line;
    }
    return "";
  }

  /**
   * Untrusted text made safe to show in one line: control and format characters (including bidi
   * overrides) removed, whitespace runs collapsed, and cut to {@value #MAX_SHOWN} characters.
   */
  static String shown(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ' ') sb.append(' ');
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE || type == Character.SURROGATE) continue;
      sb.appendCodePoint(cp);
    }
    String clean = sb.toString().strip();
    if (clean.codePointCount(0, clean.length()) <= MAX_SHOWN) return clean;
    return clean.substring(0, clean.offsetByCodePoints(0, MAX_SHOWN)).stripTrailing() + "…";
  }

  /**
   * {@code commit}'s message parsed, or null when the commitlint-style rules skip it: when it is blank,
   * when nothing is left after parsing (only {@code gpg:} lines), or, with {@code defaultIgnores}, when
   * commitlint's default ignores skip it.
   */
  static ParsedMessage linted(Commit commit, boolean defaultIgnores) {
    String message = commit.message();
    if (Js.trim(message).isEmpty() || defaultIgnores && DefaultIgnores.ignored(message)) return null;
    ParsedMessage parsed = ParsedMessage.parse(message);
    return parsed.header() == null && parsed.body() == null && parsed.footer() == null ? null : parsed;
  }

  /** A list option of non-blank strings, copied; {@link IllegalArgumentException} otherwise. */
  static List<String> nonBlank(String option, List<String> values) {
    if (values == null) throw new IllegalArgumentException(option + " must be a list");
    for (String v : values) {
      if (v == null || v.isBlank()) throw new IllegalArgumentException(option + " must not contain empty entries");
    }
    return List.copyOf(values);
  }

  /** Joins values for a message: {@code a, b, c}. */
  static String list(Iterable<String> values) {
    return String.join(", ", values);
  }
}
