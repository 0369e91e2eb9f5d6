package dev.vetter.java;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ready-to-run analyzer configurations by key (name and content hash), shared by every review: a
 * configuration is parsed and built once, not once per file. A few are kept, least recently used first out.
 */
final class RunnerCache<R> {
  private static final int MAX = 8;
  private final Map<String, R> runners = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, R> eldest) {
      return size() > MAX;
    }
  };

  synchronized R get(String key, Supplier<R> build) {
    R r = runners.get(key);
    if (r == null) {
      r = build.get(); // under the lock: threads needing the same configuration wait for one build
      runners.put(key, r);
    }
    return r;
  }
}
