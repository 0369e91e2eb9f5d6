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
    id = "hygiene/trailing-whitespace",
    category = Category.STYLE,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled: 1 of 15; a repository that trims says so in .editorconfig, which hygiene/editorconfig enforces; docs/eval.md
    summary = "Spaces or tabs at the end of a line.",
    rationale = """
        Trailing whitespace is invisible in most editors, yet it shows up in diffs as changed lines, \
        makes `git blame` noisier and trips `git diff --check` and many linters.""",
    fix = """
        Delete the whitespace at the end of the line; most editors can do it on save \
        (`trim_trailing_whitespace = true` in `.editorconfig`). Markdown's two-space line break can be \
        written as a backslash at the end of the line instead.""")
public final class TrailingWhitespace implements FileCheck<NoOptions> {

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    List<Finding> findings = new ArrayList<>();
    for (FileContent.Line line : file.head().lines()) {
      String text = line.text();
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) end--;
      if (end < text.length()) {
        findings.add(file.finding(line.number(), "Trailing whitespace (" + (text.length() - end) + " character" + (text.length() - end == 1 ? "" : "s") + ").")
            .withColumn(end + 1)
            .withSuggestion(text.substring(0, end)));
      }
    }
    return findings;
  }
}
