package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
  @TempDir Path dir;

  private static final Function<String, String> SAME = path -> "blob-" + path;

  private static List<Finding> findings(int i) {
    return List.of(Finding.onLine("src/F" + i + ".java", i + 1, "message " + i).withRule("java/pmd/Rule" + i).withSeverity(Severity.WARNING),
        Finding.onFile("src/F" + i + ".java", "whole file\nsecond line"));
  }

  private DiskCache filled(int n) {
    DiskCache cache = new DiskCache(dir);
    for (int i = 0; i < n; i++) cache.put("key" + i, Map.of("pom.xml", SAME.apply("pom.xml")), findings(i));
    cache.flush();
    return cache;
  }

  private List<String> lines() throws Exception {
    return Files.readAllLines(dir.resolve(DiskCache.FILE), StandardCharsets.UTF_8);
  }

  /** A finding with every component of the record set to something other than its default, however many it has. */
  static Finding everyComponentSet() throws ReflectiveOperationException {
    var components = Finding.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> t = components[i].getType();
      types[i] = t;
      if (t == String.class) values[i] = components[i].getName() + " \"value\" \u00e9\n";
      else if (t == int.class) values[i] = 7 + i;
      else if (t.isEnum()) values[i] = t.getEnumConstants()[0];
      else throw new AssertionError("DiskCacheTest does not know how to fill a " + t + "; DiskCache.readFinding must read it too");
    }
    return Finding.class.getDeclaredConstructor(types).newInstance(values);
  }

  @Test
  void everyComponentOfAFindingSurvivesTheCache() throws Exception {
    Finding full = everyComponentSet();
    DiskCache cache = new DiskCache(dir);
    cache.put("full", Map.of("a/b.txt", "blob"), List.of(full, findings(1).get(1)));
    cache.flush();
    assertThat(new DiskCache(dir).get("full", path -> "blob")).contains(List.of(full, findings(1).get(1)));
  }

  @Test
  void theSharedCacheIsKeptWhileOnlyThisProcessWritesTheFile() {
    DiskCache first = DiskCache.shared(dir);
    first.put("key0", Map.of(), findings(0));
    first.flush();
    assertThat(DiskCache.shared(dir)).as("the file is as it wrote it").isSameAs(first);
    assertThat(DiskCache.shared(dir.resolve("x").resolve(".."))).as("the same folder, however named").isSameAs(first);

    DiskCache otherProcess = new DiskCache(dir); // e.g. a review run with --no-daemon, or the server
    assertThat(otherProcess.get("key0", SAME)).contains(findings(0));
    otherProcess.put("key1", Map.of(), findings(1));
    otherProcess.flush();

    DiskCache next = DiskCache.shared(dir);
    assertThat(next).as("the file changed under it").isNotSameAs(first);
    assertThat(next.get("key1", SAME)).contains(findings(1));
    assertThat(next.get("key0", SAME)).contains(findings(0));
    assertThat(DiskCache.shared(dir)).isSameAs(next);
  }

  @Test
  void aNewCacheObjectReadsWhatWasFlushed() {
    filled(3);
    DiskCache again = new DiskCache(dir);
    for (int i = 0; i < 3; i++) assertThat(again.get("key" + i, SAME)).contains(findings(i));
    assertThat(again.get("key9", SAME)).isEmpty();
    assertThat(again.get("key1", path -> "changed")).as("a dependency changed").isEmpty();
  }

  @Test
  void oneChangedEntryIsAppendedNotTheWholeCacheRewritten() throws Exception {
    filled(5);
    byte[] before = Files.readAllBytes(dir.resolve(DiskCache.FILE));
    DiskCache again = new DiskCache(dir);
    for (int i = 0; i < 5; i++) assertThat(again.get("key" + i, SAME)).isPresent();
    again.put("key2", Map.of(), findings(7)); // the one file a re-review recomputed
    again.flush();

    byte[] after = Files.readAllBytes(dir.resolve(DiskCache.FILE));
    assertThat(new String(after, 0, before.length, StandardCharsets.UTF_8)).isEqualTo(new String(before, StandardCharsets.UTF_8));
    assertThat(lines()).hasSize(6);
    assertThat(new DiskCache(dir).get("key2", SAME)).as("the later line wins").contains(findings(7));
    assertThat(new DiskCache(dir).get("key3", SAME)).contains(findings(3));
  }

  @Test
  void theFileIsRewrittenWhenReplacedLinesPileUp() throws Exception {
    filled(2);
    for (int round = 0; round < 4; round++) {
      DiskCache c = new DiskCache(dir);
      c.put("key0", Map.of(), findings(10 + round));
      c.flush();
    }
    // two live entries: the file is rewritten once more than one line is dead
    assertThat(lines().size()).isLessThanOrEqualTo(3);
    DiskCache last = new DiskCache(dir);
    assertThat(last.get("key0", SAME)).contains(findings(13));
    assertThat(last.get("key1", SAME)).contains(findings(1));
  }

  @Test
  void aDamagedLineCostsOnlyItsOwnEntry() throws Exception {
    filled(3);
    List<String> lines = new java.util.ArrayList<>();
    for (String line : lines()) lines.add(line.startsWith("{\"k\":\"key1\"") ? line.substring(0, line.length() / 2) : line); // a write cut short
    lines.add("{\"k\":\"cut");
    Files.write(dir.resolve(DiskCache.FILE), lines, StandardCharsets.UTF_8);
    DiskCache again = new DiskCache(dir);
    assertThat(again.get("key0", SAME)).contains(findings(0));
    assertThat(again.get("key1", SAME)).isEqualTo(Optional.empty());
    assertThat(again.get("key2", SAME)).contains(findings(2));
  }

  @Test
  void nothingIsWrittenWhenNothingChanged() throws Exception {
    filled(2);
    Path file = dir.resolve(DiskCache.FILE);
    Files.writeString(file, Files.readString(file) + "\n"); // a marker a rewrite would drop
    DiskCache again = new DiskCache(dir);
    assertThat(again.get("key0", SAME)).isPresent();
    again.flush();
    assertThat(Files.readString(file)).endsWith("\n\n");
  }
}
