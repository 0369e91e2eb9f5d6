package dev.vetter.java;

import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.List;
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

  /** @param readBase reads a file at the base of the change (recorded for caching by the engine) */
  BuildFiles(Function<String, Optional<FileContent>> readBase) {
    this.readBase = readBase;
  }

  /** A setting found in a build file: the value and the folder of the build file (paths in it are relative to that). */
  record Found(String value, String dir, String buildFile) {}

  /** The Java release the file is written for, e.g. {@code 17}; empty when no build file says. */
  Optional<String> sourceLevel(String javaFile) {
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
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isEmpty() || pom.get().pluginSettings("maven-checkstyle-plugin", "configLocation").isEmpty()) continue;
      for (String v : pom.get().pluginSettings("maven-checkstyle-plugin", "suppressionsLocation")) return Optional.of(new Found(v, dir, dir + "pom.xml"));
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The {@code configLocation} of the nearest maven-checkstyle-plugin, properties resolved. */
  Optional<Found> checkstyleConfig(String javaFile) {
    for (String dir : ancestors(javaFile)) {
      Optional<Pom> pom = pom(dir);
      if (pom.isEmpty()) continue;
      for (String v : pom.get().pluginSettings("maven-checkstyle-plugin", "configLocation")) return Optional.of(new Found(v, dir, dir + "pom.xml"));
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
    return readBase.apply(dir + "pom.xml").map(c -> new Pom(dir, SafeXml.parse(dir + "pom.xml at the base revision", c.bytes())));
  }

  /** A pom.xml as far as these settings go. */
  private record Pom(String dir, Document doc) {
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
