package dev.vetter.checks.coverage;

import dev.vetter.check.Input;
import dev.vetter.checks.coverage.CoverageReport.Format;
import dev.vetter.checks.coverage.CoverageReport.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JaCoCo XML, Cobertura XML, Clover XML, LCOV and Go cover profiles, telling them apart by
 * content. XML is streamed with DTDs and external entities disabled (a report is untrusted input:
 * no file or network access while reading it). Only source files whose name passes {@code wanted}
 * are kept, so a large report costs memory only for the files a change touches.
 */
final class ReportParser {
  private ReportParser() {}

  /** Why a report could not be read; the message is shown to the user. */
  static final class ReportException extends Exception {
    ReportException(String message) {
      super(message);
    }
  }

  /** Reads {@code input}; {@code wanted} is asked about each source file's base name. */
  static CoverageReport parse(Input input, Predicate<String> wanted) throws ReportException {
    try (PushbackInputStream in = new PushbackInputStream(input.open(), 64)) {
      byte[] head = new byte[64];
      int n = Math.max(0, in.readNBytes(head, 0, head.length));
      in.unread(head, 0, n);
      String start = new String(head, 0, n, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
      if (start.startsWith("<")) return xml(input.name(), in, wanted);
      return text(input.name(), in, wanted);
    } catch (IOException e) {
      throw new ReportException(e.getMessage());
    }
  }

  // ---- XML: JaCoCo, Cobertura, Clover

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resource " + systemId + " is not read");
    });
    return f;
  }

  private static CoverageReport xml(String name, InputStream in, Predicate<String> wanted) throws ReportException {
    XMLStreamReader r = null;
    try {
      r = factory().createXMLStreamReader(in);
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // skip the prolog
      }
      if (!r.isStartElement()) throw new ReportException("the XML document has no root element");
      String root = r.getLocalName();
      if (root.equals("report")) return jacoco(name, r, wanted);
      if (root.equals("coverage")) {
        return r.getAttributeValue(null, "clover") != null ? clover(name, r, wanted) : cobertura(name, r, wanted);
      }
      throw new ReportException("an XML document with root <" + root + "> is not a JaCoCo (<report>), Cobertura or Clover (<coverage>) report");
    } catch (XMLStreamException e) {
      String where = e.getLocation() != null ? " at line " + e.getLocation().getLineNumber() : "";
      throw new ReportException("malformed XML" + where + ": " + firstLine(e.getMessage()));
    } catch (NumberFormatException e) {
      throw new ReportException("a line number or count is not a number: " + e.getMessage());
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }

  /** JaCoCo: {@code <package name="com/x"><sourcefile name="A.java"><line nr mi ci/>}; a line ran when ci &gt; 0. */
  private static CoverageReport jacoco(String name, XMLStreamReader r, Predicate<String> wanted) throws XMLStreamException {
    Map<String, LineCoverage> files = new LinkedHashMap<>();
    String pkg = "";
    LineCoverage current = null;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "package" -> pkg = attr(r, "name", "");
          case "sourcefile" -> {
            String file = attr(r, "name", "");
            String path = SourceMatcher.normalize(pkg.isEmpty() ? file : pkg + "/" + file);
            current = wanted.test(baseName(path)) ? files.computeIfAbsent(path, k -> new LineCoverage()) : null;
          }
          case "line" -> {
            if (current != null) current.line(Integer.parseInt(attr(r, "nr", "0")), Integer.parseInt(attr(r, "ci", "0")) > 0);
          }
          default -> { }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("sourcefile")) {
        current = null;
      }
    }
    List<Source> sources = new ArrayList<>();
    files.forEach((path, lines) -> sources.add(new Source(List.of(path), lines)));
    return new CoverageReport(name, Format.JACOCO, sources);
  }

  /** Cobertura: {@code <sources><source>root</source></sources>} and {@code <class filename="x.py"><lines><line number hits/>}; a line ran when hits &gt; 0. */
  private static CoverageReport cobertura(String name, XMLStreamReader r, Predicate<String> wanted) throws XMLStreamException {
    List<String> roots = new ArrayList<>();
    Map<String, LineCoverage> files = new LinkedHashMap<>();
    LineCoverage current = null;
    StringBuilder text = null;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "source" -> text = new StringBuilder();
          case "class" -> {
            String path = SourceMatcher.normalize(attr(r, "filename", ""));
            current = !path.isEmpty() && wanted.test(baseName(path)) ? files.computeIfAbsent(path, k -> new LineCoverage()) : null;
          }
          case "line" -> {
            if (current != null) current.line(Integer.parseInt(attr(r, "number", "0")), Long.parseLong(attr(r, "hits", "0")) > 0);
          }
          default -> { }
        }
      } else if (event == XMLStreamConstants.CHARACTERS && text != null) {
        text.append(r.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (r.getLocalName().equals("source") && text != null) {
          String root = text.toString().strip();
          if (!root.isEmpty()) roots.add(root);
          text = null;
        } else if (r.getLocalName().equals("class")) {
          current = null;
        }
      }
    }
    // the <sources> may come after the classes (luacov writes them last), so paths are joined at the end
    List<Source> sources = new ArrayList<>();
    files.forEach((file, lines) -> {
      List<String> paths = new ArrayList<>();
      for (String root : roots) paths.add(SourceMatcher.normalize(root + "/" + file));
      paths.add(file);
      sources.add(new Source(paths, lines));
    });
    return new CoverageReport(name, Format.COBERTURA, sources);
  }

  /** Clover: {@code <coverage clover="..."><project>...<file path name><line num count type/>}; a line ran when count &gt; 0. */
  private static CoverageReport clover(String name, XMLStreamReader r, Predicate<String> wanted) throws XMLStreamException {
    Map<String, LineCoverage> files = new LinkedHashMap<>();
    LineCoverage current = null;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (r.getLocalName().equals("file")) {
          current = cloverFile(r, wanted, files);
        } else if (r.getLocalName().equals("line") && current != null) {
          current.line(Integer.parseInt(attr(r, "num", "0")), Long.parseLong(attr(r, "count", "0")) > 0);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("file")) {
        current = null;
      }
    }
    List<Source> sources = new ArrayList<>();
    files.forEach((path, lines) -> sources.add(new Source(List.of(path), lines)));
    return new CoverageReport(name, Format.CLOVER, sources);
  }

  private static LineCoverage cloverFile(XMLStreamReader r, Predicate<String> wanted, Map<String, LineCoverage> files) {
    String path = SourceMatcher.normalize(attr(r, "path", attr(r, "name", "")));
    return !path.isEmpty() && wanted.test(baseName(path)) ? files.computeIfAbsent(path, k -> new LineCoverage()) : null;
  }

  private static String attr(XMLStreamReader r, String name, String fallback) {
    String v = r.getAttributeValue(null, name);
    return v == null ? fallback : v.strip();
  }

  // ---- text: LCOV and Go

  private static CoverageReport text(String name, InputStream in, Predicate<String> wanted) throws IOException, ReportException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = reader.readLine();
    while (first != null && first.strip().isEmpty()) first = reader.readLine();
    if (first == null) throw new ReportException("the file is empty");
    first = first.replace("\uFEFF", "").strip();
    if (first.startsWith("mode:")) return go(name, reader, wanted);
    if (first.equals("TN:") || first.startsWith("TN:") || first.startsWith("SF:")) return lcov(name, first, reader, wanted);
    throw new ReportException("not a coverage report Vetter reads (JaCoCo, Cobertura or Clover XML, LCOV, Go cover profile)");
  }

  /**
   * LCOV, as diff-cover reads it: DA lines count; a line with only BRDA records is covered when every
   * branch was taken; a DA line with 0 hits whose branches ran counts as covered; a function's FN line
   * without DA takes the function's FNDA count.
   */
  private static CoverageReport lcov(String name, String first, BufferedReader reader, Predicate<String> wanted) throws IOException, ReportException {
    Map<String, LineCoverage> files = new LinkedHashMap<>();
    String file = null;
    Map<Integer, Long> hits = new HashMap<>();
    Map<Integer, long[]> branches = new HashMap<>(); // line -> {total, taken, executions}
    Map<String, Integer> functionLines = new HashMap<>();
    Map<String, Long> functionHits = new HashMap<>();
    int lineNo = 1;
    for (String raw = first; raw != null; raw = reader.readLine(), lineNo++) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      String directive = colon < 0 ? line : line.substring(0, colon);
      String content = colon < 0 ? "" : line.substring(colon + 1);
      try {
        switch (directive) {
          case "SF" -> {
            String path = SourceMatcher.normalize(content);
            file = wanted.test(baseName(path)) ? path : null;
          }
          case "DA" -> {
            if (file == null) break;
            String[] a = content.split(",");
            hits.merge(Integer.parseInt(a[0].strip()), Long.parseLong(a[1].strip()), Long::sum);
          }
          case "BRDA" -> {
            if (file == null) break;
            String[] a = content.split(",");
            long taken = a[3].strip().equals("-") ? 0 : Long.parseLong(a[3].strip());
            long[] b = branches.computeIfAbsent(Integer.parseInt(a[0].strip()), k -> new long[3]);
            b[0]++;
            if (taken > 0) b[1]++;
            b[2] += taken;
          }
          case "FN" -> {
            if (file == null) break;
            String[] a = content.split(",");
            functionLines.put(a[a.length - 1], Integer.parseInt(a[0].strip()));
          }
          case "FNDA" -> {
            if (file == null) break;
            String[] a = content.split(",", 2);
            functionHits.merge(a[1], Long.parseLong(a[0].strip()), Long::sum);
          }
          case "end_of_record" -> {
            if (file != null) {
              LineCoverage lc = files.computeIfAbsent(file, k -> new LineCoverage());
              branches.forEach((l, b) -> {
                Long h = hits.get(l);
                if (h == null) {
                  hits.put(l, b[0] > 0 && b[1] < b[0] ? 0 : b[2]);
                } else if (h == 0 && b[2] > 0) {
                  hits.put(l, b[2]);
                }
              });
              functionLines.forEach((fn, l) -> hits.putIfAbsent(l, functionHits.getOrDefault(fn, 0L)));
              hits.forEach((l, h) -> lc.line(l, h > 0));
            }
            file = null;
            hits.clear();
            branches.clear();
            functionLines.clear();
            functionHits.clear();
          }
          default -> { } // TN, LF, LH, FNF, FNH, BRF, BRH, VER, ...: not needed
        }
      } catch (RuntimeException e) {
        throw new ReportException("line " + lineNo + " ('" + abbreviate(line) + "') is not valid LCOV");
      }
    }
    List<Source> sources = new ArrayList<>();
    files.forEach((path, lines) -> sources.add(new Source(List.of(path), lines)));
    return new CoverageReport(name, Format.LCOV, sources);
  }

  /** Go: {@code mode: set} then {@code path/file.go:12.5,15.2 3 1} (block start.col,end.col statements count). */
  private static CoverageReport go(String name, BufferedReader reader, Predicate<String> wanted) throws IOException, ReportException {
    Map<String, LineCoverage> files = new LinkedHashMap<>();
    int lineNo = 1;
    for (String raw; (raw = reader.readLine()) != null; ) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("mode:")) continue; // merged profiles repeat the mode line
      try {
        int colon = line.lastIndexOf(':');
        String path = SourceMatcher.normalize(line.substring(0, colon));
        String[] parts = line.substring(colon + 1).split(" ");
        String[] range = parts[0].split(",");
        int startLine = Integer.parseInt(range[0].substring(0, range[0].indexOf('.')));
        int endLine = Integer.parseInt(range[1].substring(0, range[1].indexOf('.')));
        int statements = Integer.parseInt(parts[1]);
        long count = Long.parseLong(parts[2]);
        if (statements == 0 || !wanted.test(baseName(path))) continue;
        LineCoverage lc = files.computeIfAbsent(path, k -> new LineCoverage());
        for (int l = startLine; l <= endLine; l++) lc.line(l, count > 0);
      } catch (RuntimeException e) {
        throw new ReportException("line " + lineNo + " ('" + abbreviate(line) + "') is not a Go cover profile block");
      }
    }
    List<Source> sources = new ArrayList<>();
    files.forEach((path, lines) -> sources.add(new Source(List.of(path), lines)));
    return new CoverageReport(name, Format.GO, sources);
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    String line = s.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(s).strip();
    return abbreviate(line.replaceFirst("^Message: ", ""));
  }
}
