package dev.vetter.cli.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vetter.cli.integrations.Processes.Result;
import dev.vetter.testing.NpmPackages;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action as a runner runs it: action.yml's review step (its {@code run} text, with its
 * {@code env} worked out from the inputs as the runner does) under {@code bash -eo pipefail}, in a
 * clone of a real repository, with a real {@code pull_request} webhook payload from
 * {@code @octokit/webhooks-examples} whose commits are rewritten to the clone's. Checks what the step
 * leaves: annotations, the job summary, the step outputs, the SARIF file and the exit status.
 */
class GithubActionTest {
  static final String EXAMPLES = "@octokit/webhooks-examples@7.6.1";
  static final String EXAMPLES_ENTRY = "package/api.github.com/index.json";
  static final String EXAMPLES_SHA256 = "09d8f0c617876ae9dad22e26fea5510bfcaad50ee7e602659f6db25b87b25815";

  @TempDir Path tmp;
  Map<String, String> env;
  Path root;
  String base;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    root = Path.of(System.getProperty("vetter.projectRoot", "..")).toAbsolutePath().normalize();
    env = Processes.cleanEnvironment(Files.createDirectories(tmp.resolve("home")));
  }

  /** origin: main, then a pull request branch 'feature' of three commits, then main moves on. */
  Path origin(String featureLine) {
    try (TestRepo origin = TestRepo.init(tmp.resolve("origin"))) {
      origin.write(".vetter.yml", "rules:\n  java: false  # the templates are under test here, not the Java analyzers\n  hygiene: {mode: block}\n").write("README.md", "# shop\n").write("src/App.java", "class App {\n}\n").commit("feat: start");
      origin.branch("feature");
      origin.write("src/Util.java", "class Util {\n}\n").write("src/UtilTest.java", "class UtilTest {\n}\n").commit("feat: add util");
      origin.write("notes.txt", "one\n").commit("docs: notes");
      head = origin.write("src/App.java", "class App {\n" + featureLine + "}\n").commit("feat: change app");
      origin.checkout("main");
      // on main after the branch point: a three-dot review must not show it
      base = origin.write("README.md", "# shop   \n").commit("docs: title");
      return origin.dir();
    }
  }

  Path clone(Path origin, String... options) throws Exception {
    Path work = tmp.resolve("work");
    String[] cmd = new String[6 + options.length];
    cmd[0] = "git";
    cmd[1] = "clone";
    cmd[2] = "--quiet";
    System.arraycopy(options, 0, cmd, 3, options.length);
    cmd[3 + options.length] = "--branch=feature";
    cmd[4 + options.length] = "file://" + origin;
    cmd[5 + options.length] = work.toString();
    Processes.check(tmp, env, cmd);
    return work;
  }

  /** A real pull_request payload ('synchronize': new commits pushed) with the test repository's commits. */
  Path payload() throws Exception {
    Path examples = NpmPackages.require(EXAMPLES, EXAMPLES_ENTRY, EXAMPLES_SHA256);
    ObjectMapper json = new ObjectMapper();
    JsonNode event = null;
    for (JsonNode webhook : json.readTree(examples.toFile())) {
      if (!webhook.path("name").asText().equals("pull_request")) continue;
      for (JsonNode example : webhook.path("examples")) {
        if (example.path("action").asText().equals("synchronize")) event = example.deepCopy();
      }
    }
    assertThat(event).as("a pull_request 'synchronize' example in " + EXAMPLES).isNotNull();
    ObjectNode pr = (ObjectNode) event.get("pull_request");
    assertThat(pr.at("/base/sha").asText()).as("the example's own base commit").matches("[0-9a-f]{40}");
    ((ObjectNode) pr.get("base")).put("sha", base).put("ref", "main");
    ((ObjectNode) pr.get("head")).put("sha", head).put("ref", "feature");
    Path file = tmp.resolve("event.json");
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), event);
    return file;
  }

  /**
   * Runs the action's 'vetter' step: its env from action.yml, ${{ inputs.NAME }} replaced by the given
   * inputs (missing ones by their defaults), its run text in a file run by bash as the runner runs
   * {@code shell: bash}.
   */
  Result runAction(Path work, Map<String, String> inputs) throws Exception {
    JsonNode action = new YAMLMapper().readTree(root.resolve("action.yml").toFile());
    assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
    JsonNode step = null;
    for (JsonNode s : action.at("/runs/steps")) {
      if (s.path("id").asText().equals("vetter")) step = s;
    }
    assertThat(step).as("action.yml has a step with id 'vetter'").isNotNull();
    assertThat(step.path("shell").asText()).isEqualTo("bash");
    Map<String, String> stepEnv = new HashMap<>(env);
    Pattern input = Pattern.compile("\\$\\{\\{ inputs\\.([a-z-]+) }}");
    for (var e : step.path("env").properties()) {
      Matcher m = input.matcher(e.getValue().asText());
      assertThat(m.matches()).as("env %s is an input expression this test can evaluate", e.getKey()).isTrue();
      String name = m.group(1);
      assertThat(action.at("/inputs").has(name)).as("input %s is declared", name).isTrue();
      stepEnv.put(e.getKey(), inputs.getOrDefault(name, action.at("/inputs/" + name + "/default").asText("")));
    }
    String stepEnvText = step.path("env").toString();
    assertThat(inputs.keySet()).as("every input the test gives reaches the script").allMatch(k -> stepEnvText.contains("inputs." + k + " "));
    Path runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
    stepEnv.put("CI", "true");
    stepEnv.put("GITHUB_ACTIONS", "true");
    stepEnv.put("GITHUB_EVENT_NAME", "pull_request");
    stepEnv.put("GITHUB_EVENT_PATH", payload().toString());
    stepEnv.put("GITHUB_WORKSPACE", work.toString());
    stepEnv.put("GITHUB_ACTION_PATH", root.toString());
    stepEnv.put("GITHUB_OUTPUT", Files.writeString(tmp.resolve("output.txt"), "").toString());
    stepEnv.put("GITHUB_STEP_SUMMARY", Files.writeString(tmp.resolve("summary.md"), "").toString());
    stepEnv.put("RUNNER_TEMP", runnerTemp.toString());
    stepEnv.put("VETTER_BIN", BuiltVetter.command(tmp.resolve("bin")).toString());
    Path script = Files.writeString(runnerTemp.resolve("step.sh"), step.path("run").asText());
    return Processes.run(work, stepEnv, "bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString());
  }

  String outputs() throws Exception {
    return Files.readString(tmp.resolve("output.txt"));
  }

  String summary() throws Exception {
    return Files.readString(tmp.resolve("summary.md"));
  }

  @Test
  void aConflictMarkerFailsTheStepWithAnnotationsSummaryOutputsAndSarif() throws Exception {
    Path work = clone(origin("<<<<<<< HEAD\n  int size;  \n"));
    Path sarif = tmp.resolve("vetter.sarif");
    Result r = runAction(work, Map.of("sarif-file", sarif.toString()));

    assertThat(r.code()).as(r.transcript()).isEqualTo(1);
    assertThat(r.out()).as(r.transcript())
        .contains("::error file=src/App.java,line=2,endLine=2,", "title=hygiene/conflict-marker::")
        .contains("::notice file=src/App.java,line=3,endLine=3,", "title=hygiene/trailing-whitespace::")
        .contains("Vetter: 2 findings (1 error, 0 warning, 1 notice)")
        // README.md changed on main after the branch point: not part of the pull request
        .doesNotContain("README.md");
    assertThat(outputs()).contains("findings=2\n", "failed=true\n", "sarif-file=" + sarif + "\n");
    assertThat(summary()).startsWith("## Vetter: ❌ failed").contains("`hygiene/conflict-marker`", "src/App.java:2");
    JsonNode results = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).path("ruleId").asText()).isEqualTo("hygiene/conflict-marker");
  }

  @Test
  void aShallowCheckoutFetchesTheHistoryItNeeds() throws Exception {
    // actions/checkout's default: one commit, the merge-base missing; fetch one commit at a time to
    // make the script deepen more than once
    Path work = clone(origin("  int size;  \n"), "--depth=1");
    env.put("VETTER_FETCH_DEPTH", "1");
    Result r = runAction(work, Map.of());

    assertThat(r.code()).as(r.transcript()).isZero();
    assertThat(r.err()).contains("fetching " + base + " and " + head + " from origin, 1 commits deep", "no merge-base yet: fetching 1 more commits");
    assertThat(r.out()).as(r.transcript()).contains("::notice file=src/App.java,line=2,", "Passed (fail-on: error).");
    assertThat(outputs()).contains("findings=1\n", "failed=false\n").doesNotContain("sarif-file=");
    assertThat(summary()).startsWith("## Vetter: ✅ passed");

    Result strict = runAction(work, Map.of("fail-on", "notice"));
    assertThat(strict.code()).as(strict.transcript()).isEqualTo(1);
    assertThat(strict.err()).doesNotContain("fetching");
    assertThat(outputs()).contains("findings=1\n", "failed=true\n");
  }

  @Test
  void aBadInputStopsTheStepWithAnErrorAnnotation() throws Exception {
    Path work = clone(origin("  int size;\n"));
    Result r = runAction(work, Map.of("filter", "everything"));

    assertThat(r.code()).as(r.transcript()).isEqualTo(2);
    assertThat(r.err()).contains("allowed values: [added, diff_context, file, nofilter]").doesNotContain("Exception");
    assertThat(r.out()).contains("::error title=Vetter::vetter stopped with exit code 2");
    assertThat(outputs()).isEmpty();
    assertThat(summary()).isEmpty();
  }

  @Test
  void theWorkflowInTheDocsUsesOnlyWhatTheActionDeclares() throws Exception {
    String doc = Files.readString(root.resolve("docs/ci.md"));
    Matcher block = Pattern.compile("```yaml\n(# \\.github/workflows/vetter\\.yml\n.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("docs/ci.md has the example workflow").isTrue();
    JsonNode workflow = new YAMLMapper().readTree(block.group(1));
    JsonNode action = new YAMLMapper().readTree(root.resolve("action.yml").toFile());
    JsonNode steps = workflow.at("/jobs/review/steps");
    assertThat(steps.get(0).path("uses").asText()).startsWith("actions/checkout@");
    assertThat(steps.get(0).at("/with/fetch-depth").asInt(-1)).isZero();
    JsonNode vetter = steps.get(1);
    assertThat(vetter.path("id").asText()).isEqualTo("vetter");
    vetter.path("with").fieldNames().forEachRemaining(input -> assertThat(action.at("/inputs").has(input)).as("input " + input).isTrue());
    Matcher output = Pattern.compile("steps\\.vetter\\.outputs\\.([a-z-]+)").matcher(block.group(1));
    int outputs = 0;
    while (output.find()) {
      assertThat(action.at("/outputs").has(output.group(1))).as("output " + output.group(1)).isTrue();
      outputs++;
    }
    assertThat(outputs).isPositive();
  }
}
