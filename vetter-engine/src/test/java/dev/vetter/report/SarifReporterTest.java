package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vetter.check.Finding;
import dev.vetter.engine.ReviewResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static JsonNode sarif(ReviewResult r) throws Exception {
    return JSON.readTree(ReviewFixture.render("sarif", r));
  }

  @Test
  void driverDescribesVetterAndTheRulesResultsReferTo() throws Exception {
    JsonNode run = sarif(ReviewFixture.review(tmp.resolve("repo"))).get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("Vetter");
    assertThat(driver.get("version").asText()).isEqualTo(ReviewFixture.VERSION);
    assertThat(driver.get("informationUri").asText()).isEqualTo(SarifReporter.INFORMATION_URI);
    // sorted by id; the quiet and disabled rules found nothing, so they are not described
    assertThat(driver.get("rules").findValuesAsText("id")).containsExactly("demo/change-size", "demo/markers", "demo/titles");
    assertThat(driver.get("rules").get(1)).isEqualTo(JSON.readTree("""
        {"id": "demo/markers",
         "shortDescription": {"text": "Marker comments left in code."},
         "fullDescription": {"text": "Markers like `FIXME` rot & pile <up>."},
         "help": {"text": "Markers like `FIXME` rot & pile <up>.\\n\\nResolve the marker, or file an issue and link it.",
                  "markdown": "Markers like `FIXME` rot & pile <up>.\\n\\nResolve the marker, or file an issue and link it."},
         "defaultConfiguration": {"level": "warning"},
         "properties": {"category": "style", "tags": ["style"]}}
        """));
    assertThat(driver.get("rules").get(2).get("defaultConfiguration").get("level").asText()).isEqualTo("note");
  }

  @Test
  void oneResultPerFindingWithLocationFingerprintAndFix() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    JsonNode results = sarif(r).get("runs").get(0).get("results");
    assertThat(results).hasSize(4);
    Finding error = r.findings().get(2);
    assertThat(results.get(2)).isEqualTo(JSON.readTree("""
        {"ruleId": "demo/markers", "ruleIndex": 1, "level": "error",
         "message": {"text": "Resolve the marker: handle <null> & \\"empty\\" | 100% done, ok"},
         "properties": {"mode": "block"},
         "locations": [{"physicalLocation": {
             "artifactLocation": {"uri": "src/App.java", "uriBaseId": "SRCROOT"},
             "region": {"startLine": 2, "endLine": 2, "startColumn": 6}}}],
         "partialFingerprints": {"vetter/v1": "FP"},
         "fixes": [{"description": {"text": "Replace line 2."},
             "artifactChanges": [{"artifactLocation": {"uri": "src/App.java", "uriBaseId": "SRCROOT"},
                 "replacements": [{"deletedRegion": {"startLine": 2, "endLine": 2},
                                   "insertedContent": {"text": "  // TODO: handle <null> & \\"empty\\" | 100% done, ok"}}]}]}]}
        """.replace("FP", error.fingerprint())));
    // two lines, no column, no suggestion
    assertThat(results.get(3).get("locations").get(0).get("physicalLocation").get("region"))
        .isEqualTo(JSON.readTree("{\"startLine\": 4, \"endLine\": 5}"));
    assertThat(results.get(3).has("fixes")).isFalse();
    // file level: a location without a region, the path encoded as a URI reference
    assertThat(results.get(1).get("level").asText()).isEqualTo("note");
    assertThat(results.get(1).get("locations").get(0).get("physicalLocation"))
        .isEqualTo(JSON.readTree("{\"artifactLocation\": {\"uri\": \"docs/notes,%20v2.md\", \"uriBaseId\": \"SRCROOT\"}}"));
    // change level: no location at all
    assertThat(results.get(0).get("ruleIndex").asInt()).isZero();
    assertThat(results.get(0).has("locations")).isFalse();
    assertThat(results.get(0).get("partialFingerprints").get("vetter/v1").asText()).isEqualTo(r.findings().get(0).fingerprint());
  }

  @Test
  void pathsBecomeRelativeUriReferences() {
    assertThat(SarifReporter.uri("src/a b/é#1?.java")).isEqualTo("src/a%20b/%C3%A9%231%3F.java");
    assertThat(SarifReporter.uri("c:/x%y")).isEqualTo("c%3A/x%25y");
  }

  @Test
  void validatesAgainstTheOfficialSarif210Schema() throws Exception {
    JsonSchema schema = schema();
    JsonNode log = sarif(ReviewFixture.review(tmp.resolve("repo")));
    Set<ValidationMessage> errors = schema.validate(log);
    assertThat(errors).as("SARIF schema errors").isEmpty();
    assertThat(schema.validate(sarif(ReviewFixture.reviewClean(tmp.resolve("clean"))))).as("SARIF schema errors, no findings").isEmpty();

    // the validator does reject what the schema forbids
    ObjectNode broken = log.deepCopy();
    ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void waivedFindingsAreResultsWithAnExternalSuppression() throws Exception {
    JsonNode log = sarif(ReviewFixture.reviewWithWaivers(tmp.resolve("repo")));
    assertThat(schema().validate(log)).as("SARIF schema errors").isEmpty();
    JsonNode results = log.get("runs").get(0).get("results");
    assertThat(results).hasSize(4);
    List<JsonNode> suppressed = new java.util.ArrayList<>();
    results.forEach(r -> {
      if (r.has("suppressions")) suppressed.add(r);
    });
    assertThat(suppressed).extracting(r -> r.get("ruleId").asText()).containsExactly("demo/markers", "demo/markers");
    JsonNode s = suppressed.get(0).get("suppressions").get(0);
    assertThat(s.get("kind").asText()).isEqualTo("external");
    assertThat(s.get("status").asText()).isEqualTo("accepted");
    assertThat(s.get("justification").asText()).isEqualTo("accepted-risk: tracked in \"JIRA-1\" & co (owner @team <core>, until 2026-01-31, .vetter/waivers.yml:2)");
    assertThat(s.get("location").get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(2);
    assertThat(s.get("properties").get("expires").asText()).isEqualTo("2026-01-31");
    // the rule a suppressed result refers to is described like any other
    JsonNode rules = log.get("runs").get(0).get("tool").get("driver").get("rules");
    assertThat(rules.get(suppressed.get(0).get("ruleIndex").asInt()).get("id").asText()).isEqualTo("demo/markers");
  }

  static JsonSchema schema() throws Exception {
    Path file = SarifSchema.require();
    JsonNode node = JSON.readTree(Files.readString(file));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
  }
}
