package dev.vetter.check;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import java.util.Optional;

/** What a {@link FileCheck} may read about one changed file. Read-only. */
public interface FileContext<O extends Record> {

  ChangedFile file();

  /** The file's path at head. */
  default String path() {
    return file().path();
  }

  /** The file's content at head (loaded on first use). */
  FileContent head();

  /** The file's content at base, empty for an added file. Reading it is recorded for caching. */
  Optional<FileContent> base();

  /**
   * At most the first {@code maxBytes} bytes of the file at head: how it starts (a generator's marker), read without
   * loading a file too large for {@link #head} whole ({@link dev.vetter.change.ChangedFile#tooLarge}).
   */
  default Optional<FileContent> headStart(int maxBytes) {
    FileContent h = head();
    return Optional.of(h.size() <= maxBytes ? h : new FileContent(h.path(), h.blobId(), java.util.Arrays.copyOf(h.bytes(), maxBytes)));
  }

  /** The check's options, as configured for this file's path. */
  O options();

  /**
   * Another file of the repository at head, e.g. a configuration file the check obeys; empty when it
   * does not exist. The engine records the read so that a cached result is invalidated when it changes.
   */
  Optional<FileContent> readHead(String path);

  /**
   * Another file of the repository at the base of the change, empty when it does not exist there:
   * configuration that decides how the change is checked must come from here, so that a change
   * cannot alter how it is checked. The engine records the read, as for {@link #readHead}.
   */
  default Optional<FileContent> readBase(String path) {
    return Optional.empty();
  }

  /**
   * A configuration file that decides how this file is checked (a Checkstyle configuration, a PMD ruleset, a
   * suppressions file), read at the base of the change like {@link #readBase}. The engine notes it as
   * configuration: when the change edits it, the review says that the base's version governed this review
   * ({@code vetter/config-changed}). Files read for comparison (a manifest at base) use {@link #readBase}.
   */
  default Optional<FileContent> readConfig(String path) {
    return readBase(path);
  }

  /** A finding on one line of this file (1-based). */
  default Finding finding(int line, String message) {
    return Finding.onLine(path(), line, message);
  }

  /** A finding about the file as a whole (never dropped by line filtering). */
  default Finding fileFinding(String message) {
    return Finding.onFile(path(), message);
  }
}
