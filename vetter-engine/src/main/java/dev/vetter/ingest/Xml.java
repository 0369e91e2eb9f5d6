package dev.vetter.ingest;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** A streaming XML reader for untrusted reports: no DTDs, no external entities, so no XXE and no entity expansion bombs. */
final class Xml {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  private Xml() {}

  static XMLStreamReader open(byte[] bytes) {
    try {
      synchronized (FACTORY) {
        return FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
      }
    } catch (XMLStreamException e) {
      throw bad(e);
    }
  }

  /** The parser's complaint with its position, without the exception's class name. */
  static BadInput bad(XMLStreamException e) {
    var at = e.getLocation();
    String msg = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
    return new BadInput((at != null && at.getLineNumber() > 0 ? "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": " : "")
        + msg.strip(), e);
  }

  /** The root element's local name, or null when the bytes are not XML. */
  static String rootName(byte[] bytes) {
    try {
      XMLStreamReader r = open(bytes);
      while (r.hasNext()) {
        if (r.next() == XMLStreamReader.START_ELEMENT) return r.getLocalName();
      }
      return null;
    } catch (XMLStreamException | BadInput e) {
      return null;
    }
  }

  /** An attribute's value by local name, or null. */
  static String attr(XMLStreamReader r, String name) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      if (r.getAttributeLocalName(i).equals(name)) return r.getAttributeValue(i);
    }
    return null;
  }

  /** A whole number attribute; 0 when absent or not a number. */
  static int intAttr(XMLStreamReader r, String name) {
    String v = attr(r, name);
    if (v == null) return 0;
    try {
      return Math.max(0, Integer.parseInt(v.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
