package dev.vetter.ai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model answers by cache key ({@link Summarizer#cacheKey}): a re-push with the same diff, findings, model and
 * prompt version costs no call. Only answers that passed the schema are stored; grounding and scrubbing run again
 * on every read, so a cached answer is held to the same rules as a fresh one. Implementations are thread-safe.
 */
public interface SummaryCache {
  Optional<String> get(String key);

  void put(String key, String answer);

  /** Nothing cached. */
  SummaryCache NONE = new SummaryCache() {
    @Override
    public Optional<String> get(String key) {
      return Optional.empty();
    }

    @Override
    public void put(String key, String answer) {
      // nothing kept: every summary asks the model
    }
  };

  /** A cache in memory, for one process. */
  static SummaryCache inMemory() {
    Map<String, String> map = new ConcurrentHashMap<>();
    return new SummaryCache() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
      }

      @Override
      public void put(String key, String answer) {
        map.put(key, answer);
      }
    };
  }

  /** A cache of one file per answer in {@code dir} (e.g. {@code .git/vetter/cache/ai}); an unreadable entry is a miss. */
  static SummaryCache inDirectory(Path dir) {
    return new SummaryCache() {
      @Override
      public Optional<String> get(String key) {
        try {
          return Optional.of(Files.readString(dir.resolve(key + ".json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
          return Optional.empty();
        }
      }

      @Override
      public void put(String key, String answer) {
        try {
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, key, ".tmp");
          Files.writeString(tmp, answer, StandardCharsets.UTF_8);
          Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // a cache that cannot be written costs a call next time, nothing more
        }
      }
    };
  }
}
