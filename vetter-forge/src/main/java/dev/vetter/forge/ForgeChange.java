package dev.vetter.forge;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.git.ChangeBuilder;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Change} from what a forge's API returns about a pull or merge request: its file list, its commits, and
 * file bytes fetched on demand at a commit. Hunks come from the engine's own git-compatible diff
 * ({@link ChangeBuilder}), so a review through the API finds what {@code vetter review --base BASE --head HEAD} finds.
 */
public final class ForgeChange {
  private ForgeChange() {}

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
  public static Change of(String baseName, String headName, String mergeBase, String headCommit, List<ChangeBuilder.Entry> files,
      List<Commit> commits, Files fetch, long maxFileBytes) {
    return ChangeBuilder.range(baseName, headName, mergeBase, headCommit, files, commits,
        (side, path, hint) -> side == ChangeBuilder.Side.BASE ? fetch.read(mergeBase, path, null) : fetch.read(headCommit, path, hint),
        maxFileBytes);
  }
}
