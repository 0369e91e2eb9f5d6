package dev.vetter.check;

import dev.vetter.change.ChangedFile;
import java.util.ArrayList;
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
   * How many files the engine may give {@link #checkAll} at once. The default, 1, means one at a time.
   * Say more when each run has a set-up cost that several files can share (PMD builds its XPath queries
   * for every run). The engine still caches, times out and reports failures per file.
   */
  default int batchSize() {
    return 1;
  }

  /**
   * Findings for each of {@code files}, in their order: the same as {@link #check} on each, done together.
   * The engine calls it only with files of one review and the same options. When it throws, the engine
   * checks the files one by one, so that a file that breaks the tool costs only its own findings.
   */
  default List<List<Finding>> checkAll(List<FileContext<O>> files) {
    List<List<Finding>> result = new ArrayList<>(files.size());
    for (FileContext<O> f : files) result.add(check(f));
    return result;
  }

  /**
   * Whether the check wants this file at all. By default only text files that still exist at head:
   * no deletions, binaries, symlinks, submodules or files over the size limit.
   */
  default boolean accepts(ChangedFile file) {
    return file.isReviewableText();
  }
}
