package dev.vetter.ingest;

import dev.vetter.check.Severity;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checkstyle's XML report, which many linters write ({@code <checkstyle><file name><error line column
 * severity message source/>}). {@code source} is the rule: Checkstyle's own check classes become their
 * simple name without {@code Check} ({@code ...whitespace.WhitespaceAroundCheck} →
 * {@code WhitespaceAround}, tool {@code checkstyle}), ESLint's {@code eslint.rules.no-console} becomes
 * {@code no-console} (tool {@code eslint}), ShellCheck's {@code ShellCheck.SC2086} becomes {@code SC2086}
 * (tool {@code shellcheck}); other sources are taken as they are, under the tool named by
 * {@code --input-name} (else {@code checkstyle}). A message ending in its own rule in parentheses, as
 * ESLint writes them, loses that suffix. Severities: error, warning, info (→ notice); ignore is
 * skipped. An {@code <error>} without a line is about the whole file.
 */
final class CheckstyleReader {
  private CheckstyleReader() {}

  static void read(byte[] bytes, Collector out) {
    XMLStreamReader r = Xml.open(bytes);
    try {
      String file = null;
      boolean root = true;
      while (r.hasNext()) {
        if (r.next() != XMLStreamReader.START_ELEMENT) continue;
        String name = r.getLocalName();
        if (root) {
          if (!name.equals("checkstyle")) throw new BadInput("the root element is <" + name + ">, not <checkstyle>");
          root = false;
        } else if (name.equals("file")) {
          file = Xml.attr(r, "name");
        } else if (name.equals("error")) {
          if (file == null) throw new BadInput("line " + r.getLocation().getLineNumber() + ": <error> outside a <file name=...>");
          String severity = Xml.attr(r, "severity");
          if (severity != null && severity.strip().equalsIgnoreCase("ignore")) {
            out.skip("their severity is ignore");
            continue;
          }
          String source = Xml.attr(r, "source");
          String rule = ruleOf(source);
          String message = Xml.attr(r, "message");
          if (message != null && rule != null && message.endsWith(" (" + rule + ")")) message = message.substring(0, message.length() - rule.length() - 3);
          out.add(Diagnostic.at(toolOf(source), rule, severity(severity), file, Xml.intAttr(r, "line"), Xml.intAttr(r, "column"), message));
        }
      }
      if (root) throw new BadInput("no XML element found");
    } catch (XMLStreamException e) {
      throw Xml.bad(e);
    }
  }

  static Severity severity(String s) {
    if (s == null) return null;
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      case "info" -> Severity.NOTICE;
      default -> null;
    };
  }

  // null: the tool is named by --input-name, else the format's default
  private static String toolOf(String source) {
    if (source == null) return null;
    if (source.startsWith("eslint.rules.")) return "eslint";
    if (source.startsWith("ShellCheck.")) return "shellcheck";
    if (isCheckstyleClass(source)) return "checkstyle";
    return null;
  }

  static String ruleOf(String source) {
    if (source == null || source.isBlank()) return null;
    if (source.startsWith("eslint.rules.")) return source.substring("eslint.rules.".length());
    if (source.startsWith("ShellCheck.")) return source.substring("ShellCheck.".length());
    if (isCheckstyleClass(source)) {
      String simple = source.substring(source.lastIndexOf('.') + 1);
      return simple.endsWith("Check") && simple.length() > 5 ? simple.substring(0, simple.length() - 5) : simple;
    }
    return source;
  }

  private static boolean isCheckstyleClass(String source) {
    return source.startsWith("com.puppycrawl.tools.checkstyle.");
  }
}
