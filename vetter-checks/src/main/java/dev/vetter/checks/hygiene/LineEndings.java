package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.change.FileContent.LineEnding;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import java.util.ArrayList;
import java.util.List;

/** Line-terminator helpers shared by {@link MixedLineEndings} and {@link EditorconfigViolation}. */
final class LineEndings {
  private LineEndings() {}

  /**
   * One finding per run of consecutive lines that end with the same wrong terminator, spanning the
   * run ({@code line..endLine}): a file converted wholesale gives one finding, not thousands, and the
   * diff filter still keeps it only when one of its lines changed. The last line, when it has no
   * terminator, is never wrong.
   *
   * @param expected the terminator lines should have
   * @param why the end of the message, e.g. "the rest of the file uses LF"
   */
  static List<Finding> wrongRuns(FileContext<?> file, List<FileContent.Line> lines, LineEnding expected, String why) {
    List<Finding> findings = new ArrayList<>();
    int i = 0;
    int n = lines.size();
    while (i < n) {
      LineEnding e = lines.get(i).ending();
      if (e == LineEnding.NONE || e == expected) {
        i++;
        continue;
      }
      int start = i;
      while (i + 1 < n && lines.get(i + 1).ending() == e) i++;
      FileContent.Line first = lines.get(start);
      FileContent.Line last = lines.get(i);
      String what = first == last
          ? "Line ends with " + e + "; " + why + "."
          : "Lines " + first.number() + "–" + last.number() + " end with " + e + "; " + why + ".";
      findings.add(file.finding(first.number(), what)
          .withEndLine(last.number())
          .withColumn(first.text().length() + 1));
      i++;
    }
    return findings;
  }
}
