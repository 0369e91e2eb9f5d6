package dev.vetter.check;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import java.util.Optional;

/** What a {@link ChangeCheck} may read about the whole change. Read-only. */
public interface ChangeContext<O extends Record> {

  Change change();

  O options();

  /** A file at head, empty when it does not exist there. */
  Optional<FileContent> readHead(String path);

  /** A file at the base of the change (the merge-base), empty when it does not exist there. */
  Optional<FileContent> readBase(String path);

  /** A finding about the change as a whole, such as a commit message. */
  default Finding changeFinding(String message) {
    return Finding.onChange(message);
  }
}
