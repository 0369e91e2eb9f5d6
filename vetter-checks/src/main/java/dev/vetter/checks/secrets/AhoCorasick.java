package dev.vetter.checks.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A keyword automaton (Aho–Corasick, compiled to a dense DFA): one pass over a line, case-insensitively,
 * tells which of many keywords occur in it. Keywords are ASCII; any other character leads back to the
 * start. Immutable and thread-safe once built.
 */
final class AhoCorasick {
  private final int[] symbol = new int[128]; // ASCII char (lower-cased) -> symbol; 0 = not in any keyword
  private final int symbols;
  private final int[] next; // state * symbols + symbol -> state
  private final int[][] outputs; // state -> keyword indexes ending here (suffixes included)
  private final int keywords;

  /** Builds the automaton for {@code keywords} (compared in lower case). */
  AhoCorasick(List<String> keywords) {
    this.keywords = keywords.size();
    int s = 1;
    for (String k : keywords) {
      if (k.isEmpty()) throw new IllegalArgumentException("empty keyword");
      for (char c : k.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c >= 128) throw new IllegalArgumentException("keyword '" + k + "' is not ASCII");
        if (symbol[c] == 0) symbol[c] = s++;
      }
    }
    symbols = s;
    // the trie
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(filled(symbols));
    out.add(new ArrayList<>());
    for (int i = 0; i < keywords.size(); i++) {
      int state = 0;
      for (char c : keywords.get(i).toLowerCase(Locale.ROOT).toCharArray()) {
        int sym = symbol[c];
        if (gotoRows.get(state)[sym] < 0) {
          gotoRows.get(state)[sym] = gotoRows.size();
          gotoRows.add(filled(symbols));
          out.add(new ArrayList<>());
        }
        state = gotoRows.get(state)[sym];
      }
      out.get(state).add(i);
    }
    // failure links, breadth first, folded into a full transition table
    int states = gotoRows.size();
    next = new int[states * symbols];
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int sym = 0; sym < symbols; sym++) {
      int t = gotoRows.get(0)[sym];
      next[sym] = Math.max(t, 0);
      if (t > 0) queue.add(t);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      out.get(state).addAll(out.get(fail[state]));
      for (int sym = 0; sym < symbols; sym++) {
        int t = gotoRows.get(state)[sym];
        if (t > 0) {
          fail[t] = next[fail[state] * symbols + sym];
          next[state * symbols + sym] = t;
          queue.add(t);
        } else {
          next[state * symbols + sym] = next[fail[state] * symbols + sym];
        }
      }
    }
    outputs = new int[states][];
    for (int i = 0; i < states; i++) outputs[i] = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
  }

  private static int[] filled(int n) {
    int[] row = new int[n];
    Arrays.fill(row, -1);
    return row;
  }

  /** The indexes of the keywords that occur in {@code text}, or null when none does (the common case). */
  BitSet find(CharSequence text) {
    BitSet found = null;
    int state = 0;
    int[] next = this.next;
    int symbols = this.symbols;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
      int sym = c < 128 ? symbol[c] : 0;
      state = next[state * symbols + sym];
      int[] hits = outputs[state];
      if (hits.length > 0) {
        if (found == null) found = new BitSet(keywords);
        for (int k : hits) found.set(k);
      }
    }
    return found;
  }

  /** Groups items by keyword: for each distinct keyword (lower case), the items that listed it. */
  static <T> Map<String, List<T>> byKeyword(List<T> items, java.util.function.Function<T, List<String>> keywordsOf) {
    Map<String, List<T>> map = new java.util.LinkedHashMap<>();
    for (T item : items) {
      for (String k : keywordsOf.apply(item)) map.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(item);
    }
    return map;
  }

}
