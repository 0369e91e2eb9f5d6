package dev.vetter.checks.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How hygiene/editorconfig finds its .editorconfig files: through readHead only, and cached by them. */
class EditorconfigViolationTest {
  @TempDir Path tmp;

  @Test
  void looksUpEditorconfigFilesThroughReadHeadUpToTheRoot() {
    InMemoryFile<EditorconfigViolation.Options> file = InMemoryFile.of("a/b/c.txt", "\tx\n", new EditorconfigViolation.Options(),
        Map.of("a/.editorconfig", "root = true\n[*]\nindent_style = space\n", ".editorconfig", "[*]\nindent_style = tab\n"));
    List<Finding> findings = new EditorconfigViolation().check(file);
    // a/b has none, a/ has one marked root: the repository root's file is never read
    assertThat(file.reads()).containsExactly("a/b/.editorconfig", "a/.editorconfig");
    assertThat(findings).extracting(Finding::message).containsExactly("Indented with a tab; .editorconfig sets indent_style = space.");
  }

  @Test
  void aBrokenGoverningFileMeansNothingToCheck() {
    InMemoryFile<EditorconfigViolation.Options> file = InMemoryFile.of("c.txt", "\tx  \n", new EditorconfigViolation.Options(),
        Map.of(".editorconfig", "[*]\ntrim_trailing_whitespace = true\n[*.{txt\n"));
    assertThat(new EditorconfigViolation().check(file)).isEmpty();
  }

  @Test
  void aCachedResultIsRecomputedWhenAGoverningEditorconfigChanges() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write(".editorconfig", "root = true\n[*]\nindent_style = space\n").write("src/.keep", "").commit("base");
      repo.branch("feature").write("src/a.txt", "\tindented with a tab\n").commit("add a.txt");
      DiskCache cache = new DiskCache(tmp.resolve("cache"));
      assertThat(review(repo, cache).findings()).extracting(Finding::line).containsExactly(1);

      // same a.txt blob, same cache key; only its dependency changes: the new rule must be applied
      repo.write("src/.editorconfig", "[*]\nindent_style = tab\n").commit("tabs in src");
      ReviewResult second = review(repo, new DiskCache(tmp.resolve("cache")));
      assertThat(second.findings()).isEmpty();
      assertThat(second.stats().cacheHits()).isZero();

      ReviewResult third = review(repo, new DiskCache(tmp.resolve("cache")));
      assertThat(third.stats().invocations()).isZero();
      assertThat(third.stats().cacheHits()).isEqualTo(2);
    }
  }

  private static ReviewResult review(TestRepo repo, DiskCache cache) throws Exception {
    CheckRegistry registry = new CheckRegistry(List.of(new EditorconfigViolation()));
    try (GitRepository git = GitRepository.open(repo.dir())) {
      Change change = git.range("main", "feature");
      return new Reviewer(registry, Policy.defaults(), cache, Baseline.EMPTY, 2, Progress.NONE).review(change);
    }
  }
}
