package dev.vetter.cli;

import static dev.vetter.cli.Cli.vetter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vetter eval replay} on a real repository with the built-in rules: four merged pull requests after a root
 * commit, two of them with a leftover conflict marker (an error), all with Conventional Commits messages.
 */
class EvalReplayTest {
  static final String CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  TestRepo repo;
  String root, first, second, third, fourth;

  @BeforeEach
  void history() {
    repo = TestRepo.init(tmp.resolve("repo"));
    root = repo.write("README.md", "# app\n").commit("chore: start");
    first = repo.write("notes/a.txt", "alpha\n" + CONFLICT).commit("feat: add a");
    second = repo.write("README.md", "# app\n\nUsage.\n").commit("docs: usage");
    third = repo.write("notes/b.txt", CONFLICT).commit("fix: add b");
    fourth = repo.write("notes/c.txt", "gamma\n").commit("feat: add c");
  }

  String dir() {
    return repo.dir().toString();
  }

  JsonNode json(String... args) throws Exception {
    Run r = vetter(args);
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void theFirstLineSaysHowManyMergedPullRequestsWouldHaveFailed() {
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "10");
    assertThat(r.code()).as(r.err()).isZero(); // a measurement: failures found are not a failure of the command
    assertThat(r.out().lines().findFirst()).hasValue("would have failed 2 of 4 merged pull requests");
    assertThat(r.out()).contains("hygiene/conflict-marker", "not replayed: " + root.substring(0, 12) + " chore: start: the root commit",
        "asked for the last 10 first-parent commits; the history has 5");
    assertThat(r.err()).isEmpty(); // no progress bar on a pipe
  }

  @Test
  void jsonHasEveryPullRequestAndEveryRule() throws Exception {
    JsonNode j = json("eval", "replay", "--repo", dir(), "--last", "4", "--format", "json");
    assertThat(j.get("replayed").asInt()).isEqualTo(4);
    assertThat(j.get("failed").asInt()).isEqualTo(2);
    assertThat(j.get("headline").asText()).isEqualTo("would have failed 2 of 4 merged pull requests");
    Map<String, Boolean> failed = new HashMap<>();
    for (JsonNode p : j.get("pullRequests")) failed.put(p.get("commit").asText(), p.get("failed").asBoolean());
    assertThat(failed).isEqualTo(Map.of(first, true, second, false, third, true, fourth, false));
    JsonNode conflict = j.get("rules").get(0);
    assertThat(conflict.get("rule").asText()).isEqualTo("hygiene/conflict-marker");
    assertThat(conflict.get("firedOn").asInt()).isEqualTo(2);
    assertThat(conflict.get("failed").asInt()).isEqualTo(2);
    assertThat(conflict.get("findings").asInt()).isEqualTo(6); // three marker lines in each of two files
    assertThat(conflict.get("labels").isNull()).isTrue();
    assertThat(j.get("time").get("dominant").asText()).isIn("checks", "change", "policy");
    assertThat(j.get("skipped")).isEmpty(); // --last 4 stops before the root commit
    assertThat(j.get("labels").isNull()).isTrue();
    assertThat(j.get("toLabel").isNull()).isTrue();
  }

  @Test
  void eachPullRequestGetsWhatVetterReviewGivesIt() throws Exception {
    repo.write(".vetter.yml", "rules:\n  hygiene/line-length: {mode: comment, max: 10}\n").commit("chore: a policy");
    repo.write("notes/long.txt", "a line longer than ten columns\n" + CONFLICT).commit("feat: long lines under the new policy");
    JsonNode replay = json("eval", "replay", "--repo", dir(), "--last", "6", "--format", "json");
    assertThat(replay.get("replayed").asInt()).isEqualTo(6);
    for (JsonNode pr : replay.get("pullRequests")) {
      Run review = vetter("review", "--repo", dir(), "--base", pr.get("parent").asText(), "--head", pr.get("commit").asText(), "--format", "json");
      JsonNode r = JSON.readTree(review.out());
      assertThat(pr.get("failed").asBoolean()).as(pr.get("subject").asText()).isEqualTo(r.get("summary").get("failed").asBoolean());
      assertThat(review.code()).isEqualTo(pr.get("failed").asBoolean() ? 1 : 0);
      assertThat(pr.get("findings").findValuesAsText("fingerprint")).as(pr.get("subject").asText())
          .isEqualTo(r.get("findings").findValuesAsText("fingerprint"));
      assertThat(pr.get("shadow").findValuesAsText("fingerprint")).isEqualTo(r.get("shadow").findValuesAsText("fingerprint"));
    }
    // the long line counts under the policy at its parent, not before it
    assertThat(replay.get("pullRequests").get(0).get("findings").findValuesAsText("rule")).contains("hygiene/line-length");
  }

