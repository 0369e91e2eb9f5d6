package dev.vetter.change;

import java.util.List;

/**
 * What a review looks at: the files changed between a base and a head, and the commits in between.
 *
 * @param kind how base and head were chosen
 * @param base a human-readable name of the base ({@code origin/main}, {@code HEAD})
 * @param head a human-readable name of the head ({@code HEAD}, {@code index}, {@code working tree})
 * @param baseCommit the commit files are compared against: for a range, the merge-base (GitHub's
 *     three-dot diff)
 * @param headCommit the head commit, null for the index and the working tree
 */
public record Change(
    Kind kind,
    String base,
    String head,
    String baseCommit,
    String headCommit,
    List<ChangedFile> files,
    List<Commit> commits,
    Contents contents) {

  /** How base and head were chosen; {@code HISTORY} is a scan of many commits ({@code vetter scan --history}), whose files are not listed. */
  public enum Kind { RANGE, STAGED, WORKTREE, PATCH, HISTORY }

  public Change {
    files = List.copyOf(files);
    commits = List.copyOf(commits);
  }
}
