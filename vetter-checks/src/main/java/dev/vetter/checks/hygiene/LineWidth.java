package dev.vetter.checks.hygiene;

/**
 * How wide a line is on screen, counted simply: one column per code point, a tab advancing to the
 * next multiple of the tab width. (Wide East Asian characters and combining marks are not special:
 * a rule of thumb, not a terminal emulator.)
 */
final class LineWidth {
  private LineWidth() {}

  /** The display width of {@code text}. */
  static int of(String text, int tabWidth) {
    return of(text, 0, text.length(), tabWidth);
  }

  /** The display width of {@code text[from, to)}. */
  static int of(String text, int from, int to, int tabWidth) {
    int col = 0;
    for (int i = from; i < to; ) {
      char c = text.charAt(i);
      if (c == '\t') {
        col += tabWidth - col % tabWidth;
        i++;
      } else {
        col++;
        i += Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
      }
    }
    return col;
  }

  /** True when the line certainly fits in {@code max} columns, decided without measuring. */
  static boolean surelyFits(String text, int max) {
    // code points <= chars, and without tabs width == code points
    return text.length() <= max && text.indexOf('\t') < 0;
  }

  /** The index (into the string) of the first character that ends past column {@code max}, or -1. */
  static int overflowIndex(String text, int max, int tabWidth) {
    int col = 0;
    int n = text.length();
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      int next = c == '\t' ? col + tabWidth - col % tabWidth : col + 1;
      if (next > max) return i;
      col = next;
      i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }
    return -1;
  }
}
