package dev.vetter.checks.deps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vetter.checks.deps.Dependency.Source;
import dev.vetter.checks.deps.Manifest.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The TOML manifests: {@code pyproject.toml}, {@code Cargo.toml} and Gradle version catalogs. */
final class TomlManifests {
  private TomlManifests() {}

  private static final TomlMapper TOML = new TomlMapper();

  static JsonNode readTree(String text) throws ParseException {
    try {
      JsonNode root = TOML.readTree(text);
      return root == null ? TOML.createObjectNode() : root;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String what = Lockfiles.cleanJacksonMessage(e.getOriginalMessage(), "malformed TOML");
      throw new ParseException(loc == null || loc.getLineNr() < 1 ? what : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + what);
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) out.add(it.next());
    }
    return out;
  }

  private static String[] concat(String[] path, String... more) {
    String[] out = new String[path.length + more.length];
    System.arraycopy(path, 0, out, 0, path.length);
    System.arraycopy(more, 0, out, path.length, more.length);
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isValueNode() ? v.asText() : null;
  }

  // ---- pyproject.toml ----

  /** PEP 621 {@code [project]}, PEP 735 {@code [dependency-groups]}, {@code [build-system]}, Poetry, uv and PDM sections. */
  static Manifest pyproject(String text) throws ParseException {
    JsonNode root = readTree(text);
    TomlLines at = TomlLines.scan(text);
    Manifest.Builder out = new Manifest.Builder(ManifestKind.PYPROJECT);
    JsonNode project = root.path("project");
    pep508List(out, at, project.get("dependencies"), "project", "dependency", "project", "dependencies");
    for (var e : fields(project.get("optional-dependencies"))) {
      pep508List(out, at, e.getValue(), "extra " + e.getKey(), "optional dependency", "project", "optional-dependencies", e.getKey());
    }
    for (var e : fields(root.get("dependency-groups"))) {
      pep508List(out, at, e.getValue(), "group " + e.getKey(), e.getKey() + " dependency", "dependency-groups", e.getKey());
    }
    pep508List(out, at, root.path("build-system").get("requires"), "build-system", "build requirement", "build-system", "requires");

    // uv's [tool.uv.sources] says where a PEP 621 dependency really comes from
    Map<String, Source> uvSources = new HashMap<>();
    for (var e : fields(root.path("tool").path("uv").get("sources"))) {
      Source s = pythonSource(e.getValue(), "index");
      if (s != null) uvSources.put(Ecosystem.PYPI.normalize(e.getKey()), s);
    }
    if (!uvSources.isEmpty()) {
      List<Dependency> resolved = new ArrayList<>();
      for (Dependency d : out.dependencies) {
        Source s = uvSources.get(Ecosystem.PYPI.normalize(d.name()));
        resolved.add(s == null ? d : new Dependency(d.ecosystem(), d.section(), d.role(), d.name(), d.spec(),
            s.kind() == Source.Kind.CUSTOM_REGISTRY ? d.version() : null, s, d.line(), d.endLine(), d.versionLine()));
      }
      out.dependencies.clear();
      out.dependencies.addAll(resolved);
    }

    JsonNode poetry = root.path("tool").path("poetry");
    poetryDeps(out, at, poetry.get("dependencies"), "poetry", "dependency", "tool", "poetry", "dependencies");
    poetryDeps(out, at, poetry.get("dev-dependencies"), "poetry dev", "dev dependency", "tool", "poetry", "dev-dependencies");
    for (var g : fields(poetry.get("group"))) {
      poetryDeps(out, at, g.getValue().get("dependencies"), "poetry group " + g.getKey(), g.getKey() + " dependency",
          "tool", "poetry", "group", g.getKey(), "dependencies");
    }
    registries(out, at, poetry.get("source"), "tool", "poetry", "source");
    registries(out, at, root.path("tool").path("uv").get("index"), "tool", "uv", "index");
    registries(out, at, root.path("tool").path("pdm").get("source"), "tool", "pdm", "source");
    return out.build();
  }

  private static void pep508List(Manifest.Builder out, TomlLines at, JsonNode list, String section, String role, String... path) {
    if (list == null || !list.isArray()) return;
    for (JsonNode item : list) {
      if (!item.isTextual()) continue;
      RequirementsParser.Requirement r = RequirementsParser.pep508(item.asText());
      if (r == null) continue;
      int line = Math.max(1, at.string(item.asText(), path));
      out.add(RequirementsParser.dependency(section, role, r, line));
    }
  }

  private static void poetryDeps(Manifest.Builder out, TomlLines at, JsonNode deps, String section, String role, String... path) {
    for (var e : fields(deps)) {
      String name = e.getKey();
      if (name.equals("python")) continue; // the Python version, not a package
      JsonNode v = e.getValue();
      if (v.isArray() && !v.isEmpty()) v = v.get(0); // multiple-constraint dependencies: the first one
      int line = Math.max(1, at.key(concat(path, name)));
      int end = Math.max(line, at.end(concat(path, name)));
      String spec;
      Source source = Source.REGISTRY;
      int versionLine = 0;
      if (v.isTextual()) {
        spec = v.asText();
      } else if (v.isObject()) {
        spec = text(v, "version") == null ? "" : text(v, "version");
        Source s = pythonSource(v, "source");
        if (s != null) source = s;
        int vl = at.key(concat(path, name, "version"));
        if (vl != line) versionLine = vl;
      } else {
        continue;
      }
      boolean registry = source.kind() == Source.Kind.REGISTRY || source.kind() == Source.Kind.CUSTOM_REGISTRY;
      out.add(new Dependency(Ecosystem.PYPI, section, role, name, spec, registry ? spec : null, source, line, end, versionLine));
    }
  }

  // a Poetry or uv source table: git (with rev, tag or branch), path, url, or a named index
  private static Source pythonSource(JsonNode v, String indexKey) {
    if (!v.isObject()) return null;
    if (text(v, "git") != null) {
      String ref = text(v, "rev") != null ? text(v, "rev") : text(v, "tag");
      return new Source(Source.Kind.GIT, text(v, "git"), ref);
    }
    if (text(v, "path") != null) return new Source(Source.Kind.PATH, text(v, "path"), null);
    if (text(v, "url") != null) return RequirementsParser.urlSource(text(v, "url"));
    if (v.path("workspace").asBoolean(false)) return new Source(Source.Kind.WORKSPACE, null, null);
    if (text(v, indexKey) != null) return new Source(Source.Kind.CUSTOM_REGISTRY, text(v, indexKey), null);
    return null;
  }

  private static void registries(Manifest.Builder out, TomlLines at, JsonNode list, String... path) {
    if (list == null || !list.isArray()) return;
    for (JsonNode r : list) {
      String url = text(r, "url");
      if (url != null) out.registry(url, Math.max(1, at.string(url, concat(path, "url"))), null);
    }
  }

  // ---- Cargo.toml ----

  private static final Map<String, String> CARGO_SECTIONS = Map.of(
      "dependencies", "dependency",
      "dev-dependencies", "dev dependency",
      "dev_dependencies", "dev dependency",
      "build-dependencies", "build dependency",
      "build_dependencies", "build dependency");

  /** {@code [dependencies]} and its dev and build variants, per target, in the workspace, and {@code [patch]}. */
  static Manifest cargo(String text) throws ParseException {
    JsonNode root = readTree(text);
    TomlLines at = TomlLines.scan(text);
    Manifest.Builder out = new Manifest.Builder(ManifestKind.CARGO_TOML);
    for (var s : CARGO_SECTIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      cargoDeps(out, at, root.get(s.getKey()), s.getKey(), s.getValue(), s.getKey());
    }
    for (var target : fields(root.get("target"))) {
      for (var s : CARGO_SECTIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        cargoDeps(out, at, target.getValue().get(s.getKey()), "target " + target.getKey() + " " + s.getKey(), s.getValue(),
            "target", target.getKey(), s.getKey());
      }
    }
    cargoDeps(out, at, root.path("workspace").get("dependencies"), "workspace", "workspace dependency", "workspace", "dependencies");
    for (var registry : fields(root.get("patch"))) {
      cargoDeps(out, at, registry.getValue(), "patch " + registry.getKey(), "patch", "patch", registry.getKey());
    }
    out.dependencies.sort(java.util.Comparator.comparingInt(Dependency::line));
    return out.build();
  }

  private static void cargoDeps(Manifest.Builder out, TomlLines at, JsonNode deps, String section, String role, String... path) {
    for (var e : fields(deps)) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      int line = Math.max(1, at.key(concat(path, key)));
      int end = Math.max(line, at.end(concat(path, key)));
      String name = key;
      String spec;
      Source source = Source.REGISTRY;
      int versionLine = 0;
      if (v.isTextual()) {
        spec = v.asText();
      } else if (v.isObject()) {
        if (text(v, "package") != null) name = text(v, "package"); // renamed: `key = { package = "real-name" }`
        spec = text(v, "version") == null ? "" : text(v, "version");
        int vl = at.key(concat(path, key, "version"));
        if (vl != line) versionLine = vl;
        if (v.path("workspace").asBoolean(false)) {
          source = new Source(Source.Kind.WORKSPACE, null, null);
        } else if (text(v, "git") != null) {
          String ref = text(v, "rev") != null ? text(v, "rev") : text(v, "tag");
          source = new Source(Source.Kind.GIT, text(v, "git"), ref);
        } else if (text(v, "path") != null) {
          source = new Source(Source.Kind.PATH, text(v, "path"), null);
        } else if (text(v, "registry") != null) {
          source = new Source(Source.Kind.CUSTOM_REGISTRY, text(v, "registry"), null);
        } else if (text(v, "registry-index") != null) {
          source = new Source(Source.Kind.CUSTOM_REGISTRY, text(v, "registry-index"), null);
        }
      } else {
        continue;
      }
      boolean registry = source.kind() == Source.Kind.REGISTRY || source.kind() == Source.Kind.CUSTOM_REGISTRY;
      out.add(new Dependency(Ecosystem.CRATES_IO, section + (name.equals(key) ? "" : " as " + key), role, name, spec,
          registry ? spec : null, source, line, end, versionLine));
    }
  }

  // ---- Gradle version catalogs ----

  /** {@code gradle/libs.versions.toml}: {@code [libraries]} and {@code [plugins]}, with {@code version.ref} resolved from {@code [versions]}. */
  static Manifest versionCatalog(String text) throws ParseException {
    JsonNode root = readTree(text);
    TomlLines at = TomlLines.scan(text);
    Manifest.Builder out = new Manifest.Builder(ManifestKind.VERSION_CATALOG);
    JsonNode versions = root.get("versions");
    for (var e : fields(root.get("libraries"))) {
      JsonNode v = e.getValue();
      String module;
      JsonNode version = null;
      if (v.isTextual()) {
        String[] gav = v.asText().split(":");
        if (gav.length < 2) continue;
        module = gav[0] + ":" + gav[1];
        if (gav.length > 2) version = TOML.getNodeFactory().textNode(gav[2]);
      } else if (v.isObject()) {
        module = text(v, "module") != null ? text(v, "module")
            : text(v, "group") != null && text(v, "name") != null ? text(v, "group") + ":" + text(v, "name") : null;
        if (module == null) continue;
        version = v.get("version");
      } else {
        continue;
      }
      catalogEntry(out, at, versions, "libraries", "library", module, version, e.getKey());
    }
    for (var e : fields(root.get("plugins"))) {
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        String[] idv = v.asText().split(":", 2);
        catalogEntry(out, at, versions, "plugins", "plugin", idv[0], idv.length > 1 ? TOML.getNodeFactory().textNode(idv[1]) : null, e.getKey());
      } else if (v.isObject() && text(v, "id") != null) {
        catalogEntry(out, at, versions, "plugins", "plugin", text(v, "id"), v.get("version"), e.getKey());
      }
    }
    return out.build();
  }

  private static void catalogEntry(Manifest.Builder out, TomlLines at, JsonNode versions, String table, String role, String name,
      JsonNode version, String alias) {
    int line = Math.max(1, at.key(table, alias));
    int end = Math.max(line, at.end(table, alias));
    String spec = "";
    int versionLine = 0;
    String resolved = "";
    if (version != null && version.isTextual()) {
      spec = resolved = version.asText();
    } else if (version != null && version.isObject()) {
      String ref = text(version, "ref");
      if (ref != null) {
        JsonNode target = versions == null ? null : versions.get(ref);
        spec = "version.ref " + ref;
        resolved = target == null ? null : rich(target);
        versionLine = at.key("versions", ref);
      } else {
        spec = resolved = rich(version);
      }
    }
    out.add(new Dependency(Ecosystem.MAVEN, table, role, name, resolved != null && !resolved.isEmpty() ? resolved : spec, resolved, Source.REGISTRY,
        line, end, versionLine));
  }

  // a version as a string or a rich version {strictly, require, prefer}
  private static String rich(JsonNode v) {
    if (v.isTextual()) return v.asText();
    for (String k : List.of("strictly", "require", "prefer")) {
      if (text(v, k) != null) return text(v, k);
    }
    return null;
  }
}
