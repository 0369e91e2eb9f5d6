package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.Waivers;
import dev.vetter.policy.WaiversLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers of {@code .vetter/waivers.yml} applied by the reviewer, on real repositories, on a day the test chooses. */
class WaiversReviewTest {
  @TempDir Path tmp;

  /** Blocks: an error on every line containing "MARK". */
  @CheckInfo(id = "test/marker", category = Category.SECURITY, severity = Severity.ERROR, mode = Mode.BLOCK, summary = "s", rationale = "r", fix = "f")
  static final class Marker implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) if (l.text().contains("MARK")) out.add(file.finding(l.number(), "marker"));
      return out;
    }
  }

  /** Comments: a warning on every line containing "BAD". */
  @CheckInfo(id = "test/bad", category = Category.SMELLS, severity = Severity.WARNING, summary = "s", rationale = "r", fix = "f")
  static final class Bad implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) if (l.text().contains("BAD")) out.add(file.finding(l.number(), "bad"));
      return out;
    }
  }

  static final CheckRegistry REGISTRY = new CheckRegistry(List.of(new Marker(), new Bad()));
  static final LocalDate TODAY = LocalDate.parse("2026-02-10");

  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("src/a.txt", "one\ntwo\n").write("src/gone.txt", "MARK old\n").write("lib/b.txt", "fine\n").commit("base");
    repo.branch("feature");
    repo.write("src/a.txt", "one\nMARK new\ntwo BAD\n").write("lib/b.txt", "fine\nBAD too\n").delete("src/gone.txt").commit("feature");
  }

  private ReviewResult review(Policy policy, String waivers, LocalDate today) throws Exception {
    Waivers w = new WaiversLoader(REGISTRY, policy.waivers()).load(new YamlSource(".vetter/waivers.yml@main", waivers));
    try (GitRepository git = GitRepository.open(repo.dir())) {
      return new Reviewer(REGISTRY, policy).withWaivers(w, today).review(git.range("main", "feature"));
    }
  }

  private ReviewResult review(String waivers) throws Exception {
    return review(Policy.defaults(), waivers, TODAY);
  }

  private static List<String> rules(ReviewResult r) {
    return r.findings().stream().map(f -> f.rule() + "@" + (f.path() == null ? "-" : f.path() + ":" + f.line())).toList();
  }

  private static String entry(String what, String created, String expires) {
    return "  - {" + what + ", reason: accepted-risk, owner: '@sec', created: " + created + ", expires: " + expires + "}\n";
  }

  @Test
  void withoutWaiversTheMarkerBlocks() throws Exception {
    ReviewResult r = review("");
    assertThat(rules(r)).containsExactly("test/bad@lib/b.txt:2", "test/marker@src/a.txt:2", "test/bad@src/a.txt:3");
    assertThat(r.failed()).isTrue();
    assertThat(r.waived()).isEmpty();
  }

  @Test
  void aWaiverInForceTakesTheFindingOutOfTheReviewButKeepsIt() throws Exception {
    ReviewResult r = review("waivers:\n" + entry("rule: test/marker, path: 'src/**'", "2026-02-01", "2026-02-20"));
    assertThat(rules(r)).containsExactly("test/bad@lib/b.txt:2", "test/bad@src/a.txt:3");
    assertThat(r.failed()).isFalse();
    assertThat(r.waived()).singleElement().satisfies(w -> {
      assertThat(w.finding().rule()).isEqualTo("test/marker");
      assertThat(w.finding().line()).isEqualTo(2);
      assertThat(w.finding().fingerprint()).hasSize(20);
      assertThat(w.waiver().where()).isEqualTo(".vetter/waivers.yml:2");
      assertThat(w.waiver().owner()).isEqualTo("@sec");
    });
  }

  @Test
  void aFingerprintWaivesThatFindingOnly() throws Exception {
    String fingerprint = review("").findings().stream().filter(f -> f.path().equals("lib/b.txt")).findFirst().orElseThrow().fingerprint();
    ReviewResult r = review("waivers:\n" + entry("fingerprint: " + fingerprint, "2026-02-01", "2026-02-20"));
    assertThat(rules(r)).containsExactly("test/marker@src/a.txt:2", "test/bad@src/a.txt:3");
    assertThat(r.waived()).extracting(w -> w.finding().fingerprint()).containsExactly(fingerprint);
  }

  @Test
  void anExpiredWaiverBringsTheFindingBackAndSaysWhichEntry() throws Exception {
    String waivers = "waivers:\n" + entry("rule: test/bad, path: '**'", "2026-01-01", "2026-01-20")
        + entry("rule: test/marker, path: 'src/**'", "2026-01-15", "2026-02-10");
    ReviewResult r = review(waivers);
    assertThat(rules(r)).containsExactly("vetter/waiver-expired@-", "vetter/waiver-expired@-", "test/bad@lib/b.txt:2", "test/marker@src/a.txt:2",
        "test/bad@src/a.txt:3");
    assertThat(r.failed()).isTrue();
    assertThat(r.findings().stream().filter(f -> f.rule().equals("vetter/waiver-expired")).map(Finding::message)).containsExactlyInAnyOrder(
        "The waiver at .vetter/waivers.yml:2 (test/bad in '**', accepted-risk, owner @sec) expired on 2026-01-20: the 2 findings it waived are "
            + "reported again. Fix them, or renew the waiver with a later expires date.",
        "The waiver at .vetter/waivers.yml:3 (test/marker in 'src/**', accepted-risk, owner @sec) expired on 2026-02-10: the finding it waived is "
            + "reported again. Fix it, or renew the waiver with a later expires date.");
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.NOTICE);
    assertThat(r.findings().get(0).mode()).isEqualTo(Mode.COMMENT);

    // the day before it expires, the second one still applies
    ReviewResult before = review(Policy.defaults(), waivers, LocalDate.parse("2026-02-09"));
    assertThat(before.waived()).extracting(w -> w.finding().rule()).containsExactly("test/marker");
    assertThat(before.failed()).isFalse();
  }

  @Test
  void aWaiverIsNotInForceBeforeItsCreatedDate() throws Exception {
    ReviewResult r = review("waivers:\n" + entry("rule: test/marker, path: 'src/**'", "2026-02-11", "2026-02-20"));
    assertThat(rules(r)).containsExactly("test/bad@lib/b.txt:2", "test/marker@src/a.txt:2", "test/bad@src/a.txt:3");
    assertThat(r.waived()).isEmpty();
  }

  @Test
  void aWaiverLongerThanThePolicyAllowsForASeverityWaivesOnlyTheLesserOnes() throws Exception {
    // 60 days: more than the 30 the defaults allow for errors, less than the 90 for warnings
    ReviewResult r = review("waivers:\n" + entry("rule: test, path: 'src/**'", "2026-01-20", "2026-03-21"));
    assertThat(rules(r)).containsExactly("vetter/waiver-too-long@-", "test/bad@lib/b.txt:2", "test/marker@src/a.txt:2");
    assertThat(r.findings().get(0).message()).isEqualTo("The waiver at .vetter/waivers.yml:2 (test in 'src/**', accepted-risk, owner @sec) lasts 60 days, "
        + "from 2026-01-20 to 2026-03-21; the policy allows at most 30 days for error findings (waivers.max-days), so it does not waive the finding "
        + "it matches here. Shorten it, or fix the finding.");
    assertThat(r.waived()).extracting(w -> w.finding().rule()).containsExactly("test/bad");
    assertThat(r.failed()).isTrue();

    // a policy that allows errors to be waived for 60 days
    Policy longer = new PolicyLoader(REGISTRY).load(List.of(new YamlSource(".vetter.yml", "waivers: {max-days: {error: 60}}\n")));
    assertThat(longer.waivers().warningDays()).isEqualTo(90);
    ReviewResult allowed = review(longer, "waivers:\n" + entry("rule: test, path: 'src/**'", "2026-01-20", "2026-03-21"), TODAY);
    assertThat(rules(allowed)).containsExactly("test/bad@lib/b.txt:2");
    assertThat(allowed.failed()).isFalse();
  }

  @Test
  void aWaiverOfAChangedFileThatMatchesNothingIsStale() throws Exception {
    String waivers = "waivers:\n"
        + entry("rule: test/marker, path: lib/b.txt", "2026-02-01", "2026-02-20") // the file changed, and has no marker
        + entry("rule: test/marker, path: src/gone.txt", "2026-02-01", "2026-02-20") // the file is deleted
        + entry("rule: test/marker, path: 'lib/**'", "2026-02-01", "2026-02-20") // a glob may cover files this change does not touch
        + entry("rule: test/marker, path: src/other.txt", "2026-02-01", "2026-02-20") // a file the change does not touch
        + entry("rule: test/bad, path: src/a.txt", "2026-02-01", "2026-02-20"); // matches
    ReviewResult r = review(waivers);
    assertThat(r.findings().stream().filter(f -> f.rule().equals("vetter/waiver-stale")).map(Finding::message)).containsExactly(
        "The waiver at .vetter/waivers.yml:2 (test/marker in 'lib/b.txt', accepted-risk, owner @sec) matches no finding in lib/b.txt, which this "
            + "change touches: what it was written for is gone. Remove it from .vetter/waivers.yml.",
        "The waiver at .vetter/waivers.yml:3 (test/marker in 'src/gone.txt', accepted-risk, owner @sec) matches no finding in src/gone.txt, which "
            + "this change touches: what it was written for is gone. Remove it from .vetter/waivers.yml.");
  }

  @Test
  void aFindingOutsideTheDiffKeepsItsWaiverFromBeingStaleAndStaysOutOfTheBaseline() throws Exception {
    repo.checkout("main").write("lib/b.txt", "MARK from before\nfine\n").commit("an old marker");
    repo.checkout("feature").mergeNoCommit("main").commit("merge main");
    ReviewResult r = review("waivers:\n" + entry("rule: test/marker, path: lib/b.txt", "2026-02-01", "2026-02-20"));
    assertThat(r.findings()).noneMatch(f -> f.rule().startsWith("vetter/"));
    assertThat(r.hiddenCount()).isEqualTo(1);
    // what --write-baseline would record: a waived finding is not accepted for ever
    assertThat(r.hidden()).isEmpty();
    assertThat(review("").hidden()).extracting(Finding::rule).containsExactly("test/marker");
  }

  @Test
  void anEditOfTheWaiversFileIsANoticeThatTheBaseGoverns() throws Exception {
    repo.write(".vetter/waivers.yml", "waivers:\n" + entry("rule: test/marker, path: 'src/**'", "2026-02-01", "2026-02-20")).commit("waive it");
    ReviewResult r = review("");
    assertThat(rules(r)).contains("vetter/policy-changed@.vetter/waivers.yml:0", "test/marker@src/a.txt:2");
    assertThat(r.failed()).isTrue();
  }

  @Test
  void theWaiverNoticesObeyThePolicy() throws Exception {
    Policy quiet = new PolicyLoader(REGISTRY).load(List.of(new YamlSource(".vetter.yml", "rules: {vetter/waiver-expired: false}\n")));
    ReviewResult r = review(quiet, "waivers:\n" + entry("rule: test/bad, path: '**'", "2026-01-01", "2026-01-20"), TODAY);
    assertThat(r.findings()).noneMatch(f -> f.rule().startsWith("vetter/"));
  }
}
