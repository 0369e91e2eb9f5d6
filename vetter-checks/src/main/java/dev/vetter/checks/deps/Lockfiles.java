package dev.vetter.checks.deps;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vetter.checks.deps.Manifest.ParseException;
import java.io.IOException;
import java.util.List;

/**
 * Reads the exact versions a lockfile pins, with the line of each entry, for {@code deps/vulnerable}.
 * JSON and TOML lockfiles must parse; the line-based ones (yarn, pnpm, Gemfile.lock, gradle.lockfile)
 * skip lines they do not understand.
 */
final class Lockfiles {
  private Lockfiles() {}

  static final String SECTION = "lock";
  private static final String ROLE = "locked package";
  private static final TomlMapper TOML = new TomlMapper();

  static Manifest parse(ManifestKind kind, String text) throws ParseException {
    Manifest.Builder out = new Manifest.Builder(kind);
    switch (kind) {
      case PACKAGE_LOCK -> packageLock(text, out);
      case YARN_LOCK -> yarn(text, out);
      case PNPM_LOCK -> pnpm(text, out);
      case CARGO_LOCK -> tomlPackages(text, Ecosystem.CRATES_IO, out);
      case POETRY_LOCK, UV_LOCK -> tomlPackages(text, Ecosystem.PYPI, out);
      case GEMFILE_LOCK -> gemfileLock(text, out);
      case GRADLE_LOCKFILE -> gradleLockfile(text, out);
      default -> throw new IllegalArgumentException(kind + " is not a lockfile");
    }
    return out.build();
  }

  private static void add(Manifest.Builder out, Ecosystem ecosystem, String name, String version, int line) {
    if (name.isEmpty() || version.isEmpty()) return;
    out.add(new Dependency(ecosystem, SECTION, ROLE, name, version, version, Dependency.Source.REGISTRY, line, line, 0));
  }

