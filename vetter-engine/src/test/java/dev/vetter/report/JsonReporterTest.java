package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.vetter.engine.ReviewResult;
import dev.vetter.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static JsonSchema schema() throws Exception {
    JsonNode node = JSON.readTree(Files.readString(Corpora.projectRoot().resolve("docs/output-json.schema.json")));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
  }

  @Test
  void outputValidatesAgainstTheDocumentedSchema() throws Exception {
    JsonSchema schema = schema();
    assertThat(schema.validate(JSON.readTree(ReviewFixture.render("json", ReviewFixture.review(tmp.resolve("repo")))))).isEmpty();
    assertThat(schema.validate(JSON.readTree(ReviewFixture.render("json", ReviewFixture.reviewClean(tmp.resolve("clean")))))).isEmpty();
  }

  @Test
  void waivedFindingsAreListedWithTheirWaiver() throws Exception {
    JsonNode out = JSON.readTree(ReviewFixture.render("json", ReviewFixture.reviewWithWaivers(tmp.resolve("repo"))));
    assertThat(schema().validate(out)).isEmpty();
    assertThat(out.get("findings")).extracting(f -> f.get("rule").asText()).containsExactly("demo/change-size", "demo/titles");
    assertThat(out.get("waived")).hasSize(2);
    JsonNode first = out.get("waived").get(0);
    assertThat(first.get("finding").get("rule").asText()).isEqualTo("demo/markers");
    assertThat(first.get("finding").get("line").asInt()).isEqualTo(2);
    assertThat(first.get("waiver").toString()).isEqualTo("{\"file\":\".vetter/waivers.yml\",\"line\":2,\"fingerprint\":null,\"rule\":\"demo/markers\","
        + "\"path\":\"src/**\",\"reason\":\"accepted-risk\",\"owner\":\"@team <core>\",\"created\":\"2026-01-01\",\"expires\":\"2026-01-31\","
        + "\"note\":\"tracked in \\\"JIRA-1\\\" & co\"}");
    assertThat(out.get("summary").get("waived").asInt()).isEqualTo(2);
    assertThat(out.get("summary").get("failed").asBoolean()).isFalse();
  }

  @Test
  void theSchemaRejectsUndocumentedOrMissingFields() throws Exception {
    JsonSchema schema = schema();
    JsonNode ok = JSON.readTree(ReviewFixture.render("json", ReviewFixture.review(tmp.resolve("repo"))));
    ObjectNode extra = ok.deepCopy();
    ((ObjectNode) extra.get("findings").get(0)).put("undocumented", 1);
    ObjectNode missing = ok.deepCopy();
    ((ObjectNode) missing.get("summary")).remove("suppressed");
    ObjectNode badSeverity = ok.deepCopy();
    ((ObjectNode) badSeverity.get("findings").get(1)).put("severity", "fatal");
    for (JsonNode bad : List.of(extra, missing, badSeverity)) assertThat(schema.validate(bad)).isNotEmpty();
  }

  @Test
  void everyFieldIsDescribed() throws Exception {
    JsonNode s = JSON.readTree(Files.readString(Corpora.projectRoot().resolve("docs/output-json.schema.json")));
    List<String> undocumented = new ArrayList<>();
    for (String def : List.of("finding", "summary", "waiver")) {
      JsonNode d = s.get("$defs").get(def);
      d.get("properties").properties().forEach(e -> {
        if (!e.getValue().hasNonNull("description")) undocumented.add(def + "." + e.getKey());
      });
      List<String> required = new ArrayList<>();
      d.get("required").forEach(n -> required.add(n.asText()));
      List<String> props = new ArrayList<>();
      d.get("properties").fieldNames().forEachRemaining(props::add);
      assertThat(required).as("every %s key is always present", def).containsExactlyInAnyOrderElementsOf(props);
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void shadowFindingsAreListedApartWithTheirMode() throws Exception {
    ReviewResult r = ReviewFixture.reviewWithShadow(tmp.resolve("repo"));
    JsonNode root = JSON.readTree(ReviewFixture.render("json", r));
    assertThat(root.get("findings")).hasSize(3).noneMatch(f -> f.get("rule").asText().equals("demo/titles"));
    assertThat(root.get("shadow")).singleElement().satisfies(f -> {
      assertThat(f.get("rule").asText()).isEqualTo("demo/titles");
      assertThat(f.get("mode").asText()).isEqualTo("shadow");
    });
    assertThat(root.get("summary").get("shadow").asInt()).isEqualTo(1);
    assertThat(root.get("summary").get("total").asInt()).isEqualTo(3);
  }

  @Test
  void fieldsCarryTheFindingsValues() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    JsonNode root = JSON.readTree(ReviewFixture.render("json", r));
    assertThat(root.get("findings").get(2)).isEqualTo(JSON.readTree("""
        {"rule": "demo/markers", "severity": "error", "category": "style", "path": "src/App.java", "line": 2, "endLine": 2, "column": 6,
         "message": "Resolve the marker: handle <null> & \\"empty\\" | 100% done, ok", "mode": "block", "fingerprint": "FP",
         "suggestion": "  // TODO: handle <null> & \\"empty\\" | 100% done, ok", "commit": null}
        """.replace("FP", r.findings().get(2).fingerprint())));
    assertThat(root.get("findings").get(0).get("path").isNull()).isTrue();
    assertThat(root.get("findings").get(1).get("line").isNull()).isTrue();
    JsonNode summary = root.get("summary");
    assertThat(summary.get("total").asInt()).isEqualTo(4);
    assertThat(summary.get("shadow").asInt()).isZero();
    assertThat(root.get("shadow").isArray()).isTrue();
    assertThat(root.get("findings").get(0).get("mode").asText()).as("a rule left at its default mode").isEqualTo("comment");
    assertThat(summary.get("failed").asBoolean()).isTrue();
    assertThat(summary.get("warning").asInt()).isEqualTo(2);
  }
}
