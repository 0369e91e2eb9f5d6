package dev.vetter.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link FindingCache} in one file of JSON lines, one entry a line, later lines replacing earlier ones.
 * Loading reads only each line's key and day; an entry's findings are parsed when it is asked for, so a
 * review pays for the entries it uses, in its check threads. {@link #flush()} appends the entries that
 * changed (a re-review after touching one file writes one line, not the whole cache) and rewrites the
 * file atomically only when replaced lines pile up or old entries expire. One file rather than one per
 * entry: a review of 300 files with a dozen rules makes thousands of small entries. A corrupt or
 * unreadable cache, or a damaged line, is ignored, never fatal.
 */
public final class DiskCache implements FindingCache {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL); // most of a finding's optional fields are null
  static final String FILE = "findings-v2.jsonl";
  private static final String OLD_FILE = "findings-v1.json";
  private static final int MAX_ENTRIES = 200_000;
  private static final int KEEP_DAYS = 14;

  private final Path file;
  private volatile Map<String, Slot> slots;
  /** Lines in the file that a later line (or an expired entry) made useless; the file is rewritten when they outnumber the live ones. */
  private int deadLines;
  private final Map<String, Boolean> changed = new ConcurrentHashMap<>();

  /** One line of the file: the key first, so that loading reads it without parsing the rest. */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"k", "u", "d", "f"})
  record Line(String k, long u, Map<String, String> d, List<Finding> f) {}

  /** A line's bytes in the file as read: one array for the whole file, no copy per line. */
  private record Raw(byte[] bytes, int offset, int length) {}

  /** An entry: its line as stored and, once asked for or when new, the parsed line. */
  private static final class Slot {
    final long day;
    volatile Raw raw;
    volatile Line parsed;

    Slot(long day, Raw raw, Line parsed) {
      this.day = day;
      this.raw = raw;
      this.parsed = parsed;
    }

    /** The entry, parsed on first use; null when the line is damaged. */
    Line line() {
      Line l = parsed;
      if (l == null && raw != null) {
        try (JsonParser p = JSON.createParser(raw.bytes(), raw.offset(), raw.length())) {
          l = readLine(p);
          if (l.d() == null || l.f() == null) return null;
          parsed = l;
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
      return l;
    }
  }

  /**
   * A line read token by token rather than bound by Jackson's databind: a re-review reads tens of thousands of cached
   * findings in a JVM that has just started, where this loop is about twice as fast (0.25 s against 0.57 s for the
   * 74,000 findings of the Java benchmark's change). Written by databind ({@link #text}); DiskCacheTest holds the
   * two to every component of {@link Finding}.
   */
  private static Line readLine(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an entry");
    String key = null;
    long day = 0;
    Map<String, String> deps = null;
    List<Finding> findings = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "k" -> key = p.getText();
        case "u" -> day = p.getLongValue();
        case "d" -> {
          if (t != JsonToken.START_OBJECT) throw new IOException("d is not an object");
          deps = new HashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            p.nextToken();
            deps.put(path, p.getText());
          }
        }
        case "f" -> {
          if (t != JsonToken.START_ARRAY) throw new IOException("f is not an array");
          findings = new ArrayList<>();
          while (p.nextToken() == JsonToken.START_OBJECT) findings.add(readFinding(p));
        }
        default -> p.skipChildren();
      }
    }
    return new Line(key, day, deps, findings);
  }

  private static Finding readFinding(JsonParser p) throws IOException {
    String rule = null, path = null, message = null, suggestion = null, key = null, fingerprint = null;
    Mode mode = null;
    Severity severity = null;
    Category category = null;
    Finding.Scope scope = null;
    int line = 0, endLine = 0, column = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "rule" -> rule = p.getText();
        case "severity" -> severity = Severity.valueOf(p.getText());
        case "category" -> category = Category.valueOf(p.getText());
        case "scope" -> scope = Finding.Scope.valueOf(p.getText());
        case "path" -> path = p.getText();
        case "line" -> line = p.getIntValue();
        case "endLine" -> endLine = p.getIntValue();
        case "column" -> column = p.getIntValue();
        case "message" -> message = p.getText();
        case "suggestion" -> suggestion = p.getText();
        case "key" -> key = p.getText();
        case "fingerprint" -> fingerprint = p.getText();
        case "mode" -> mode = Mode.valueOf(p.getText());
        default -> p.skipChildren(); // written by a later version: that version's cache key differs anyway
      }
    }
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public DiskCache(Path dir) {
    this.file = dir.resolve(FILE);
  }

  /** Caches kept by {@link #shared}, the most recently used last. */
  private static final Map<Path, DiskCache> SHARED = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, DiskCache> eldest) {
      return size() > 8; // a daemon serving many repositories keeps the entries of the last few in memory
    }
  };

  /**
   * The cache in {@code dir}, shared by the reviews of this process: a long-lived process (the review daemon) keeps
   * the entries it parsed instead of reading and parsing the file again for each review. Shared only while the file
   * is as this process last read or wrote it; once another process has written it, a fresh cache reads it again.
   */
  public static DiskCache shared(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (SHARED) {
      DiskCache c = SHARED.get(key);
      if (c == null || !c.current()) {
        c = new DiskCache(key);
        SHARED.put(key, c);
      }
      return c;
    }
  }

  /** The file's identity, size and time when this cache last read or wrote it; null before, or when there was none. */
  private record Stamp(Object fileKey, long size, long millis) {}

  private volatile Stamp seen;

  private Stamp stamp() {
    try {
      var a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether nobody else wrote the file since this cache read it or wrote it (true before it read anything). */
  private synchronized boolean current() {
    return slots == null || Objects.equals(seen, stamp());
  }

  private Map<String, Slot> slots() {
    Map<String, Slot> s = slots;
    if (s == null) {
      synchronized (this) {
        if (slots == null) slots = load();
        s = slots;
      }
    }
    return s;
  }

  private Map<String, Slot> load() {
    Map<String, Slot> loaded = new ConcurrentHashMap<>();
    seen = stamp(); // before reading: a write that lands in between makes this cache outdated, never wrongly current
    if (!Files.isRegularFile(file)) return loaded;
    int lines = 0;
    try {
      byte[] all = Files.readAllBytes(file); // tens of megabytes at most: one read, then only the keys are decoded
      for (int start = 0; start < all.length; ) {
        int end = start;
        while (end < all.length && all[end] != '\n') end++;
        lines++;
        Head h = head(new Raw(all, start, end - start));
        if (h != null) loaded.put(h.key(), h.slot());
        start = end + 1;
      }
    } catch (IOException | RuntimeException e) {
      return new ConcurrentHashMap<>(); // a damaged cache costs a recomputation, nothing more
    }
    deadLines = lines - loaded.size();
    return loaded;
  }

  private record Head(String key, Slot slot) {}

  /** The key of {@code line} and a slot from its day alone, or null when its start is not a well-formed entry. */
  private static Head head(Raw line) {
    try (JsonParser p = JSON.createParser(line.bytes(), line.offset(), line.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !"k".equals(p.currentName())
          || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String key = p.getText();
      if (p.nextToken() != JsonToken.FIELD_NAME || !"u".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_NUMBER_INT) return null;
      return new Head(key, new Slot(p.getLongValue(), line, null));
    } catch (IOException | RuntimeException e) {
      return null; // e.g. the last line of a write that was cut short
    }
  }

  @Override
  public Optional<List<Finding>> get(String key, Function<String, String> currentId) {
    return lookup(key, currentId).map(Hit::findings);
  }

  @Override
  public Optional<Hit> lookup(String key, Function<String, String> currentId) {
    Slot s = slots().get(key);
    if (s == null) return Optional.empty();
    Line e = s.line();
    if (e == null) return Optional.empty();
    for (Map.Entry<String, String> dep : e.d().entrySet()) {
      if (!dep.getValue().equals(currentId.apply(dep.getKey()))) return Optional.empty();
    }
    long today = LocalDate.now().toEpochDay();
    if (s.day != today) {
      slots().put(key, new Slot(today, null, new Line(key, today, e.d(), e.f())));
      changed.put(key, Boolean.TRUE);
    }
    return Optional.of(new Hit(e.f(), e.d()));
  }

  @Override
  public void put(String key, Map<String, String> dependencies, List<Finding> findings) {
    long today = LocalDate.now().toEpochDay();
    slots().put(key, new Slot(today, null, new Line(key, today, Map.copyOf(dependencies), List.copyOf(findings))));
    changed.put(key, Boolean.TRUE);
  }

  @Override
  public synchronized void flush() {
    if (changed.isEmpty() || slots == null) return;
    long oldest = LocalDate.now().toEpochDay() - KEEP_DAYS;
    int before = slots.size();
    slots.values().removeIf(s -> s.day < oldest);
    int expired = before - slots.size();
    if (slots.size() > MAX_ENTRIES) slots.clear(); // rare; starting over is cheaper than ranking
    List<String> keys = new ArrayList<>(changed.keySet());
    int replaced = 0;
    for (String k : keys) if (slots.containsKey(k)) replaced++;
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file.getParent().resolve(OLD_FILE)); // the previous format's whole-cache file
      // appending leaves a dead line for each entry it replaces; rewrite once they pass half the live ones, so the
      // file stays under one and a half times its live size (a day's first review re-dates every entry it uses)
      int dead = deadLines + expired + replaced;
      if (!Files.isRegularFile(file) || slots.isEmpty() || dead > slots.size() / 2) {
        rewrite();
        deadLines = 0;
      } else {
        StringBuilder out = new StringBuilder();
        for (String k : keys) {
          Slot s = slots.get(k);
          String t = s == null ? null : text(s);
          if (t != null) out.append(t).append('\n');
        }
        // in one write call, so that a review appending at the same time does not split a line (a damaged line is skipped anyway)
        Files.writeString(file, out, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        deadLines = dead;
      }
      keys.forEach(changed::remove);
      seen = stamp();
    } catch (IOException e) {
      // the cache is an optimisation: a read-only or full disk must not fail the review
    }
  }

  private void rewrite() throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
    try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      for (Slot s : slots.values()) {
        Raw raw = s.raw;
        Line l = s.parsed;
        if (raw != null) {
          w.write(raw.bytes(), raw.offset(), raw.length());
        } else if (l != null) {
          w.write(JSON.writeValueAsBytes(l));
        } else {
          continue;
        }
        w.write('\n');
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The line of a changed entry, which is always parsed or new. */
  private static String text(Slot s) throws IOException {
    Line l = s.parsed;
    return l == null ? null : JSON.writeValueAsString(l);
  }
}
