package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.filter.FilterMode;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewerTest {
  @TempDir Path tmp;

  /** Flags every line containing "BAD"; counts its invocations per path. */
  @CheckInfo(id = "test/bad-word", category = Category.SMELLS, severity = Severity.WARNING, summary = "s", rationale = "r", fix = "f",
      options = BadWord.Options.class)
  static final class BadWord implements FileCheck<BadWord.Options> {
    record Options(@Doc("word") String word) {
      Options() {
        this("BAD");
      }
    }

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public List<Finding> check(FileContext<Options> file) {
      calls.computeIfAbsent(file.path(), p -> new AtomicInteger()).incrementAndGet();
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) {
        if (l.text().contains(file.options().word())) out.add(file.finding(l.number(), "bad word"));
      }
      return out;
    }

    int total() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  /** Reads a side file, like an .editorconfig, so its result depends on it. */
  @CheckInfo(id = "test/reads-config", category = Category.STYLE, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class ReadsConfig implements FileCheck<NoOptions> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      calls.incrementAndGet();
      boolean strict = file.readHead("strict.cfg").isPresent();
      return strict ? List.of(file.fileFinding("strict mode")) : List.of();
    }
  }

  /** Reads b.txt and c.txt at the base as its configuration, and a.txt at the base to compare with. */
  @CheckInfo(id = "test/config-reader", category = Category.STYLE, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class ConfigReader implements FileCheck<NoOptions> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      calls.incrementAndGet();
      file.readConfig("b.txt");
      file.readConfig("c.txt");
      file.readBase("a.txt");
      return List.of();
    }
  }

  /** Depends on something outside the change (a database on disk), so it opts out of the cache. */
  @CheckInfo(id = "test/uncached", category = Category.SMELLS, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f",
      cacheable = false)
  static final class Uncached implements FileCheck<NoOptions> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      calls.incrementAndGet();
      return List.of();
    }
  }

  @CheckInfo(id = "test/uncached-change", category = Category.SMELLS, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f",
      cacheable = false)
  static final class UncachedChange implements ChangeCheck<NoOptions> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Finding> check(ChangeContext<NoOptions> change) {
      return List.of(change.changeFinding("run " + calls.incrementAndGet()));
    }
  }

  @CheckInfo(id = "test/throws", category = Category.SMELLS, severity = Severity.ERROR, summary = "s", rationale = "r", fix = "f")
  static final class Throws implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      throw new IllegalStateException("boom on " + file.path());
    }
  }

  @CheckInfo(id = "test/hangs", category = Category.SMELLS, severity = Severity.ERROR, summary = "s", rationale = "r", fix = "f")
  static final class Hangs implements FileCheck<NoOptions> {
    static volatile boolean release;

    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      long x = 0;
      while (!release) x++; // ignores interrupts on purpose, like a runaway regex would
      return List.of();
    }
  }

  @CheckInfo(id = "test/commits", category = Category.COMMITS, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class CountCommits implements ChangeCheck<NoOptions> {
    @Override
    public List<Finding> check(ChangeContext<NoOptions> change) {
      return List.of(change.changeFinding(change.change().commits().size() + " commits"));
    }
  }

  TestRepo repo;

  @org.junit.jupiter.api.AfterEach
  void releaseHungThreads() {
    Hangs.release = true; // don't leave a spinning thread behind for the rest of the suite
  }

  @BeforeEach
  void setUp() {
    Hangs.release = false;
    repo = TestRepo.init(tmp.resolve("repo"));
    StringBuilder base = new StringBuilder();
    for (int i = 1; i <= 20; i++) base.append("line ").append(i).append(i == 3 ? " BAD old" : "").append('\n');
    repo.write("a.txt", base.toString()).write("b.txt", "fine\n").write("c.txt", "BAD from before\n");
    repo.commit("base");
    repo.branch("feature");
    repo.write("a.txt", base.toString().replace("line 10\n", "line 10 BAD new\n"));
    repo.write("b.txt", "fine\nBAD added\n");
    repo.write("d.txt", "BAD new file\n");
    repo.commit("feature work");
  }

  private ReviewResult review(Policy policy, FindingCache cache, dev.vetter.check.Check... checks) throws Exception {
    try (GitRepository git = GitRepository.open(repo.dir())) {
      Change change = git.range("main", "feature");
      return new Reviewer(new CheckRegistry(List.of(checks)), policy, cache, Baseline.EMPTY, 2, Progress.NONE).review(change);
    }
  }

  private static Policy policy(String yaml, dev.vetter.check.Check... checks) {
    return new PolicyLoader(new CheckRegistry(List.of(checks))).load(List.of(new YamlSource("test.yml", yaml)));
  }

  private static List<String> where(ReviewResult r) {
    return r.findings().stream().map(f -> f.path() + ":" + f.line()).toList();
  }

  @Test
  void reportsOnlyAddedLinesByDefault() throws Exception {
    BadWord bad = new BadWord();
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, bad);
    assertThat(where(r)).containsExactly("a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(r.hidden()).extracting(f -> f.path() + ":" + f.line()).containsExactly("a.txt:3");
    assertThat(r.findings()).allSatisfy(f -> {
      assertThat(f.rule()).isEqualTo("test/bad-word");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.fingerprint()).hasSize(20);
    });
    assertThat(bad.calls).doesNotContainKey("c.txt"); // unchanged files are not reviewed
  }

  @Test
  void filterModesFollowReviewdog() throws Exception {
    BadWord bad = new BadWord();
    // line 3 is outside the hunk around line 10 (context 7..13)
    assertThat(where(review(policy("filter: diff_context", bad), FindingCache.NONE, bad))).containsExactly("a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(where(review(policy("filter: file", bad), FindingCache.NONE, bad))).containsExactly("a.txt:3", "a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(review(policy("filter: nofilter", bad), FindingCache.NONE, bad).policy().filter()).isEqualTo(FilterMode.NOFILTER);
  }

  @Test
  void diffContextIncludesContextLines() throws Exception {
    repo.write("a.txt", "line 1\nline 2\nline 3 BAD old\nline 4\nline 5 changed\n");
    repo.commit("more");
    BadWord bad = new BadWord();
    assertThat(where(review(policy("filter: diff_context", bad), FindingCache.NONE, bad))).contains("a.txt:3");
    assertThat(where(review(Policy.defaults(), FindingCache.NONE, bad))).doesNotContain("a.txt:3");
  }

  @Test
  void policySeverityOptionsAndOverridesApplyPerPath() throws Exception {
    BadWord bad = new BadWord();
    Policy p = policy("""
        rules:
          test/bad-word: {severity: error}
        overrides:
          - paths: ["d.txt"]
            rules:
              test/bad-word: {enabled: false}
          - paths: ["b.*"]
            rules:
              test/bad-word: {word: added, severity: notice}
        """, bad);
    ReviewResult r = review(p, FindingCache.NONE, bad);
    assertThat(r.findings()).extracting(f -> f.path() + ":" + f.line() + ":" + f.severity().id())
        .containsExactly("a.txt:10:error", "b.txt:2:notice");
    assertThat(bad.calls).doesNotContainKey("d.txt");
  }

  @Test
  void excludedPathsAreNotReviewed() throws Exception {
    BadWord bad = new BadWord();
    ReviewResult r = review(policy("exclude: ['d.*']", bad), FindingCache.NONE, bad);
    assertThat(where(r)).containsExactly("a.txt:10", "b.txt:2");
    assertThat(bad.calls).doesNotContainKey("d.txt");
  }

  @Test
  void cacheRecomputesOnlyTheChangedFile() throws Exception {
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    BadWord first = new BadWord();
    ReviewResult r1 = review(Policy.defaults(), cache, first);
    assertThat(first.total()).isEqualTo(3);
    assertThat(r1.stats().invocations()).isEqualTo(3);

    // a fresh cache object over the same directory: proves the results were persisted
    BadWord second = new BadWord();
    ReviewResult r2 = review(Policy.defaults(), new DiskCache(tmp.resolve("cache")), second);
    assertThat(second.total()).isZero();
    assertThat(r2.stats().cacheHits()).isEqualTo(3);
    assertThat(r2.findings()).isEqualTo(r1.findings());

    repo.write("b.txt", "fine\nBAD added\nBAD again\n");
    repo.commit("touch one file");
    BadWord third = new BadWord();
    ReviewResult r3 = review(Policy.defaults(), new DiskCache(tmp.resolve("cache")), third);
    assertThat(third.calls.keySet()).containsExactly("b.txt");
    assertThat(third.total()).isEqualTo(1);
    assertThat(where(r3)).containsExactly("a.txt:10", "b.txt:2", "b.txt:3", "d.txt:1");
  }

  @Test
  void cacheKeyIncludesOptions() throws Exception {
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    BadWord bad = new BadWord();
    review(Policy.defaults(), cache, bad);
    review(policy("rules: {test/bad-word: {word: fine}}", bad), cache, bad);
    assertThat(bad.total()).isEqualTo(6);
  }

  @Test
  void aCheckThatIsNotCacheableRunsEveryTime() throws Exception {
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    Uncached files = new Uncached();
    UncachedChange whole = new UncachedChange();
    BadWord cached = new BadWord();
    review(Policy.defaults(), cache, files, whole, cached);
    ReviewResult second = review(Policy.defaults(), cache, files, whole, cached);
    assertThat(files.calls.get()).isEqualTo(6);
    assertThat(second.findings()).extracting(Finding::message).contains("run 2");
    assertThat(cached.total()).isEqualTo(3); // the others still hit the cache
    assertThat(second.stats().cacheHits()).isEqualTo(3);
  }

  @Test
  void cacheIsInvalidatedWhenAFileTheCheckReadChanges() throws Exception {
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    ReadsConfig check = new ReadsConfig();
    assertThat(review(Policy.defaults(), cache, check).findings()).isEmpty();
    assertThat(check.calls.get()).isEqualTo(3);
    review(Policy.defaults(), cache, check);
    assertThat(check.calls.get()).isEqualTo(3);
    repo.write("strict.cfg", "on\n");
    repo.commit("config");
    ReviewResult r = review(Policy.defaults(), cache, check);
    // every file depended on strict.cfg being absent; strict.cfg itself is new
    assertThat(check.calls.get()).isEqualTo(3 + 4);
    assertThat(r.findings()).extracting(Finding::path).contains("a.txt", "b.txt", "d.txt");
  }

  @Test
  void modesDecideWhatIsPostedAndWhatFails() throws Exception {
    BadWord bad = new BadWord();
    // the rule's default: comment, posted and never failing, even at a severity at or above fail-on
    ReviewResult comment = review(policy("fail-on: warning", bad), FindingCache.NONE, bad);
    assertThat(where(comment)).containsExactly("a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(comment.findings()).extracting(Finding::mode).containsOnly(Mode.COMMENT);
    assertThat(comment.failed()).isFalse();

    ReviewResult block = review(policy("fail-on: warning\nrules: {test: {mode: block}}", bad), FindingCache.NONE, bad);
    assertThat(block.failed()).isTrue();
    assertThat(review(policy("rules: {test/bad-word: {mode: block}}", bad), FindingCache.NONE, bad).failed())
        .as("a blocking warning does not fail a review that fails on errors").isFalse();

    // shadow: computed and listed apart, never posted, never failing; outside the diff not even counted
    ReviewResult shadow = review(policy("fail-on: notice\nrules: {test/bad-word: {mode: shadow, severity: error}}", bad), FindingCache.NONE, bad);
    assertThat(shadow.findings()).isEmpty();
    assertThat(shadow.shadow()).extracting(f -> f.path() + ":" + f.line()).containsExactly("a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(shadow.shadow()).allSatisfy(f -> assertThat(f.fingerprint()).isNotNull());
    assertThat(shadow.failed()).isFalse();
    assertThat(shadow.hiddenCount()).isZero();

    // per path: blocking only under b.txt, off for d.txt
    ReviewResult perPath = review(policy("""
        fail-on: warning
        overrides:
          - paths: [b.txt]
            rules: {test/bad-word: {mode: block}}
          - paths: [d.txt]
            rules: {test/bad-word: {mode: "off"}}
        """, bad), FindingCache.NONE, bad);
    assertThat(perPath.findings()).extracting(f -> f.path() + ":" + f.mode()).containsExactly("a.txt:COMMENT", "b.txt:BLOCK");
    assertThat(perPath.failed()).isTrue();
  }

  @Test
  void inferredSettingsGiveWayToWhatThePolicyWrites() throws Exception {
    BadWord bad = new BadWord();
    Policy.Inferred quiet = new Policy.Inferred("test/bad-word", List.of(), new Policy.RuleSettings(null, null, Mode.SHADOW, null),
        "the repository does not follow it");
    ReviewResult inferred = review(policy("fail-on: notice", bad).withInferred(List.of(quiet)), FindingCache.NONE, bad);
    assertThat(inferred.findings()).isEmpty();
    assertThat(inferred.shadow()).hasSize(3);
    // a team that writes `enabled: true` (or a mode) chose the rule: the inference no longer applies
    assertThat(review(policy("rules: {test/bad-word: true}", bad).withInferred(List.of(quiet)), FindingCache.NONE, bad).findings()).hasSize(3);
    assertThat(review(policy("rules: {test: {mode: block}}", bad).withInferred(List.of(quiet)), FindingCache.NONE, bad).findings()).hasSize(3);
    // so does one that writes the rule's options: it configured the rule, so it chose it
    assertThat(review(policy("rules: {test/bad-word: {word: BAD}}", bad).withInferred(List.of(quiet)), FindingCache.NONE, bad).findings()).hasSize(3);
    // a family's severity alone does not
    assertThat(review(policy("rules: {test: {severity: error}}", bad).withInferred(List.of(quiet)), FindingCache.NONE, bad).findings()).isEmpty();
    // an inference for some paths only
    Policy.Inferred onlyB = new Policy.Inferred("test/bad-word", List.of(dev.vetter.check.Glob.compile("b.txt")),
        new Policy.RuleSettings(null, null, Mode.SHADOW, null), "b.txt is different");
    ReviewResult some = review(policy("fail-on: notice", bad).withInferred(List.of(onlyB)), FindingCache.NONE, bad);
    assertThat(where(some)).containsExactly("a.txt:10", "d.txt:1");
    assertThat(some.shadow()).extracting(Finding::path).containsExactly("b.txt");
  }

  @Test
  void aThrowingCheckYieldsOneInternalErrorAndOthersComplete() throws Exception {
    BadWord bad = new BadWord();
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, bad, new Throws());
    assertThat(where(r)).contains("a.txt:10", "b.txt:2", "d.txt:1");
    List<Finding> errors = r.findings().stream().filter(f -> f.rule().equals("vetter/internal-error")).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("test/throws", "IllegalStateException", "boom on a.txt", "2 more files");
    // a failure of Vetter's is posted, but does not block the change unless the policy says so
    assertThat(errors.get(0).mode()).isEqualTo(dev.vetter.check.Mode.COMMENT);
    assertThat(r.failed()).isFalse();
    assertThat(review(policy("rules: {vetter/internal-error: {mode: block}}"), FindingCache.NONE, bad, new Throws()).failed()).isTrue();
  }

  @Test
  void aHangingCheckIsCutOffAtItsBudget() throws Exception {
    BadWord bad = new BadWord();
    Policy p = policy("limits: {check-timeout-seconds: 1}", bad, new Hangs());
    ReviewResult r = review(p, FindingCache.NONE, bad, new Hangs());
    assertThat(where(r)).contains("a.txt:10", "b.txt:2", "d.txt:1");
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("vetter/internal-error")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("test/hangs", "did not finish within its time budget"));
  }

  @Test
  void changeChecksSeeCommitsAndAreNeverLineFiltered() throws Exception {
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, new CountCommits());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.scope()).isEqualTo(Finding.Scope.CHANGE);
      assertThat(f.message()).isEqualTo("1 commits");
    });
  }

  @Test
  void fingerprintsSurviveUnrelatedEdits() throws Exception {
    BadWord bad = new BadWord();
    ReviewResult before = review(Policy.defaults(), FindingCache.NONE, bad);
    // insert lines above the finding in b.txt: its line number moves, its fingerprint must not
    repo.write("b.txt", "new top\nanother\nfine\nBAD added\n");
    repo.commit("shift");
    ReviewResult after = review(Policy.defaults(), FindingCache.NONE, bad);
    Finding b1 = before.findings().stream().filter(f -> f.path().equals("b.txt")).findFirst().orElseThrow();
    Finding b2 = after.findings().stream().filter(f -> f.path().equals("b.txt")).findFirst().orElseThrow();
    assertThat(b2.line()).isEqualTo(b1.line() + 2);
    assertThat(b2.fingerprint()).isEqualTo(b1.fingerprint());
    // identical lines get distinct fingerprints
    repo.write("b.txt", "fine\nBAD added\nBAD added\n");
    repo.commit("dup");
    ReviewResult dup = review(Policy.defaults(), FindingCache.NONE, bad);
    assertThat(dup.findings()).filteredOn(f -> f.path().equals("b.txt")).extracting(Finding::fingerprint).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void baselineHidesAcceptedFindings() throws Exception {
    BadWord bad = new BadWord();
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, bad);
    Baseline accepted = Baseline.parse("b.json", Baseline.render(r.findings().subList(0, 2)));
    try (GitRepository git = GitRepository.open(repo.dir())) {
      ReviewResult again = new Reviewer(new CheckRegistry(List.of(bad)), Policy.defaults(), FindingCache.NONE, accepted, 1, Progress.NONE)
          .review(git.range("main", "feature"));
      assertThat(where(again)).containsExactly("d.txt:1");
      assertThat(again.baselined()).isEqualTo(2);
    }
  }

  @Test
  void editingAConfigurationThatACheckReadsAtTheBaseIsANoticeEvenFromTheCache() throws Exception {
    DiskCache cache = new DiskCache(tmp.resolve("cache"));
    ConfigReader check = new ConfigReader();
    String notice = "This change edits b.txt, which test/config-reader reads as configuration from the base revision: this review follows the"
        + " base's version; the change takes effect once merged.";
    ReviewResult first = review(Policy.defaults(), cache, check);
    // b.txt is read as configuration and edited; a.txt is edited but only compared with; c.txt is read but not edited
    assertThat(first.findings()).extracting(Finding::rule, Finding::path, Finding::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("vetter/config-changed", "b.txt", notice));
    ReviewResult cached = review(Policy.defaults(), cache, check);
    assertThat(cached.stats().cacheHits()).as("every file from the cache").isEqualTo(3);
    assertThat(cached.findings()).extracting(Finding::message).containsExactly(notice);

    repo.delete("c.txt").commit("drop c");
    ReviewResult deleted = review(policy("rules:\n  vetter/config-changed: {severity: warning}\n", check), cache, check);
    assertThat(deleted.findings()).filteredOn(f -> f.message().contains("deletes c.txt")).singleElement()
        .satisfies(f -> {
          assertThat(f.scope()).isEqualTo(Finding.Scope.CHANGE);
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    assertThat(review(policy("rules:\n  vetter/config-changed: false\n", check), cache, check).findings()).isEmpty();
  }

  @Test
  void editingThePolicyFileIsANotice() throws Exception {
    repo.write(".vetter.yml", "fail-on: never\n");
    repo.commit("weaken the gate");
    ReviewResult r = review(Policy.defaults(), FindingCache.NONE, new BadWord());
    assertThat(r.findings()).extracting(Finding::rule).contains("vetter/policy-changed");
  }
}
