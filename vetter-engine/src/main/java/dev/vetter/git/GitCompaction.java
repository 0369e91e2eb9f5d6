package dev.vetter.git;

import java.nio.ByteBuffer;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Places each run of added or removed lines where {@code git diff} places it. When a run can slide
 * (inserting a line equal to its neighbour, or a block that starts and ends alike, such as a new
 * method between two others), any position is a correct diff, but git and the forges that use it
 * (GitHub, GitLab) pick one by fixed rules. Vetter must pick the same one: its added lines are the
 * ones a reviewer sees marked as added, and review comments go on them.
 *
 * <p>A port of xdiff's {@code xdl_change_compact} (git's {@code xdiff/xdiffi.c}, with the indent
 * heuristic that is on by default since git 2.14): merge runs that can slide into each other, align
 * a run with a change on the other side when it can, otherwise pick the position whose boundaries
 * look best by indentation and blank lines. JGit has no equivalent (it slides every run down).
 */
final class GitCompaction {
  private GitCompaction() {}

  /** {@code edits} (a diff of {@code a} and {@code b}) with each run placed as git would place it. */
  static EditList compact(EditList edits, RawText a, RawText b, RawTextComparator cmp) {
    if (edits.isEmpty()) return edits;
    Side sa = new Side(a, cmp, a.size());
    Side sb = new Side(b, cmp, b.size());
    for (Edit e : edits) {
      for (int i = e.getBeginA(); i < e.getEndA(); i++) sa.set(i, true);
      for (int i = e.getBeginB(); i < e.getEndB(); i++) sb.set(i, true);
    }
    // git compacts the old side, then the new side
    compact(sa, sb);
    compact(sb, sa);
    return script(sa, sb);
  }

  /** One file's lines and which of them changed; changed(-1) and changed(n) are false, as in xdiff. */
  private static final class Side {
    final RawText text;
    final RawTextComparator cmp;
    final int n;
    private final boolean[] changed;

    Side(RawText text, RawTextComparator cmp, int n) {
      this.text = text;
      this.cmp = cmp;
      this.n = n;
      this.changed = new boolean[n + 2];
    }

    boolean changed(int i) {
      return changed[i + 1];
    }

    void set(int i, boolean c) {
      changed[i + 1] = c;
    }

    boolean same(int i, int j) {
      return cmp.equals(text, i, text, j);
    }
  }

  /** A run of changed lines [start, end) on one side; empty where the other side alone changed. */
  private static final class Group {
    int start;
    int end;

    Group(Side s) {
      while (s.changed(end)) end++;
    }

    /** Moves to the next group; false at the end of the file. */
    boolean next(Side s) {
      if (end == s.n) return false;
      start = end + 1;
      for (end = start; s.changed(end); end++) {}
      return true;
    }

    boolean previous(Side s) {
      if (start == 0) return false;
      end = start - 1;
      for (start = end; s.changed(start - 1); start--) {}
      return true;
    }

    boolean slideDown(Side s) {
      if (end < s.n && s.same(start, end)) {
        s.set(start++, false);
        s.set(end++, true);
        while (s.changed(end)) end++;
        return true;
      }
      return false;
    }

    boolean slideUp(Side s) {
      if (start > 0 && s.same(start - 1, end - 1)) {
        s.set(--start, true);
        s.set(--end, false);
        while (s.changed(start - 1)) start--;
        return true;
      }
      return false;
    }
  }

  private static void compact(Side s, Side other) {
    Group g = new Group(s);
    Group go = new Group(other);
    while (true) {
      if (g.end != g.start) {
        int groupSize;
        int earliestEnd;
        int endMatchingOther;
        // slide up, then down, as far as possible, merging with runs met on the way, until stable
        do {
          groupSize = g.end - g.start;
          endMatchingOther = -1;
          while (g.slideUp(s)) {
            if (!go.previous(other)) throw new IllegalStateException("group sync broken sliding up");
          }
          earliestEnd = g.end;
          if (go.end > go.start) endMatchingOther = g.end;
          while (g.slideDown(s)) {
            if (!go.next(other)) throw new IllegalStateException("group sync broken sliding down");
            if (go.end > go.start) endMatchingOther = g.end;
          }
        } while (groupSize != g.end - g.start);

        if (g.end == earliestEnd) {
          // it cannot move
        } else if (endMatchingOther != -1) {
          // line it up with the last change on the other side it can align with
          while (go.end == go.start) {
            if (!g.slideUp(s)) throw new IllegalStateException("match disappeared");
            if (!go.previous(other)) throw new IllegalStateException("group sync broken sliding to match");
          }
        } else {
          int bestShift = bestShift(s, g, groupSize, earliestEnd);
          while (g.end > bestShift) {
            if (!g.slideUp(s)) throw new IllegalStateException("best shift unreached");
            if (!go.previous(other)) throw new IllegalStateException("group sync broken sliding to blank line");
          }
        }
      }
      if (!g.next(s)) break;
      if (!go.next(other)) throw new IllegalStateException("group sync broken moving to next group");
    }
  }

