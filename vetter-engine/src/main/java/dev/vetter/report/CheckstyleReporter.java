package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkstyle's XML report (format 4.3), as Jenkins warnings-ng and many other tools read it: one
 * {@code <file>} per path, one {@code <error>} per finding with its rule as {@code source}.
 * Change-level findings are filed under the policy file, {@code .vetter.yml}.
 */
public final class CheckstyleReporter implements Reporter {

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    Map<String, List<Finding>> byPath = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      byPath.computeIfAbsent(f.path() == null ? ReportText.CHANGE_LEVEL_PATH : f.path(), p -> new java.util.ArrayList<>()).add(f);
    }
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for (Map.Entry<String, List<Finding>> e : byPath.entrySet()) {
      out.append("  <file name=\"").append(Xml.attr(e.getKey())).append("\">\n");
      for (Finding f : e.getValue()) {
        out.append("    <error");
        if (f.line() > 0) out.append(" line=\"").append(String.valueOf(f.line())).append('"');
        if (f.column() > 0) out.append(" column=\"").append(String.valueOf(f.column())).append('"');
        out.append(" severity=\"").append(severity(f.severity())).append('"')
            .append(" message=\"").append(Xml.attr(f.message())).append('"')
            .append(" source=\"").append(Xml.attr(f.rule())).append("\"/>\n");
      }
      out.append("  </file>\n");
    }
    out.append("</checkstyle>\n");
  }

  static String severity(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTICE -> "info";
    };
  }
}
