package dev.vetter.forge;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.change.FileStatus;
import dev.vetter.git.ChangeBuilder;
import dev.vetter.git.SafePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Change} from what a forge's API returns about a pull or merge request: its file list, its commits, and
 * file bytes fetched on demand at a commit. Hunks come from the engine's own git-compatible diff
 * ({@link ChangeBuilder}), so a review through the API finds what {@code vetter review --base BASE --head HEAD} finds.
 *
 * <p>A path the forge lists that is not a plain repository path ({@link SafePath}: a {@code ..} or {@code .}
 * segment, an absolute path, a NUL byte, a backslash; git refuses to check such a tree out, but a forge's API lists
 * it) is never read or handed to a check: the file is left out of the change and named in {@link #notReviewed} with
 * the reason, for the summary. A file renamed from such a path is reviewed as a new file.
 *
 * @param change the change to review
 * @param notReviewed the files left out or read only in part, one line each, for the summary's "Not reviewed"
 * @param listed how many files the forge listed (some may be left out of {@code change})
 */
public record ForgeChange(Change change, List<String> notReviewed, int listed) {
  public ForgeChange {
    notReviewed = List.copyOf(notReviewed);
  }

  /** Fetches a file's bytes from the forge; thread-safe. Empty when the file does not exist at that commit. */
  @FunctionalInterface
  public interface Files {
    /** @param blobHint the blob id when the forge listed one for this file (fetch by id), else null */
    Optional<byte[]> read(String commit, String path, String blobHint);
  }

  /**
   * @param baseName, headName branch names, for reports
   * @param mergeBase the merge-base of base and head: what the forge's diff compares the head with
   * @param maxFileBytes the policy's {@code limits.max-file-bytes}: larger files get no hunks
   */
  public static ForgeChange of(String baseName, String headName, String mergeBase, String headCommit, List<ChangeBuilder.Entry> files,
      List<Commit> commits, Files fetch, long maxFileBytes) {
    List<ChangeBuilder.Entry> kept = new ArrayList<>(files.size());
    List<String> notReviewed = new ArrayList<>();
    for (ChangeBuilder.Entry e : files) {
      String newProblem = e.newPath() == null ? null : problem(e.newPath());
      String oldProblem = e.oldPath() == null || e.oldPath().equals(e.newPath()) ? null : problem(e.oldPath());
      if (newProblem != null || (e.newPath() == null && oldProblem != null)) {
        String path = e.newPath() != null ? e.newPath() : e.oldPath();
        notReviewed.add(shown(path) + ": not read, the path is outside the repository (it " + (newProblem != null ? newProblem : oldProblem) + ")");
      } else if (oldProblem != null) {
        notReviewed.add(shown(e.newPath()) + ": reviewed as a new file, its old path " + shown(e.oldPath()) + " is outside the repository (it "
            + oldProblem + ")");
        kept.add(new ChangeBuilder.Entry(FileStatus.ADDED, null, e.newPath(), e.newBlob()));
      } else {
        kept.add(e);
      }
    }
    Change change = ChangeBuilder.range(baseName, headName, mergeBase, headCommit, kept, commits,
        (side, path, hint) -> side == ChangeBuilder.Side.BASE ? fetch.read(mergeBase, path, null) : fetch.read(headCommit, path, hint),
        maxFileBytes);
    return new ForgeChange(change, notReviewed, files.size());
  }

  /** Why {@code path} is not a plain repository path, or null when it is one. */
  static String problem(String path) {
    if (SafePath.isSafe(path)) return null;
    if (path.indexOf('\0') >= 0) return "holds a NUL byte";
    if (path.startsWith("/") || (path.length() > 1 && path.charAt(1) == ':')) return "is absolute";
    for (String part : path.split("/", -1)) if (part.equals("..")) return "has a .. segment";
    if (path.indexOf('\\') >= 0) return "holds a backslash";
    return "has an empty or . segment";
  }

  /** {@code path} for people to read: control characters as {@code \xNN}, at most 200 characters. */
  static String shown(String path) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < path.length() && sb.length() < 200; i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
      else sb.append(c);
    }
    return i < path.length() ? sb + "…" : sb.toString();
  }
}
