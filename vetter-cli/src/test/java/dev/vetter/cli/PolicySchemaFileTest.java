package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.PolicySchema;
import dev.vetter.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code schema/vetter.schema.json} and {@code schema/waivers.schema.json} are generated from the code; this keeps the
 * committed copies (what editors are pointed at) equal to what the built-in rules and the loaders generate now.
 */
class PolicySchemaFileTest {
  static final String FILE = "schema/vetter.schema.json";
  static final String WAIVERS_FILE = "schema/waivers.schema.json";
  static final String REGENERATE = "./run-tests -pl vetter-cli -am -Dtest=PolicySchemaFileTest -Dsurefire.failIfNoSpecifiedTests=false -Dvetter.updateSchema=true";

  static String fresh() {
    return PolicySchema.json(Workspace.registry());
  }

  @Test
  void committedSchemaMatchesTheCode() throws Exception {
    Path file = Corpora.projectRoot().resolve(FILE);
    String fresh = fresh();
    if (Boolean.getBoolean("vetter.updateSchema")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, fresh, StandardCharsets.UTF_8);
      System.err.println("PolicySchemaFileTest: wrote " + file);
      return;
    }
    assertThat(file).withFailMessage("%s is missing; generate it with:%n  %s%nor: ./vetter config schema > %s", FILE, REGENERATE, FILE).exists();
    String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!committed.equals(fresh)) {
      throw new AssertionError(FILE + " is out of date with the rules and the policy loader (" + firstDifference(committed, fresh) + ").\n"
          + "Regenerate it and commit the result:\n  " + REGENERATE + "\nor: ./vetter config schema > " + FILE);
    }
  }

  @Test
  void committedWaiversSchemaMatchesTheCode() throws Exception {
    Path file = Corpora.projectRoot().resolve(WAIVERS_FILE);
    String fresh = dev.vetter.policy.WaiversSchema.json();
    if (Boolean.getBoolean("vetter.updateSchema")) {
      Files.writeString(file, fresh, StandardCharsets.UTF_8);
      System.err.println("PolicySchemaFileTest: wrote " + file);
      return;
    }
    assertThat(file).withFailMessage("%s is missing; generate it with:%n  %s", WAIVERS_FILE, REGENERATE).exists();
    String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!committed.equals(fresh)) {
      throw new AssertionError(WAIVERS_FILE + " is out of date with the waivers loader (" + firstDifference(committed, fresh) + ").\n"
          + "Regenerate it and commit the result:\n  " + REGENERATE);
    }
  }

  @Test
  void everyBuiltInOptionHasATypeAndADescription() throws Exception {
    JsonNode rules = new ObjectMapper().readTree(fresh()).get("definitions").get("rules").get("properties");
    for (Map.Entry<String, JsonNode> rule : rules.properties()) {
      assertThat(rule.getValue().get("description").asText()).as(rule.getKey()).isNotBlank();
      for (Map.Entry<String, JsonNode> option : rule.getValue().get("properties").properties()) {
        // an option type the schema cannot describe would accept anything in editors
        assertThat(option.getValue().has("type")).as("%s option %s has a supported type", rule.getKey(), option.getKey()).isTrue();
        assertThat(option.getValue().get("description").asText()).as("%s option %s has @Doc", rule.getKey(), option.getKey()).isNotBlank();
      }
    }
  }

  private static String firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) return "first difference at line " + (i + 1) + ": committed '" + x[i].strip() + "', generated '" + y[i].strip() + "'";
    }
    return "committed has " + x.length + " lines, generated " + y.length;
  }
}
