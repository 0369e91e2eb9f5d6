package dev.vetter.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses XML from a repository with no external entities, no external DTDs and no entity declarations:
 * a document type is accepted only when its public id is one of {@code knownDtds}, which resolve to
 * copies shipped in a jar, and only without an internal subset. Everything else fails with
 * {@link ConfigException}, so no XXE or entity expansion reaches a parser.
 */
final class SafeXml {
  private SafeXml() {}

  /** A document with no document type (build files). */
  static Document parse(String what, byte[] xml) {
    return parse(what, xml, Map.of());
  }

  /**
   * @param knownDtds public id to the classpath resource holding that DTD (e.g. Checkstyle's config DTDs)
   */
  static Document parse(String what, byte[] xml, Map<String, String> knownDtds) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      if (knownDtds.isEmpty()) f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", !knownDtds.isEmpty());
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder b = f.newDocumentBuilder();
      b.setEntityResolver((publicId, systemId) -> {
        String resource = publicId == null ? null : knownDtds.get(publicId);
        if (resource == null) throw new SAXException("the document type '" + (publicId != null ? publicId : systemId) + "' is not allowed");
        var in = SafeXml.class.getClassLoader().getResourceAsStream(resource);
        // the DTD only declares elements and attributes; an empty one parses the same
        InputSource source = in == null ? new InputSource(new StringReader("")) : new InputSource(in);
        source.setPublicId(publicId);
        return source;
      });
      b.setErrorHandler(null);
      Document doc = b.parse(new ByteArrayInputStream(xml));
      var type = doc.getDoctype();
      if (type != null) {
        if (type.getInternalSubset() != null && !type.getInternalSubset().isBlank()) {
          throw new ConfigException(what + ": a document type with declarations of its own (entities) is not allowed");
        }
        if (type.getPublicId() == null || !knownDtds.containsKey(type.getPublicId())) {
          throw new ConfigException(what + ": the document type '" + type.getPublicId() + "' is not allowed");
        }
      }
      return doc;
    } catch (SAXException e) {
      throw new ConfigException(what + " is not acceptable XML: " + e.getMessage());
    } catch (ParserConfigurationException | IOException e) {
      throw new ConfigException(what + " could not be read: " + e.getMessage());
    }
  }
}
