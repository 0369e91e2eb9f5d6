package dev.vetter.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.FileContent;
import dev.vetter.git.GitRepository;
import java.util.Optional;

/**
 * The files a review trusts (the policy, the baseline it names), read at one revision that is never the head under
 * review, so a change cannot weaken the policy that reviews it: a local repository's base, or a forge's base branch
 * read through its API.
 *
 * @param revision the revision as file names show it ({@code .vetter.yml@main})
 * @param where the revision in a sentence ({@code at main}, {@code on main})
 * @param files what reads a file there
 */
public record TrustedFiles(String revision, String where, Reader files) {

  /** Reads a file at the trusted revision; empty when it does not exist there. Failures are thrown as they are. */
  @FunctionalInterface
  public interface Reader {
    Optional<byte[]> read(String path);
  }

  public TrustedFiles {
    requireNonNull(revision, "revision == null");
    requireNonNull(where, "where == null");
    requireNonNull(files, "files == null");
  }

  /** {@code rev} of a local repository. */
  public static TrustedFiles at(GitRepository git, String rev) {
    return new TrustedFiles(rev, "at " + rev, path -> git.fileAt(rev, path).map(FileContent::bytes));
  }

  /** The base of a pull or merge request, read through a forge; {@code base} is a branch name or a short sha. */
  public static TrustedFiles on(String base, Reader files) {
    return new TrustedFiles(base, "on " + base, files);
  }

  /** The file at {@code path}, empty when it does not exist there. */
  public Optional<byte[]> read(String path) {
    return files.read(path);
  }
}
