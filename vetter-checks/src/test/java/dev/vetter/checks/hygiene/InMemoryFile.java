package dev.vetter.checks.hygiene;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.check.FileContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FileContext} over one added file and some other files at head, for tests that look at what
 * the fixture format does not show (suggestions) or at many inputs quickly. Rules are also run through
 * the real engine by their fixtures.
 */
record InMemoryFile<O extends Record>(ChangedFile file, FileContent head, O options, Map<String, String> others, List<String> reads)
    implements FileContext<O> {

  static <O extends Record> InMemoryFile<O> of(String path, String text, O options) {
    return of(path, text, options, Map.of());
  }

  /** {@code others}: the other files at head, by path; {@link #reads} records what the check asked for. */
  static <O extends Record> InMemoryFile<O> of(String path, String text, O options, Map<String, String> others) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ChangedFile f = new ChangedFile(FileStatus.ADDED, null, path, 0, FileMode.MISSING, FileMode.REGULAR, null, "0".repeat(40),
        false, false, bytes.length, List.of());
    return new InMemoryFile<>(f, new FileContent(path, null, bytes), options, others, new ArrayList<>());
  }

  @Override
  public Optional<FileContent> base() {
    return Optional.empty();
  }

  @Override
  public Optional<FileContent> readHead(String path) {
    reads.add(path);
    String text = others.get(path);
    return text == null ? Optional.empty() : Optional.of(FileContent.ofText(path, text));
  }
}
