package dev.vetter.engine;

import dev.vetter.check.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cached check results. A key names the check, its version and options and the blobs it looked at;
 * an entry also remembers the other files the check read (path to blob id, "" when absent), and is
 * only valid while those are unchanged.
 */
public interface FindingCache {

  /** The findings stored under {@code key}, if every recorded dependency still has the same id. */
  Optional<List<Finding>> get(String key, Function<String, String> currentId);

  /** A cached result: the findings, and the files the check read to make them (path to blob id). */
  record Hit(List<Finding> findings, Map<String, String> dependencies) {}

  /** {@link #get}, with the recorded dependencies. */
  default Optional<Hit> lookup(String key, Function<String, String> currentId) {
    return get(key, currentId).map(f -> new Hit(f, Map.of()));
  }

  void put(String key, Map<String, String> dependencies, List<Finding> findings);

  /** Writes what changed to durable storage, if any. */
  default void flush() {}

  FindingCache NONE = new FindingCache() {
    @Override
    public Optional<List<Finding>> get(String key, Function<String, String> currentId) {
      return Optional.empty();
    }

    @Override
    public void put(String key, Map<String, String> dependencies, List<Finding> findings) {}
  };
}
