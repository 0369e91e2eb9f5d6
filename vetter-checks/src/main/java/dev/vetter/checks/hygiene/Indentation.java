package dev.vetter.checks.hygiene;

/**
 * The leading whitespace of one line, as the indentation rules see it. Shared by
 * {@link MixedIndentation} and {@link EditorconfigViolation} so both judge a line the same way.
 *
 * <p>Two conventions keep alignment legal: spaces <em>after</em> tabs (aligning a continuation in a
 * tab-indented file), and a single leading space (the {@code " * "} of a block comment at the top
 * level). Only a run of two or more leading spaces counts as "indented with spaces".
 *
 * @param end index of the first character that is neither a space nor a tab
 * @param blank true when the line holds nothing but whitespace (not an indentation question)
 * @param leadingSpaces the number of spaces before the first tab or content
 * @param firstTab index of the first tab in the indentation, -1 when none
 * @param spaceBeforeTab index of the first space that is followed by a tab in the indentation, -1
 *     when none
 */
record Indentation(int end, boolean blank, int leadingSpaces, int firstTab, int spaceBeforeTab) {

  /** What a file's indentation should be made of. */
  enum Style { SPACES, TABS, NONE }

  static Indentation of(String text) {
    int n = text.length();
    int i = 0;
    int leadingSpaces = 0;
    int firstTab = -1;
    int spaceBeforeTab = -1;
    int spaceRunStart = -1;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (firstTab < 0) leadingSpaces++;
        if (spaceRunStart < 0) spaceRunStart = i;
      } else if (c == '\t') {
        if (firstTab < 0) firstTab = i;
        if (spaceRunStart >= 0 && spaceBeforeTab < 0) spaceBeforeTab = spaceRunStart;
        spaceRunStart = -1;
      } else {
        break;
      }
      i++;
    }
    return new Indentation(i, i == n, leadingSpaces, firstTab, spaceBeforeTab);
  }

  /** The line starts with a tab. */
  boolean startsWithTab() {
    return firstTab == 0;
  }

  /** The line starts with two or more spaces: indented with spaces rather than aligned. */
  boolean startsWithSpaces() {
    return leadingSpaces >= 2;
  }

  /** True when the indentation contains a tab at all. */
  boolean hasTab() {
    return firstTab >= 0;
  }
}
