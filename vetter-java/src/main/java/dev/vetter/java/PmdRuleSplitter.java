package dev.vetter.java;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Makes PMD load a ruleset of single-rule references (quickstart's two hundred
 * {@code <rule ref="category/java/errorprone.xml/EmptyCatchBlock"/>}) without parsing a whole category file
 * for each reference, which PMD does (pmd/pmd#724) and which made building PMD's quickstart take a second or
 * more of every run that analyses a file. A reference is rewritten to a ruleset of that one rule, cut from its
 * category file (parsed once) and served by this class loader; PMD itself still reads the ruleset, applies its
 * overrides and instantiates the rules, so the result is the same rules with the same settings.
 */
final class PmdRuleSplitter extends ClassLoader {
  private static final String PREFIX = "vetter-pmd-rule/";
  private static final Pattern CATEGORY_REF = Pattern.compile("ref=\"category/java/([a-z]+)\\.xml/([A-Za-z0-9_]+)\"");
  private static final Pattern SPLIT = Pattern.compile(Pattern.quote(PREFIX) + "([a-z]+)/([A-Za-z0-9_]+)\\.xml");

  private final Map<String, Document> categories = new ConcurrentHashMap<>();
  private final Map<String, byte[]> cut = new java.util.HashMap<>(); // under this object's lock
  private Transformer serializer; // made once: looking the factory up costs more than cutting a rule

  PmdRuleSplitter(ClassLoader parent) {
    super(parent);
  }

  /** One of PMD's own category files (a trusted resource of its jar), parsed with namespaces and without any external access. */
  private static Document parse(InputStream in) throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f.newDocumentBuilder().parse(in);
  }

  /**
   * {@code ruleset}'s text with each single-rule reference to a rule of a bundled Java category pointing at this
   * loader's one-rule ruleset. A reference to a rule the category does not define is left alone, so that PMD's own
   * message names it.
   */
  String rewrite(String ruleset) {
    return CATEGORY_REF.matcher(ruleset).replaceAll(m -> Matcher.quoteReplacement(oneRule(m.group(1), m.group(2)) == null ? m.group()
        : "ref=\"" + PREFIX + m.group(1) + "/" + m.group(2) + ".xml/" + m.group(2) + "\""));
  }

  @Override
  public URL getResource(String name) {
    Matcher m = SPLIT.matcher(name);
    if (!m.matches()) return super.getResource(name);
    byte[] xml = oneRule(m.group(1), m.group(2));
    if (xml == null) return null;
    try {
      return URL.of(URI.create("vetter-pmd-rule:/" + name), new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL u) {
          return new URLConnection(u) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(xml);
            }
          };
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    URL url = getResource(name);
    try {
      return url == null ? null : url.openStream();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A ruleset holding {@code rule} of {@code category}: the category's root element and description and the rule's
   * element, as PMD's own file has them. A rule that is itself a reference (a deprecated alias of another rule of the
   * file) gets the whole category, which PMD resolves as before. Null when there is no such category or rule.
   */
  private synchronized byte[] oneRule(String category, String rule) {
    String key = category + "/" + rule;
    if (!cut.containsKey(key)) cut.put(key, cut(category, rule)); // asked for twice: by rewrite, then by PMD
    return cut.get(key);
  }

  private byte[] cut(String category, String rule) {
    Document doc = categories.computeIfAbsent(category, c -> {
      String resource = "category/java/" + c + ".xml";
      try (InputStream in = getParent().getResourceAsStream(resource)) {
        return in == null ? null : parse(in);
      } catch (IOException | ParserConfigurationException | SAXException e) {
        throw new IllegalStateException("PMD's " + resource + " cannot be read: " + e.getMessage(), e);
      }
    });
    if (doc == null) return null;
    Element root = doc.getDocumentElement();
    // DOM nodes are not safe for concurrent use, not even for reading: only oneRule, synchronized, calls this
    Element found = null;
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && "rule".equals(e.getLocalName()) && rule.equals(e.getAttribute("name"))) found = e;
    }
    if (found == null) return null;
    boolean whole = found.hasAttribute("ref"); // an alias: PMD resolves it in the whole category
    Document one = doc.getImplementation().createDocument(null, null, null);
    Node copy = one.appendChild(one.importNode(root, false)); // the root with its attributes and namespaces
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (whole || "description".equals(e.getLocalName()) || e == found)) copy.appendChild(one.importNode(n, true));
    }
    try {
      var out = new ByteArrayOutputStream();
      if (serializer == null) {
        serializer = TransformerFactory.newInstance().newTransformer();
        serializer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      }
      serializer.transform(new DOMSource(one), new StreamResult(out));
      return out.toByteArray();
    } catch (javax.xml.transform.TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
