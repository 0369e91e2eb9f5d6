package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that take files in batches ({@link FileCheck#batchSize}) are still cached, timed and failed per file. */
class BatchingTest {
  @TempDir Path tmp;
  TestRepo repo;

  /** Flags lines with "BAD"; remembers the files of every call. Throws, or hangs, on a file named so. */
  @CheckInfo(id = "test/batched", category = Category.SMELLS, severity = Severity.WARNING, summary = "s", rationale = "r", fix = "f")
  static final class Batched implements FileCheck<NoOptions> {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    volatile String throwsOn;
    volatile String hangsOn;
    static volatile boolean release;

    @Override
    public int batchSize() {
      return 4;
    }

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      calls.add(List.of(file.path()));
      return findings(file);
    }

    @Override
    public List<List<Finding>> checkAll(List<FileContext<NoOptions>> files) {
      List<String> paths = files.stream().map(FileContext::path).toList();
      calls.add(paths);
      if (paths.contains(hangsOn)) {
        long x = 0;
        while (!release) x++; // ignores interrupts, as a runaway analyzer would
      }
      List<List<Finding>> out = new ArrayList<>();
      for (FileContext<NoOptions> f : files) out.add(findings(f));
      return out;
    }

    private List<Finding> findings(FileContext<NoOptions> file) {
      if (file.path().equals(throwsOn)) throw new IllegalStateException("cannot parse " + file.path());
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) {
        if (l.text().contains("BAD")) out.add(file.finding(l.number(), "bad word"));
      }
      return out;
    }

    List<String> checkedFiles() {
      return calls.stream().flatMap(List::stream).toList();
    }
  }

  @BeforeEach
  void setUp() {
    Batched.release = false;
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("README", "base\n").commit("base");
    repo.branch("feature");
    for (int i = 1; i <= 20; i++) repo.write(name(i), "fine\nBAD " + i + "\n");
    repo.commit("twenty files");
  }

  @AfterEach
  void release() {
    Batched.release = true;
  }

  static String name(int i) {
    return "f%02d.txt".formatted(i);
  }

  private ReviewResult review(Policy policy, FindingCache cache, Batched check) throws Exception {
    try (GitRepository git = GitRepository.open(repo.dir())) {
      return new Reviewer(new CheckRegistry(List.of(check)), policy, cache, Baseline.EMPTY, 2, Progress.NONE).review(git.range("main", "feature"));
    }
  }

  private static List<String> where(ReviewResult r) {
    return r.findings().stream().filter(f -> !f.rule().equals("vetter/internal-error")).map(f -> f.path() + ":" + f.line()).toList();
  }

  private static List<String> all(int... except) {
    List<String> out = new ArrayList<>();
    outer:
    for (int i = 1; i <= 20; i++) {
      for (int e : except) if (e == i) continue outer;
      out.add(name(i) + ":2");
    }
    return out;
  }

  @Test
  void filesArriveInBatchesEachOnceAndAreCachedOneByOne() throws Exception {
    Batched check = new Batched();
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    ReviewResult first = review(Policy.defaults(), cache, check);
    assertThat(where(first)).containsExactlyElementsOf(all());
    assertThat(check.checkedFiles()).as("every file once").hasSize(20).doesNotHaveDuplicates();
    // 20 files on 2 workers: batches of ceil(20 / 8) = 3, so every worker gets several
    assertThat(check.calls).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(3)).anySatisfy(c -> assertThat(c).hasSize(3));
    assertThat(first.stats().invocations()).isEqualTo(20);

    check.calls.clear();
    ReviewResult again = review(Policy.defaults(), cache, check);
    assertThat(check.calls).as("all cached").isEmpty();
    assertThat(again.stats().cacheHits()).isEqualTo(20);
    assertThat(where(again)).containsExactlyElementsOf(all());

    repo.write(name(7), "fine\nfine\nBAD moved\n").commit("edit one");
    check.calls.clear();
    ReviewResult edited = review(Policy.defaults(), cache, check);
    assertThat(check.calls).as("only the edited file, alone in its batch").containsExactly(List.of(name(7)));
    assertThat(where(edited)).contains(name(7) + ":3").doesNotContain(name(7) + ":2").hasSize(20);
  }

  @Test
  void aBatchThatThrowsIsRetriedFileByFileSoOnlyTheBadFileIsLost() throws Exception {
    Batched check = new Batched();
    check.throwsOn = name(7);
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, check);
    assertThat(where(r)).containsExactlyElementsOf(all(7));
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("vetter/internal-error")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("test/batched", "cannot parse f07.txt", "on f07.txt").doesNotContain("more file"));
    // the failing batch was retried one file at a time
    assertThat(check.calls).contains(List.of(name(7)));
  }

  @Test
  void aBatchOverItsBudgetTimesOutItsFilesAndTheOthersComplete() throws Exception {
    Batched check = new Batched();
    check.hangsOn = name(7);
    Policy p = new PolicyLoader(new CheckRegistry(List.of(check))).load(List.of(new YamlSource("t.yml", "limits: {check-timeout-seconds: 1}")));
    ReviewResult r = review(p, FindingCache.NONE, check);
    List<String> stuck = check.calls.stream().filter(c -> c.contains(name(7))).findFirst().orElseThrow();
    assertThat(stuck).hasSizeGreaterThan(1);
    int[] lost = stuck.stream().mapToInt(s -> Integer.parseInt(s.substring(1, 3))).toArray();
    assertThat(where(r)).containsExactlyElementsOf(all(lost));
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("vetter/internal-error")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("test/batched", "did not finish within its time budget", (stuck.size() - 1) + " more file"));
  }
}
