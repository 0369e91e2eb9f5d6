package dev.vetter.checks.deps;

import dev.vetter.checks.deps.Dependency.Source;
import dev.vetter.checks.deps.Manifest.ParseException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a Maven {@code pom.xml}: the parent, dependencies (also managed ones, in profiles and of
 * plugins), build plugins and extensions, and the repositories it adds. {@code ${property}} versions
 * are resolved from {@code <properties>} and the project's own coordinates in the same file; a
 * property defined elsewhere (a parent POM) leaves the version unresolved. The XML parser refuses
 * DTDs and external entities, so a hostile POM cannot read files or make requests.
 */
final class PomParser {
  private PomParser() {}

  private static final String CENTRAL_PLUGINS = "org.apache.maven.plugins";

  /** An element with its text, children and lines, enough for a POM. */
  static final class Node {
    final String name;
    final int line;
    int endLine;
    final StringBuilder text = new StringBuilder();
    final List<Node> children = new ArrayList<>();

    Node(String name, int line) {
      this.name = name;
      this.line = line;
    }

    Node child(String name) {
      for (Node c : children) {
        if (c.name.equals(name)) return c;
      }
      return null;
    }

    List<Node> all(String name) {
      List<Node> out = new ArrayList<>();
      for (Node c : children) {
        if (c.name.equals(name)) out.add(c);
      }
      return out;
    }

    /** The trimmed text of child {@code name}, or null when there is no such child. */
    String text(String name) {
      Node c = child(name);
      return c == null ? null : c.text.toString().strip();
    }
  }

  static Manifest parse(String text) throws ParseException {
    Node project = read(text);
    if (!project.name.equals("project")) throw new ParseException("the root element is <" + project.name + ">, not <project>");
    Pom pom = new Pom(project);
    Manifest.Builder out = new Manifest.Builder(ManifestKind.POM);
    Node parent = project.child("parent");
    if (parent != null) pom.add(out, parent, "parent", "parent POM", null);
    pom.dependencies(out, project, "");
    for (Node profiles : project.all("profiles")) {
      for (Node profile : profiles.all("profile")) {
        String id = profile.text("id");
        pom.dependencies(out, profile, "profile " + (id == null ? "?" : id) + " ");
      }
    }
    return out.build();
  }

  /** One POM's properties and coordinates, for resolving {@code ${...}}. */
  private static final class Pom {
    final Map<String, Node> properties = new HashMap<>();
    final String groupId;
    final String version;

    Pom(Node project) {
      Node props = project.child("properties");
      if (props != null) {
        for (Node p : props.children) properties.put(p.name, p);
      }
      Node parent = project.child("parent");
      String g = project.text("groupId");
      String v = project.text("version");
      if (g == null && parent != null) g = parent.text("groupId");
      if (v == null && parent != null) v = parent.text("version");
      groupId = g;
      version = v;
      putBuiltIn("project.groupId", g);
      putBuiltIn("project.version", v);
      putBuiltIn("pom.version", v);
      putBuiltIn("version", v);
      putBuiltIn("project.artifactId", project.text("artifactId"));
      if (parent != null) {
        putBuiltIn("project.parent.version", parent.text("version"));
        putBuiltIn("project.parent.groupId", parent.text("groupId"));
      }
    }

    private void putBuiltIn(String name, String value) {
      if (value == null || properties.containsKey(name)) return;
      Node n = new Node(name, 0);
      n.text.append(value);
      properties.put(name, n);
    }

    void dependencies(Manifest.Builder out, Node container, String prefix) {
      for (Node deps : container.all("dependencies")) {
        for (Node d : deps.all("dependency")) add(out, d, prefix + "dependencies", role(d), null);
      }
      for (Node dm : container.all("dependencyManagement")) {
        for (Node deps : dm.all("dependencies")) {
          for (Node d : deps.all("dependency")) add(out, d, prefix + "dependencyManagement", "managed dependency", null);
        }
      }
      for (Node repos : container.all("repositories")) {
        for (Node r : repos.all("repository")) repository(out, r);
      }
      for (Node repos : container.all("pluginRepositories")) {
        for (Node r : repos.all("pluginRepository")) repository(out, r);
      }
      for (Node build : container.all("build")) {
        for (Node plugins : build.all("plugins")) plugins(out, plugins, prefix + "plugins");
        for (Node pm : build.all("pluginManagement")) {
          for (Node plugins : pm.all("plugins")) plugins(out, plugins, prefix + "pluginManagement");
        }
        for (Node ext : build.all("extensions")) {
          for (Node e : ext.all("extension")) add(out, e, prefix + "extensions", "build extension", null);
        }
      }
    }

