package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated JSON Schema: its shape, and that it accepts exactly what the loader accepts. */
class PolicySchemaTest {
  private final PolicyLoader loader = new PolicyLoader(TestChecks.registry());
  private final ObjectNode schemaTree = PolicySchema.of(TestChecks.registry());
  private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaTree);

  private Set<ValidationMessage> schemaProblems(String yaml) {
    return schema.validate(YamlDocument.parse("p.yml", yaml).root());
  }

  @Test
  void describesExactlyTheLoadersTopLevelKeysInOrder() {
    assertThat(schemaTree.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schemaTree.get("additionalProperties").asBoolean()).isFalse();
    List<String> keys = new ArrayList<>();
    schemaTree.get("properties").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isEqualTo(PolicyLoader.KEYS);
  }

  @Test
  void topLevelKeysHaveDescriptionsDefaultsAndEnums() {
    JsonNode p = schemaTree.get("properties");
    assertThat(p.get("filter").toString()).startsWith("{\"description\":\"Which findings are reported")
        .contains("\"type\":\"string\",\"enum\":[\"added\",\"diff_context\",\"file\",\"nofilter\"],\"default\":\"added\"");
    assertThat(p.get("fail-on").get("enum").toString()).isEqualTo("[\"error\",\"warning\",\"notice\",\"never\"]");
    assertThat(p.get("fail-on").get("default").asText()).isEqualTo("error");
    assertThat(p.get("max-inline-comments").get("default").asInt()).isEqualTo(25);
    assertThat(p.get("limits").get("properties").get("max-file-bytes").get("default").asLong()).isEqualTo(4L << 20);
    assertThat(p.get("limits").get("properties").get("check-timeout-seconds").get("default").asInt()).isEqualTo(30);
    assertThat(p.get("baseline").get("default").isNull()).isTrue();
    assertThat(p.get("rules").toString()).isEqualTo("{\"$ref\":\"#/definitions/rules\"}");
    assertThat(p.get("overrides").get("items").get("required").toString()).isEqualTo("[\"paths\"]");
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      JsonNode node = key.equals("rules") ? schemaTree.get("definitions").get("rules") : p.get(key);
      assertThat(node.get("description").asText()).as(key).isNotBlank();
    }
  }

  @Test
  void ruleOptionsComeFromTheOptionsRecord() {
    JsonNode words = schemaTree.get("definitions").get("rules").get("properties").get("test/words");
    assertThat(words.get("type").toString()).isEqualTo("[\"boolean\",\"object\"]");
    assertThat(words.get("additionalProperties").asBoolean()).isFalse();
    assertThat(words.get("description").asText()).isEqualTo("A line contains a flagged word. Default severity: warning, mode: comment. Run `vetter explain test/words` for details.");
    JsonNode o = words.get("properties");
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("enabled", "severity", "mode", "words", "max", "label", "ignore-case", "matching", "ratio", "bytes");
    assertThat(o.get("enabled").get("default").asBoolean()).isTrue();
    assertThat(o.get("severity").get("default").asText()).isEqualTo("warning");
    assertThat(o.get("words").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Words to flag.\",\"default\":[\"BAD\"]}");
    assertThat(o.get("max").toString()).isEqualTo("{\"type\":\"integer\",\"minimum\":-2147483648,\"maximum\":2147483647,\"description\":\"At most this many findings per file.\",\"default\":10}");
    assertThat(o.get("label").toString()).isEqualTo("{\"type\":\"string\",\"description\":\"A label shown in each message.\",\"default\":\"default\"}");
    assertThat(o.get("ignore-case").toString()).isEqualTo("{\"type\":\"boolean\",\"description\":\"Ignore case when matching.\",\"default\":false}");
    assertThat(o.get("matching").toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"strict\",\"lenient\",\"any_case\"],\"description\":\"Matching mode.\",\"default\":\"strict\"}");
    assertThat(o.get("ratio").toString()).isEqualTo("{\"type\":\"number\",\"description\":\"A ratio between 0 and 1.\",\"default\":0.5}");
    assertThat(o.get("bytes").get("type").asText()).isEqualTo("integer");
    assertThat(o.get("bytes").get("default").asLong()).isEqualTo(1024);
  }

  @Test
  void familiesTakeOnlyEnabledSeverityAndMode() {
    JsonNode rules = schemaTree.get("definitions").get("rules").get("properties");
    List<String> names = new ArrayList<>();
    rules.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("other", "other/thing", "test", "test/plain", "test/words", "vetter", "vetter/config-changed", "vetter/internal-error", "vetter/policy-changed", "vetter/waiver-expired", "vetter/waiver-stale", "vetter/waiver-too-long");
    JsonNode family = rules.get("test");
    assertThat(family.get("type").toString()).isEqualTo("[\"boolean\",\"object\"]");
    assertThat(family.get("properties").size()).isEqualTo(3);
    assertThat(family.get("properties").get("severity").has("default")).as("a family has no severity of its own").isFalse();
    assertThat(rules.get("test/plain").get("properties").size()).isEqualTo(3);
  }

  @Test
  void jsonTextIsStableAndReadable() throws Exception {
    String json = PolicySchema.json(TestChecks.registry());
    assertThat(json).startsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n").endsWith("}\n");
    assertThat(json).contains("\"enum\": [\n").doesNotContain(" : ");
    assertThat(new ObjectMapper().readTree(json).toString()).isEqualTo(schemaTree.toString());
    assertThat(PolicySchema.json(TestChecks.registry())).isEqualTo(json);
  }

  /** Files both must accept. */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "filter: added",
      "filter: nofilter\nfail-on: never\nmax-inline-comments: 0",
      "include: []\nexclude: ['*.md', 'docs/**']",
      "baseline: b.json",
      "baseline: null",
      "limits: {max-file-bytes: 1, check-timeout-seconds: 2147483647}",
      "rules: {test: false, other: {severity: notice}, test/plain: true, test/words: {}}",
      "rules: {test/words: {enabled: true, severity: error, words: [a], max: 1, label: '', ignore-case: true, matching: any_case, ratio: 1, bytes: 0}}",
      "rules: {test/words: {ratio: 0.25}}",
      "rules: {vetter/policy-changed: false}",
      "overrides: []",
      "overrides: [{paths: [a]}]",
      "overrides: [{paths: [a, 'b/**'], rules: {test/words: {max: 2}}}, {paths: [c], rules: {}}]",
  })
  void bothAccept(String yaml) {
    assertThat(loader.validate("p.yml", yaml)).isEmpty();
    assertThat(schemaProblems(yaml)).isEmpty();
  }

  /** Files both must reject. */
  @ParameterizedTest
  @ValueSource(strings = {
      "- a",
      "unknown: 1",
      "filter: everything",
      "filter: Added",
      "filter: 1",
      "filter: null",
      "fail-on: fatal",
      "max-inline-comments: -1",
      "max-inline-comments: '3'",
      "max-inline-comments: 2147483648",
      "include: a",
      "include: [1]",
      "include: ['']",
      "include: ['  ']",
      "exclude: ['!a']",
      "baseline: 3",
      "baseline: ' '",
      "limits: {max-file-bytes: 0}",
      "limits: {check-timeout-seconds: 2147483648}",
      "limits: {other: 1}",
      "limits: []",
      "rules: []",
      "rules: {nope: false}",
      "rules: {test/wo: false}",
      "rules: {test: {max: 1}}",
      "rules: {test: 1}",
      "rules: {test/plain: null}",
      "rules: {test/plain: {enabled: 1}}",
      "rules: {test/plain: {severity: high}}",
      "rules: {test/plain: {word: x}}",
      "rules: {test/words: {wrods: [x]}}",
      "rules: {test/words: {max: 'ten'}}",
      "rules: {test/words: {max: 1.5}}",
      "rules: {test/words: {max: 2147483648}}",
      "rules: {test/words: {label: 1}}",
      "rules: {test/words: {label: null}}",
      "rules: {test/words: {ignore-case: 'yes'}}",
      "rules: {test/words: {words: x}}",
      "rules: {test/words: {words: [1]}}",
      "rules: {test/words: {matching: STRICT}}",
      "rules: {test/words: {ratio: 'half'}}",
      "overrides: {}",
      "overrides: [a]",
      "overrides: [{rules: {}}]",
      "overrides: [{paths: []}]",
      "overrides: [{paths: [a], other: 1}]",
      "overrides: [{paths: [a], rules: {test: {label: x}}}]",
  })
  void bothReject(String yaml) {
    assertThat(loader.validate("p.yml", yaml)).as("loader").isNotEmpty();
    assertThat(schemaProblems(yaml)).as("schema").isNotEmpty();
  }

  /** What a schema cannot say: glob syntax and each rule's own constraints. Only the loader rejects these. */
  @ParameterizedTest
  @ValueSource(strings = {
      "include: ['src/[abc']",
      "exclude: ['a{b']",
      "rules: {test/words: {max: 0}}",
      "rules: {test/words: {words: []}}",
  })
  void onlyTheLoaderRejects(String yaml) {
    assertThat(loader.validate("p.yml", yaml)).isNotEmpty();
    assertThat(schemaProblems(yaml)).isEmpty();
  }
}
