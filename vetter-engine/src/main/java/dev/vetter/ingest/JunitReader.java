package dev.vetter.ingest;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.check.Severity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * JUnit XML ({@code <testsuites>}/{@code <testsuite>}/{@code <testcase>} with {@code <failure>} or
 * {@code <error>}), as test runners and some linters write it. Each failing test case becomes one
 * finding, rule {@code failure} or {@code error}, severity error. Where: the {@code file} and
 * {@code line} attributes of the test case (pytest, Jest, Go's gotestsum) or the failure, else the
 * first {@code path:line[:column]} in the failure's message or text that names a file of the
 * repository (a stack frame, a compiler message), else the test suite's {@code file} or {@code name}
 * when that is a file of the repository (ESLint's junit format) with a {@code line N, col M} in the
 * text; else the finding is about the change as a whole.
 */
final class JunitReader {
  private static final Pattern FILE_LINE = Pattern.compile("((?:[A-Za-z]:)?[^\\s:()\"'<>\\[\\]]+\\.[A-Za-z0-9]+):(\\d+)(?::(\\d+))?");
  private static final Pattern LINE_COL = Pattern.compile("\\bline (\\d+)(?:, col(?:umn)? (\\d+))?");

  private JunitReader() {}

  /** {@code repoPath} gives the repository path of a path the tool printed, when it is a file of the repository at head. */
  static void read(byte[] bytes, Collector out, Function<String, Optional<String>> repoPath) {
    XMLStreamReader r = Xml.open(bytes);
    try {
      Deque<String[]> suites = new ArrayDeque<>(); // {file, name} of the enclosing test suites
      String[] testcase = null; // classname, name, file, line
      boolean root = true;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamReader.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "testsuite" -> suites.poll();
            case "testcase" -> testcase = null;
            default -> { }
          }
          continue;
        }
        if (event != XMLStreamReader.START_ELEMENT) continue;
        String name = r.getLocalName();
        if (root) {
          if (!name.equals("testsuites") && !name.equals("testsuite")) {
            throw new BadInput("the root element is <" + name + ">, not <testsuites> or <testsuite>");
          }
          root = false;
        }
        switch (name) {
          case "testsuite" -> suites.push(new String[] {Xml.attr(r, "file"), Xml.attr(r, "name")});
          case "testcase" -> testcase = new String[] {Xml.attr(r, "classname"), Xml.attr(r, "name"), Xml.attr(r, "file"), Xml.attr(r, "line")};
          case "failure", "error" -> {
            if (testcase == null) continue; // a suite-level error element: no test to name
            String message = Xml.attr(r, "message");
            String fileAttr = Xml.attr(r, "file");
            int lineAttr = Xml.intAttr(r, "line");
            String body = text(r);
            out.add(diagnostic(name, testcase, suites.peek(), message, fileAttr, lineAttr, body, repoPath));
          }
          default -> { }
        }
      }
      if (root) throw new BadInput("no XML element found");
    } catch (XMLStreamException e) {
      throw Xml.bad(e);
    }
  }

  private static Diagnostic diagnostic(String kind, String[] testcase, String[] suite, String message, String fileAttr, int lineAttr, String body,
      Function<String, Optional<String>> repoPath) {
    String test = (testcase[0] == null || testcase[0].isBlank() ? "" : testcase[0] + ".") + (testcase[1] == null ? "(unnamed)" : testcase[1]);
    String text = (message == null ? "" : message) + "\n" + (body == null ? "" : body);
    String path = firstNonBlank(testcase[2], fileAttr);
    int line = lineAttr > 0 ? lineAttr : parse(testcase[3]);
    int column = 0;
    if (path == null) {
      Matcher m = FILE_LINE.matcher(text);
      while (m.find()) {
        if (repoPath.apply(m.group(1)).isPresent()) {
          path = m.group(1);
          line = parse(m.group(2));
          column = m.group(3) == null ? 0 : parse(m.group(3));
          break;
        }
      }
    }
    if (path == null && suite != null) {
      for (String candidate : new String[] {suite[0], suite[1]}) {
        if (candidate != null && repoPath.apply(candidate).isPresent()) {
          path = candidate;
          Matcher m = LINE_COL.matcher(text);
          if (line == 0 && m.find()) {
            line = parse(m.group(1));
            column = m.group(2) == null ? 0 : parse(m.group(2));
          }
          break;
        }
      }
    }
    String summary = firstNonBlank(message, body == null ? null : body.strip().lines().findFirst().orElse(null));
    String what = kind.equals("error") ? " errored" : " failed";
    Diagnostic d = Diagnostic.at(null, kind, Severity.ERROR, path, line, column, "Test " + test + what + (summary == null ? "." : ": " + summary.strip()));
    return d.withKey(test);
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
  }

  private static int parse(String digits) {
    if (digits == null) return 0;
    try {
      return Math.max(0, Integer.parseInt(digits.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // the element's text, nested elements' included (getElementText refuses those), leaving the reader at its end
  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    for (int depth = 1; depth > 0; ) {
      switch (r.next()) {
        case XMLStreamReader.START_ELEMENT -> depth++;
        case XMLStreamReader.END_ELEMENT -> depth--;
        case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA, XMLStreamReader.SPACE -> sb.append(r.getText());
        default -> { }
      }
    }
    return sb.toString();
  }
}
