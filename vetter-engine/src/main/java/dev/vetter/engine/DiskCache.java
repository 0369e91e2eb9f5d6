package dev.vetter.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.check.Finding;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link FindingCache} in one file, loaded on first use and written back atomically by
 * {@link #flush()}. One file rather than one per entry: a review of 300 files with a dozen rules
 * makes thousands of small entries. A corrupt or unreadable cache is ignored, never fatal.
 */
public final class DiskCache implements FindingCache {
  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String FILE = "findings-v1.json";
  private static final int MAX_ENTRIES = 200_000;
  private static final int KEEP_DAYS = 14;

  private final Path file;
  private volatile Map<String, Entry> entries;
  private volatile boolean dirty;

  record Entry(Map<String, String> deps, List<Finding> findings, long lastUsedDay) {}

  public DiskCache(Path dir) {
    this.file = dir.resolve(FILE);
  }

  private Map<String, Entry> entries() {
    Map<String, Entry> e = entries;
    if (e == null) {
      synchronized (this) {
        if (entries == null) entries = load();
        e = entries;
      }
    }
    return e;
  }

  private Map<String, Entry> load() {
    if (!Files.isRegularFile(file)) return new ConcurrentHashMap<>();
    try {
      return new ConcurrentHashMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
    } catch (IOException | RuntimeException e) {
      return new ConcurrentHashMap<>(); // a damaged cache costs a recomputation, nothing more
    }
  }

  @Override
  public Optional<List<Finding>> get(String key, Function<String, String> currentId) {
    Entry e = entries().get(key);
    if (e == null) return Optional.empty();
    for (Map.Entry<String, String> dep : e.deps().entrySet()) {
      if (!dep.getValue().equals(currentId.apply(dep.getKey()))) return Optional.empty();
    }
    long today = LocalDate.now().toEpochDay();
    if (e.lastUsedDay() != today) {
      entries().put(key, new Entry(e.deps(), e.findings(), today));
      dirty = true;
    }
    return Optional.of(e.findings());
  }

  @Override
  public void put(String key, Map<String, String> dependencies, List<Finding> findings) {
    entries().put(key, new Entry(Map.copyOf(dependencies), List.copyOf(findings), LocalDate.now().toEpochDay()));
    dirty = true;
  }

  @Override
  public synchronized void flush() {
    if (!dirty || entries == null) return;
    long oldest = LocalDate.now().toEpochDay() - KEEP_DAYS;
    entries.values().removeIf(e -> e.lastUsedDay() < oldest);
    if (entries.size() > MAX_ENTRIES) entries.clear(); // rare; starting over is cheaper than ranking
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
      JSON.writeValue(tmp.toFile(), entries);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      dirty = false;
    } catch (IOException e) {
      // the cache is an optimisation: a read-only or full disk must not fail the review
    }
  }
}
