package dev.vetter.java;

import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Vets a PMD ruleset from the repository before PMD reads it: no document type (so no entities), rules
 * only by reference to PMD's own rulesets and categories or as classes of PMD's own package, and no
 * XPath of the repository's (an XPath query could read files through its functions).
 */
final class PmdRulesets {
  static final String OWN_PACKAGE = "net.sourceforge.pmd.";
  private static final Set<String> XPATH_CLASSES = Set.of("net.sourceforge.pmd.lang.rule.xpath.XPathRule", "net.sourceforge.pmd.lang.rule.XPathRule");

  private PmdRulesets() {}

  static void vet(String what, byte[] xml) {
    Document doc = SafeXml.parse(what, xml);
    if (!doc.getDocumentElement().getTagName().equals("ruleset")) throw new ConfigException(what + ": the root must be <ruleset>");
    NodeList rules = doc.getElementsByTagName("rule");
    for (int i = 0; i < rules.getLength(); i++) {
      Element rule = (Element) rules.item(i);
      if (rule.hasAttribute("class")) {
        String cls = rule.getAttribute("class").strip();
        if (!cls.startsWith(OWN_PACKAGE)) {
          throw new ConfigException(what + ": the rule class '" + cls + "' is not one of PMD's own; Vetter runs no other code");
        }
        if (XPATH_CLASSES.contains(cls)) {
          throw new ConfigException(what + ": XPath rules of the repository's are not run (an XPath query can read files); reference PMD's own rules");
        }
      }
      if (rule.hasAttribute("ref")) {
        String ref = rule.getAttribute("ref").strip();
        if (!(ref.startsWith("category/") || ref.startsWith("rulesets/")) || ref.contains("..") || ref.contains(":")) {
          throw new ConfigException(what + ": the rule reference '" + ref + "' is not one of PMD's bundled rulesets (category/... or rulesets/...)");
        }
      }
    }
    NodeList props = doc.getElementsByTagName("property");
    for (int i = 0; i < props.getLength(); i++) {
      if ("xpath".equals(((Element) props.item(i)).getAttribute("name"))) {
        throw new ConfigException(what + ": XPath rules of the repository's are not run (an XPath query can read files); reference PMD's own rules");
      }
    }
  }

  /** The class-path resource of a bundled ruleset name, or null: {@code quickstart}, {@code category/java/X.xml}, {@code rulesets/java/X.xml}. */
  static String bundled(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    if (n.equals("quickstart")) return "rulesets/java/quickstart.xml";
    if (n.matches("(category|rulesets)/java/[A-Za-z0-9_-]+\\.xml")) return n;
    if (n.matches("[a-z]+") && PmdRulesets.class.getClassLoader().getResource("category/java/" + n + ".xml") != null) return "category/java/" + n + ".xml";
    return null;
  }
}
