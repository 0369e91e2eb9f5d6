package dev.vetter.check;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import java.util.List;
import java.util.Optional;

/** What a {@link ChangeCheck} may read about the whole change. Read-only. */
public interface ChangeContext<O extends Record> {

  Change change();

  O options();

  /** A file at head, empty when it does not exist there. */
  Optional<FileContent> readHead(String path);

  /** A file at the base of the change (the merge-base), empty when it does not exist there. */
  Optional<FileContent> readBase(String path);

  /**
   * Files from outside the repository's history, e.g. coverage reports written by CI. When the caller
   * handed the review inputs of {@code kind} ({@code vetter review --coverage FILE}), those, in the
   * order given; otherwise the files of the checkout that match {@code globs} (paths relative to the
   * repository root, {@code *} and {@code **} allowed), sorted by path — only when the review runs on
   * a checkout. Empty when there are none. The engine keys cached results by what this returns.
   */
  default List<Input> inputs(String kind, List<String> globs) {
    return List.of();
  }

  /** A finding about the change as a whole, such as a commit message. */
  default Finding changeFinding(String message) {
    return Finding.onChange(message);
  }
}