    private void plugins(Manifest.Builder out, Node plugins, String section) {
      for (Node p : plugins.all("plugin")) {
        add(out, p, section, "plugin", CENTRAL_PLUGINS);
        for (Node deps : p.all("dependencies")) {
          for (Node d : deps.all("dependency")) add(out, d, section + " dependencies", "plugin dependency", null);
        }
      }
    }

    private void repository(Manifest.Builder out, Node r) {
      Node url = r.child("url");
      if (url == null) return;
      String resolved = resolve(url.text.toString().strip(), 0);
      out.registry(resolved == null ? url.text.toString().strip() : resolved, url.line, null);
    }

    private static String role(Node d) {
      String scope = d.text("scope");
      return scope == null || scope.equals("compile") ? "dependency" : scope + " dependency";
    }

    void add(Manifest.Builder out, Node d, String section, String role, String defaultGroup) {
      String g = d.text("groupId");
      String a = d.text("artifactId");
      if (a == null || a.isEmpty()) return;
      if (g == null || g.isEmpty()) g = defaultGroup;
      if (g == null) return;
      g = orSelf(resolve(g, 0), g);
      a = orSelf(resolve(a, 0), a);
      String classifier = d.text("classifier");
      String type = d.text("type");
      String key = section + (classifier == null ? "" : " classifier=" + classifier) + (type == null || type.equals("jar") ? "" : " type=" + type);
      Node versionNode = d.child("version");
      String spec = versionNode == null ? "" : versionNode.text.toString().strip();
      String version = spec.isEmpty() ? "" : resolve(spec, 0);
      int versionLine = 0;
      String property = onlyProperty(spec);
      if (property != null && properties.containsKey(property) && properties.get(property).line > 0) {
        versionLine = properties.get(property).line;
      }
      Source source = Source.REGISTRY;
      // a snapshot of this build's own modules (same groupId and version as the project, as in a
      // multi-module build): not a third party, and its pre-release version is expected
      if (groupId != null && g.equals(groupId) && version != null && version.equals(this.version)
          && Versions.isPrerelease(Ecosystem.MAVEN, version)) {
        source = new Source(Source.Kind.WORKSPACE, null, null);
      }
      out.add(new Dependency(Ecosystem.MAVEN, key, role, g + ":" + a, spec, version, source, d.line, d.endLine, versionLine));
    }

    /** {@code text} with every {@code ${name}} replaced, or null when some property is not defined here. */
    String resolve(String text, int depth) {
      if (!text.contains("${")) return text;
      if (depth > 10) return null;
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        int start = text.indexOf("${", i);
        if (start < 0) {
          sb.append(text, i, text.length());
          break;
        }
        int end = text.indexOf('}', start);
        if (end < 0) return null;
        sb.append(text, i, start);
        Node p = properties.get(text.substring(start + 2, end));
        if (p == null) return null;
        String value = resolve(p.text.toString().strip(), depth + 1);
        if (value == null) return null;
        sb.append(value);
        i = end + 1;
      }
      return sb.toString();
    }

    private static String orSelf(String resolved, String original) {
      return resolved == null ? original : resolved;
    }

    /** {@code name} when {@code spec} is exactly {@code ${name}}, else null. */
    private static String onlyProperty(String spec) {
      if (spec.startsWith("${") && spec.endsWith("}") && spec.indexOf("${", 2) < 0) return spec.substring(2, spec.length() - 1);
      return null;
    }
  }

  /** Parses XML into a tree with lines; DOCTYPEs (and so all entities but the predefined ones) are refused. */
  static Node read(String text) throws ParseException {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(true);
      f.setValidating(false);
      f.setXIncludeAware(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      SAXParser parser = f.newSAXParser();
      TreeBuilder handler = new TreeBuilder();
      parser.parse(new InputSource(new StringReader(text)), handler);
      if (handler.root == null) throw new ParseException("the file holds no XML element");
      return handler.root;
    } catch (SAXParseException e) {
      if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
        throw new ParseException("line " + e.getLineNumber() + ": a DOCTYPE is not allowed; Vetter never processes DTDs or external entities");
      }
      throw new ParseException("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + oneLine(e.getMessage()));
    } catch (SAXException | IOException e) {
      throw new ParseException(oneLine(e.getMessage()));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "malformed XML" : message.lines().findFirst().orElse("").strip();
  }

  private static final class TreeBuilder extends DefaultHandler {
    private final Deque<Node> open = new ArrayDeque<>();
    private Locator locator;
    Node root;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      String name = localName == null || localName.isEmpty() ? qName : localName;
      Node n = new Node(name, locator == null ? 0 : locator.getLineNumber());
      if (open.isEmpty()) {
        root = n;
      } else {
        open.peek().children.add(n);
      }
      open.push(n);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      Node n = open.pop();
      n.endLine = locator == null ? n.line : locator.getLineNumber();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!open.isEmpty()) open.peek().text.append(ch, start, length);
    }
  }
}
