package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Runs many detectors over a file in one pass: a keyword automaton over each line picks the few
 * detectors worth running there, so a line without any keyword costs one linear scan for all rules.
 * Where candidates overlap, the more specific detector's win (a GitHub token assigned to
 * {@code password} is a GitHub token, not a generic assignment).
 */
final class Scanner {
  /** The built-in detectors; their results are shared by the built-in rules (see {@link #scan}). */
  static final Scanner BUILT_IN = new Scanner(Catalog.ALL);

  private final List<Detector> detectors;
  private final AhoCorasick automaton;
  private final int[][] detectorsOfKeyword;

  // Each built-in rule is its own check, run per file; they share one scan of each file. The memo is
  // keyed by the content object (the engine hands every check the same one) and holds it weakly.
  private final Map<FileContent, Lazy> memo = Collections.synchronizedMap(new WeakHashMap<>());

  Scanner(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
    Map<String, List<Integer>> byKeyword = new java.util.LinkedHashMap<>();
    for (int i = 0; i < this.detectors.size(); i++) {
      for (String k : this.detectors.get(i).keywords()) byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
    }
    List<String> keywords = new ArrayList<>(byKeyword.keySet());
    this.automaton = new AhoCorasick(keywords);
    this.detectorsOfKeyword = new int[keywords.size()][];
    for (int k = 0; k < keywords.size(); k++) detectorsOfKeyword[k] = byKeyword.get(keywords.get(k)).stream().mapToInt(Integer::intValue).toArray();
  }

  /** Every candidate in {@code file}, ordered by position; computed once per content object. */
  List<Candidate> scan(FileContent file) {
    Lazy lazy;
    synchronized (memo) {
      lazy = memo.computeIfAbsent(file, f -> new Lazy());
    }
    return lazy.get(this, file);
  }

  /** The scan itself, without the memo. */
  List<Candidate> scanNow(FileContent file) {
    List<Candidate> found = new ArrayList<>();
    List<FileContent.Line> lines = file.lines();
    BitSet run = new BitSet(detectors.size());
    for (int i = 0; i < lines.size(); i++) {
      BitSet keywords = automaton.find(lines.get(i).text());
      if (keywords == null) continue;
      run.clear();
      for (int k = keywords.nextSetBit(0); k >= 0; k = keywords.nextSetBit(k + 1)) {
        for (int d : detectorsOfKeyword[k]) run.set(d);
      }
      int before = found.size();
      for (int d = run.nextSetBit(0); d >= 0; d = run.nextSetBit(d + 1)) detectors.get(d).scan(file, i, found);
      if (found.size() > before) dropDigests(lines.get(i).text(), found, before);
    }
    return resolveOverlaps(found);
  }

  // an integrity hash names a file's content ("sha512-…" in package-lock.json, yarn.lock and pnpm-lock.yaml,
  // "h1:…" in go.sum, "--hash=sha256:…" in requirements files, Subresource Integrity in HTML): not a credential
  private static final Pattern DIGEST = Pattern.compile("(?i)(?:sha(?:1|224|256|384|512)|md5|h1)[-:=][A-Za-z0-9+/_=-]{16,}");

  /** Removes from {@code found[from…]} the one-line candidates that lie inside an integrity hash on {@code text}. */
  static void dropDigests(String text, List<Candidate> found, int from) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (!lower.contains("sha") && !lower.contains("md5") && !lower.contains("h1:")) return;
    Matcher m = DIGEST.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      found.subList(from, found.size()).removeIf(c -> c.endLine() == c.line() && c.start() >= start && c.end() <= end);
    }
  }

  /** Drops a candidate overlapped by a more specific one, or by an earlier one of the same rule and level. */
  static List<Candidate> resolveOverlaps(List<Candidate> found) {
    if (found.isEmpty()) return List.of();
    found.sort(Comparator.comparingInt(Candidate::line).thenComparingInt(Candidate::start).thenComparingInt(Candidate::level));
    Map<Integer, List<Candidate>> byLine = new java.util.HashMap<>();
    for (Candidate c : found) {
      for (int l = c.line(); l <= c.endLine(); l++) byLine.computeIfAbsent(l, x -> new ArrayList<>()).add(c);
    }
    java.util.Set<Candidate> kept = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Candidate> result = new ArrayList<>();
    for (Candidate c : found) {
      boolean shadowed = false;
      for (int l = c.line(); l <= c.endLine() && !shadowed; l++) {
        for (Candidate o : byLine.get(l)) {
          if (o == c || !o.overlaps(c)) continue;
          if (o.level() < c.level() || (o.level() == c.level() && o.rule().equals(c.rule()) && kept.contains(o))) {
            shadowed = true;
            break;
          }
        }
      }
      if (!shadowed) {
        kept.add(c);
        result.add(c);
      }
    }
    return List.copyOf(result);
  }

  /** Computes a file's candidates once, even when several rules ask at the same time. */
  private static final class Lazy {
    private List<Candidate> value;

    synchronized List<Candidate> get(Scanner scanner, FileContent file) {
      if (value == null) value = scanner.scanNow(file);
      return value;
    }
  }
}
