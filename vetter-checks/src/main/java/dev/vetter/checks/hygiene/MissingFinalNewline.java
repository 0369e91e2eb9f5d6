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
import java.util.List;

@CheckInfo(
    id = "hygiene/final-newline",
    category = Category.STYLE,
    severity = Severity.NOTICE,
    mode = Mode.SHADOW, // labelled: 0 of 3; a repository that wants one says so in .editorconfig, which hygiene/editorconfig enforces; docs/eval.md
    summary = "The file does not end with a newline.",
    rationale = """
        POSIX defines a line as ending with a newline, and tools follow: `cat` runs the next prompt or file \
        into the last line, `wc -l` undercounts, and the next person to append a line also changes the old \
        last line, so the diff shows `\\ No newline at end of file` and blames them for it. The finding sits \
        on the last line, so it is reported only when that line is part of the change.""",
    fix = """
        End the file with a newline; most editors can do it on save (`insert_final_newline = true` in \
        `.editorconfig`).""")
public final class MissingFinalNewline implements FileCheck<NoOptions> {

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    List<FileContent.Line> lines = file.head().lines();
    if (lines.isEmpty()) return List.of();
    FileContent.Line last = lines.get(lines.size() - 1);
    if (last.ending() != FileContent.LineEnding.NONE) return List.of();
    return List.of(file.finding(last.number(), "No newline at the end of the file.").withColumn(last.text().length() + 1));
  }
}
