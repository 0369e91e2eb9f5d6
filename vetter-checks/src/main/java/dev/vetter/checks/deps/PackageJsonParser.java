package dev.vetter.checks.deps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.re2j.Pattern;
import dev.vetter.checks.deps.Dependency.Source;
import dev.vetter.checks.deps.Manifest.ParseException;
import java.io.IOException;
import java.util.Map;

/** Reads the dependency sections of an npm {@code package.json}, with the line of each entry. */
final class PackageJsonParser {
  private PackageJsonParser() {}

  // "user/repo" or "user/repo#ref": npm reads it as a GitHub repository
  private static final Pattern GITHUB_SHORTHAND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+(#.*)?");

  static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final Map<String, String> SECTIONS = Map.of(
      "dependencies", "dependency",
      "devDependencies", "dev dependency",
      "optionalDependencies", "optional dependency",
      "peerDependencies", "peer dependency");

  static Manifest parse(String text) throws ParseException {
    Manifest.Builder out = new Manifest.Builder(ManifestKind.PACKAGE_JSON);
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new ParseException("package.json must hold a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        String role = SECTIONS.get(field);
        if (role == null || value != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int line = p.currentTokenLocation().getLineNr();
          if (p.nextToken() != JsonToken.VALUE_STRING) {
            p.skipChildren();
            continue;
          }
          out.add(dependency(field, role, name, p.getText(), line));
        }
      }
      if (p.nextToken() != null) throw new ParseException("unexpected content after the JSON object");
    } catch (JsonParseException e) {
      throw new ParseException(Lockfiles.jsonProblem(e));
    } catch (IOException e) {
      throw new ParseException(String.valueOf(e.getMessage()));
    }
    return out.build();
  }

  /** An npm dependency from its name and spec, with the spec's source (git, URL, path, workspace, alias). */
  static Dependency dependency(String section, String role, String name, String rawSpec, int line) {
    String spec = rawSpec.strip();
    String lower = spec.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("npm:")) {
      // an alias: "npm:real-name@^1.0.0" installs real-name under this name
      String target = spec.substring(4);
      int at = target.lastIndexOf('@');
      String realName = at > 0 ? target.substring(0, at) : target;
      String version = at > 0 ? target.substring(at + 1) : "";
      return new Dependency(Ecosystem.NPM, section, role, realName, version, version, Source.REGISTRY, line, line, 0);
    }
    Source source = source(spec);
    String version = source.kind() == Source.Kind.REGISTRY ? spec : null;
    return new Dependency(Ecosystem.NPM, section, role, name, spec, version, source, line, line, 0);
  }

  private static Source source(String spec) {
    String lower = spec.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("workspace:") || lower.startsWith("catalog:")) return new Source(Source.Kind.WORKSPACE, spec, null);
    if (lower.startsWith("file:") || lower.startsWith("link:") || lower.startsWith("portal:") || spec.startsWith("./") || spec.startsWith("../")
        || spec.startsWith("/") || spec.startsWith("~/")) {
      return new Source(Source.Kind.PATH, spec, null);
    }
    if (lower.startsWith("git+") || lower.startsWith("git://") || lower.startsWith("git@") || lower.startsWith("github:")
        || lower.startsWith("gitlab:") || lower.startsWith("bitbucket:") || lower.startsWith("gist:")
        || GITHUB_SHORTHAND.matcher(spec).matches()) {
      int hash = spec.indexOf('#');
      String ref = hash < 0 || hash == spec.length() - 1 ? null : spec.substring(hash + 1);
      return new Source(Source.Kind.GIT, hash < 0 ? spec : spec.substring(0, hash), ref);
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) return new Source(Source.Kind.URL, spec, null);
    return Source.REGISTRY;
  }
}
