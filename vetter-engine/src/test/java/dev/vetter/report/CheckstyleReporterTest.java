package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.engine.ReviewResult;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class CheckstyleReporterTest {
  @TempDir Path tmp;

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void oneFileElementPerPathOneErrorPerFinding() {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    assertThat(ReviewFixture.render("checkstyle", r)).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8"?>
        <checkstyle version="4.3">
          <file name=".vetter.yml">
            <error severity="warning" message="The change touches 2 files, 100% new: split it?" source="demo/change-size"/>
          </file>
          <file name="docs/notes, v2.md">
            <error severity="info" message="No title.&#10;Ask @octocat: see https://example.com/x." source="demo/titles"/>
          </file>
          <file name="src/App.java">
            <error line="2" column="6" severity="error" message="Resolve the marker: handle &lt;null&gt; &amp; &quot;empty&quot; | 100% done, ok" source="demo/markers"/>
            <error line="4" severity="warning" message="A hack spans these lines." source="demo/markers"/>
          </file>
        </checkstyle>
        """);
  }

  @Test
  void parsesBackToTheSameValues() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    Document doc = parse(ReviewFixture.render("checkstyle", r));
    assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("4.3");
    NodeList errors = doc.getElementsByTagName("error");
    assertThat(errors.getLength()).isEqualTo(r.findings().size());
    for (int i = 0; i < errors.getLength(); i++) {
      Element e = (Element) errors.item(i);
      var f = r.findings().get(i);
      assertThat(e.getAttribute("message")).isEqualTo(f.message());
      assertThat(e.getAttribute("source")).isEqualTo(f.rule());
      assertThat(((Element) e.getParentNode()).getAttribute("name")).isEqualTo(f.path() == null ? ".vetter.yml" : f.path());
      assertThat(e.getAttribute("line")).isEqualTo(f.line() > 0 ? String.valueOf(f.line()) : "");
    }
  }

  @Test
  void charactersXmlCannotCarryAreReplaced() throws Exception {
    String hostile = "a\u0000b\u001b[31mc\uD800d]]>e\"'<&\t\r\n😀";
    String xml = "<x a=\"" + Xml.attr(hostile) + "\">" + Xml.text(hostile) + "</x>";
    Element x = parse(xml).getDocumentElement();
    String expected = "a\uFFFDb\uFFFD[31mc\uFFFDd]]>e\"'<&\t\r\n😀";
    assertThat(x.getAttribute("a")).isEqualTo(expected);
    assertThat(x.getTextContent()).isEqualTo(expected);
  }

  @Test
  void anEmptyReviewIsAnEmptyReport() throws Exception {
    String xml = ReviewFixture.render("checkstyle", ReviewFixture.reviewClean(tmp.resolve("repo")));
    assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n");
    parse(xml);
  }
}
