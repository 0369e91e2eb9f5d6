package dev.vetter.java;

import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the repository's build says about a Java file, read from the base revision: the source level
 * (Maven's {@code maven.compiler.release}/{@code source}, the compiler plugin's {@code release}/
 * {@code source}, Gradle's toolchain or {@code sourceCompatibility}), and the configuration its
 * maven-checkstyle-plugin and maven-pmd-plugin use. The nearest build file above the Java file
 * that says something wins; a build file is only read, never run.
 */
final class BuildFiles {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  private static final Pattern GRADLE_TOOLCHAIN = Pattern.compile("JavaLanguageVersion\\.of\\(\\s*\"?(\\d+)\"?\\s*\\)");
  private static final Pattern GRADLE_COMPAT = Pattern.compile("sourceCompatibility\\s*=?\\s*(?:JavaVersion\\.VERSION_(?:1_)?(\\d+)|['\"](?:1\\.)?(\\d+)['\"]|(\\d+))");

  private final Function<String, Optional<FileContent>> readBase;
  /** The poms parsed so far, by folder: one file's check asks several questions of the same poms. */
  private final Map<String, Optional<Pom>> poms = new HashMap<>();

  /** @param readBase reads a file at the base of the change (recorded for caching by the engine) */
  BuildFiles(Function<String, Optional<FileContent>> readBase) {
    this.readBase = readBase;
  }

  /** A setting found in a build file: the value and the folder of the build file (paths in it are relative to that). */
  record Found(String value, String dir, String buildFile) {}

  /**
   * The Java release the file is written for, e.g. {@code 17}; empty when no build file says. A test source
   * ({@code src/test/}) is compiled at the compiler plugin's {@code testRelease}/{@code testSource} where a pom
   * sets one (its own or a parent's, {@code maven.compiler.testRelease} as a property), else as the main sources.
   */
  Optional<String> sourceLevel(String javaFile) {
    if (javaFile.startsWith("src/test/") || javaFile.contains("/src/test/")) {
      for (String dir : ancestors(javaFile)) {
        Optional<Pom> pom = pom(dir);
        if (pom.isEmpty()) continue;
        for (String key : List.of("maven.compiler.testRelease", "maven.compiler.testSource")) {
          String v = pom.get().property(key);
          if (v != null) return normalise(v);
        }
        for (String tag : List.of("testRelease", "testSource")) {
          for (String v : pom.get().pluginSettings("maven-compiler-plugin", tag)) return normalise(v);
        }
      }
    }
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isPresent()) {
        Pom p = pom.get();
        for (String key : List.of("maven.compiler.release", "maven.compiler.source")) {
          String v = p.property(key);
          if (v != null) return normalise(v);
        }
        for (String tag : List.of("release", "source")) {
          for (String v : p.pluginSettings("maven-compiler-plugin", tag)) return normalise(v);
        }
      }
      for (String name : List.of("build.gradle", "build.gradle.kts")) {
        Optional<FileContent> g = readBase.apply(dir + name);
        if (g.isEmpty()) continue;
        String text = g.get().text();
        Matcher m = GRADLE_TOOLCHAIN.matcher(text);
        if (m.find()) return Optional.of(m.group(1));
        m = GRADLE_COMPAT.matcher(text);
        if (m.find()) return Optional.of(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code suppressionsLocation} of the maven-checkstyle-plugin whose {@code configLocation}
   * {@link #checkstyleConfig} finds, properties resolved: a suppressions file the plugin applies besides the
   * configuration.
   */
  Optional<Found> checkstyleSuppressions(String javaFile) {
    return checkstylePom(javaFile).flatMap(pom -> pom.pluginSettings("maven-checkstyle-plugin", "suppressionsLocation").stream()
        .findFirst().map(v -> new Found(v, pom.dir(), pom.dir() + "pom.xml")));
  }

  /**
   * Which Java files a Maven plugin analyses in its module: the main sources, the test sources only when the plugin
   * says so (both plugins leave them out by default), less what its {@code excludes} name (Ant patterns relative to a
   * source folder) and, for PMD, its {@code excludeRoots} (folders of the module). Vetter leaves out only what the
   * build clearly does not analyse: a file outside the module's source folders is still checked (the plugin would
   * not see it, but it may be in a module that only the change adds). {@code dir} is the module's folder.
   */
  record Scope(String dir, String mainRoot, String testRoot, boolean tests, List<String> excludes, List<String> excludeRoots) {
    boolean covers(String path) {
      if (!path.startsWith(dir)) return true;
      String rel = path.substring(dir.length());
      for (String root : excludeRoots) if (rel.startsWith(root)) return false;
      String sub = rel;
      if (rel.startsWith(testRoot)) {
        if (!tests) return false;
        sub = rel.substring(testRoot.length());
      } else if (rel.startsWith(mainRoot)) {
        sub = rel.substring(mainRoot.length());
      }
      // elsewhere (a folder the build does not name, a module the base does not have yet): checked, as without a build
      for (String pattern : excludes) if (antMatches(pattern, sub)) return false;
      return true;
    }
  }

  /** The scope of the maven-checkstyle-plugin whose {@code configLocation} {@link #checkstyleConfig} finds. */
  Optional<Scope> checkstyleScope(String javaFile) {
    return checkstylePom(javaFile).flatMap(pom -> {
      List<String> excludes = new ArrayList<>();
      for (String v : pom.pluginSettings("maven-checkstyle-plugin", "excludes")) {
        for (String e : v.split(",")) if (!e.isBlank()) excludes.add(e.strip());
      }
      boolean tests = pom.pluginSettings("maven-checkstyle-plugin", "includeTestSourceDirectory").contains("true");
      return module(javaFile).map(m -> m.scope(tests, excludes, List.of()));
    });
  }

  /** The scope of the maven-pmd-plugin whose rulesets {@link #pmdRulesets} finds. */
  Optional<Scope> pmdScope(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isEmpty() || !pom.get().hasPlugin("maven-pmd-plugin")) continue;
      boolean tests = pom.get().pluginSettings("maven-pmd-plugin", "includeTests").contains("true");
      List<String> roots = new ArrayList<>();
      for (String r : pom.get().pluginSettings("maven-pmd-plugin", "excludeRoot")) {
        String path = repoPath("", r.replace("${project.basedir}/", "").replace("${basedir}/", ""));
        if (path != null) roots.add(path + "/");
      }
      List<String> excludes = pom.get().pluginSettings("maven-pmd-plugin", "exclude");
      return module(javaFile).map(m -> m.scope(tests, excludes, roots));
    }
    return Optional.empty();
  }

  /**
   * The module {@code javaFile} belongs to: the nearest pom.xml above it. A plugin configured in a parent pom runs in
   * each module, on that module's source folders.
   */
  private Optional<Pom> module(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isPresent()) return pom;
    }
    return Optional.empty();
  }

  /**
   * An Ant pattern as Maven's plugins match it against a path relative to a source folder: {@code **} any number of
   * folders, {@code *} and {@code ?} within a name, a trailing {@code /} meaning everything below. Matched segment by
   * segment, in time proportional to the pattern's length times the path's.
   */
  static boolean antMatches(String pattern, String path) {
    String p = pattern.replace('\\', '/').strip();
    if (p.endsWith("/")) p = p + "**";
    String[] ps = p.split("/+");
    String[] ss = path.split("/");
    // can[i][j]: pattern segments from i match path segments from j
    boolean[][] can = new boolean[ps.length + 1][ss.length + 1];
    can[ps.length][ss.length] = true;
    for (int i = ps.length - 1; i >= 0; i--) {
      for (int j = ss.length; j >= 0; j--) {
        if (ps[i].equals("**")) can[i][j] = can[i + 1][j] || (j < ss.length && can[i][j + 1]);
        else can[i][j] = j < ss.length && nameMatches(ps[i], ss[j]) && can[i + 1][j + 1];
      }
    }
    return can[0][0];
  }

  /** {@code *} and {@code ?} within one name, greedy with one backtrack point: linear in practice, never exponential. */
  private static boolean nameMatches(String pattern, String name) {
    int p = 0, n = 0, star = -1, mark = 0;
    while (n < name.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
        p++;
        n++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = n;
      } else if (star >= 0) {
        p = star + 1;
        n = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') p++;
    return p == pattern.length();
  }

  /** The {@code configLocation} of the nearest maven-checkstyle-plugin, properties resolved. */
  Optional<Found> checkstyleConfig(String javaFile) {
    return checkstylePom(javaFile).map(pom -> new Found(pom.pluginSettings("maven-checkstyle-plugin", "configLocation").get(0), pom.dir(),
        pom.dir() + "pom.xml"));
  }

  /** The nearest pom whose maven-checkstyle-plugin has a {@code configLocation}. */
  private Optional<Pom> checkstylePom(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isPresent() && !pom.get().pluginSettings("maven-checkstyle-plugin", "configLocation").isEmpty()) return pom;
    }
    return Optional.empty();
  }

  /** The rulesets of the nearest maven-pmd-plugin: an empty list when it names none (the plugin's own default), empty when there is no plugin. */
  Optional<List<Found>> pmdRulesets(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isEmpty() || !pom.get().hasPlugin("maven-pmd-plugin")) continue;
      List<Found> sets = new ArrayList<>();
      for (String v : pom.get().pluginSettings("maven-pmd-plugin", "ruleset")) sets.add(new Found(v, dir, dir + "pom.xml"));
      return Optional.of(sets);
    }
    return Optional.empty();
  }

  /**
   * The google-java-format layout the nearest build enforces: spotless' {@code googleJavaFormat} or fmt-maven-plugin
   * in a pom.xml, {@code googleJavaFormat} in a Gradle build; AOSP when the build asks for it. Empty when none does.
   */
  Optional<Format.Style> googleJavaFormat(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      for (String name : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
        Optional<FileContent> build = readBase.apply(dir + name);
        if (build.isEmpty()) continue;
        String text = build.get().text();
        boolean uses = text.contains("googleJavaFormat") || text.contains("fmt-maven-plugin");
        if (uses) return Optional.of(text.toLowerCase(java.util.Locale.ROOT).contains("aosp") ? Format.Style.AOSP : Format.Style.GOOGLE);
      }
    }
    return Optional.empty();
  }

  /** The folders above {@code path}, nearest first, each ending in '/' except the root, which is "". */
  static List<String> ancestors(String path) {
    List<String> dirs = new ArrayList<>();
    for (int i = path.lastIndexOf('/'); i >= 0; i = path.lastIndexOf('/', i - 1)) {
      dirs.add(path.substring(0, i + 1));
      if (i == 0) break;
    }
    dirs.add("");
    return dirs;
  }

  private static Optional<String> normalise(String v) {
    String s = v.strip();
    if (s.startsWith("1.")) s = s.substring(2);
    return s.matches("\\d+") ? Optional.of(s) : Optional.empty();
  }

  private Optional<Pom> pom(String dir) {
    return poms.computeIfAbsent(dir,
        d -> readBase.apply(d + "pom.xml").map(c -> new Pom(d, SafeXml.parse(d + "pom.xml at the base revision", c.bytes()))));
  }

  /** A pom.xml as far as these settings go. */
  private record Pom(String dir, Document doc) {
    /** A plugin's scope in this module: its source folders as the build names them, else Maven's defaults. */
    Scope scope(boolean tests, List<String> excludes, List<String> excludeRoots) {
      String main = buildSetting("sourceDirectory").orElse("src/main/java");
      String test = buildSetting("testSourceDirectory").orElse("src/test/java");
      return new Scope(dir, folder(main), folder(test), tests, List.copyOf(excludes), List.copyOf(excludeRoots));
    }

    private static String folder(String path) {
      String p = path.replace('\\', '/').replace("${project.basedir}/", "").replace("${basedir}/", "");
      while (p.startsWith("./")) p = p.substring(2);
      return p.endsWith("/") ? p : p + "/";
    }

    /** A direct child of the project's {@code <build>}, properties resolved. */
    private Optional<String> buildSetting(String tag) {
      for (Element build : children(doc.getDocumentElement(), "build")) {
        for (Element e : children(build, tag)) {
          String v = resolve(e.getTextContent().strip(), 0);
          if (v != null && !v.isEmpty()) return Optional.of(v);
        }
      }
      return Optional.empty();
    }

    String property(String name) {
      for (Element props : children(doc.getDocumentElement(), "properties")) {
        for (Element p : children(props, name)) return resolve(p.getTextContent().strip(), 0);
      }
      return null;
    }

    boolean hasPlugin(String artifactId) {
      return !plugins(artifactId).isEmpty();
    }

    /** The text of every {@code tag} element inside the configuration of plugin {@code artifactId}, build plugins first. */
    List<String> pluginSettings(String artifactId, String tag) {
      List<String> values = new ArrayList<>();
      for (Element plugin : plugins(artifactId)) {
        NodeList found = plugin.getElementsByTagName(tag);
        for (int i = 0; i < found.getLength(); i++) {
          String v = resolve(found.item(i).getTextContent().strip(), 0);
          if (v != null && !v.isEmpty()) values.add(v);
        }
      }
      return values;
    }

    private List<Element> plugins(String artifactId) {
      List<Element> result = new ArrayList<>();
      NodeList plugins = doc.getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element p = (Element) plugins.item(i);
        for (Element a : children(p, "artifactId")) if (a.getTextContent().strip().equals(artifactId)) result.add(p);
      }
      return result;
    }

    /** {@code ${name}} from the pom's own properties or its folder; null when a property is unknown. */
    private String resolve(String value, int depth) {
      if (depth > 10) return null;
      Matcher m = PROPERTY.matcher(value);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String v = switch (name) {
          case "basedir", "project.basedir" -> dir.isEmpty() ? "." : dir.substring(0, dir.length() - 1);
          default -> {
            String p = null;
            for (Element props : children(doc.getDocumentElement(), "properties")) {
              for (Element e : children(props, name)) p = e.getTextContent().strip();
            }
            yield p == null ? null : resolve(p, depth + 1);
          }
        };
        if (v == null) return null;
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      return sb.toString();
    }
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
    }
    return out;
  }

  /**
   * A path named in a build file or the policy, made relative to the repository root; null when it
   * leaves the repository or is not a plain path (a URL, a class-path resource of another jar).
   */
  static String repoPath(String dir, String value) {
    if (value.contains("://") || value.startsWith("classpath:")) return null;
    String v = value.replace('\\', '/');
    if (v.startsWith("./")) v = v.substring(2);
    if (v.startsWith("/")) return null;
    String joined = dir + v;
    List<String> parts = new ArrayList<>();
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (parts.isEmpty()) return null;
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }
}
