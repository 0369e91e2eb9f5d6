package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.DefaultConfiguration;
import com.puppycrawl.tools.checkstyle.api.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Turns a Checkstyle configuration file into Checkstyle's configuration tree, refusing what could run
 * or read anything of the repository's or the host's: a module must be one of Checkstyle's own (a
 * simple name, or a class name under {@code com.puppycrawl.tools.checkstyle.}). The files that suppression
 * filters and import control name are read by Vetter from the base revision, checked as safe XML and given to
 * the module as a private copy; other modules that read files (header files, a cache, files around the checked
 * one) are left out, since paths in them would be read from the host running Vetter.
 */
final class CheckstyleConfigs {
  /** Public ids of Checkstyle's configuration DTDs, resolved from its jar. */
  static final Map<String, String> DTDS = Map.of(
      "-//Puppy Crawl//DTD Check Configuration 1.0//EN", "com/puppycrawl/tools/checkstyle/configuration_1_0.dtd",
      "-//Puppy Crawl//DTD Check Configuration 1.1//EN", "com/puppycrawl/tools/checkstyle/configuration_1_1.dtd",
      "-//Puppy Crawl//DTD Check Configuration 1.2//EN", "com/puppycrawl/tools/checkstyle/configuration_1_2.dtd",
      "-//Puppy Crawl//DTD Check Configuration 1.3//EN", "com/puppycrawl/tools/checkstyle/configuration_1_3.dtd",
      "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN", "com/puppycrawl/tools/checkstyle/configuration_1_3.dtd",
      "-//Checkstyle//DTD Check Configuration 1.3//EN", "com/puppycrawl/tools/checkstyle/configuration_1_3.dtd");
  static final String OWN_PACKAGE = "com.puppycrawl.tools.checkstyle.";
  /** Modules that look around the checked file on disk. */
  static final Set<String> SKIPPED = Set.of("JavadocPackage", "Translation");
  /**
   * Modules whose {@code file} Vetter reads from the repository, with the document types (public id to the DTD in
   * Checkstyle's jar) the file may declare: Checkstyle's loaders know the same ones.
   */
  static final Map<String, Map<String, String>> FILE_MODULES = Map.of(
      "SuppressionFilter", Map.of(
          "-//Puppy Crawl//DTD Suppressions 1.0//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_0.dtd",
          "-//Checkstyle//DTD SuppressionFilter Configuration 1.0//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_0.dtd",
          "-//Puppy Crawl//DTD Suppressions 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1.dtd",
          "-//Checkstyle//DTD SuppressionFilter Configuration 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1.dtd",
          "-//Puppy Crawl//DTD Suppressions 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2.dtd",
          "-//Checkstyle//DTD SuppressionFilter Configuration 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2.dtd"),
      "SuppressionXpathFilter", Map.of(
          "-//Puppy Crawl//DTD Suppressions Xpath Experimental 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1_xpath_experimental.dtd",
          "-//Checkstyle//DTD SuppressionXpathFilter Experimental Configuration 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1_xpath_experimental.dtd",
          "-//Puppy Crawl//DTD Suppressions Xpath 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1_xpath.dtd",
          "-//Checkstyle//DTD SuppressionXpathFilter Configuration 1.1//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_1_xpath.dtd",
          "-//Puppy Crawl//DTD Suppressions Xpath Experimental 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2_xpath_experimental.dtd",
          "-//Checkstyle//DTD SuppressionXpathFilter Experimental Configuration 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2_xpath_experimental.dtd",
          "-//Puppy Crawl//DTD Suppressions Xpath 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2_xpath.dtd",
          "-//Checkstyle//DTD SuppressionXpathFilter Configuration 1.2//EN", "com/puppycrawl/tools/checkstyle/suppressions_1_2_xpath.dtd"),
      "ImportControl", importControlDtds());
  /** Properties naming files to read or write; a module with one is skipped, Checker's own are dropped. */
  static final Set<String> FILE_PROPERTIES = Set.of("file", "headerFile", "cacheFile");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]*)}");

  private static Map<String, String> importControlDtds() {
    Map<String, String> dtds = new HashMap<>();
    for (String v : List.of("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")) {
      String resource = "com/puppycrawl/tools/checkstyle/checks/imports/import_control_" + v.replace('.', '_') + ".dtd";
      dtds.put("-//Puppy Crawl//DTD Import Control " + v + "//EN", resource);
      dtds.put("-//Checkstyle//DTD ImportControl Configuration " + v + "//EN", resource);
    }
    return Map.copyOf(dtds);
  }

  private CheckstyleConfigs() {}

  /** {@link #parse(String, byte[], Map, Map, byte[])} for a configuration that names no files of its own (a bundled one). */
  static Configuration parse(String what, byte[] xml) {
    return parse(what, xml, Map.of(), Map.of(), null);
  }

  /**
   * @param properties the {@code ${properties}} Vetter defines, as Checkstyle's command line and Maven plugin do
   *     ({@code config_loc}, {@code checkstyle.suppressions.file}); others take their default
   * @param files what {@link #referencedFiles} named, read from the repository; a module whose file is missing here
   *     is left out
   * @param buildSuppressions the suppressions file the build adds outside the configuration (maven-checkstyle-plugin's
   *     {@code suppressionsLocation}), or null: applied as a {@code SuppressionFilter} of the Checker, as the plugin does
   */
  static Configuration parse(String what, byte[] xml, Map<String, String> properties, Map<String, byte[]> files, byte[] buildSuppressions) {
    Element root = root(what, xml);
    DefaultConfiguration checker = module(what, root, null, properties, files);
    if (buildSuppressions != null) {
      DefaultConfiguration filter = new DefaultConfiguration("SuppressionFilter");
      filter.addProperty("file", copy(what + ": the build's suppressionsLocation", buildSuppressions, FILE_MODULES.get("SuppressionFilter")));
      checker.addChild(filter);
    }
    return checker;
  }

  /**
   * The {@code file} values of the modules that read one from the repository (suppression filters, import
   * control), {@code ${config_loc}} and defaulted properties resolved, in document order.
   */
  static List<String> referencedFiles(String what, byte[] xml, Map<String, String> properties) {
    List<String> found = new ArrayList<>();
    collect(what, root(what, xml), properties, found);
    return found;
  }

  private static void collect(String what, Element module, Map<String, String> properties, List<String> found) {
    String file = fileOf(what, module, properties);
    if (file != null) found.add(file);
    for (Element child : BuildFiles.children(module, "module")) collect(what, child, properties, found);
  }

  /** The file a module of {@link #FILE_MODULES} names, or null for any other module or one without a file. */
  private static String fileOf(String what, Element module, Map<String, String> properties) {
    if (!FILE_MODULES.containsKey(simpleName(module.getAttribute("name")))) return null;
    for (Element p : BuildFiles.children(module, "property")) {
      if (!p.getAttribute("name").equals("file")) continue;
      return resolve(what, p.getAttribute("value"), p.hasAttribute("default") ? p.getAttribute("default") : null, properties);
    }
    return null;
  }

  private static Element root(String what, byte[] xml) {
    Document doc = SafeXml.parse(what, xml, DTDS);
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("module") || !"Checker".equals(simpleName(root.getAttribute("name")))) {
      throw new ConfigException(what + ": the root must be <module name=\"Checker\">");
    }
    return root;
  }

  private static DefaultConfiguration module(String what, Element e, String parent, Map<String, String> properties, Map<String, byte[]> files) {
    String name = e.getAttribute("name");
    allowed(what, name);
    // Vetter's equal of this filter decides the same in logarithmic time per event (see its comment); only where
    // Checkstyle allows the filter, so that a misplaced one gets Checkstyle's message naming it
    boolean faster = simpleName(name).equals("SuppressWithPlainTextCommentFilter") && parent != null && simpleName(parent).equals("Checker");
    DefaultConfiguration c = new DefaultConfiguration(faster ? PlainTextCommentFilter.class.getName() : name);
    String file = fileOf(what, e, properties);
    if (file != null) c.addProperty("file", copy(what + ": " + file, files.get(file), FILE_MODULES.get(simpleName(name))));
    for (Element p : BuildFiles.children(e, "property")) {
      String key = p.getAttribute("name");
      if (FILE_PROPERTIES.contains(key)) continue; // Checker's cacheFile; a file module's file is Vetter's copy
      String value = resolve(what, p.getAttribute("value"), p.hasAttribute("default") ? p.getAttribute("default") : null, properties);
      if (value != null) c.addProperty(key, value);
    }
    for (Element m : BuildFiles.children(e, "message")) c.addMessage(m.getAttribute("key"), m.getAttribute("value"));
    for (Element child : BuildFiles.children(e, "module")) {
      if (skipped(what, child, properties, files)) continue;
      c.addChild(module(what, child, c.getName(), properties, files));
    }
    return c;
  }

  private static boolean skipped(String what, Element module, Map<String, String> properties, Map<String, byte[]> files) {
    String simple = simpleName(module.getAttribute("name"));
    if (SKIPPED.contains(simple)) return true;
    if (FILE_MODULES.containsKey(simple)) {
      String file = fileOf(what, module, properties);
      return file == null || !files.containsKey(file); // a URL, a path outside the repository, a file missing at the base
    }
    for (Element p : BuildFiles.children(module, "property")) {
      if (FILE_PROPERTIES.contains(p.getAttribute("name"))) return true;
    }
    return false;
  }

  /**
   * A private copy of a file the repository names, for the module to read: checked first as XML without external
   * entities or document types other than {@code dtds}, so Checkstyle's own loader meets nothing it would fetch.
   */
  private static String copy(String what, byte[] bytes, Map<String, String> dtds) {
    SafeXml.parse(what, bytes, dtds);
    try {
      Path tmp = Files.createTempFile("vetter-checkstyle-", ".xml");
      tmp.toFile().deleteOnExit();
      Files.write(tmp, bytes);
      return tmp.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checkstyle's own modules only: no class of the repository's (nor any other jar's) is ever loaded. */
  static void allowed(String what, String name) {
    boolean ok = name.matches("[A-Za-z][A-Za-z0-9]*") || (name.startsWith(OWN_PACKAGE) && name.matches("[A-Za-z0-9_.]+"));
    if (!ok) {
      throw new ConfigException(what + ": the module '" + name + "' is not one of Checkstyle's own; Vetter runs no other code");
    }
  }

  private static String simpleName(String name) {
    String s = name.substring(name.lastIndexOf('.') + 1);
    return s.endsWith("Check") ? s.substring(0, s.length() - "Check".length()) : s;
  }

  /**
   * {@code ${name}}: one of {@code properties}, else the attribute {@code default} applies (to the whole value, as in
   * Checkstyle); a property that is neither is an error.
   */
  private static String resolve(String what, String value, String fallback, Map<String, String> properties) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String known = properties.get(m.group(1));
      if (known == null) {
        if (fallback != null) return fallback;
        throw new ConfigException(what + ": the property ${" + m.group(1) + "} is not set and has no default");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(known));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Rule names Checkstyle would print for an event: the module's id, else the check's class name without "Check". */
  static String ruleName(String moduleId, String sourceName) {
    String name = moduleId != null && !moduleId.isBlank() ? moduleId : simpleName(sourceName);
    List<String> parts = new ArrayList<>();
    for (String p : name.split("[^A-Za-z0-9]+")) if (!p.isEmpty()) parts.add(p);
    return parts.isEmpty() ? "Checkstyle" : String.join("-", parts);
  }
}
