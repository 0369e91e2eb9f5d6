package dev.vetter.git;

import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.Hunk;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** Groups an edit list into unified-diff hunks, the way {@code git diff -U3} does. */
final class Hunks {
  private Hunks() {}

  /**
   * The edits turning {@code a} into {@code b}, as {@code git diff} shows them: JGit's histogram
   * diff, with each run of changed lines then placed where git places it.
   */
  static EditList diff(RawText a, RawText b) {
    EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b);
    return GitCompaction.compact(edits, a, b, RawTextComparator.DEFAULT);
  }

  static List<Hunk> of(EditList edits, FileContent a, FileContent b, int context) {
    List<Hunk> hunks = new ArrayList<>();
    int aSize = a == null ? 0 : a.lines().size();
    int bSize = b == null ? 0 : b.lines().size();
    int i = 0;
    while (i < edits.size()) {
      int j = i;
      // edits whose contexts touch belong to one hunk
      while (j + 1 < edits.size() && edits.get(j + 1).getBeginA() - edits.get(j).getEndA() <= 2 * context) j++;
      Edit first = edits.get(i);
      Edit last = edits.get(j);
      int aStart = Math.max(0, first.getBeginA() - context);
      int aEnd = Math.min(aSize, last.getEndA() + context);
      int bStart = Math.max(0, first.getBeginB() - context);
      List<DiffLine> lines = new ArrayList<>();
      int ai = aStart;
      int bi = bStart;
      for (int k = i; k <= j; k++) {
        Edit e = edits.get(k);
        for (; ai < e.getBeginA(); ai++, bi++) lines.add(new DiffLine(DiffLine.Kind.CONTEXT, ai + 1, bi + 1, text(a, ai + 1)));
        for (ai = e.getBeginA(); ai < e.getEndA(); ai++) lines.add(new DiffLine(DiffLine.Kind.REMOVED, ai + 1, 0, text(a, ai + 1)));
        for (bi = e.getBeginB(); bi < e.getEndB(); bi++) lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, bi + 1, text(b, bi + 1)));
      }
      for (; ai < aEnd; ai++, bi++) lines.add(new DiffLine(DiffLine.Kind.CONTEXT, ai + 1, bi + 1, text(a, ai + 1)));
      int oldCount = aEnd - aStart;
      int newCount = bi - bStart;
      hunks.add(new Hunk(oldCount == 0 ? aStart : aStart + 1, oldCount, newCount == 0 ? bStart : bStart + 1, newCount, lines));
      i = j + 1;
    }
    return hunks;
  }

  private static String text(FileContent content, int line) {
    FileContent.Line l = content.line(line);
    return l == null ? "" : l.text();
  }
}
