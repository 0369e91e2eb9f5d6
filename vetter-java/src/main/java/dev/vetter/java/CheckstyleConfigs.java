package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.DefaultConfiguration;
import com.puppycrawl.tools.checkstyle.api.Configuration;
import java.util.ArrayList;
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
 * simple name, or a class name under {@code com.puppycrawl.tools.checkstyle.}); modules that read
 * other files (suppression files, import control, header files, a cache) are left out, since paths in
 * them would be read from the host running Vetter.
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
  /** Modules that read files named in their properties, or look around the file on disk. */
  static final Set<String> SKIPPED = Set.of("SuppressionFilter", "SuppressionXpathFilter", "ImportControl", "JavadocPackage", "Translation");
  /** Properties naming files to read or write; a module with one is skipped, Checker's own are dropped. */
  static final Set<String> FILE_PROPERTIES = Set.of("file", "headerFile", "cacheFile");
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]*)}");

  private CheckstyleConfigs() {}

  static Configuration parse(String what, byte[] xml) {
    Document doc = SafeXml.parse(what, xml, DTDS);
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("module") || !"Checker".equals(simpleName(root.getAttribute("name")))) {
      throw new ConfigException(what + ": the root must be <module name=\"Checker\">");
    }
    return module(what, root, null);
  }

  private static DefaultConfiguration module(String what, Element e, String parent) {
    String name = e.getAttribute("name");
    allowed(what, name);
    // Vetter's equal of this filter decides the same in logarithmic time per event (see its comment); only where
    // Checkstyle allows the filter, so that a misplaced one gets Checkstyle's message naming it
    boolean faster = simpleName(name).equals("SuppressWithPlainTextCommentFilter") && parent != null && simpleName(parent).equals("Checker");
    DefaultConfiguration c = new DefaultConfiguration(faster ? PlainTextCommentFilter.class.getName() : name);
    for (Element p : BuildFiles.children(e, "property")) {
      String key = p.getAttribute("name");
      if (FILE_PROPERTIES.contains(key)) continue; // Checker's cacheFile; modules with a file are skipped below
      String value = resolve(what, p.getAttribute("value"), p.hasAttribute("default") ? p.getAttribute("default") : null);
      if (value != null) c.addProperty(key, value);
    }
    for (Element m : BuildFiles.children(e, "message")) c.addMessage(m.getAttribute("key"), m.getAttribute("value"));
    for (Element child : BuildFiles.children(e, "module")) {
      if (skipped(child)) continue;
      c.addChild(module(what, child, c.getName()));
    }
    return c;
  }

  private static boolean skipped(Element module) {
    if (SKIPPED.contains(simpleName(module.getAttribute("name")))) return true;
    for (Element p : BuildFiles.children(module, "property")) {
      if (FILE_PROPERTIES.contains(p.getAttribute("name"))) return true;
    }
    return false;
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

  /** {@code ${name}}: no property is defined, so the attribute {@code default} applies; a property without one is an error. */
  private static String resolve(String what, String value, String fallback) {
    Matcher m = PROPERTY.matcher(value);
    if (!m.find()) return value;
    if (fallback != null) return fallback;
    throw new ConfigException(what + ": the property ${" + m.group(1) + "} is not set and has no default");
  }

  /** Rule names Checkstyle would print for an event: the module's id, else the check's class name without "Check". */
  static String ruleName(String moduleId, String sourceName) {
    String name = moduleId != null && !moduleId.isBlank() ? moduleId : simpleName(sourceName);
    List<String> parts = new ArrayList<>();
    for (String p : name.split("[^A-Za-z0-9]+")) if (!p.isEmpty()) parts.add(p);
    return parts.isEmpty() ? "Checkstyle" : String.join("-", parts);
  }
}
