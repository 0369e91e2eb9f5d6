package dev.vetter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.io.IOException;

/**
 * GitLab's Code Quality report (a subset of the Code Climate issue format): a JSON array with one
 * issue per finding. Severities: notice → {@code info}, warning → {@code major}, error →
 * {@code critical}. File-level findings point at line 1; change-level findings, which GitLab cannot
 * show without a path, are filed at line 1 of the policy file, {@code .vetter.yml}.
 */
public final class CodeClimateReporter implements Reporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    out.append(JSON.writeValueAsString(tree(result))).append('\n');
  }

  static ArrayNode tree(ReviewResult result) {
    ArrayNode issues = JSON.createArrayNode();
    for (Finding f : result.findings()) {
      ObjectNode n = issues.addObject();
      n.put("type", "issue");
      n.put("check_name", f.rule());
      n.put("description", f.message());
      n.putArray("categories").add(category(f.category()));
      n.put("severity", severity(f.severity()));
      n.put("fingerprint", f.fingerprint());
      ObjectNode location = n.putObject("location");
      location.put("path", f.path() == null ? ReportText.CHANGE_LEVEL_PATH : f.path());
      ObjectNode lines = location.putObject("lines");
      lines.put("begin", Math.max(1, f.line()));
      lines.put("end", Math.max(1, f.endLine()));
    }
    return issues;
  }

  static String severity(Severity s) {
    return switch (s) {
      case ERROR -> "critical";
      case WARNING -> "major";
      case NOTICE -> "info";
    };
  }

  /** The nearest of the Code Climate spec's fixed categories (GitLab ignores them; other readers require one). */
  static String category(Category c) {
    return switch (c) {
      case STYLE -> "Style";
      case SECURITY -> "Security";
      case DEPENDENCIES -> "Compatibility";
      case TESTS, SMELLS -> "Bug Risk";
      case COMMITS, OWNERSHIP -> "Clarity";
    };
  }
}
