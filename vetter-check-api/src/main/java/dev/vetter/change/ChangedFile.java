package dev.vetter.change;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One file of a change.
 *
 * @param oldPath path at base, null for an added file
 * @param newPath path at head, null for a deleted file
 * @param similarity rename/copy similarity in percent, 0 otherwise
 * @param oldBlob base blob id (hex), null when absent
 * @param newBlob head blob id (hex), null when absent
 * @param binary true when either side is binary; binary files have no hunks
 * @param tooLarge true when a side exceeds the size limit; such files have no hunks
 * @param newSize size in bytes at head, -1 when absent or unknown
 */
public record ChangedFile(
    FileStatus status,
    String oldPath,
    String newPath,
    int similarity,
    FileMode oldMode,
    FileMode newMode,
    String oldBlob,
    String newBlob,
    boolean binary,
    boolean tooLarge,
    long newSize,
    List<Hunk> hunks) {

  public ChangedFile {
    Objects.requireNonNull(status, "status == null");
    if (oldPath == null && newPath == null) throw new IllegalArgumentException("a file needs a path");
    hunks = List.copyOf(hunks);
  }

  /** The path a reviewer knows the file by: head path, or base path for a deletion. */
  public String path() {
    return newPath != null ? newPath : oldPath;
  }

  public boolean isDeleted() {
    return status == FileStatus.DELETED;
  }

  public boolean isModeChange() {
    return oldMode != FileMode.MISSING && newMode != FileMode.MISSING && oldMode != newMode;
  }

  public boolean isSymlink() {
    return newMode == FileMode.SYMLINK;
  }

  public boolean isSubmodule() {
    return newMode == FileMode.SUBMODULE;
  }

  /** A regular text file that exists at head and is small enough for line rules. */
  public boolean isReviewableText() {
    return !isDeleted() && !binary && !tooLarge && !isSymlink() && !isSubmodule();
  }

  /** Added lines, in order, with their head line numbers. */
  public List<DiffLine> addedLines() {
    return hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == DiffLine.Kind.ADDED).toList();
  }

  /** Removed lines, in order, with their base line numbers. */
  public List<DiffLine> removedLines() {
    return hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.kind() == DiffLine.Kind.REMOVED).toList();
  }

  /** Head line numbers of added lines, as a bit set for fast lookup. */
  public BitSet addedLineNumbers() {
    BitSet set = new BitSet();
    for (Hunk h : hunks) {
      for (DiffLine l : h.lines()) {
        if (l.kind() == DiffLine.Kind.ADDED) set.set(l.newNumber());
      }
    }
    return set;
  }

  /** Whether head line {@code line} lies inside some hunk. */
  public boolean inHunk(int line) {
    for (Hunk h : hunks) {
      if (h.containsNewLine(line)) return true;
    }
    return false;
  }
}
