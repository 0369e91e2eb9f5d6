package dev.vetter.checks.coverage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which changed file a report's source path stands for. Reports name files in many ways:
 * absolute paths from the CI machine ({@code /home/ci/app/src/x.py}), paths relative to a
 * sub-directory or a Cobertura {@code <source>} root, JaCoCo package paths ({@code com/x/A.java}
 * for {@code src/main/java/com/x/A.java}), Go import paths ({@code github.com/o/r/pkg/a.go}) and
 * Windows paths ({@code .\scripts\a.lua}). After normalising separators, applying the user's path
 * fixes and stripping the Go module path, a report path matches a changed path when they are equal,
 * or when one ends with the other at a directory boundary; the longest such match wins.
 */
final class SourceMatcher {
  private static final int EXACT = Integer.MAX_VALUE;

  private final Map<String, List<String>> changedByBaseName = new HashMap<>();
  private final List<String[]> fixes;
  private final String goModule;

  /**
   * @param changedPaths repository-relative paths of the changed files
   * @param fixes Codecov-style {@code before::after} rewrites of report paths ({@code ::after} adds a prefix,
   *     {@code before::} strips one); the first that applies is used
   * @param goModule the module path from go.mod, or null
   */
  SourceMatcher(Collection<String> changedPaths, List<String> fixes, String goModule) {
    for (String p : changedPaths) changedByBaseName.computeIfAbsent(ReportParser.baseName(p), k -> new ArrayList<>()).add(p);
    this.fixes = fixes.stream().map(f -> {
      int sep = f.indexOf("::");
      return new String[] {normalizePrefix(f.substring(0, sep)), normalizePrefix(f.substring(sep + 2))};
    }).toList();
    this.goModule = goModule == null || goModule.isBlank() ? null : goModule.strip() + "/";
  }

  /** Whether a source file of this base name may concern the change (lets parsers skip the rest early). */
  boolean wants(String baseName) {
    if (changedByBaseName.containsKey(baseName)) return true;
    // a fix may rename the file itself; then nothing can be skipped by name
    return !fixes.isEmpty() && fixes.stream().anyMatch(f -> !f[0].isEmpty() && !f[0].endsWith("/"));
  }

  /** The lines of {@code report}, keyed by the changed path each of its sources stands for (sources of one file merged). */
  Map<String, LineCoverage> map(CoverageReport report) {
    Map<String, Integer> bestScore = new HashMap<>();
    Map<String, List<LineCoverage>> best = new HashMap<>();
    for (CoverageReport.Source source : report.sources()) {
      Map<String, Integer> scores = new HashMap<>();
      for (String raw : source.paths()) {
        for (String candidate : rewrites(raw)) {
          for (String changed : changedByBaseName.getOrDefault(ReportParser.baseName(candidate), List.of())) {
            int score = score(candidate, changed);
            if (score > 0) scores.merge(changed, score, Math::max);
          }
        }
      }
      scores.forEach((changed, score) -> {
        int current = bestScore.getOrDefault(changed, 0);
        if (score > current) {
          bestScore.put(changed, score);
          best.put(changed, new ArrayList<>(List.of(source.lines())));
        } else if (score == current) {
          best.get(changed).add(source.lines());
        }
      });
    }
    Map<String, LineCoverage> out = new HashMap<>();
    best.forEach((changed, parts) -> {
      LineCoverage merged = new LineCoverage();
      parts.forEach(merged::merge);
      out.put(changed, merged);
    });
    return out;
  }

  /** The path as written, after the first applicable fix, and without the Go module prefix. */
  private List<String> rewrites(String path) {
    Set<String> out = new HashSet<>();
    String p = path;
    for (String[] fix : fixes) {
      if (p.startsWith(fix[0])) {
        p = normalize(fix[1] + p.substring(fix[0].length()));
        break;
      }
    }
    out.add(p);
    if (goModule != null && p.startsWith(goModule)) out.add(p.substring(goModule.length()));
    return List.copyOf(out);
  }

  /** How well report path {@code candidate} names {@code changed}: 0 not at all, else the number of matching segments. */
  static int score(String candidate, String changed) {
    if (candidate.equals(changed)) return EXACT;
    if (candidate.endsWith("/" + changed)) return segments(changed);
    if (changed.endsWith("/" + candidate)) return segments(candidate);
    return 0;
  }

  private static int segments(String path) {
    int n = 1;
    for (int i = 0; i < path.length(); i++) if (path.charAt(i) == '/') n++;
    return n;
  }

  /** '/'-separated, without "./", "." and "name/.." steps or doubled slashes; a leading '/' is kept. */
  static String normalize(String path) {
    String p = path.strip().replace('\\', '/');
    boolean absolute = p.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) continue;
      if (seg.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    String joined = String.join("/", parts);
    return absolute ? "/" + joined : joined;
  }

  private static String normalizePrefix(String prefix) {
    if (prefix.isEmpty()) return "";
    String n = normalize(prefix);
    return prefix.replace('\\', '/').endsWith("/") && !n.endsWith("/") ? n + "/" : n;
  }
}
