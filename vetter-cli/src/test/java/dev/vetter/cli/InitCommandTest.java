package dev.vetter.cli;

import static dev.vetter.cli.Cli.vetter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vetter init on real repositories: what it infers, written as a policy that loads, never over one. */
class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void writesWhatTheRepositoryShowsWithItsReasonsAndAPolicyThatLoads() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("pyproject.toml", "[tool.ruff]\nline-length = 99\n").commit("Start");
    for (int i = 0; i < 12; i++) repo.write("f" + i + ".py", "x = " + i + "\n").commit("Fix case " + i);
    Run r = vetter("init", "--repo", repo.dir().toString(), "--replay", "5");
    assertThat(r.code()).as(r.err()).isZero();
    // and what the bot would have said on the last 5 merged pull requests, under the policy just written
    assertThat(r.out()).contains("Wrote ", "would have failed 0 of 5 merged pull requests");
    String policy = Files.readString(repo.dir().resolve(".vetter.yml"));
    assertThat(policy).contains("commits/conventional-format: {mode: shadow}", "only 0 of the last 13 first-parent commits",
        "- paths: [\"**/*.py\", \"**/*.pyi\"]", "hygiene/line-length: {mode: comment, max: 99}", "pyproject.toml [tool.ruff] line-length");
    Run valid = vetter("config", "validate", repo.dir().resolve(".vetter.yml").toString());
    assertThat(valid.code()).as(valid.err()).isZero();

    Run again = vetter("init", "--repo", repo.dir().toString(), "--replay", "0");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists already", "--force").doesNotContain("Exception");
    assertThat(vetter("init", "--repo", repo.dir().toString(), "--stdout").out()).isEqualTo(policy);
  }

  @Test
  void aNegativeReplayIsAUsageError() {
    Run r = vetter("init", "--repo", tmp.toString(), "--replay", "-1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--replay must be 0").doesNotContain("Exception");
  }

  @Test
  void outsideARepositoryItSaysSo() {
    Run r = vetter("init", "--repo", tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not the top of a git repository");
  }
}
