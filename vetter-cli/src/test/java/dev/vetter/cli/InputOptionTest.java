package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.vetter.cli.Cli.vetter;
import static dev.vetter.cli.Cli.vetterWithStdin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vetter review --input FILE [--input-format F] [--input-name T]}: other tools' findings, scoped to the change like Vetter's own. */
class InputOptionTest {
  @TempDir Path tmp;
  TestRepo repo;

  /** {@code src/app.js}: line 1 as it was, lines 2 and 3 added by the change. */
  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("src/app.js", "const a = 1;\n").commit("start");
    repo.branch("feature");
    repo.write("src/app.js", "const a = 1;\nconsole.log(a);\n// vetter:ignore external/eslint/no-console known\nconsole.log(a);\n").commit("more");
  }

  String[] review(String... more) {
    List<String> args = new ArrayList<>(List.of("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache", "--format", "json"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  Path file(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }

  /** The external findings of a JSON report: "rule path:line severity". */
  static List<String> external(Run r) throws Exception {
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
    JsonNode root = new ObjectMapper().readTree(r.out());
    List<String> out = new ArrayList<>();
    for (JsonNode f : root.get("findings")) {
      if (!f.get("rule").asText().startsWith("external/")) continue;
      out.add(f.get("rule").asText() + " " + f.get("path").asText() + ":" + f.get("line").asText() + " " + f.get("severity").asText());
    }
    return out;
  }

  static final String SARIF = """
      {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ESLint"}},
        "originalUriBaseIds": {"ROOT": {"uri": "file://REPO/"}},
        "results": [
          {"ruleId": "no-console", "level": "warning", "message": {"text": "Unexpected console statement."},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/app.js", "uriBaseId": "ROOT"}, "region": {"startLine": 2, "startColumn": 1}}}]},
          {"ruleId": "no-console", "level": "warning", "message": {"text": "Unexpected console statement."},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/app.js", "uriBaseId": "ROOT"}, "region": {"startLine": 4, "startColumn": 1}}}]},
          {"ruleId": "prefer-const", "level": "error", "message": {"text": "Unchanged line."},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/app.js", "uriBaseId": "ROOT"}, "region": {"startLine": 1}}}]},
          {"ruleId": "no-undef", "level": "error", "message": {"text": "Outside."},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///etc/passwd"}, "region": {"startLine": 1}}}]}
        ]}]}
      """;

  @Test
  void sarifFindingsAreScopedSuppressedAndReported() throws Exception {
    Path sarif = file("eslint.sarif", SARIF.replace("REPO", repo.dir().toAbsolutePath().toString()));
    Run r = vetter(review("--input", sarif.toString()));
    assertThat(external(r)).containsExactly("external/eslint/no-console src/app.js:2 warning");
    assertThat(r.err()).contains("vetter: " + sarif + ": 1 finding dropped because its path could not be used: it is outside the repository (file:///etc/passwd)");
    JsonNode summary = new ObjectMapper().readTree(r.out()).get("summary");
    assertThat(summary.get("suppressed").asInt()).isEqualTo(1);
    assertThat(summary.get("outsideDiff").asInt()).isGreaterThanOrEqualTo(1);
    // the text report shows the offending line, as for Vetter's own rules
    Run text = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache", "--input", sarif.toString());
    assertThat(text.out()).contains("Unexpected console statement.", "external/eslint/no-console", "│ console.log(a);");
  }

  @Test
  void severalInputsEachWithItsFormatAndName() throws Exception {
    Path checkstyle = file("lint.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <checkstyle version="4.3"><file name="src/app.js">
          <error line="2" column="9" severity="error" message="Error return value is not checked" source="errcheck"/>
        </file></checkstyle>
        """);
    Path compact = file("eslint.txt", repo.dir().resolve("src/app.js") + ": line 2, col 1, Warning - Unexpected console statement. (no-console)\n\n1 problem\n");
    // each --input is followed by its own --input-name and --input-format
    Run r = vetter(review("--input", checkstyle.toString(), "--input-name", "golangci-lint",
        "--input", compact.toString(), "--input-format", "errorformat:eslint-compact"));
    assertThat(external(r)).containsExactlyInAnyOrder("external/golangci-lint/errcheck src/app.js:2 error", "external/eslint/no-console src/app.js:2 warning");
    assertThat(r.code()).isEqualTo(1); // an error fails the run, as the policy's fail-on says
  }

  @Test
  void standardInput() throws Exception {
    String rdjsonl = "{\"message\": \"m\", \"location\": {\"path\": \"src/app.js\", \"range\": {\"start\": {\"line\": 2}}}, \"severity\": \"INFO\", "
        + "\"source\": {\"name\": \"super lint\"}, \"code\": {\"value\": \"R1\"}}\n";
    Run r = vetterWithStdin(rdjsonl, review("--input", "-"));
    assertThat(external(r)).containsExactly("external/super-lint/r1 src/app.js:2 notice");
    Run errorformat = vetterWithStdin("src/app.js:2:3: W1 something\n", review("--input", "-", "--input-format", "errorformat:flake8", "--input-name", "ruff"));
    assertThat(external(errorformat)).containsExactly("external/ruff/w1 src/app.js:2 warning");
  }

  @Test
  void thePolicyConfiguresExternalRules() throws Exception {
    Path sarif = file("eslint.sarif", SARIF.replace("REPO", repo.dir().toAbsolutePath().toString()));
    Path policy = file("policy.yml", "rules:\n  external/eslint: {severity: error}\n");
    assertThat(external(vetter(review("--input", sarif.toString(), "--config", policy.toString()))))
        .containsExactly("external/eslint/no-console src/app.js:2 error");
    Path off = file("off.yml", "rules:\n  external: false\n");
    assertThat(external(vetter(review("--input", sarif.toString(), "--config", off.toString())))).isEmpty();
  }

  @Test
  void explainKnowsExternalRulesByTheirIds() {
    Run r = vetter("explain", "external/eslint/no-console");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("## external/eslint/no-console", "Reported by eslint (its rule no-console)", "vetter:ignore external/eslint/no-console");
    assertThat(vetter("explain", "external/eslint").code()).isEqualTo(2);
  }

  @Test
  void badInputIsAUsageErrorNamingTheFile() throws Exception {
    Path broken = file("broken.sarif", "{\"version\": \"2.1.0\", \"runs\": [");
    Run r = vetter(review("--input", broken.toString(), "--input-format", "sarif"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vetter: cannot read " + broken + " as sarif: line 1, column ").doesNotContain("Exception", "\tat ");
    assertThat(r.out()).isEmpty();

    Run unknown = vetter(review("--input", broken.toString(), "--input-format", "sarfi"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown input format 'sarfi', did you mean 'sarif'?");

    Run missing = vetter(review("--input", tmp.resolve("nope.sarif").toString()));
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("the input " + tmp.resolve("nope.sarif") + " does not exist");

    Run plain = vetter(review("--input", file("out.txt", "src/app.js:2: oops\n").toString()));
    assertThat(plain.code()).isEqualTo(2);
    assertThat(plain.err()).contains("cannot tell the format of", "name it with --input-format");

    Run twice = vetterWithStdin("", review("--input", "-", "--input", "-"));
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("standard input ('--input -') can be read only once");

    Run formatAlone = vetter(review("--input-format", "sarif"));
    assertThat(formatAlone.code()).isEqualTo(2);
    assertThat(formatAlone.err()).contains("--input");

    Run badPattern = vetter(review("--input", broken.toString(), "--input-format", "errorformat:%f:%l:%Q"));
    assertThat(badPattern.code()).isEqualTo(2);
    assertThat(badPattern.err()).contains("invalid errorformat");
  }
}