  @Test
  void markdownIsATableOverallAndPerRule() {
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "4", "--format", "markdown");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("**would have failed 2 of 4 merged pull requests**", "| rule | fired on | findings | failed | median | p90 |",
        "| `hygiene/conflict-marker` | 2 | 6 | 2 | 1.5 | 3 |");
  }

  @Test
  void oneReplayWritesSeveralFormats() throws Exception {
    Path md = tmp.resolve("replay.md");
    Path json = tmp.resolve("replay.json");
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "4", "--format", "json", "--report", "markdown=" + md, "--report", "json=" + json);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(md)).contains("**would have failed 2 of 4 merged pull requests**");
    assertThat(JSON.readTree(Files.readString(json)).get("failed").asInt()).isEqualTo(2);
    assertThat(vetter("eval", "replay", "--repo", dir(), "--report", "sarif=x.sarif").code()).isEqualTo(2);
  }

  @Test
  void nothingIsWrittenToTheRepositoryAndACacheFolderIsOnlyWhereAsked() throws Exception {
    JsonNode first = json("eval", "replay", "--repo", dir(), "--format", "json");
    assertThat(repo.dir().resolve(".git/vetter")).doesNotExist();
    assertThat(first.get("time").get("cacheHits").asInt()).isZero();
    Path cache = tmp.resolve("cache");
    json("eval", "replay", "--repo", dir(), "--format", "json", "--cache", cache.toString());
    JsonNode again = json("eval", "replay", "--repo", dir(), "--format", "json", "--cache", cache.toString());
    assertThat(again.get("time").get("cacheHits").asInt()).isPositive();
    assertThat(again.get("time").get("checkInvocations").asInt()).isLessThan(first.get("time").get("checkInvocations").asInt());
    assertThat(again.get("rules")).isEqualTo(first.get("rules"));
    assertThat(again.get("pullRequests").findValues("fingerprint")).isEqualTo(first.get("pullRequests").findValues("fingerprint"));
  }

  @Test
  void configReplacesThePolicyOfEveryCommit() throws Exception {
    Path config = Files.writeString(tmp.resolve("lenient.yml"), "rules:\n  hygiene/conflict-marker:\n    enabled: false\n");
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "4", "--config", config.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst()).hasValue("would have failed 0 of 4 merged pull requests");
    Path broken = Files.writeString(tmp.resolve("broken.yml"), "rules:\n  hygiene/conflict-markr:\n    enabled: false\n");
    Run bad = vetter("eval", "replay", "--repo", dir(), "--config", broken.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("conflict-marker").doesNotContain("\tat dev.vetter");
  }

  @Test
  void labelsGivePrecisionAndUnknownOnesAreListed() throws Exception {
    JsonNode j = json("eval", "replay", "--repo", dir(), "--last", "4", "--format", "json");
    List<JsonNode> findings = j.findValues("findings").stream().filter(JsonNode::isArray).flatMap(a -> a.valueStream()).toList();
    JsonNode marker = findings.stream().filter(f -> f.get("rule").asText().equals("hygiene/conflict-marker")).findFirst().orElseThrow();
    Path labels = Files.writeString(tmp.resolve("labels.jsonl"), String.join("\n",
        "{\"fingerprint\": \"" + marker.get("fingerprint").asText() + "\", \"label\": \"tp\", \"note\": \"a real leftover\"}",
        "{\"fingerprint\": \"0000000000000000\", \"label\": \"fp\"}",
        "{\"rule\": \"hygiene/conflict-marker\", \"path\": \"notes/b.txt\", \"line\": 3, \"commit\": \"" + third.substring(0, 8) + "\", \"label\": \"tp\"}",
        ""));
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "4", "--labels", labels.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("hygiene/conflict-marker +2 +6 +2 +1\\.5 +3 +1\\.00 \\[0\\.34, 1\\.00\\] 2/2");
    assertThat(r.out()).contains("1 label named no finding of this replay", "line 2: fingerprint 0000000000000000");
    // every unlabelled finding, ready to fill in
    assertThat(r.out()).contains("\"rule\":\"hygiene/conflict-marker\",\"path\":\"notes/a.txt\",\"line\":2", "\"label\":\"\",\"note\":\"\"");
    JsonNode withLabels = json("eval", "replay", "--repo", dir(), "--last", "4", "--labels", labels.toString(), "--format", "json");
    assertThat(withLabels.get("labels").get("posted").get("tp").asInt()).isEqualTo(2);
    assertThat(withLabels.get("labels").get("posted").get("posting").get("low").asDouble()).isBetween(0.34, 0.35);
    assertThat(withLabels.get("labels").get("unknown").get(0).get("line").asInt()).isEqualTo(2);
  }

  @Test
  void aMalformedLabelLineIsAUsageErrorWithItsLineNumber() throws Exception {
    Path labels = Files.writeString(tmp.resolve("labels.jsonl"), "{\"fingerprint\": \"ab\", \"label\": \"tp\"}\n{\"fingerprint\": \"cd\", \"label\": \"yes\"}\n");
    Run r = vetter("eval", "replay", "--repo", dir(), "--labels", labels.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("labels.jsonl:2: \"label\" must be one of tp, fp, noise, unsure, not \"yes\"").doesNotContain("\tat dev.vetter");
    assertThat(r.out()).isEmpty();
    Run missing = vetter("eval", "replay", "--repo", dir(), "--labels", tmp.resolve("none.jsonl").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("none.jsonl does not exist");
  }

  @Test
  void theSampleToLabelIsTheSameForTheSameSeed() throws Exception {
    Path a = tmp.resolve("a.jsonl");
    Path b = tmp.resolve("b.jsonl");
    Run r = vetter("eval", "replay", "--repo", dir(), "--sample", "2", "--seed", "7", "--to-label", a.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("wrote ").contains(" to label to " + a);
    assertThat(vetter("eval", "replay", "--repo", dir(), "--sample", "2", "--seed", "7", "--to-label", b.toString(), "--threads", "1").code()).isZero();
    List<String> lines = Files.readAllLines(a);
    assertThat(Files.readAllLines(b)).isEqualTo(lines);
    // at most two per rule: the conflict markers' six findings give two
    assertThat(lines.stream().filter(l -> l.contains("hygiene/conflict-marker"))).hasSize(2);
  }

  @Test
  void aShallowCloneReplaysWhatItHas() {
    GitCli.assumeAvailable();
    Path shallow = tmp.resolve("shallow");
    GitCli.run(tmp, "clone", "-q", "--depth", "2", "file://" + repo.dir(), shallow.toString());
    Run r = vetter("eval", "replay", "--repo", shallow.toString(), "--last", "100");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst()).hasValue("would have failed 0 of 1 merged pull request");
    assertThat(r.out()).contains("asked for the last 100 first-parent commits; the history has 2",
        "not replayed: " + third.substring(0, 12) + " fix: add b: its parent is not in this shallow clone");
  }

  @Test
  void aMergeCommitIsReviewedAgainstItsFirstParent() {
    repo.branch("topic").write("notes/d.txt", CONFLICT).commit("feat: d");
    repo.checkout("main").write("notes/e.txt", "e\n").commit("feat: e");
    repo.mergeNoCommit("topic");
    String merge = repo.commit("feat: merge topic");
    Run r = vetter("eval", "replay", "--repo", dir(), "--last", "2", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"commit\" : \"" + merge + "\"", "\"merge\" : true", "notes/d.txt");
    assertThat(r.out()).contains("\"failed\" : 1,");
  }

  @Test
  void badInputIsAUsageErrorWithoutAStackTrace() {
    for (String[] args : List.of(
        new String[] {"eval", "replay", "--repo", tmp.toString()},
        new String[] {"eval", "replay", "--repo", dir(), "--branch", "nope"},
        new String[] {"eval", "replay", "--repo", dir(), "--last", "0"},
        new String[] {"eval", "replay", "--repo", dir(), "--format", "sarif"},
        new String[] {"eval", "replay", "--repo", dir(), "--sample", "-1"})) {
      Run r = vetter(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("vetter: ").doesNotContain("\tat ");
    }
  }
}
