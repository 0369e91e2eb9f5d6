package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code external}, {@code external/TOOL} and {@code external/TOOL/RULE} in the policy: other tools' rules, known only at review time. */
class ExternalRulesPolicyTest {
  private final PolicyLoader loader = new PolicyLoader(TestChecks.registry());
  private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(PolicySchema.of(TestChecks.registry()));

  private List<String> problems(String yaml) {
    return loader.validate("p.yml", yaml).stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
  }

  private boolean schemaAccepts(String yaml) {
    return schema.validate(YamlDocument.parse("p.yml", yaml).root()).isEmpty();
  }

  @Test
  void acceptedAtEveryLevelWithEnabledAndSeverity() {
    String yaml = """
        rules:
          external: {severity: notice}
          external/eslint: {severity: warning}
          external/eslint/no-console: false
          external/eslint/typescript-eslint/no-explicit-any: {enabled: true, severity: error}
        overrides:
          - paths: ['legacy/**']
            rules: {external/shellcheck: false}
        """;
    assertThat(problems(yaml)).isEmpty();
    assertThat(schemaAccepts(yaml)).isTrue();
    Policy p = loader.load(List.of(new YamlSource("p.yml", yaml)));
    assertThat(p.rules().get("external/eslint/no-console").enabled()).isFalse();
  }

  @Test
  void optionsAndMisspeltIdsAreRejected() {
    assertThat(problems("rules:\n  external/eslint/no-console: {max: 3}\n")).singleElement().asString().startsWith("2:")
        .endsWith(" 'max' is not a setting of another tool's rules; they take enabled, severity, mode (configure the tool itself for the rest)");
    assertThat(schemaAccepts("rules:\n  external/eslint/no-console: {max: 3}\n")).isFalse();
    assertThat(problems("rules:\n  external/ESLint/No_Console: false\n"))
        .containsExactly("2:3 'external/ESLint/No_Console' is not an id of another tool's rule: they are external/TOOL/RULE in lower case,"
            + " did you mean 'external/eslint/no-console'?");
    assertThat(schemaAccepts("rules:\n  external/ESLint/No_Console: false\n")).isFalse();
    assertThat(problems("rules:\n  external/: false\n")).hasSize(1);
    assertThat(problems("rules:\n  externals: false\n")).singleElement().asString().contains("unknown rule or family 'externals'");
  }

  @Test
  void effectiveSettingsShowThemAsWritten() {
    var tree = loader.effectiveTree(List.of(new YamlSource("p.yml", "rules:\n  external/eslint: {severity: notice}\n")));
    assertThat(tree.get("rules").get("external/eslint").toString()).isEqualTo("{\"severity\":\"notice\"}");
  }
}
