package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Finding;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PMD runs several files at once; each finding must still land on its own file and line. */
class PmdBatchTest {
  @TempDir Path tmp;

  @Test
  void findingsOfABatchGoBackToTheirFiles() throws Exception {
    Pmd pmd = new Pmd();
    CheckRegistry registry = new CheckRegistry(List.of(pmd));
    var policy = new PolicyLoader(registry).load(List.of(new YamlSource("vetter.yml", "rules:\n  java/pmd:\n    rulesets: [bestpractices]\n")));
    List<String> expected = new ArrayList<>();
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("README", "base\n").commit("base");
      repo.branch("feature");
      for (int i = 1; i <= 20; i++) {
        // file i has i blank lines before its field, so its unused field is on line i + 3
        String path = "src/p/C" + i + ".java";
        repo.write(path, "package p;\nclass C" + i + " {\n" + "\n".repeat(i) + "  private int unused" + i + ";\n}\n");
        expected.add(path + ":" + (i + 3) + ":unused" + i);
      }
      repo.write("src/p/Broken.java", "package p;\nclass Broken { void m( }\n");
      repo.commit("twenty classes and a broken one");
      ReviewResult r;
      try (GitRepository git = GitRepository.open(repo.dir())) {
        r = new Reviewer(registry, policy, FindingCache.NONE, Baseline.EMPTY, 2, Progress.NONE).review(git.range("main", "feature"));
      }
      List<String> unused = r.findings().stream().filter(f -> f.rule().equals("java/pmd/UnusedPrivateField"))
          .map(f -> f.path() + ":" + f.line() + ":" + f.message().replaceAll(".*'(\\w+)'.*", "$1")).toList();
      assertThat(unused).containsExactlyInAnyOrderElementsOf(expected);
      // a file PMD cannot parse costs its own findings only, reported on that file
      assertThat(r.findings()).filteredOn(f -> f.rule().equals("java/pmd/ProcessingError")).extracting(Finding::path)
          .containsExactly("src/p/Broken.java");
      assertThat(r.findings()).noneMatch(f -> f.rule().equals("vetter/internal-error"));
    }
  }
}
