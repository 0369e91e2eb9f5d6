package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External inputs (the CLI's --coverage FILE, or files of the work tree found by glob) reach change checks and key the cache. */
class ReviewInputsTest {
  @TempDir Path tmp;
  TestRepo repo;

  @CheckInfo(id = "test/reports", category = Category.TESTS, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class ListsReports implements ChangeCheck<NoOptions> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Finding> check(ChangeContext<NoOptions> change) {
      calls.incrementAndGet();
      return change.inputs("coverage", List.of("build/**/*.info", "coverage.xml")).stream()
          .map(i -> change.changeFinding(i.name() + ": " + i.text().strip()))
          .toList();
    }
  }

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("a.txt", "a\n").commit("base");
    repo.branch("feature");
    repo.write("a.txt", "a\nb\n").commit("change");
  }

  private List<String> review(ListsReports check, FindingCache cache, ReviewInputs inputs) throws Exception {
    try (GitRepository git = GitRepository.open(repo.dir())) {
      Change change = git.range("main", "feature");
      return new Reviewer(new CheckRegistry(List.of(check)), Policy.defaults(), cache, Baseline.EMPTY, 1, Progress.NONE)
          .withInputs(inputs).review(change).findings().stream().map(Finding::message).toList();
    }
  }

  private static Input coverage(String name, String text) {
    return Input.of("coverage", name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void givenInputsReachChecksAndTheirContentKeysTheCache() throws Exception {
    ListsReports check = new ListsReports();
    Path cacheDir = tmp.resolve("cache");
    assertThat(review(check, new DiskCache(cacheDir), ReviewInputs.of(List.of(coverage("r.xml", "one")), null))).containsExactly("r.xml: one");
    assertThat(review(check, new DiskCache(cacheDir), ReviewInputs.of(List.of(coverage("r.xml", "one")), null))).containsExactly("r.xml: one");
    assertThat(check.calls).as("same report: cached").hasValue(1);
    assertThat(review(check, new DiskCache(cacheDir), ReviewInputs.of(List.of(coverage("r.xml", "two")), null))).containsExactly("r.xml: two");
    assertThat(check.calls).as("new report content: recomputed").hasValue(2);
    assertThat(review(check, new DiskCache(cacheDir), ReviewInputs.NONE)).isEmpty();
    assertThat(check.calls).hasValue(3);
  }

  @Test
  void globsSearchTheWorkTreeOnlyWhenNothingWasGivenAndAreNotCached() throws Exception {
    Files.createDirectories(repo.dir().resolve("build/reports/unit"));
    Files.writeString(repo.dir().resolve("build/reports/unit/lcov.info"), "found");
    Files.writeString(repo.dir().resolve("coverage.xml"), "root");
    Files.writeString(repo.dir().resolve("build/other.txt"), "not matched");
    ListsReports check = new ListsReports();
    Path cacheDir = tmp.resolve("cache");
    ReviewInputs fromTree = ReviewInputs.of(List.of(), repo.dir());
    assertThat(review(check, new DiskCache(cacheDir), fromTree)).containsExactly("build/reports/unit/lcov.info: found", "coverage.xml: root");
    Files.writeString(repo.dir().resolve("coverage.xml"), "rewritten by CI");
    assertThat(review(check, new DiskCache(cacheDir), fromTree)).containsExactly("build/reports/unit/lcov.info: found", "coverage.xml: rewritten by CI");
    assertThat(check.calls).as("results that read the work tree are never served from the cache").hasValue(2);
    assertThat(review(check, FindingCache.NONE, ReviewInputs.of(List.of(coverage("given.xml", "given")), repo.dir())))
        .containsExactly("given.xml: given");
  }

  @Test
  void globsStayInsideTheWorkTree() {
    ReviewInputs inputs = ReviewInputs.of(List.of(), tmp.resolve("repo"));
    for (String bad : List.of("../secret.txt", "/etc/passwd", "C:/x.xml", "a/../../b")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> inputs.resolve("coverage", List.of(bad), () -> { }))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative to the repository root");
    }
  }

  @Test
  void symbolicLinksOutOfTheWorkTreeAreNotFollowed() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("coverage.xml"), "secret");
    try {
      Files.createSymbolicLink(repo.dir().resolve("build"), outside);
      Files.createSymbolicLink(repo.dir().resolve("coverage.xml"), outside.resolve("coverage.xml"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("skipped: symbolic links are not supported here");
    }
    List<Input> found = ReviewInputs.of(List.of(), repo.dir()).resolve("coverage", List.of("build/*.xml", "build/**", "coverage.xml"), () -> { });
    assertThat(found).isEmpty();
  }
}
