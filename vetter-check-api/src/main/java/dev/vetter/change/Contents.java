package dev.vetter.change;

import java.util.Optional;

/** Reads file contents of a change on demand. Implementations are thread-safe. */
public interface Contents {

  /** The content of {@code path} at head (or the index, or the working tree, per the change's kind). */
  Optional<FileContent> head(String path);

  /** The content of {@code path} at the change's base. */
  Optional<FileContent> base(String path);

  /** Identifies {@code path} at head without reading it: a blob id, or empty when absent. */
  Optional<String> headId(String path);

  /**
   * At most the first {@code maxBytes} bytes of {@code path} at head, for a look at how a file starts (a generator's
   * marker) without reading a large one whole. Implementations over large files override it to read only those bytes;
   * by default it reads the file and keeps its start.
   */
  default Optional<FileContent> headStart(String path, int maxBytes) {
    return head(path).map(c -> c.size() <= maxBytes ? c
        : new FileContent(path, c.blobId(), java.util.Arrays.copyOf(c.bytes(), maxBytes)));
  }

  /** Identifies {@code path} at base: a blob id, or empty when absent. */
  default Optional<String> baseId(String path) {
    return base(path).map(FileContent::blobId);
  }
}
