package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.vetter.cli.Cli.vetter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review command end to end, in-process, on real repositories: exit codes and messages. */
class ReviewCommandTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    // a team that chose the rule (it is in shadow by default): the examples below are its findings
    repo.write("README.md", "# demo\n").write(".vetter.yml", "rules:\n  hygiene/trailing-whitespace: {mode: comment}\n").commit("docs: start");
    repo.branch("feature");
    repo.write("README.md", "# demo\nnew line   \n").commit("docs: more");
  }

  static void assertNoStackTrace(Run r) {
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void findingsBelowFailSeverityExitZero() {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("README.md", "2:9", "hygiene/trailing-whitespace", "Passed.");
  }

  @Test
  void findingsAtFailSeverityExitOne() throws Exception {
    // the policy says comment: posted, never failing
    Run comments = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--fail-on", "notice", "--no-cache");
    assertThat(comments.code()).isZero();
    assertThat(comments.out()).contains("hygiene/trailing-whitespace", "Passed");
    Path blocking = java.nio.file.Files.writeString(tmp.resolve("blocking.yml"), "rules: {hygiene: {mode: block}}\n");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--fail-on", "notice", "--no-cache", "--config", blocking.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Failed");
  }

  @Test
  void jsonFollowsTheDocumentedShape() throws Exception {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--head", "feature", "--format", "json", "--no-cache");
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("rule").asText()).isEqualTo("hygiene/trailing-whitespace");
    assertThat(f.get("path").asText()).isEqualTo("README.md");
    assertThat(f.get("line").asInt()).isEqualTo(2);
    assertThat(f.get("suggestion").asText()).isEqualTo("new line");
    assertThat(root.get("summary").get("failed").asBoolean()).isFalse();
  }

  @Test
  void defaultBaseIsTheMergeBaseWithMain() {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("2:9");
  }

  @Test
  void stagedReviewsTheIndex() {
    repo.write("notes.txt", "staged  \n").stageAll();
    repo.write("other.txt", "unstaged  \n");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--staged", "--no-cache");
    assertThat(r.out()).contains("notes.txt").doesNotContain("other.txt").doesNotContain("README.md");
  }

  @Test
  void notARepositoryIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Run r = vetter("review", "--repo", empty.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not inside a git repository");
    assertNoStackTrace(r);
  }

  @Test
  void unknownRefIsAUsageError() {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "origin/nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown revision 'origin/nope'", "git fetch");
    assertNoStackTrace(r);
  }

  @Test
  void invalidPolicyAtTheBaseIsAConfigurationError() {
    repo.checkout("main");
    repo.write(".vetter.yml", "fail-onn: warning\nfilter: everything\n").commit("chore: policy");
    repo.checkout("feature");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(".vetter.yml@", ":1:1: unknown key 'fail-onn', did you mean 'fail-on'?", ":2:", "allowed values: [added, diff_context, file, nofilter]");
    assertNoStackTrace(r);
  }

  @Test
  void thePolicyComesFromTheBaseNotTheHead() {
    // the change tries to switch its own gate off; the base policy (fail on notices) still applies
    repo.checkout("main");
    repo.write(".vetter.yml", "fail-on: notice\nrules: {hygiene: {mode: block}}\n").commit("chore: strict policy");
    repo.checkout("feature");
    repo.write(".vetter.yml", "fail-on: never\n").commit("chore: relax");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("vetter/policy-changed");
  }

  @Test
  void policyThatIsNotUtf8IsRejectedClearly() throws Exception {
    Path bad = tmp.resolve("bad.yml");
    Files.write(bad, new byte[] {'f', 'i', 'l', 't', 'e', 'r', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--config", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not UTF-8");
    assertNoStackTrace(r);
  }

  @Test
  void unknownOptionIsAUsageErrorWithSuggestion() {
    Run r = vetter("review", "--formt", "json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--formt", "--format");
  }

  @Test
  void writeBaselineThenReviewWithIt() throws Exception {
    Path baseline = tmp.resolve("baseline.json");
    assertThat(vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--write-baseline", baseline.toString(), "--no-cache").code()).isZero();
    assertThat(Files.readString(baseline)).contains("\"fingerprints\"");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--baseline", baseline.toString(), "--fail-on", "notice", "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 findings", "1 baselined");
  }

  @Test
  void rulesAndExplain() {
    Run rules = vetter("rules");
    assertThat(rules.code()).isZero();
    assertThat(rules.out()).contains("hygiene/trailing-whitespace", "vetter/internal-error");
    Run explain = vetter("explain", "hygiene/trailing-whitespace");
    assertThat(explain.out()).contains("Why it matters", "How to fix", "vetter:ignore hygiene/trailing-whitespace");
    Run typo = vetter("explain", "hygiene/trailing-whitespac");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean 'hygiene/trailing-whitespace'");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Run r = vetter("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("vetter 0.");
  }

  @Test
  void oneReviewWritesSeveralFormats() throws Exception {
    Path md = tmp.resolve("summary.md");
    Path sarif = tmp.resolve("vetter.sarif");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--format", "github", "--no-cache",
        "--report", "markdown=" + md, "--report", "sarif=" + sarif);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("::notice file=README.md,line=2", "title=hygiene/trailing-whitespace");
    assertThat(Files.readString(md)).startsWith("## Vetter: ").contains("`hygiene/trailing-whitespace`");
    JsonNode run = new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0);
    assertThat(run.get("results").get(0).get("ruleId").asText()).isEqualTo("hygiene/trailing-whitespace");
  }

  @Test
  void badExtraReportsAreUsageErrorsBeforeTheReview() {
    Run noEquals = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--report", "sarif");
    assertThat(noEquals.code()).isEqualTo(2);
    assertThat(noEquals.err()).contains("--report takes FORMAT=FILE");
    Run unknown = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--report", "pdf=x.pdf");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown format 'pdf'");
    Run noFolder = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache",
        "--report", "json=" + tmp.resolve("missing/dir/out.json"));
    assertThat(noFolder.code()).isEqualTo(2);
    assertThat(noFolder.err()).contains("its folder does not exist");
    assertNoStackTrace(noFolder);
  }
}
