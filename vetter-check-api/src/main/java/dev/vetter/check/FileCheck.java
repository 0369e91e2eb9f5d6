package dev.vetter.check;

import dev.vetter.change.ChangedFile;
import java.util.List;

/**
 * A check that looks at one changed file at a time. Its results are cached by the file's base and
 * head blob ids, the check's version and options, and any other file it reads through the context.
 *
 * <p>Report problems anywhere in the file: the engine keeps only those the policy's diff filter
 * lets through, so checks never need to know about the diff.
 *
 * @param <O> the check's options record ({@link NoOptions} when it has none)
 */
public non-sealed interface FileCheck<O extends Record> extends Check {

  /** Findings for this file; an empty list when there is nothing to say. */
  List<Finding> check(FileContext<O> file);

  /**
   * Whether the check wants this file at all. By default only text files that still exist at head:
   * no deletions, binaries, symlinks, submodules or files over the size limit.
   */
  default boolean accepts(ChangedFile file) {
    return file.isReviewableText();
  }
}
