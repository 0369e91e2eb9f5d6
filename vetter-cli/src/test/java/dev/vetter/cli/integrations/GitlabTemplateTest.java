package dev.vetter.cli.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vetter.cli.integrations.Processes.Result;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab CI template as a runner runs its job: the script lines from the YAML, in one bash with
 * {@code set -eo pipefail}, in the project directory of a real repository, with the job's variables
 * and GitLab's predefined merge request variables. The report is checked against the fields GitLab
 * documents for a Code Quality report (docs.gitlab.com/ci/testing/code_quality/, "Code Quality report
 * format"): a JSON array of objects with {@code description}, {@code check_name}, {@code fingerprint}
 * (unique), {@code severity} (info, minor, major, critical or blocker), {@code location.path} (relative
 * to the repository root) and {@code location.lines.begin}.
 */
class GitlabTemplateTest {
  static final Set<String> SEVERITIES = Set.of("info", "minor", "major", "critical", "blocker");

  @TempDir Path tmp;
  Path root;
  JsonNode job;
  TestRepo repo;
  String diffBase;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    root = Path.of(System.getProperty("vetter.projectRoot", "..")).toAbsolutePath().normalize();
    job = new YAMLMapper().readTree(root.resolve("ci/gitlab/vetter.gitlab-ci.yml").toFile()).get("vetter");
    repo = TestRepo.init(tmp.resolve("project"));
    diffBase = repo.write(".vetter.yml", "rules:\n  java: false  # the templates are under test here, not the Java analyzers\n"
        + "  hygiene/trailing-whitespace: {mode: comment}\n  hygiene/final-newline: {mode: comment}\n").write("README.md", "# shop\n").write("src/App.java", "class App {\n}\n").commit("feat: start");
    repo.branch("feature");
    repo.write("src/App.java", "class App {\n<<<<<<< HEAD\n  int size;  \n}\n").write("docs/new notes.md", "no newline").commit("feat: size");
    head = repo.write("src/Util.java", "class Util {\n}\n").write("src/UtilTest.java", "class UtilTest {\n}\n").commit("feat: util");
    repo.checkout("main");
    repo.write("README.md", "# shop  \n").commit("docs: title");
    repo.checkout(head); // runners check out the commit, detached
  }

  @Test
  void theJobRunsOnlyInMergeRequestPipelinesAndPublishesTheReportEvenWhenItFails() {
    assertThat(job.at("/rules/0/if").asText()).isEqualTo("$CI_PIPELINE_SOURCE == \"merge_request_event\"");
    assertThat(job.path("rules")).hasSize(1);
    assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");
    assertThat(job.at("/artifacts/reports/codequality").asText()).isEqualTo("gl-code-quality-report.json");
    assertThat(job.at("/image/entrypoint").toString()).isEqualTo("[\"\"]");
  }

  /** Runs the job's script lines as GitLab's shell executor does: one bash, stopping at the first failing line. */
  Result runJob(Map<String, String> overrides) throws Exception {
    Map<String, String> env = Processes.cleanEnvironment(Files.createDirectories(tmp.resolve("home")));
    for (var v : job.path("variables").properties()) env.put(v.getKey(), v.getValue().asText());
    Path bin = BuiltVetter.command(tmp.resolve("bin")).getParent();
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    env.putAll(Map.of(
        "CI", "true", "GITLAB_CI", "true", "CI_PIPELINE_SOURCE", "merge_request_event",
        "CI_PROJECT_DIR", repo.dir().toString(), "CI_COMMIT_SHA", head,
        "CI_MERGE_REQUEST_DIFF_BASE_SHA", diffBase, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main",
        "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature", "CI_MERGE_REQUEST_IID", "7"));
    env.putAll(overrides);
    List<String> lines = new ArrayList<>(List.of("set -eo pipefail"));
    for (JsonNode line : job.path("script")) lines.add(line.asText());
    Path script = Files.writeString(tmp.resolve("job.sh"), String.join("\n", lines) + "\n");
    return Processes.run(repo.dir(), env, "bash", "--noprofile", "--norc", script.toString());
  }

  JsonNode report() throws Exception {
    Path file = repo.dir().resolve(job.at("/artifacts/reports/codequality").asText());
    assertThat(file).exists();
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aMergeRequestWithAConflictMarkerFailsAndTheReportHasEveryFieldGitlabNeeds() throws Exception {
    Result r = runJob(Map.of());
    assertThat(r.code()).as(r.transcript()).isEqualTo(1);
    // the job log: the text report, in colour (GitLab renders ANSI)
    assertThat(r.out()).contains("src/App.java", "hygiene/conflict-marker", "\u001b[").doesNotContain("README.md");

    JsonNode issues = report();
    assertThat(issues.isArray()).isTrue();
    Set<String> fingerprints = new HashSet<>();
    Map<String, String> severityByRule = new HashMap<>();
    for (JsonNode issue : issues) {
      assertThat(issue.path("description").isTextual()).as(issue.toString()).isTrue();
      assertThat(issue.path("check_name").isTextual()).as(issue.toString()).isTrue();
      assertThat(issue.path("fingerprint").asText()).as(issue.toString()).isNotBlank();
      assertThat(fingerprints.add(issue.path("fingerprint").asText())).as("unique fingerprint " + issue).isTrue();
      assertThat(issue.path("severity").asText()).as(issue.toString()).isIn(SEVERITIES);
      String path = issue.at("/location/path").asText();
      assertThat(path).as(issue.toString()).doesNotStartWith("/").doesNotStartWith("./");
      assertThat(repo.dir().resolve(path)).as("the path is relative to the repository root: " + issue).exists();
      assertThat(issue.at("/location/lines/begin").isInt()).as(issue.toString()).isTrue();
      assertThat(issue.at("/location/lines/begin").asInt()).isPositive();
      severityByRule.put(issue.path("check_name").asText() + " " + path + ":" + issue.at("/location/lines/begin").asInt(), issue.path("severity").asText());
    }
    assertThat(severityByRule).containsEntry("hygiene/conflict-marker src/App.java:2", "critical")
        .containsEntry("hygiene/trailing-whitespace src/App.java:3", "info")
        .containsEntry("hygiene/final-newline docs/new notes.md:1", "info")
        .hasSize(3);
  }

  @Test
  void extraArgumentsReachTheReview() throws Exception {
    Result r = runJob(Map.of("VETTER_ARGS", "--fail-on never --filter nofilter"));
    assertThat(r.code()).as(r.transcript()).isZero();
    assertThat(report()).hasSize(3);
  }

  @Test
  void theSetUpInTheDocsOverridesOnlyVariablesTheTemplateHas() throws Exception {
    String doc = Files.readString(root.resolve("docs/ci.md"));
    java.util.regex.Matcher block = java.util.regex.Pattern.compile("```yaml\n(# \\.gitlab-ci\\.yml\n.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("docs/ci.md has the .gitlab-ci.yml example").isTrue();
    JsonNode setUp = new YAMLMapper().readTree(block.group(1));
    assertThat(setUp.at("/include/0/local").asText()).endsWith("vetter.gitlab-ci.yml");
    JsonNode variables = setUp.at("/vetter/variables");
    assertThat(variables.size()).isPositive();
    variables.fieldNames().forEachRemaining(v -> assertThat(job.path("variables").has(v)).as("variable " + v).isTrue());
  }
}
