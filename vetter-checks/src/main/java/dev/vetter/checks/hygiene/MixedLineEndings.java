package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.change.FileContent.LineEnding;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.List;
import java.util.Locale;

@CheckInfo(
    id = "hygiene/line-ending",
    category = Category.STYLE,
    severity = Severity.WARNING,
    summary = "Lines ending with CRLF in a file that uses LF, or the reverse.",
    rationale = """
        A file with both kinds of line ending shows `^M` in some editors and diffs, breaks shell scripts \
        (`bad interpreter: /bin/sh^M`) and here-documents, and makes the next editor that normalises the \
        file rewrite every line. With `expected: detect` (the default) the file's majority decides (LF on a \
        tie). Consecutive offending lines are reported as one finding.""",
    fix = """
        Convert the lines to the file's ending (`dos2unix`/`unix2dos`, or the editor's line-ending switch), \
        and pin it for good with `.gitattributes` (`* text=auto eol=lf`) or `.editorconfig` (`end_of_line`).""",
    options = MixedLineEndings.Options.class)
public final class MixedLineEndings implements FileCheck<MixedLineEndings.Options> {

  /** Options of hygiene/line-ending. */
  public record Options(
      @Doc("`detect` (the file's majority), `lf` or `crlf`.")
      String expected) {

    public Options() {
      this("detect");
    }

    public Options {
      expected = expected == null ? "" : expected.trim().toLowerCase(Locale.ROOT);
      if (!List.of("detect", "lf", "crlf").contains(expected)) {
        throw new IllegalArgumentException("invalid expected '" + expected + "', allowed values: [detect, lf, crlf]");
      }
    }
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    FileContent head = file.head();
    // a text without CR is all LF: settles nearly every file without looking at its lines
    boolean anyCr = head.text().indexOf('\r') >= 0;
    String mode = file.options().expected();
    if (!anyCr && !mode.equals("crlf")) return List.of();
    List<FileContent.Line> lines = head.lines();
    LineEnding expected;
    String why;
    switch (mode) {
      case "lf" -> {
        expected = LineEnding.LF;
        why = "the policy expects LF";
      }
      case "crlf" -> {
        expected = LineEnding.CRLF;
        why = "the policy expects CRLF";
      }
      default -> {
        int lf = 0;
        int crlf = 0;
        for (FileContent.Line l : lines) {
          if (l.ending() == LineEnding.LF) lf++;
          else if (l.ending() == LineEnding.CRLF) crlf++;
        }
        if (lf == 0 || crlf == 0) return List.of();
        expected = crlf > lf ? LineEnding.CRLF : LineEnding.LF;
        why = "most of this file uses " + expected;
      }
    }
    return LineEndings.wrongRuns(file, lines, expected, why);
  }
}
