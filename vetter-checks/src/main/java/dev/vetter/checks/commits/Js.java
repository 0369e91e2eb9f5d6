package dev.vetter.checks.commits;

/**
 * JavaScript string semantics that commitlint's rules depend on, so that the ports in this package
 * read like the originals: JavaScript's {@code \s} and {@code .} differ from Java's, and its
 * {@code trim()} removes more characters than {@link String#strip()}.
 */
final class Js {
  private Js() {}

  /** JavaScript's {@code \s} as a character-class body (ECMAScript WhiteSpace and LineTerminator). */
  static final String SPACE_CHARS = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

  /** JavaScript's {@code \s}. */
  static final String S = "[" + SPACE_CHARS + "]";

  /** JavaScript's {@code \S}. */
  static final String NOT_S = "[^" + SPACE_CHARS + "]";

  /** JavaScript's {@code .} without the s flag: anything but a line terminator (Java's also excludes U+0085). */
  static final String DOT = "[^\\n\\r\\u2028\\u2029]";

  static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF' -> true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }

  static String trim(String s) {
    return trimEnd(trimStart(s));
  }

  static String trimStart(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) i++;
    return s.substring(i);
  }

  static String trimEnd(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) end--;
    return s.substring(0, end);
  }

  /** {@code s.split(/\r?\n/)}: keeps empty strings, also trailing ones. */
  static String[] lines(String s) {
    return s.split("\r?\n", -1);
  }
}
