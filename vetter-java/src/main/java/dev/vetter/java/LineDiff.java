package dev.vetter.java;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The blocks of lines that differ between two versions of a file, by longest common subsequence. */
final class LineDiff {
  /** Old lines {@code start..start+count-1} (1-based) become {@code replacement}; count 0 inserts before {@code start}. */
  record Hunk(int start, int count, List<String> replacement) {}

  private static final int MAX_CELLS = 25_000_000;

  private LineDiff() {}

  static List<Hunk> hunks(String[] a, String[] b) {
    int prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) prefix++;
    int suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) suffix++;
    String[] x = Arrays.copyOfRange(a, prefix, a.length - suffix);
    String[] y = Arrays.copyOfRange(b, prefix, b.length - suffix);
    List<Hunk> hunks = new ArrayList<>();
    if (x.length == 0 && y.length == 0) return hunks;
    if ((long) (x.length + 1) * (y.length + 1) > MAX_CELLS) {
      // too large to align line by line: one block
      hunks.add(new Hunk(prefix + 1, x.length, List.of(y)));
      return hunks;
    }
    int[][] lcs = new int[x.length + 1][y.length + 1];
    for (int i = x.length - 1; i >= 0; i--) {
      for (int j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i].equals(y[j])) {
        i++;
        j++;
        continue;
      }
      int si = i;
      List<String> repl = new ArrayList<>();
      while ((i < x.length || j < y.length) && !(i < x.length && j < y.length && x[i].equals(y[j]))) {
        if (j < y.length && (i == x.length || lcs[i][j + 1] >= lcs[i + 1][j])) repl.add(y[j++]);
        else i++;
      }
      hunks.add(new Hunk(prefix + si + 1, i - si, repl));
    }
    return hunks;
  }
}