  // xdiff's indent heuristic: score the two boundaries of each position the group can take
  private static final int MAX_INDENT = 200;
  private static final int MAX_BLANKS = 20;
  private static final int START_OF_FILE_PENALTY = 1;
  private static final int END_OF_FILE_PENALTY = 21;
  private static final int TOTAL_BLANK_WEIGHT = -30;
  private static final int POST_BLANK_WEIGHT = 6;
  private static final int RELATIVE_INDENT_PENALTY = -4;
  private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
  private static final int RELATIVE_OUTDENT_PENALTY = 24;
  private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
  private static final int RELATIVE_DEDENT_PENALTY = 23;
  private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
  private static final int INDENT_WEIGHT = 60;
  private static final int INDENT_HEURISTIC_MAX_SLIDING = 100;

  private static int bestShift(Side s, Group g, int groupSize, int earliestEnd) {
    int shift = earliestEnd;
    if (g.end - groupSize - 1 > shift) shift = g.end - groupSize - 1;
    if (g.end - INDENT_HEURISTIC_MAX_SLIDING > shift) shift = g.end - INDENT_HEURISTIC_MAX_SLIDING;
    int best = -1;
    int bestIndent = 0;
    int bestPenalty = 0;
    for (; shift <= g.end; shift++) {
      int[] score = new int[2]; // effective indent, penalty
      scoreSplit(s, shift, score);
      scoreSplit(s, shift - groupSize, score);
      int cmp = INDENT_WEIGHT * Integer.compare(score[0], bestIndent) + (score[1] - bestPenalty);
      if (best == -1 || cmp <= 0) {
        bestIndent = score[0];
        bestPenalty = score[1];
        best = shift;
      }
    }
    return best;
  }

  /** Adds the score of splitting the file before line {@code split} to {@code score}. */
  private static void scoreSplit(Side s, int split, int[] score) {
    boolean endOfFile = split >= s.n;
    int indent = endOfFile ? -1 : indent(s.text, split);
    int preBlank = 0;
    int preIndent = -1;
    for (int i = split - 1; i >= 0; i--) {
      preIndent = indent(s.text, i);
      if (preIndent != -1) break;
      preBlank++;
      if (preBlank == MAX_BLANKS) {
        preIndent = 0;
        break;
      }
    }
    int postBlank = 0;
    int postIndent = -1;
    for (int i = split + 1; i < s.n; i++) {
      postIndent = indent(s.text, i);
      if (postIndent != -1) break;
      postBlank++;
      if (postBlank == MAX_BLANKS) {
        postIndent = 0;
        break;
      }
    }

    int penalty = 0;
    if (preIndent == -1 && preBlank == 0) penalty += START_OF_FILE_PENALTY;
    if (endOfFile) penalty += END_OF_FILE_PENALTY;
    int post = indent == -1 ? 1 + postBlank : 0;
    int totalBlank = preBlank + post;
    penalty += TOTAL_BLANK_WEIGHT * totalBlank;
    penalty += POST_BLANK_WEIGHT * post;
    int effective = indent != -1 ? indent : postIndent;
    boolean anyBlanks = totalBlank != 0;
    if (effective == -1 || preIndent == -1 || effective == preIndent) {
      // no adjustment
    } else if (effective > preIndent) {
      penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
    } else if (postIndent != -1 && postIndent > effective) {
      penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
    } else {
      penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
    }
    score[0] += effective;
    score[1] += penalty;
  }

  /** The indentation width of line {@code i} (tabs to multiples of 8), or -1 when it is blank. */
  private static int indent(RawText text, int i) {
    ByteBuffer line = text.getRawString(i);
    int ret = 0;
    for (int p = line.position(); p < line.limit(); p++) {
      byte c = line.get(p);
      if (!isSpace(c)) return ret;
      if (c == ' ') ret += 1;
      else if (c == '\t') ret += 8 - ret % 8;
      // other whitespace counts for nothing
      if (ret >= MAX_INDENT) return MAX_INDENT;
    }
    return -1;
  }

  // git's isspace: space, \t, \n, \v, \f, \r
  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** Pairs unchanged lines in order and turns the runs between them into edits (xdiff's build_script). */
  private static EditList script(Side a, Side b) {
    EditList out = new EditList();
    int i = 0;
    int j = 0;
    while (i < a.n || j < b.n) {
      if ((i < a.n && a.changed(i)) || (j < b.n && b.changed(j))) {
        int si = i;
        int sj = j;
        while (i < a.n && a.changed(i)) i++;
        while (j < b.n && b.changed(j)) j++;
        out.add(new Edit(si, i, sj, j));
      } else {
        i++;
        j++;
      }
    }
    return out;
  }
}
