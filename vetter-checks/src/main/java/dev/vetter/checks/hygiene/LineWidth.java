package dev.vetter.checks.hygiene;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * A trailing comment that tells a tool something about its line, which the line-length checks of ruff and
   * pycodestyle ({@code E501}) and ESLint ({@code max-len} with {@code ignoreComments}) leave out: Python's
   * {@code # type:}, {@code # noqa}, {@code # pyright:}, {@code # pragma:}, {@code # fmt:}, {@code # mypy:},
   * {@code # nosec}, and {@code // eslint-disable...}, {@code // @ts-...}, {@code // NOLINT}, {@code // nolint},
   * {@code // prettier-ignore}, {@code // NOSONAR}.
   */
  private static final Pattern PRAGMA = Pattern.compile(
      "\\s(?:#\\s*(?:type:|noqa\\b|pyright:|pragma:|fmt:|mypy:|nosec\\b)|//\\s*(?:eslint-disable|@ts-|NOLINT|nolint|prettier-ignore|NOSONAR)).*$");

  /** A digest a line pins something to: a 40-digit commit ({@code uses: owner/action@<sha>}) or an image's sha256. */
  private static final Pattern DIGEST = Pattern.compile("@(?:[0-9a-f]{40}|sha256:[0-9a-f]{64})\\b");

  /**
   * Whether a line over {@code max} columns is long only for a reason a reader would not wrap it for: it pins a digest
   * (an action or image by commit or sha256, as Dependabot and Renovate write it, usually with the version as a
   * comment), or it fits once a trailing tool pragma is left out.
   */
  static boolean excused(String text, int max, int tabWidth) {
    if (DIGEST.matcher(text).find()) return true;
    Matcher pragma = PRAGMA.matcher(text);
    return pragma.find() && of(text.substring(0, pragma.start()).stripTrailing(), tabWidth) <= max;
  }
}
