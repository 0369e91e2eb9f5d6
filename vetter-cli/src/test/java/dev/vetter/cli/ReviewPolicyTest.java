package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy settings that act outside the engine's rule resolution, checked through {@code vetter review}. */
class ReviewPolicyTest {
  @TempDir Path tmp;

  @Test
  void theFileSizeLimitComesFromThePolicy() {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".vetter.yml", "limits: {max-file-bytes: 20}\nrules: {hygiene/trailing-whitespace: {mode: comment}}\n").commit("chore: policy");
    repo.branch("feature");
    repo.write("small.txt", "tiny \n"); // 6 bytes
    repo.write("large.txt", "a line that is long enough \n"); // 28 bytes
    repo.commit("feat: files");
    Cli.Run r = Cli.vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("small.txt").doesNotContain("large.txt");

    // without the limit, both are reviewed
    repo.checkout("main");
    repo.write(".vetter.yml", "filter: added\nrules: {hygiene/trailing-whitespace: {mode: comment}}\n").commit("chore: no limit");
    repo.checkout("feature");
    Cli.Run all = Cli.vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(all.out()).contains("small.txt", "large.txt");
  }
}
