package dev.vetter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Mode;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of a real repository built here, commit by commit, where it is known which merged pull requests fail:
 * a line with BAD is an error, one with MEH a notice; the policy at each commit's parent decides, never the commit's own.
 */
class ReplayTest {
  @TempDir Path tmp;
  TestRepo repo;
  String root, bad, clean, notice, feature, mainMovesOn, merge, disables, afterDisable;

  @CheckInfo(id = "test/bad", category = Category.SMELLS, severity = Severity.ERROR, mode = Mode.BLOCK, summary = "s", rationale = "r", fix = "f")
  static final class Bad implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return lines(file, "BAD");
    }
  }

  @CheckInfo(id = "test/meh", category = Category.STYLE, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class Meh implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return lines(file, "MEH");
    }
  }

  static List<Finding> lines(FileContext<NoOptions> file, String word) {
    List<Finding> out = new ArrayList<>();
    for (FileContent.Line l : file.head().lines()) if (l.text().contains(word)) out.add(file.finding(l.number(), "a " + word + " line"));
    return out;
  }

  static final CheckRegistry REGISTRY = new CheckRegistry(List.of(new Bad(), new Meh()));

  /** The policy as a review reads it: .vetter.yml at the base of the change. */
  static final class AtBase implements Replay.Setup {
    final List<String> bases = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public Policy policy(GitRepository git, Change change, FindingCache cache) {
      bases.add(change.base());
      List<YamlSource> layers = new ArrayList<>();
      git.fileAt(change.base(), Reviewer.POLICY_FILE).ifPresent(c -> layers.add(YamlSource.decode(Reviewer.POLICY_FILE, c.bytes())));
      return new PolicyLoader(REGISTRY).load(layers);
    }

    @Override
    public Baseline baseline(GitRepository git, Change change, Policy policy) {
      return Baseline.EMPTY;
    }
  }

  @BeforeEach
  void history() {
    repo = TestRepo.init(tmp.resolve("repo"));
    root = repo.write("README.md", "# app\n").commit("root");
    bad = repo.write("a.txt", "one\nBAD two\nBAD three\n").commit("a with two bad lines");
    clean = repo.write("b.txt", "fine\n").commit("b, clean");
    notice = repo.write("c.txt", "MEH\n").commit("c, a notice only");
    // a branch merged with a merge commit: reviewed against main as it was, so the branch's BAD is in it
    repo.branch("feature");
    feature = repo.write("d.txt", "BAD on a branch\n").commit("d on a branch");
    mainMovesOn = repo.checkout("main").write("e.txt", "main moves on\n").commit("e on main");
    repo.mergeNoCommit("feature");
    merge = repo.commit("Merge feature");
    // the commit that turns test/bad off is reviewed under the policy before it: it still fails
    disables = repo.write(".vetter.yml", "rules:\n  test/bad:\n    enabled: false\n").write("f.txt", "BAD\n").commit("turn test/bad off");
    afterDisable = repo.write("g.txt", "BAD\nMEH\n").commit("g, under the new policy");
  }

  ReplayReport replay(int last, int threads) throws InterruptedException {
    return replay(repo.dir(), last, threads, new AtBase());
  }

  static ReplayReport replay(Path dir, int last, int threads, Replay.Setup setup) throws InterruptedException {
    return new Replay(REGISTRY, setup, new Replay.Options("HEAD", last, threads, null)).run(dir, null, Progress.NONE);
  }

  static Map<String, Boolean> failedByCommit(ReplayReport r) {
    Map<String, Boolean> m = new TreeMap<>();
    r.pullRequests().forEach(p -> m.put(p.commit(), p.failed()));
    return m;
  }

  @Test
  void eachFirstParentCommitIsReviewedAgainstItsParentUnderThePolicyThere() throws Exception {
    AtBase setup = new AtBase();
    ReplayReport r = replay(repo.dir(), 10, 2, setup);
    // first parents only: the branch's own commit is not a pull request of main
    assertThat(r.pullRequests()).extracting(ReplayReport.PullRequest::commit)
        .containsExactly(afterDisable, disables, merge, mainMovesOn, notice, clean, bad);
    assertThat(failedByCommit(r)).isEqualTo(Map.of(afterDisable, false, disables, true, merge, true, mainMovesOn, false, notice, false, clean, false, bad, true));
    assertThat(r.headline()).isEqualTo("would have failed 3 of 7 merged pull requests");
    assertThat(r.failed()).isEqualTo(3);
    ReplayReport.PullRequest m = r.pullRequests().get(2);
    assertThat(m.merge()).isTrue();
    assertThat(m.parent()).isEqualTo(mainMovesOn);
    assertThat(m.findings()).extracting(f -> f.finding().path()).containsExactly("d.txt");
    // the policy came from each parent, never from the commit under review
    assertThat(setup.bases).containsExactlyInAnyOrder(disables, merge, mainMovesOn, notice, clean, bad, root);
    // the root commit has nothing to be reviewed against
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.commit()).isEqualTo(root);
      assertThat(s.reason()).contains("root commit");
      assertThat(s.internalError()).isFalse();
    });
    assertThat(r.notes()).singleElement().asString().contains("asked for the last 10", "the history has 8");
  }

  @Test
  void figuresPerRule() throws Exception {
    ReplayReport r = replay(10, 2);
    // g: MEH (BAD is off there); f: BAD and the policy edit; merge: BAD in d; e: none; c: MEH; b: none; a: two BADs
    assertThat(r.findingsPerPr()).containsExactly(1, 2, 1, 0, 1, 0, 2);
    assertThat(r.findings()).isEqualTo(7);
    assertThat(r.rules()).extracting(s -> s.rule() + " " + s.prs() + " " + s.findings() + " " + s.failedPrs())
        .containsExactly("test/bad 3 4 3", "test/meh 2 2 0", "vetter/policy-changed 1 1 0");
    // test/bad per PR 0,1,1,0,0,0,2: sorted 0,0,0,0,1,1,2, the p90 at rank 5.4, between 1 and 2
    assertThat(r.rules().get(0).medianPerPr()).isZero();
    assertThat(r.rules().get(0).p90PerPr()).isCloseTo(1.4, within(1e-9));
    assertThat(r.rules().get(2).p90PerPr()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void findingsOfARuleInShadowAreCountedApart() throws Exception {
    repo.write(".vetter.yml", "rules:\n  test/bad: {mode: shadow}\n").commit("put test/bad in shadow");
    repo.write("h.txt", "BAD\nBAD\nMEH\n").commit("h, two BADs in shadow");
    ReplayReport r = replay(1, 2);
    ReplayReport.PullRequest p = r.pullRequests().get(0);
    assertThat(p.failed()).isFalse();
    assertThat(p.findings()).extracting(f -> f.finding().rule()).containsExactly("test/meh");
    assertThat(p.shadow()).extracting(f -> f.finding().rule() + " " + f.finding().mode()).containsExactly("test/bad SHADOW", "test/bad SHADOW");
    assertThat(r.findingsPerPr()).containsExactly(1);
    assertThat(r.rules()).extracting(s -> s.rule() + " " + s.findings() + " " + s.failedPrs() + " " + s.shadow())
        .containsExactly("test/meh 1 0 0", "test/bad 0 0 2");
    assertThat(new ReplayOutput(r, null, null, null, 0, 1).json()).contains("\"mode\" : \"shadow\"", "\"shadow\" : 2");
  }

  @Test
  void theResultDoesNotDependOnHowManyRunAtATime() throws Exception {
    ReplayReport one = replay(10, 1);
    ReplayReport four = replay(10, 4);
    assertThat(findings(four)).isEqualTo(findings(one));
    assertThat(four.rules()).isEqualTo(one.rules());
    assertThat(one.parallel()).isEqualTo(1);
  }

  static List<String> findings(ReplayReport r) {
    List<String> out = new ArrayList<>();
    for (var p : r.pullRequests()) for (var f : p.findings()) out.add(p.commit() + " " + f.finding().fingerprint() + " " + f.blocks());
    return out;
  }

  @Test
  void lastCountsFirstParentCommitsFromTheTip() throws Exception {
    ReplayReport r = replay(2, 2);
    assertThat(r.pullRequests()).extracting(ReplayReport.PullRequest::commit).containsExactly(afterDisable, disables);
    assertThat(r.notes()).isEmpty();
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aShallowCloneReplaysWhatItHasAndSaysSo() throws Exception {
    GitCli.assumeAvailable();
    Path shallow = tmp.resolve("shallow");
    GitCli.run(tmp, "clone", "-q", "--depth", "3", "file://" + repo.dir(), shallow.toString());
    ReplayReport r = replay(shallow, 100, 2, new AtBase());
    assertThat(r.pullRequests()).extracting(ReplayReport.PullRequest::commit).containsExactly(afterDisable, disables);
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.commit()).isEqualTo(merge);
      assertThat(s.reason()).contains("shallow");
    });
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("asked for the last 100", "has 3"));
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("shallow", merge.substring(0, 12)));
  }

  @Test
  void aCommitWhosePolicyDoesNotLoadIsListedNotFatal() throws Exception {
    repo.write(".vetter.yml", "rules: [this is not a map\n").commit("break the policy");
    repo.write("h.txt", "BAD\n").commit("h, under a broken policy");
    ReplayReport r = replay(3, 2);
    // the commit that broke it was reviewed under the good policy before it; the next one could not be
    assertThat(r.pullRequests()).hasSize(2);
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.subject()).isEqualTo("h, under a broken policy");
      assertThat(s.reason()).contains(".vetter.yml");
      assertThat(s.internalError()).isFalse();
    });
    assertThat(r.hadInternalErrors()).isFalse();
  }

  @Test
  void aSetUpThatBreaksIsAnInternalErrorOfThatCommitOnly() throws Exception {
    AtBase good = new AtBase();
    Replay.Setup flaky = new Replay.Setup() {
      @Override
      public Policy policy(GitRepository git, Change change, FindingCache cache) {
        if (change.headCommit().equals(clean)) throw new IllegalStateException("boom");
        return good.policy(git, change, cache);
      }

      @Override
      public Baseline baseline(GitRepository git, Change change, Policy policy) {
        return Baseline.EMPTY;
      }
    };
    ReplayReport r = replay(repo.dir(), 10, 2, flaky);
    assertThat(r.pullRequests()).hasSize(6);
    assertThat(r.hadInternalErrors()).isTrue();
    assertThat(r.skipped()).filteredOn(ReplayReport.Skipped::internalError).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("internal error: IllegalStateException: boom"));
  }

  @Test
  void anUnknownBranchIsAUsageError() {
    assertThatThrownBy(() -> new Replay(REGISTRY, new AtBase(), new Replay.Options("nope", 5, 1, null)).run(repo.dir(), null, Progress.NONE))
        .isInstanceOf(UserError.class).hasMessageContaining("unknown revision 'nope'");
    assertThatThrownBy(() -> new Replay.Options("HEAD", 0, 1, null)).isInstanceOf(UserError.class).hasMessageContaining("--last");
  }

  @Test
  void fewerAtATimeWhenTheHeapIsSmall() {
    assertThat(Replay.parallelism(8, 8L << 30, 100)).isEqualTo(8);
    assertThat(Replay.parallelism(8, 768L << 20, 100)).isEqualTo(2);
    assertThat(Replay.parallelism(8, 128L << 20, 100)).isEqualTo(1);
    assertThat(Replay.parallelism(8, 8L << 30, 3)).isEqualTo(3);
    assertThat(Replay.parallelism(8, 8L << 30, 0)).isEqualTo(1);
  }
}
