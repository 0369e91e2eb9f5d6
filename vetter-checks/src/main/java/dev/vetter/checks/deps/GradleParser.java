package dev.vetter.checks.deps;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code build.gradle(.kts)} and {@code settings.gradle(.kts)} line by line, Groovy and Kotlin
 * DSL alike: {@code group:name:version} strings and {@code group:/name:/version:} maps inside
 * {@code dependencies { }}, plugin versions inside {@code plugins { }}, and repositories inside
 * {@code repositories { }} (not those of {@code publishing { }}, which are destinations). {@code $var}
 * and {@code ${var}} versions are resolved from simple assignments in the same file ({@code ext},
 * {@code val}, {@code def}, {@code extra[...]}); anything computed stays unresolved. Build logic
 * beyond that is out of reach of a reader that does not run Gradle.
 */
final class GradleParser {
  private GradleParser() {}

  private static final Pattern ASSIGN = Pattern.compile(
      "^\\s*(?:(?:def|val|var|final|String)\\s+)*(?:(?:project\\.)?ext\\.|extra\\.)?([A-Za-z_][A-Za-z0-9_]*)\\s*(?::\\s*String\\s*)?=\\s*[\"']([^\"'$]*)[\"']\\s*;?\\s*$");
  private static final Pattern EXTRA = Pattern.compile("(?:extra|ext)\\s*\\[\\s*[\"']([A-Za-z0-9_.]+)[\"']\\s*\\]\\s*=\\s*[\"']([^\"'$]*)[\"']");
  private static final Pattern SET = Pattern.compile("\\bset\\s*\\(\\s*[\"']([A-Za-z0-9_.]+)[\"']\\s*,\\s*[\"']([^\"'$]*)[\"']\\s*\\)");
  private static final Pattern STRING_DEP = Pattern.compile(
      "^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(?\\s*(?:(?:platform|enforcedPlatform|testFixtures)\\s*\\(\\s*)?[\"']([^\"'\\s]+)[\"']");
  private static final Pattern MAP_KEY = Pattern.compile("\\b(group|name|version)\\s*[:=]\\s*[\"']([^\"']+)[\"']");
  private static final Pattern PLUGIN = Pattern.compile("\\bid\\s*\\(?\\s*[\"']([^\"']+)[\"']\\s*\\)?\\s*version\\s*\\(?\\s*[\"']([^\"']+)[\"']");
  private static final Pattern KOTLIN_PLUGIN = Pattern.compile("\\bkotlin\\s*\\(\\s*[\"']([^\"']+)[\"']\\s*\\)\\s*version\\s*\\(?\\s*[\"']([^\"']+)[\"']");
  private static final Pattern MAVEN_URL = Pattern.compile("\\bmaven\\s*\\(\\s*(?:url\\s*=\\s*)?(?:uri\\s*\\(\\s*)?[\"']([^\"']+)[\"']");
  private static final Pattern URL = Pattern.compile("\\b(?:url|setUrl)\\s*(?:=\\s*)?\\(?\\s*(?:uri\\s*\\(\\s*)?[\"']([^\"']+)[\"']");
  private static final Pattern MAP_START = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(?\\s*group\\s*[:=]");
  private static final Pattern FLAT_DIR = Pattern.compile("\\bflatDir\\b");
  private static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_.]*)\\}?");
  private static final Set<String> NOT_CONFIGURATIONS = Set.of("project", "files", "fileTree", "id", "kotlin", "apply", "plugin", "println",
      "exclude", "because", "url", "uri", "maven", "mavenBom", "import", "task", "include", "rootProject", "version", "group", "name");

  private record Var(String value, int line) {}

  static Manifest parse(String source) {
    Manifest.Builder out = new Manifest.Builder(ManifestKind.GRADLE);
    List<String> lines = withoutComments(source).lines().toList();
    Map<String, Var> vars = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher m = ASSIGN.matcher(l);
      if (m.find()) vars.putIfAbsent(m.group(1), new Var(m.group(2), i + 1));
      for (Pattern p : List.of(EXTRA, SET)) {
        Matcher e = p.matcher(l);
        while (e.find()) vars.putIfAbsent(e.group(1), new Var(e.group(2), i + 1));
      }
    }
    List<String> stack = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      List<String> context = new ArrayList<>(stack);
      context.addAll(openedOn(l));
      int line = i + 1;
      if (context.contains("publishing")) {
        // destinations, not sources
      } else if (context.contains("repositories")) {
        repositories(out, l, line);
      } else if (context.contains("plugins")) {
        plugins(out, l, line, vars);
      } else if (context.contains("dependencies")) {
        dependencies(out, l, line, vars, context.contains("buildscript") ? "buildscript " : "");
      }
      braces(l, stack);
    }
    return out.build();
  }

  private static void repositories(Manifest.Builder out, String l, int line) {
    if (l.contains("mavenLocal()")) out.registry("mavenLocal()", line, "`mavenLocal()` makes the build depend on whatever is in the local ~/.m2 repository");
    if (l.contains("jcenter()")) out.registry("jcenter()", line, "JCenter is read-only and no longer maintained");
    if (FLAT_DIR.matcher(l).find()) out.registry("flatDir", line, "a `flatDir` repository takes jars from a directory, unversioned and unverified");
    Matcher m = MAVEN_URL.matcher(l);
    if (m.find()) {
      out.registry(m.group(1), line, null);
      return;
    }
    m = URL.matcher(l);
    if (m.find()) out.registry(m.group(1), line, null);
  }

  private static void plugins(Manifest.Builder out, String l, int line, Map<String, Var> vars) {
    Matcher m = PLUGIN.matcher(l);
    String id = null;
    String spec = null;
    if (m.find()) {
      id = m.group(1);
      spec = m.group(2);
    } else if ((m = KOTLIN_PLUGIN.matcher(l)).find()) {
      id = "org.jetbrains.kotlin." + m.group(1);
      spec = m.group(2);
    }
    if (id != null) out.add(dependency("plugins", "plugin", id, spec, line, vars));
  }

  private static void dependencies(Manifest.Builder out, String l, int line, Map<String, Var> vars, String prefix) {
    Matcher m = STRING_DEP.matcher(l);
    if (!m.find() || NOT_CONFIGURATIONS.contains(m.group(1))) {
      mapNotation(out, l, line, vars, prefix);
      return;
    }
    String configuration = m.group(1);
    String coordinates = m.group(2);
    int at = coordinates.indexOf('@');
    if (at > 0) coordinates = coordinates.substring(0, at);
    String[] parts = coordinates.split(":", -1);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty() || coordinates.contains("/")) return;
    String spec = parts.length > 2 ? parts[2] : "";
    String section = prefix + configuration + (parts.length > 3 ? " classifier=" + parts[3] : "");
    out.add(dependency(section, role(configuration), parts[0] + ":" + parts[1], spec, line, vars));
  }

  private static void mapNotation(Manifest.Builder out, String l, int line, Map<String, Var> vars, String prefix) {
    Matcher first = MAP_START.matcher(l);
    if (!first.find()) return;
    Map<String, String> keys = new HashMap<>();
    Matcher m = MAP_KEY.matcher(l);
    while (m.find()) keys.putIfAbsent(m.group(1), m.group(2));
    if (!keys.containsKey("group") || !keys.containsKey("name")) return;
    out.add(dependency(prefix + first.group(1), role(first.group(1)), keys.get("group") + ":" + keys.get("name"), keys.getOrDefault("version", ""),
        line, vars));
  }

  private static String role(String configuration) {
    String c = configuration.toLowerCase(java.util.Locale.ROOT);
    if (c.startsWith("test") || c.contains("test")) return "test dependency";
    if (c.equals("classpath")) return "build script dependency";
    if (c.contains("annotationprocessor") || c.equals("kapt") || c.equals("ksp")) return "annotation processor";
    return "dependency";
  }

  private static Dependency dependency(String section, String role, String name, String spec, int line, Map<String, Var> vars) {
    String version = spec;
    int versionLine = 0;
    if (spec.contains("$")) {
      StringBuilder sb = new StringBuilder();
      Matcher m = VAR.matcher(spec);
      int last = 0;
      boolean resolved = true;
      while (m.find()) {
        String name2 = m.group(1);
        Var v = vars.get(name2.substring(name2.lastIndexOf('.') + 1));
        if (v == null) {
          resolved = false;
          break;
        }
        sb.append(spec, last, m.start()).append(v.value());
        if (v.line() != line) versionLine = v.line();
        last = m.end();
      }
      sb.append(spec.substring(Math.min(last, spec.length())));
      version = resolved ? sb.toString() : null;
      if (!resolved) versionLine = 0;
    }
    return new Dependency(Ecosystem.MAVEN, section, role, name, spec, version, Dependency.Source.REGISTRY, line, line, versionLine);
  }

  // names of blocks opened on this line: the identifier before each '{' (skipping a parenthesised argument list)
  private static List<String> openedOn(String l) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < l.length(); k++) {
      if (l.charAt(k) == '{') names.add(blockName(l, k));
    }
    return names;
  }

  private static void braces(String l, List<String> stack) {
    char quote = 0;
    for (int k = 0; k < l.length(); k++) {
      char c = l.charAt(k);
      if (quote != 0) {
        if (c == '\\') k++;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        stack.add(blockName(l, k));
      } else if (c == '}' && !stack.isEmpty()) {
        stack.remove(stack.size() - 1);
      }
    }
  }

  private static String blockName(String l, int brace) {
    int k = brace - 1;
    while (k >= 0 && Character.isWhitespace(l.charAt(k))) k--;
    if (k >= 0 && l.charAt(k) == ')') {
      int depth = 0;
      for (; k >= 0; k--) {
        if (l.charAt(k) == ')') depth++;
        else if (l.charAt(k) == '(' && --depth == 0) break;
      }
      k--;
      while (k >= 0 && Character.isWhitespace(l.charAt(k))) k--;
    }
    int end = k + 1;
    while (k >= 0 && (Character.isLetterOrDigit(l.charAt(k)) || l.charAt(k) == '_')) k--;
    return l.substring(k + 1, Math.max(k + 1, end));
  }

  // comments replaced by spaces, line breaks kept, strings left alone
  static String withoutComments(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    char quote = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        sb.append(c);
        if (c == '\\' && i + 1 < n) sb.append(s.charAt(++i));
        else if (c == quote || c == '\n') quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
        sb.append(c);
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') i++;
        if (i < n) sb.append('\n');
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        i += 2;
        while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
          sb.append(s.charAt(i) == '\n' ? '\n' : ' ');
          i++;
        }
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