  /** package-lock.json and npm-shrinkwrap.json: {@code packages} (v2, v3) or nested {@code dependencies} (v1). */
  private static void packageLock(String text, Manifest.Builder out) throws ParseException {
    try (JsonParser p = PackageJsonParser.JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new ParseException("a package lock must hold a JSON object");
      boolean sawPackages = false;
      Manifest.Builder v1 = new Manifest.Builder(ManifestKind.PACKAGE_LOCK);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("packages") && value == JsonToken.START_OBJECT) {
          sawPackages = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            p.nextToken();
            Entry e = entry(p);
            int nm = path.lastIndexOf("node_modules/");
            if (nm < 0 || e.link || e.version == null) continue; // the root project, a workspace folder or a link
            add(out, Ecosystem.NPM, e.name != null ? e.name : path.substring(nm + "node_modules/".length()), e.version, line);
          }
        } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT) {
          v1Dependencies(p, v1);
        } else {
          p.skipChildren();
        }
      }
      if (!sawPackages) out.dependencies.addAll(v1.dependencies);
    } catch (JsonParseException e) {
      throw new ParseException(jsonProblem(e));
    } catch (IOException e) {
      throw new ParseException(String.valueOf(e.getMessage()));
    }
  }

  private record Entry(String name, String version, boolean link) {}

  // reads one package object; the parser is on its START_OBJECT (or on a scalar, which is skipped)
  private static Entry entry(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new Entry(null, null, false);
    }
    String name = null;
    String version = null;
    boolean link = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if (f.equals("version") && t == JsonToken.VALUE_STRING) version = p.getText();
      else if (f.equals("name") && t == JsonToken.VALUE_STRING) name = p.getText();
      else if (f.equals("link") && t == JsonToken.VALUE_TRUE) link = true;
      else p.skipChildren();
    }
    // an aliased or git/file package has a version that is no registry version
    if (version != null && (version.startsWith("npm:") || version.contains(":") || version.contains("/"))) version = null;
    return new Entry(name, version, link);
  }

  private static void v1Dependencies(JsonParser p, Manifest.Builder out) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String version = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if (f.equals("version") && t == JsonToken.VALUE_STRING) version = p.getText();
        else if (f.equals("dependencies") && t == JsonToken.START_OBJECT) v1Dependencies(p, out);
        else p.skipChildren();
      }
      if (version != null && !version.contains(":") && !version.contains("/")) add(out, Ecosystem.NPM, name, version, line);
    }
  }

  /** yarn.lock, classic ({@code version "1.2.3"}) and Berry ({@code version: 1.2.3}). */
  private static void yarn(String text, Manifest.Builder out) {
    List<String> lines = text.lines().toList();
    String name = null;
    int headerLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) continue;
      if (!Character.isWhitespace(line.charAt(0))) {
        name = null;
        if (!line.endsWith(":") || line.startsWith("__metadata")) continue;
        String first = line.substring(0, line.length() - 1).split(",")[0].strip();
        if (first.startsWith("\"")) first = first.substring(1);
        if (first.endsWith("\"")) first = first.substring(0, first.length() - 1);
        int at = first.indexOf('@', 1);
        if (at < 0) continue;
        String range = first.substring(at + 1);
        if (range.startsWith("workspace:") || range.startsWith("file:") || range.startsWith("link:") || range.startsWith("portal:")
            || range.contains("git") || range.startsWith("patch:")) continue;
        name = first.substring(0, at);
        headerLine = i + 1;
        continue;
      }
      String t = line.strip();
      if (name != null && t.startsWith("version")) {
        String v = t.substring("version".length()).strip();
        if (v.startsWith(":")) v = v.substring(1).strip();
        v = unquote(v);
        add(out, Ecosystem.NPM, name, v, headerLine);
        name = null;
      }
    }
  }

  /** pnpm-lock.yaml: the keys under {@code packages:} ({@code /name@1.2.3}, {@code name@1.2.3}, v5's {@code /name/1.2.3}). */
  private static void pnpm(String text, Manifest.Builder out) {
    List<String> lines = text.lines().toList();
    boolean inPackages = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
      if (!Character.isWhitespace(line.charAt(0))) {
        inPackages = line.startsWith("packages:");
        continue;
      }
      if (!inPackages || !line.startsWith("  ") || Character.isWhitespace(line.charAt(2)) || !line.stripTrailing().endsWith(":")) continue;
      String key = unquote(line.strip().substring(0, line.strip().length() - 1));
      int paren = key.indexOf('(');
      if (paren > 0) key = key.substring(0, paren);
      if (key.startsWith("/")) key = key.substring(1);
      String name;
      String version;
      int at = key.lastIndexOf('@');
      if (at > 0) {
        name = key.substring(0, at);
        version = key.substring(at + 1);
      } else {
        int slash = key.lastIndexOf('/');
        if (slash <= 0) continue;
        name = key.substring(0, slash);
        version = key.substring(slash + 1);
        int underscore = version.indexOf('_'); // v5 appends peer dependencies: 1.2.3_react@18.0.0
        if (underscore > 0) version = version.substring(0, underscore);
      }
      if (version.contains(":") || version.contains("/")) continue; // git, file and link packages
      add(out, Ecosystem.NPM, name, version, i + 1);
    }
  }

  /** Cargo.lock, poetry.lock and uv.lock: {@code [[package]]} tables with {@code name} and {@code version}. */
  private static void tomlPackages(String text, Ecosystem ecosystem, Manifest.Builder out) throws ParseException {
    TomlManifests.readTree(text); // must be valid TOML; entries are then read line by line, for their lines
    List<String> lines = text.lines().toList();
    String name = null;
    String version = null;
    String source = null;
    int nameLine = 0;
    String table = ""; // "package", "package.source" (Poetry), another sub-table, or "" outside packages
    for (int i = 0; i <= lines.size(); i++) {
      String t = i < lines.size() ? lines.get(i).strip() : "[[end]]";
      if (t.startsWith("[")) {
        String header = t.replace("[", "").replace("]", "").strip();
        if (header.startsWith("package.") && !table.isEmpty()) { // a sub-table of the current package
          table = header;
          continue;
        }
        if (name != null && version != null && registrySource(ecosystem, source)) add(out, ecosystem, name, version, nameLine);
        table = t.equals("[[package]]") ? "package" : "";
        name = version = source = null;
        continue;
      }
      int eq = t.indexOf('=');
      if (table.isEmpty() || eq < 0) continue;
      String key = t.substring(0, eq).strip();
      String value = t.substring(eq + 1).strip();
      if (table.equals("package")) {
        switch (key) {
          case "name" -> {
            name = unquote(value);
            nameLine = i + 1;
          }
          case "version" -> version = unquote(value);
          case "source" -> source = value;
          default -> { }
        }
      } else if (table.equals("package.source") && key.equals("type")) {
        source = "poetry:" + unquote(value);
      }
    }
  }

  // Cargo: no source means a path or workspace crate; uv and Poetry: editable, directory, git and url sources are not the index
  private static boolean registrySource(Ecosystem ecosystem, String source) {
    if (ecosystem == Ecosystem.CRATES_IO) return source != null && source.contains("registry+");
    if (source == null) return true;
    if (source.startsWith("poetry:")) return source.equals("poetry:legacy");
    return source.contains("registry");
  }

  /** Gemfile.lock: {@code name (version[-platform])} lines under {@code GEM / specs:}. */
  private static void gemfileLock(String text, Manifest.Builder out) {
    List<String> lines = text.lines().toList();
    boolean inGem = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        inGem = line.strip().equals("GEM");
        continue;
      }
      // exactly four spaces: a locked gem; six: one of its requirements
      if (!inGem || !line.startsWith("    ") || line.startsWith("     ")) continue;
      String t = line.strip();
      int open = t.indexOf(" (");
      if (open < 0 || !t.endsWith(")")) continue;
      String version = t.substring(open + 2, t.length() - 1);
      int dash = version.indexOf('-');
      if (dash > 0) version = version.substring(0, dash);
      add(out, Ecosystem.RUBYGEMS, t.substring(0, open), version, i + 1);
    }
  }

  /** gradle.lockfile: {@code group:artifact:version=configurations}. */
  private static void gradleLockfile(String text, Manifest.Builder out) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (t.startsWith("#") || t.startsWith("empty=")) continue;
      int eq = t.indexOf('=');
      String[] gav = (eq < 0 ? t : t.substring(0, eq)).split(":");
      if (gav.length == 3) add(out, Ecosystem.MAVEN, gav[0] + ":" + gav[1], gav[2], i + 1);
    }
  }

  static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) return t.substring(1, t.length() - 1);
    return t;
  }

  /** Jackson's message without the parts about its own settings: one line, what went wrong. */
  static String cleanJacksonMessage(String message, String fallback) {
    if (message == null) return fallback;
    String m = message.lines().findFirst().orElse("").strip();
    int source = m.indexOf(" (start marker at");
    if (source < 0) source = m.indexOf(" at [Source:");
    if (source > 0) m = m.substring(0, source);
    return m.isEmpty() ? fallback : m;
  }

  /** A JSON syntax error in one line: where and what. */
  static String jsonProblem(JsonParseException e) {
    var loc = e.getLocation();
    String what = cleanJacksonMessage(e.getOriginalMessage(), "malformed JSON");
    return loc == null ? what : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + what;
  }
}
