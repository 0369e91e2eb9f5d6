package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.RuleInfo;
import dev.vetter.git.GitRepository;
import dev.vetter.ingest.Ingest;
import dev.vetter.ingest.InputFormat;
import dev.vetter.ingest.PathResolver;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report copes with rules that are in no registry: other tools' rules, read with --input. */
class ExternalRulesReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  ReviewResult review() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("src/App.java", "class App {\n  int x;\n}\n").commit("feat: app");
      repo.branch("feature");
      repo.write("src/App.java", ReviewFixture.APP).commit("feat: more");
    }
    try (GitRepository git = GitRepository.open(tmp.resolve("repo"))) {
      Change change = git.range("main", "feature");
      List<Finding> external = List.of(
          Finding.onLine("src/App.java", 2, "Unexpected console statement.").withColumn(3)
              .withIdentity(RuleInfo.externalId("eslint", "no-console"), Severity.ERROR, null, null),
          Finding.onChange("CodeScanner did not complete.").withIdentity(RuleInfo.externalId("CodeScanner", "execution-failed"), Severity.ERROR, null, null));
      return new Reviewer(ReviewFixture.REGISTRY, ReviewFixture.policy()).withExternalFindings(external).review(change);
    }
  }

  @Test
  void everyFormatNamesTheExternalRules() throws Exception {
    ReviewResult r = review();
    assertThat(r.findings()).extracting(Finding::rule).contains("external/eslint/no-console", "external/codescanner/execution-failed");
    for (String format : Reporters.NAMES) {
      assertThat(ReviewFixture.render(format, r)).as(format).contains("external/eslint/no-console");
    }
    String junit = ReviewFixture.render("junit", r);
    assertThat(junit).contains("<testcase name=\"external/eslint/no-console\" classname=\"vetter.external\">");
  }

  @Test
  void sarifDescribesThemAndStaysValid() throws Exception {
    JsonNode log = JSON.readTree(ReviewFixture.render("sarif", review()));
    JsonNode rules = log.get("runs").get(0).get("tool").get("driver").get("rules");
    JsonNode eslint = null;
    for (JsonNode rule : rules) if (rule.get("id").asText().equals("external/eslint/no-console")) eslint = rule;
    assertThat(eslint).isNotNull();
    assertThat(eslint.get("shortDescription").get("text").asText()).isEqualTo("Reported by eslint (its rule no-console), read with `vetter review --input`.");
    assertThat(eslint.get("properties").get("category").asText()).isEqualTo("smells");
    assertThat(SarifReporterTest.schema().validate(log)).as("SARIF schema errors").isEmpty();
  }

  @Test
  void vettersOwnSarifReadsBackAsTheSameFindings() throws Exception {
    ReviewResult r = review();
    byte[] sarif = ReviewFixture.render("sarif", r).getBytes(StandardCharsets.UTF_8);
    Ingest.Result back = Ingest.read(Input.of("external", "vetter.sarif", sarif), InputFormat.parse("sarif"), null,
        PathResolver.of(tmp.resolve("repo"), tmp), p -> r.change().contents().head(p));
    assertThat(back.warnings()).isEmpty();
    assertThat(back.findings()).extracting(f -> f.rule().replaceFirst("^external/vetter/", ""), Finding::path, Finding::line, Finding::endLine,
        Finding::column, Finding::severity, Finding::message)
        .containsExactlyElementsOf(r.findings().stream().map(f -> tuple(f.rule(), f.path(), f.line(), f.endLine(), f.column(), f.severity(), f.message())).toList());
  }
}
