package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "hygiene/conflict-marker",
    category = Category.SMELLS,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    // no pipe characters here: the summary goes into a Markdown table in docs/rules.md
    summary = "A leftover merge conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`, or diff3's base marker).",
    rationale = """
        A conflict marker means a merge was committed half-resolved: the file holds both sides of the \
        conflict, so code no longer compiles or, worse, still parses (in YAML, Markdown or a shell script) and \
        does the wrong thing. diff3-style conflicts add a `|||||||` line before the base version. \
        `=======` alone is also a Markdown or reStructuredText heading underline, so it is only reported \
        inside a `<<<<<<<` … `>>>>>>>` block, or when it is exactly seven `=` in a file that has other markers.""",
    fix = """
        Finish the merge: keep the right lines from each side and delete every marker line, then build \
        and test again. `git diff --check` and `git grep -n '^<<<<<<< '` find what is left.""")
public final class ConflictMarker implements FileCheck<NoOptions> {

  private enum Kind { START, BASE, SEPARATOR, END }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    String text = file.head().text();
    // nearly every file has no marker at all: two scans of the text decide it
    if (!text.contains("<<<<<<<") && !text.contains(">>>>>>>") && !text.contains("|||||||")) return List.of();
    List<FileContent.Line> lines = file.head().lines();
    Kind[] kinds = new Kind[lines.size()];
    boolean anyMarker = false;
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = classify(lines.get(i).text());
      if (kinds[i] != null && kinds[i] != Kind.SEPARATOR) anyMarker = true;
    }
    if (!anyMarker) return List.of();
    List<Finding> findings = new ArrayList<>();
    boolean open = false;
    for (int i = 0; i < kinds.length; i++) {
      Kind k = kinds[i];
      if (k == null) continue;
      String t = lines.get(i).text();
      switch (k) {
        case START -> open = true;
        case END -> open = false;
        case BASE -> { }
        case SEPARATOR -> {
          // a heading underline unless inside a conflict, or git's exact seven in a file with markers
          if (!open && !isExactSeparator(t)) continue;
        }
      }
      findings.add(file.finding(i + 1, message(k, t)).withColumn(1));
    }
    return findings;
  }

  private static String message(Kind k, String text) {
    String marker = text.substring(0, Math.min(7, text.length()));
    return switch (k) {
      case START -> "Merge conflict marker `" + marker + "`: the start of an unresolved conflict.";
      case BASE -> "Merge conflict marker `" + marker + "`: the common ancestor's side of an unresolved conflict.";
      case SEPARATOR -> "Merge conflict marker `" + marker + "`: the middle of an unresolved conflict.";
      case END -> "Merge conflict marker `" + marker + "`: the end of an unresolved conflict.";
    };
  }

  /**
   * A marker line: seven or more of {@code <}, {@code |} or {@code >} then a space or the end of the
   * line (git writes {@code <<<<<<< HEAD}; a longer run comes from {@code conflict-marker-size} or a
   * nested conflict), or a line of nothing but seven or more {@code =}.
   */
  private static Kind classify(String t) {
    if (t.length() < 7) return null;
    char c = t.charAt(0);
    if (c != '<' && c != '>' && c != '|' && c != '=') return null;
    int run = 1;
    while (run < t.length() && t.charAt(run) == c) run++;
    if (run < 7) return null;
    if (c == '=') return isBlank(t, run) ? Kind.SEPARATOR : null;
    if (run < t.length() && t.charAt(run) != ' ' && t.charAt(run) != '\t' && t.charAt(run) != '\r') return null;
    return switch (c) {
      case '<' -> Kind.START;
      case '>' -> Kind.END;
      default -> Kind.BASE;
    };
  }

  private static boolean isExactSeparator(String t) {
    return t.length() >= 7 && t.charAt(6) == '=' && (t.length() == 7 || t.charAt(7) != '=') && isBlank(t, 7);
  }

  private static boolean isBlank(String t, int from) {
    for (int i = from; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
  }
}
