package dev.vetter.checks.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Advisories in the OSV format (https://ossf.github.io/osv-schema/) from a directory of JSON files, as
 * the per-ecosystem {@code all.zip} archives of osv.dev unpack (sub-directories are read too). Only the
 * packages asked for are kept: a file is parsed only if its text mentions one of their names, so a
 * large database costs a read of each file, not a parse. Withdrawn records and files that are not
 * valid OSV are skipped.
 */
final class OsvDatabase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_FILE_BYTES = 8L << 20;

  /** One advisory for one package: the parts of an OSV record that matter for a version match. */
  record Advisory(String id, List<String> aliases, String summary, List<Range> ranges, List<String> versions) {}

  /** An OSV range: its type (SEMVER, ECOSYSTEM, GIT) and events in order. */
  record Range(String type, List<Event> events) {}

  /** {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}, with its version. */
  record Event(String kind, String version) {}

  /** A package asked for. */
  record Package(Ecosystem ecosystem, String name) {
    String key() {
      return ecosystem + "\0" + ecosystem.normalize(name);
    }
  }

  private final Map<String, List<Advisory>> byPackage;

  private OsvDatabase(Map<String, List<Advisory>> byPackage) {
    this.byPackage = byPackage;
  }

  /** Loads the advisories for {@code packages} from {@code dir}; throws {@link IOException} when the directory cannot be read. */
  static OsvDatabase load(Path dir, Set<Package> packages) throws IOException, InterruptedException {
    Map<String, Package> wanted = new HashMap<>();
    for (Package p : packages) wanted.put(p.key(), p);
    List<String> tokens = packages.stream().map(p -> token(p.name())).distinct().toList();
    Map<String, List<Advisory>> found = new HashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path file : files) {
      if (Thread.interrupted()) throw new InterruptedException("stopped while reading the OSV database");
      if (Files.size(file) > MAX_FILE_BYTES) continue;
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.UTF_8);
      String lower = text.toLowerCase(Locale.ROOT);
      if (tokens.stream().noneMatch(lower::contains)) continue;
      JsonNode record;
      try {
        record = JSON.readTree(text);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException) throw e;
        continue; // not JSON: not an OSV record
      }
      if (record == null || !record.isObject() || !record.path("id").isTextual() || record.hasNonNull("withdrawn")) continue;
      for (JsonNode affected : record.path("affected")) {
        Ecosystem eco = Ecosystem.ofOsv(affected.path("package").path("ecosystem").asText(""));
        String name = affected.path("package").path("name").asText("");
        if (eco == null || name.isEmpty()) continue;
        String key = new Package(eco, name).key();
        if (!wanted.containsKey(key)) continue;
        found.computeIfAbsent(key, k -> new ArrayList<>()).add(advisory(record, affected));
      }
    }
    found.values().forEach(l -> l.sort(Comparator.comparing(Advisory::id)));
    return new OsvDatabase(found);
  }

  // the longest run of letters and digits of a name: cheap to look for, and unaffected by JSON escaping
  private static String token(String name) {
    String best = "";
    for (String part : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (part.length() > best.length()) best = part;
    }
    return best.isEmpty() ? name.toLowerCase(Locale.ROOT) : best;
  }

  private static Advisory advisory(JsonNode record, JsonNode affected) {
    List<String> aliases = new ArrayList<>();
    for (JsonNode a : record.path("aliases")) {
      if (a.isTextual()) aliases.add(a.asText());
    }
    String summary = record.path("summary").asText("");
    if (summary.isBlank()) summary = record.path("details").asText("").lines().findFirst().orElse("");
    List<Range> ranges = new ArrayList<>();
    for (JsonNode r : affected.path("ranges")) {
      List<Event> events = new ArrayList<>();
      for (JsonNode e : r.path("events")) {
        for (String kind : List.of("introduced", "fixed", "last_affected", "limit")) {
          if (e.path(kind).isTextual()) events.add(new Event(kind, e.path(kind).asText()));
        }
      }
      ranges.add(new Range(r.path("type").asText(""), events));
    }
    List<String> versions = new ArrayList<>();
    for (JsonNode v : affected.path("versions")) {
      if (v.isTextual()) versions.add(v.asText());
    }
    return new Advisory(record.path("id").asText(), aliases, summary, ranges, versions);
  }

  /** A match: the advisory and the first fixed version above the matched one, or null when none is known. */
  record Match(Advisory advisory, String fixed) {}

  /** The advisories that affect {@code version} of the package. */
  List<Match> affecting(Ecosystem ecosystem, String name, String version) {
    List<Match> out = new ArrayList<>();
    for (Advisory a : byPackage.getOrDefault(new Package(ecosystem, name).key(), List.of())) {
      boolean hit = a.versions().stream().anyMatch(v -> same(ecosystem, v, version));
      String fixed = null;
      for (Range r : a.ranges()) {
        if (!r.type().equals("SEMVER") && !r.type().equals("ECOSYSTEM")) continue; // GIT ranges name commits
        Ecosystem order = r.type().equals("SEMVER") ? Ecosystem.NPM : ecosystem; // NPM stands for plain semver order
        if (inRange(order, r, version)) {
          hit = true;
          String f = firstFixedAbove(order, r, version);
          if (f != null && (fixed == null || Versions.compare(order, f, fixed) < 0)) fixed = f;
        }
      }
      if (hit) out.add(new Match(a, fixed));
    }
    return out;
  }

  private static boolean same(Ecosystem ecosystem, String a, String b) {
    return a.equals(b) || Versions.compare(ecosystem, a, b) == 0;
  }

  /** OSV's evaluation: events sorted by version, {@code introduced: 0} first; {@code limit} caps the range. */
  static boolean inRange(Ecosystem order, Range range, String version) {
    for (Event e : range.events()) {
      if (e.kind().equals("limit") && !e.version().equals("*") && Versions.compare(order, version, e.version()) >= 0) return false;
    }
    List<Event> events = new ArrayList<>(range.events());
    events.removeIf(e -> e.kind().equals("limit"));
    events.sort((x, y) -> {
      boolean x0 = x.kind().equals("introduced") && x.version().equals("0");
      boolean y0 = y.kind().equals("introduced") && y.version().equals("0");
      if (x0 || y0) return Boolean.compare(y0, x0);
      return Versions.compare(order, x.version(), y.version());
    });
    boolean affected = false;
    for (Event e : events) {
      switch (e.kind()) {
        case "introduced" -> {
          if (e.version().equals("0") || Versions.compare(order, version, e.version()) >= 0) affected = true;
        }
        case "fixed" -> {
          if (Versions.compare(order, version, e.version()) >= 0) affected = false;
        }
        case "last_affected" -> {
          if (Versions.compare(order, version, e.version()) > 0) affected = false;
        }
        default -> { }
      }
    }
    return affected;
  }

  private static String firstFixedAbove(Ecosystem order, Range range, String version) {
    String best = null;
    for (Event e : range.events()) {
      if (!e.kind().equals("fixed") || Versions.compare(order, e.version(), version) <= 0) continue;
      if (best == null || Versions.compare(order, e.version(), best) < 0) best = e.version();
    }
    return best;
  }
}
