package dev.vetter.checks.hygiene;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@CheckInfo(
    id = "hygiene/todo-without-issue",
    category = Category.SMELLS,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled: 0 of 5; docs/eval.md
    summary = "A TODO, FIXME, XXX or HACK comment that does not reference an issue.",
    rationale = """
        A TODO with no issue behind it is a promise nobody tracks: it outlives its author's memory, nobody \
        plans the work, and it cannot be found from the issue tracker. A reference (`#123`, `PROJ-42`, a URL) \
        ties it to a place where the work is discussed and scheduled. A marker counts when it is written in \
        capitals as a whole word inside a comment: after `//`, `#`, `/*`, `<!--`, `--`, `;` or `%` on its \
        line, or on a line that starts with `*` or with the marker. The reference may be anywhere on the \
        marker's line or on the next line when that line continues the comment.""",
    fix = """
        Open an issue for the work and put its reference in the comment (`// TODO(#123): ...`), or do the \
        work now and delete the comment.""",
    options = TodoWithoutIssue.Options.class)
public final class TodoWithoutIssue implements FileCheck<TodoWithoutIssue.Options> {

  /** Options of hygiene/todo-without-issue. */
  public record Options(
      @Doc("The comment markers to look for, matched case-sensitively as whole words.")
      List<String> markers,
      @Doc("An RE2 regular expression that finds an issue reference on the marker's line (or the next comment line).")
      String issuePattern) {

    // compiled patterns by source text: records cannot hold extra fields, and binding compiles each pattern once
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    public Options() {
      this(List.of("TODO", "FIXME", "XXX", "HACK"), "(#\\d+|\\b[A-Z][A-Z0-9]+-\\d+\\b|https?://\\S+)");
    }

    public Options {
      if (markers == null || markers.isEmpty()) throw new IllegalArgumentException("markers must list at least one marker");
      for (String m : markers) {
        if (m == null || m.isBlank() || m.chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException("invalid marker '" + m + "': a marker is one word, such as TODO");
        }
      }
      markers = List.copyOf(markers);
      if (issuePattern == null || issuePattern.isBlank()) throw new IllegalArgumentException("issue-pattern must not be empty");
      compile(issuePattern);
    }

    /** The compiled {@link #issuePattern}. */
    Pattern issueRegex() {
      return compile(issuePattern);
    }

    private static Pattern compile(String regex) {
      Pattern p = COMPILED.get(regex);
      if (p != null) return p;
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid issue-pattern '" + regex + "': " + e.getDescription() + " (RE2 syntax)");
      }
      if (COMPILED.size() < 256) COMPILED.put(regex, p);
      return p;
    }
  }

  private static final String[] COMMENT_STARTS = {"//", "#", "/*", "<!--", "--", ";", "%"};

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Options o = file.options();
    FileContent head = file.head();
    String all = head.text();
    if (o.markers().stream().noneMatch(all::contains)) return List.of();
    Pattern issue = o.issueRegex();
    List<FileContent.Line> lines = head.lines();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).text();
      int at = -1;
      String marker = null;
      for (String m : o.markers()) {
        int idx = wordIndex(t, m);
        if (idx >= 0 && (at < 0 || idx < at)) {
          at = idx;
          marker = m;
        }
      }
      if (at < 0 || !inComment(t, at)) continue;
      if (issue.matcher(t).find()) continue;
      if (i + 1 < lines.size() && continuesComment(lines.get(i + 1).text(), o.markers()) && issue.matcher(lines.get(i + 1).text()).find()) continue;
      findings.add(file.finding(i + 1, marker + " without an issue reference.").withColumn(at + 1));
    }
    return findings;
  }

  /** The first index of {@code word} in {@code t} as a whole word, or -1. */
  private static int wordIndex(String t, String word) {
    for (int idx = t.indexOf(word); idx >= 0; idx = t.indexOf(word, idx + 1)) {
      int end = idx + word.length();
      if ((idx == 0 || !isWordChar(t.charAt(idx - 1))) && (end >= t.length() || !isWordChar(t.charAt(end)))) return idx;
    }
    return -1;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean inComment(String t, int at) {
    int s = indentEnd(t);
    if (s == at || t.charAt(s) == '*') return true;
    for (String start : COMMENT_STARTS) {
      int idx = t.indexOf(start);
      if (idx >= 0 && idx < at) return true;
    }
    return false;
  }

  // the next line carries on the same comment (and starts no TODO of its own)
  private static boolean continuesComment(String t, List<String> markers) {
    int s = indentEnd(t);
    boolean comment = t.startsWith("//", s) || t.startsWith("#", s) || t.startsWith("*", s) || t.startsWith("--", s);
    return comment && markers.stream().noneMatch(m -> wordIndex(t, m) >= 0);
  }

  private static int indentEnd(String t) {
    int i = 0;
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
    return i;
  }
}
