package dev.vetter.eval;

import dev.vetter.check.Finding;
import dev.vetter.engine.FindingCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Check results kept in memory for the reviews of one replay, with the same rule as the disk cache: an entry is valid
 * while every file the check read has the blob id it had. Nothing is written: a replay is a measurement, and the
 * repository it measures (often someone else's mirror) is left as it was.
 */
final class MemoryCache implements FindingCache {
  private record Entry(Map<String, String> dependencies, List<Finding> findings) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<List<Finding>> get(String key, Function<String, String> currentId) {
    return lookup(key, currentId).map(Hit::findings);
  }

  @Override
  public Optional<Hit> lookup(String key, Function<String, String> currentId) {
    Entry e = entries.get(key);
    if (e == null) return Optional.empty();
    for (Map.Entry<String, String> dep : e.dependencies().entrySet()) {
      if (!dep.getValue().equals(currentId.apply(dep.getKey()))) return Optional.empty();
    }
    return Optional.of(new Hit(e.findings(), e.dependencies()));
  }

  @Override
  public void put(String key, Map<String, String> dependencies, List<Finding> findings) {
    entries.put(key, new Entry(Map.copyOf(dependencies), List.copyOf(findings)));
  }
}
