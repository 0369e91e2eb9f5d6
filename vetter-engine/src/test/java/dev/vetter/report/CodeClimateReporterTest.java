package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.check.Finding;
import dev.vetter.engine.ReviewResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeClimateReporterTest {
  @TempDir Path tmp;

  static JsonNode read(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  /** GitLab's documented required fields, on every entry: a report missing one is rejected or shown wrong. */
  @Test
  void everyIssueHasGitlabsRequiredFields() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    JsonNode issues = read(ReviewFixture.render("codeclimate", r));
    assertThat(issues.isArray()).isTrue();
    assertThat(issues).hasSize(r.findings().size());
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode i : issues) {
      assertThat(i.path("description").isTextual() && !i.get("description").asText().isEmpty()).as("description in %s", i).isTrue();
      assertThat(i.path("check_name").isTextual()).as("check_name in %s", i).isTrue();
      assertThat(i.path("fingerprint").isTextual()).as("fingerprint in %s", i).isTrue();
      assertThat(fingerprints.add(i.get("fingerprint").asText())).as("unique fingerprint in %s", i).isTrue();
      assertThat(i.path("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
      assertThat(i.path("location").path("path").isTextual()).as("location.path in %s", i).isTrue();
      assertThat(i.path("location").path("lines").path("begin").isInt()).as("location.lines.begin in %s", i).isTrue();
      assertThat(i.path("location").path("lines").path("begin").asInt()).isPositive();
    }
  }

  @Test
  void mapsEachFindingAsDocumented() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    JsonNode issues = read(ReviewFixture.render("codeclimate", r));
    List<Finding> f = r.findings();
    assertThat(issues.get(0)).isEqualTo(read("""
        {"type": "issue", "check_name": "demo/change-size", "description": "The change touches 2 files, 100% new: split it?",
         "categories": ["Clarity"], "severity": "major", "fingerprint": "FP",
         "location": {"path": ".vetter.yml", "lines": {"begin": 1, "end": 1}}}
        """.replace("FP", f.get(0).fingerprint())));
    assertThat(issues.get(1)).isEqualTo(read("""
        {"type": "issue", "check_name": "demo/titles", "description": "No title.\\nAsk @octocat: see https://example.com/x.",
         "categories": ["Bug Risk"], "severity": "info", "fingerprint": "FP",
         "location": {"path": "docs/notes, v2.md", "lines": {"begin": 1, "end": 1}}}
        """.replace("FP", f.get(1).fingerprint())));
    assertThat(issues.get(2)).isEqualTo(read("""
        {"type": "issue", "check_name": "demo/markers", "description": "Resolve the marker: handle <null> & \\"empty\\" | 100% done, ok",
         "categories": ["Style"], "severity": "critical", "fingerprint": "FP",
         "location": {"path": "src/App.java", "lines": {"begin": 2, "end": 2}}}
        """.replace("FP", f.get(2).fingerprint())));
    assertThat(issues.get(3).get("location")).isEqualTo(read("""
        {"path": "src/App.java", "lines": {"begin": 4, "end": 5}}"""));
    assertThat(issues.get(3).get("severity").asText()).isEqualTo("major");
  }

  @Test
  void noFindingsIsAnEmptyArray() throws Exception {
    assertThat(read(ReviewFixture.render("codeclimate", ReviewFixture.reviewClean(tmp.resolve("repo"))))).isEmpty();
  }
}
