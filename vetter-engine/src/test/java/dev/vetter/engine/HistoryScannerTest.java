package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.git.GitRepository;
import dev.vetter.git.History;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vetter scan --history}'s engine on a real repository: each check within the policy's time budget, as in a review. */
class HistoryScannerTest {
  @TempDir Path tmp;

  @CheckInfo(id = "test/word", category = Category.SECURITY, severity = Severity.ERROR, summary = "s", rationale = "r", fix = "f")
  static final class Word implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (var line : file.head().lines()) if (line.text().contains("SECRET")) out.add(file.finding(line.number(), "a secret"));
      return out;
    }
  }

  /** Never returns until the test ends, and ignores interrupts on purpose, as a runaway regex would. */
  @CheckInfo(id = "test/never-returns", category = Category.SECURITY, severity = Severity.ERROR, summary = "s", rationale = "r", fix = "f")
  static final class NeverReturns implements FileCheck<NoOptions> {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      long spins = 0;
      while (release.getCount() > 0) spins++;
      return List.of();
    }
  }

  final NeverReturns hangs = new NeverReturns();

  @AfterEach
  void releaseTheSpinningThreads() {
    hangs.release.countDown();
  }

  @Test
  void aCheckThatNeverReturnsIsCutOffAtItsBudgetAndTheOthersComplete() throws Exception {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("a.txt", "SECRET one\n").commit("a");
    repo.write("b.txt", "fine\nSECRET two\n").commit("b");
    CheckRegistry registry = new CheckRegistry(List.of(new Word(), hangs));
    Policy policy = new PolicyLoader(registry).load(List.of(new YamlSource("test.yml", "limits: {check-timeout-seconds: 1}\n")));
    try (repo; GitRepository git = GitRepository.open(repo.dir())) {
      HistoryScanner scanner = new HistoryScanner(registry, r -> true, policy, Baseline.EMPTY, 2, Progress.NONE, path -> Optional.empty());
      ReviewResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        try (History commits = History.of(git, new History.Range(List.of("HEAD"), false, null, 0), policy.limits().maxFileBytes())) {
          return scanner.scan(commits);
        }
      }, "the scan never returned: a check that hangs must be cut off at limits.check-timeout-seconds");
      assertThat(r.findings()).filteredOn(f -> f.rule().equals("test/word")).extracting(f -> f.path() + ":" + f.line())
          .containsExactly("a.txt:1", "b.txt:2");
      assertThat(r.findings()).filteredOn(f -> f.rule().equals("vetter/internal-error")).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("test/never-returns", "did not finish within its time budget", "(and on 1 more file)"));
    }
  }
}
