package dev.vetter.checks.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fixtures and the commitlint comparison do not show directly. */
class CommitRulesTest {

  @Test
  void subjectsAreShownCleanedAndShort() {
    assertThat(Commits.shown("feat: add\tthe\u0000 parser\u202E")).isEqualTo("feat: add the parser");
    assertThat(Commits.shown("  spaced   out  ")).isEqualTo("spaced out");
    String shown = Commits.shown("x".repeat(59) + " and then some more");
    assertThat(shown).isEqualTo("x".repeat(59) + "…");
    assertThat(Commits.shown("😀".repeat(61))).isEqualTo("😀".repeat(60) + "…");
  }

  @Test
  void bodyEndsAtTheFirstTrailerLikeLine() {
    ParsedMessage m = ParsedMessage.parse("fix(io)!: close streams\n\nThey leaked.\nSee: the report\nmore\n\nCloses #1\n");
    assertThat(m.type()).isEqualTo("fix");
    assertThat(m.scope()).isEqualTo("io");
    assertThat(m.subject()).isEqualTo("close streams");
    assertThat(m.breaking()).isTrue();
    assertThat(m.body()).isEqualTo("They leaked.");
    assertThat(m.footer()).isEqualTo("See: the report\nmore\n\nCloses #1");
  }

  @Test
  void casesAsCommitlintSeesThem() {
    assertThat(TextCase.START_CASE.matches("Update README")).isTrue();
    assertThat(TextCase.SENTENCE_CASE.matches("Update readme")).isTrue();
    assertThat(TextCase.SENTENCE_CASE.matches("update readme")).isFalse();
    assertThat(TextCase.PASCAL_CASE.matches("AddLogin")).isTrue();
    assertThat(TextCase.UPPER_CASE.matches("ADD API")).isTrue();
    assertThat(TextCase.LOWER_CASE.matches("add `README`")).isTrue(); // quoted parts do not count
    assertThat(TextCase.KEBAB_CASE.matches("add-login")).isTrue();
    assertThat(TextCase.SNAKE_CASE.matches("add_login")).isTrue();
    assertThat(TextCase.CAMEL_CASE.matches("addLogin")).isTrue();
  }

  @Test
  void badOptionsFailAtPolicyLoadWithTheirReason() {
    assertThat(problems("commits/conventional-format:\n    subjectCase: [shouty]")).contains("unknown case 'shouty', allowed values: [lower-case");
    assertThat(problems("commits/conventional-format:\n    types: [feat, '']")).contains("types must not contain empty entries");
    assertThat(problems("commits/issue-reference:\n    pattern: '[A-Z'")).contains("pattern is not a valid RE2 regular expression");
    assertThat(problems("commits/header-length:\n    max: 0")).contains("max must be at least 1, got 0");
    assertThat(problems("commits/body-format:\n    maxLineLength: -1")).contains("maxLineLength must be 0 (off) or more");
    assertThat(problems("commits/wip:\n    markers: []")).isEmpty();
  }

  private static String problems(String rules) {
    PolicyLoader loader = new PolicyLoader(new CheckRegistry(BuiltInChecks.all()));
    try {
      loader.load(List.of(new YamlSource("vetter.yml", "rules:\n  " + rules + "\n")));
      return "";
    } catch (PolicyError e) {
      return e.getMessage();
    }
  }

  @Test
  void defaultsAreValidAndNullListsAreRejected() {
    assertThatThrownBy(() -> new ConventionalFormat.Options(null, List.of(), false, List.of(), true)).isInstanceOf(IllegalArgumentException.class);
    new ConventionalFormat.Options();
    new HeaderLength.Options();
    new BodyFormat.Options();
    new WipCommit.Options();
    new MergeCommit.Options();
    new SignedOff.Options();
    new IssueReference.Options();
  }
}
