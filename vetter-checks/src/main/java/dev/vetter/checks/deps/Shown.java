package dev.vetter.checks.deps;

/** Text from a repository or a database made safe to show in one line of a message. */
final class Shown {
  private Shown() {}

  private static final int MAX = 200;

  /** Control and format characters (bidi overrides included) dropped, whitespace collapsed, cut to 200 characters. */
  static String oneLine(String text) {
    if (text == null) return "";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ' ') sb.append(' ');
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
          || type == Character.SURROGATE) continue;
      sb.appendCodePoint(cp);
    }
    String s = sb.toString().strip();
    if (s.codePointCount(0, s.length()) <= MAX) return s;
    return s.substring(0, s.offsetByCodePoints(0, MAX)).stripTrailing() + "…";
  }
}
