package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.vetter.cli.Cli.vetter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.cli.Cli.Run;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.PolicySchema;
import dev.vetter.policy.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vetter config validate|show|schema}, in-process: exit codes, what goes to which stream. */
class ConfigCommandTest {
  @TempDir Path tmp;

  private Path file(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  static void assertNoStackTrace(Run r) {
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  // --- validate

  @Test
  void validFileExitsZero() throws Exception {
    Path f = file("ok.yml", "fail-on: warning\nrules:\n  hygiene/trailing-whitespace: {severity: warning}\n");
    Run r = vetter("config", "validate", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(f + ": valid\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void invalidFileExitsTwoWithOneLinePerProblemOnStderr() throws Exception {
    Path f = file("bad.yml", """
        fial-on: warning
        filter: everything
        rules:
          hygiene/trailing-whitespac: false
          hygiene: {severity: loud}
        """);
    Run r = vetter("config", "validate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).containsExactly(
        f + ":1:1: unknown key 'fial-on', did you mean 'fail-on'? (allowed: filter, fail-on, max-inline-comments, request-changes, include, exclude, baseline, limits, rules, overrides, waivers, ai, chatops)",
        f + ":2:9: invalid filter 'everything', allowed values: [added, diff_context, file, nofilter]",
        f + ":4:3: unknown rule or family 'hygiene/trailing-whitespac', did you mean 'hygiene/trailing-whitespace'? (see `vetter rules`)",
        f + ":5:23: invalid severity 'loud', allowed values: [error, warning, notice]",
        "4 problems in " + f);
    assertNoStackTrace(r);
  }

  @Test
  void unsafeYamlIsAProblemNotACrash() throws Exception {
    Path f = file("bomb.yml", "a: &a [x, x]\nb: [*a, *a]\n");
    Run r = vetter("config", "validate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(f + ":1:4: YAML anchors ('&a') are not allowed", f + ":2:5: YAML aliases ('*a') are not allowed");
    assertNoStackTrace(r);
  }

  @Test
  void notUtf8IsAProblemWithItsPosition() throws Exception {
    Path f = tmp.resolve("latin1.yml");
    Files.write(f, "# r\u00e9sum\u00e9\nfilter: added\n".getBytes(StandardCharsets.ISO_8859_1));
    Run r = vetter("config", "validate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(f + ":1:4: is not UTF-8 text (byte 0xE9 at offset 3); save the file as UTF-8\n1 problem in " + f);
    assertNoStackTrace(r);
  }

  @Test
  void tooLargeIsAProblem() throws Exception {
    Path f = file("big.yml", "#" + "x".repeat(YamlDocument.MAX_BYTES) + "\n");
    Run r = vetter("config", "validate", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(f + ": file is 257 KiB; a policy file may have at most 256 KiB\n");
  }

  @Test
  void missingFileIsAUsageError() {
    Run r = vetter("config", "validate", tmp.resolve("nope.yml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("vetter: policy file " + tmp.resolve("nope.yml") + " does not exist\n");
  }

  // --- show

  @Test
  void showEffectiveIncludesEveryDefault() throws Exception {
    Path f = file("p.yml", "fail-on: warning\n");
    Run r = vetter("config", "show", "--effective", "--config", f.toString());
    assertThat(r.code()).isZero();
    JsonNode t = YamlDocument.parse("out", r.out()).root();
    assertThat(t.get("fail-on").asText()).isEqualTo("warning");
    assertThat(t.get("filter").asText()).isEqualTo("added");
    assertThat(t.get("max-inline-comments").asInt()).isEqualTo(25);
    assertThat(t.get("limits").get("check-timeout-seconds").asInt()).isEqualTo(30);
    assertThat(t.get("rules").get("hygiene/trailing-whitespace").toString()).isEqualTo("{\"enabled\":true,\"severity\":\"notice\",\"mode\":\"shadow\"}");
    assertThat(t.get("rules").get("hygiene/editorconfig").toString()).isEqualTo("{\"enabled\":true,\"severity\":\"warning\",\"mode\":\"comment\",\"ignore\":[]}");
    assertThat(r.out()).startsWith("filter: added\nfail-on: warning\nmax-inline-comments: 25\n");
  }

  @Test
  void showEffectiveLayersTheOrganisationFileUnderTheRepositorys() throws Exception {
    Path org = file("org.yml", """
        fail-on: notice
        exclude: ['vendor/**']
        rules:
          hygiene: {severity: error}
        overrides:
          - paths: ['**/*.md']
            rules: {hygiene/trailing-whitespace: false}
        """);
    Path repo = file("repo.yml", """
        exclude: ['third_party/**']
        overrides:
          - paths: ['docs/**']
            rules: {hygiene: true}
        """);
    Run r = vetter("config", "show", "--effective", "--org-config", org.toString(), "--config", repo.toString());
    assertThat(r.code()).isZero();
    JsonNode t = YamlDocument.parse("out", r.out()).root();
    assertThat(t.get("fail-on").asText()).as("from the organisation").isEqualTo("notice");
    assertThat(t.get("exclude").toString()).as("lists replace").isEqualTo("[\"third_party/**\"]");
    assertThat(t.get("rules").get("hygiene/trailing-whitespace").get("severity").asText()).as("family folded in").isEqualTo("error");
    assertThat(t.get("overrides").size()).as("overrides accumulate").isEqualTo(2);
    assertThat(t.get("overrides").get(0).get("paths").get(0).asText()).isEqualTo("**/*.md");
    // what it prints is itself a valid policy
    assertThat(new PolicyLoader(Workspace.registry()).validate("out", r.out())).isEmpty();
  }

  @Test
  void showEffectiveAndExplainSayWhatTheRepositoryConventionsInfer() throws Exception {
    dev.vetter.testing.TestRepo repo = dev.vetter.testing.TestRepo.init(tmp.resolve("repo"));
    for (int i = 0; i < 12; i++) repo.write("f" + i, "x\n").commit("Fix the parser for case " + i);
    Run r = vetter("config", "show", "--effective", "--repo", repo.dir().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# Inferred from the repository at HEAD", "#   commits/conventional-format: mode shadow",
        "only 0 of the last 12 first-parent commits");
    // the output stays a policy that loads, inferences and all
    Path shown = Files.writeString(tmp.resolve("shown.yml"), r.out());
    assertThat(vetter("config", "validate", shown.toString()).code()).isZero();

    Run explain = vetter("explain", "commits/conventional-format", "--repo", repo.dir().toString());
    assertThat(explain.out()).contains("**In this repository**", "mode `shadow`", "only 0 of the last 12");

    Run unknown = vetter("config", "show", "--effective", "--repo", repo.dir().toString(), "--base", "no-such-branch");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown revision 'no-such-branch'");
    assertNoStackTrace(unknown);
  }

  @Test
  void showWithoutEffectivePrintsOnlyWhatTheFilesSay() throws Exception {
    Path org = file("org.yml", "rules: {hygiene: false}\n");
    Path repo = file("repo.yml", "filter: file\n");
    Run r = vetter("config", "show", "--org-config", org.toString(), "--config", repo.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("rules:\n  hygiene:\n    enabled: false\nfilter: file\n");
  }

  @Test
  void showReportsAnInvalidLayerLikeValidate() throws Exception {
    Path org = file("org.yml", "fail-on: sometimes\n");
    Run r = vetter("config", "show", "--effective", "--org-config", org.toString(), "--config", file("repo.yml", "").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("vetter: invalid policy (1 problem):\n  " + org
        + ":1:10: invalid fail-on 'sometimes', allowed values: [error, warning, notice, never]\n");
  }

  // --- schema

  @Test
  void schemaPrintsTheGeneratedSchema() throws Exception {
    Run r = vetter("config", "schema");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(PolicySchema.json(Workspace.registry()));
    JsonNode schema = new ObjectMapper().readTree(r.out());
    assertThat(schema.get("definitions").get("rules").get("properties").has("hygiene/trailing-whitespace")).isTrue();
  }
}
