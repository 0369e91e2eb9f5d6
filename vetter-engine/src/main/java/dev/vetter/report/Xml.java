package dev.vetter.report;

/** Escaping for the XML formats, written by hand so the output is exactly as documented. */
final class Xml {
  private Xml() {}

  /**
   * Text for a double-quoted attribute value: markup characters as entities, line breaks and tabs as
   * character references (a parser would otherwise turn them into spaces), and characters XML 1.0
   * cannot carry at all (most control characters, lone surrogates) as U+FFFD.
   */
  static String attr(String s) {
    return escape(s, true);
  }

  /** Text for element content. */
  static String text(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        case '\r' -> sb.append("&#13;");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
