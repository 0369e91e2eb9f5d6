package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a loaded policy resolves per rule and per path, through the real review pipeline: the family
 * first, then the rule's own entry; the top-level rules first, then each matching override in order,
 * so the later entry wins. The test check's messages show the options in force.
 */
class PathOverridesTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("README.md", "start\n").commit("base");
    repo.branch("feature");
    for (String path : List.of("app.txt", "src/main.txt", "src/gen/auto.txt", "docs/guide.txt", "docs/old/legacy.txt")) {
      repo.write(path, "BAD\nTODO\nPLAIN\n");
    }
    repo.commit("work");
  }

  /** Each reported finding as {@code path rule severity message}. */
  private List<String> review(String... layers) throws Exception {
    PolicyLoader loader = new PolicyLoader(TestChecks.registry());
    Policy policy = loader.load(java.util.Arrays.stream(layers).map(y -> new YamlSource("p.yml", y)).toList());
    try (GitRepository git = GitRepository.open(repo.dir())) {
      return new Reviewer(TestChecks.registry(), policy).review(git.range("main", "feature")).findings().stream()
          .map(f -> f.path() + " " + f.rule() + " " + f.severity().id() + " " + f.message()).toList();
    }
  }

  @Test
  void defaultsWithoutAPolicy() throws Exception {
    assertThat(review("")).containsExactly(
        "app.txt test/words warning default:BAD:STRICT", "app.txt test/plain notice plain",
        "docs/guide.txt test/words warning default:BAD:STRICT", "docs/guide.txt test/plain notice plain",
        "docs/old/legacy.txt test/words warning default:BAD:STRICT", "docs/old/legacy.txt test/plain notice plain",
        "src/gen/auto.txt test/words warning default:BAD:STRICT", "src/gen/auto.txt test/plain notice plain",
        "src/main.txt test/words warning default:BAD:STRICT", "src/main.txt test/plain notice plain");
  }

  @Test
  void laterOverridesWinOverEarlierOnesAndOverTheTopLevel() throws Exception {
    assertThat(review("""
        rules:
          test/words: {severity: error, words: [TODO], label: top}
          test/plain: false
        overrides:
          - paths: ['src/**']
            rules:
              test/words: {severity: notice, label: src}
          - paths: ['src/gen/**']
            rules:
              test/words: {enabled: false}
          - paths: ['docs/']
            rules:
              test/plain: true
              test/words: {matching: lenient}
          - paths: ['docs/old/**']
            rules:
              test/words: {label: old}
        """)).containsExactly(
            "app.txt test/words error top:TODO:STRICT",
            "docs/guide.txt test/words error top:TODO:LENIENT",
            "docs/guide.txt test/plain notice plain",
            // options from every matching override accumulate: matching from the third, label from the fourth
            "docs/old/legacy.txt test/words error old:TODO:LENIENT",
            "docs/old/legacy.txt test/plain notice plain",
            "src/main.txt test/words notice src:TODO:STRICT");
  }

  @Test
  void aRuleEntryWinsOverItsFamilyInTheSameLayerWhateverTheOrder() throws Exception {
    assertThat(review("""
        rules:
          test/words: {severity: notice}
          test: {severity: error}
        include: [app.txt]
        """)).containsExactly("app.txt test/words notice default:BAD:STRICT", "app.txt test/plain error plain");
  }

  @Test
  void aFamilyInALaterOverrideWinsOverARuleInAnEarlierLayer() throws Exception {
    assertThat(review("""
        include: ['src/**']
        rules:
          test/words: {severity: notice}
        overrides:
          - paths: ['src/gen/**']
            rules:
              test: {severity: error}
          - paths: ['**/main.txt']
            rules:
              test: false
        """)).containsExactly("src/gen/auto.txt test/words error default:BAD:STRICT", "src/gen/auto.txt test/plain error plain");
  }

  @Test
  void aRuleCanBeTurnedBackOnForSomePathsAfterItsFamilyIsOff() throws Exception {
    assertThat(review("""
        rules:
          test: false
        overrides:
          - paths: [app.txt, 'docs/*.txt']
            rules:
              test/plain: true
        """)).containsExactly("app.txt test/plain notice plain", "docs/guide.txt test/plain notice plain");
  }

  @Test
  void organisationOverridesApplyBeforeTheRepositorysSoTheRepositoryWins() throws Exception {
    assertThat(review("""
        include: [app.txt]
        overrides:
          - paths: ['*.txt']
            rules: {test/words: {label: org, severity: error}, test/plain: false}
        """, """
        overrides:
          - paths: ['app.*']
            rules: {test/words: {label: repo}}
        """)).containsExactly("app.txt test/words error repo:BAD:STRICT");
  }

  @Test
  void theEnginesOwnRulesObeyThePolicyToo() throws Exception {
    repo.write(".vetter.yml", "fail-on: never\n").commit("relax the policy");
    String notice = ".vetter.yml vetter/policy-changed notice This change edits .vetter.yml; the policy from the base revision governs this review.";
    assertThat(review("rules: {test: false}")).containsExactly(notice);
    assertThat(review("rules: {test: false, vetter/policy-changed: {severity: warning}}")).containsExactly(notice.replace(" notice ", " warning "));
    assertThat(review("rules: {test: false, vetter: false}")).isEmpty();
  }
}
