package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Glob;
import dev.vetter.check.Severity;
import dev.vetter.filter.FilterMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy loader's checks, each with the exact message and position a user sees. */
class PolicyLoaderTest {
  private final PolicyLoader loader = new PolicyLoader(TestChecks.registry());

  /** The problems of {@code yaml} as {@code file:line:column: message} lines. */
  private List<String> problems(String yaml) {
    return loader.validate("p.yml", yaml).stream().map(PolicyError.Problem::toString).toList();
  }

  private String problem(String yaml) {
    List<String> p = problems(yaml);
    assertThat(p).as("problems of:\n" + yaml).hasSize(1);
    return p.get(0);
  }

  private Policy load(String... layers) {
    return loader.load(java.util.stream.IntStream.range(0, layers.length)
        .mapToObj(i -> new YamlSource(i == layers.length - 1 ? "repo.yml" : "org.yml", layers[i])).toList());
  }

  @Test
  void aFullValidPolicyLoadsIntoTypedValues() {
    Policy p = load("""
        filter: diff_context
        fail-on: warning
        max-inline-comments: 5
        include: ['src/**', '*.md']
        exclude: [src/generated/]
        baseline: .vetter/baseline.json
        limits: {max-file-bytes: 1000, check-timeout-seconds: 7}
        rules:
          test: {severity: notice}
          test/words: {words: [TODO, FIXME], max: 3, matching: any_case, ratio: 1, bytes: 5, ignore-case: true, label: x}
          other/thing: false
        overrides:
          - paths: ['**/*Test.java']
            rules: {test/plain: false}
        """);
    assertThat(p.filter()).isEqualTo(FilterMode.DIFF_CONTEXT);
    assertThat(p.failOn()).isEqualTo(Severity.WARNING);
    assertThat(p.maxInlineComments()).isEqualTo(5);
    assertThat(p.include()).extracting(Glob::toString).containsExactly("src/**", "*.md");
    assertThat(p.reviews("src/a/B.java")).isTrue();
    assertThat(p.reviews("README.md")).isTrue();
    assertThat(p.reviews("src/generated/X.java")).isFalse();
    assertThat(p.reviews("lib/x.c")).isFalse();
    assertThat(p.baseline()).isEqualTo(".vetter/baseline.json");
    assertThat(p.limits()).isEqualTo(new Policy.Limits(1000, 7));
    assertThat(p.rules().get("test").severity()).isEqualTo(Severity.NOTICE);
    assertThat(p.rules().get("other/thing").enabled()).isFalse();
    assertThat(p.rules().get("test/words").options().toString())
        .isEqualTo("{\"words\":[\"TODO\",\"FIXME\"],\"max\":3,\"matching\":\"any_case\",\"ratio\":1,\"bytes\":5,\"ignore-case\":true,\"label\":\"x\"}");
    assertThat(p.overrides()).singleElement().satisfies(o -> {
      assertThat(o.matches("a/b/FooTest.java")).isTrue();
      assertThat(o.rules().get("test/plain").enabled()).isFalse();
    });
  }

  @Test
  void failOnNeverMeansNoSeverityFails() {
    assertThat(load("fail-on: never").failOn()).isNull();
  }

  // --- unknown keys

  @Test
  void unknownTopLevelKeyWithSuggestionAtTheKey() {
    assertThat(problem("filter: added\nfial-on: error\n"))
        .isEqualTo("p.yml:2:1: unknown key 'fial-on', did you mean 'fail-on'? (allowed: filter, fail-on, max-inline-comments, request-changes, include, exclude,"
            + " baseline, limits, rules, overrides, waivers, ai, chatops)");
    assertThat(problem("excludes: [a]\n")).startsWith("p.yml:1:1: unknown key 'excludes', did you mean 'exclude'?");
    assertThat(problem("colour: blue\n")).startsWith("p.yml:1:1: unknown key 'colour' (allowed: ");
  }

  @Test
  void unknownNestedKeys() {
    assertThat(problem("limits:\n  max-file-size: 10\n"))
        .isEqualTo("p.yml:2:3: unknown limit 'max-file-size', did you mean 'max-file-bytes'? (allowed: max-file-bytes, check-timeout-seconds)");
    assertThat(problem("overrides:\n  - paths: [a]\n    rule: {test: false}\n"))
        .isEqualTo("p.yml:3:5: unknown key 'rule', did you mean 'rules'? (allowed: paths, rules)");
  }

  // --- wrong types

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
    assertThat(problem("filter: 3\n")).isEqualTo("p.yml:1:9: invalid filter the number 3, allowed values: [added, diff_context, file, nofilter]");
    assertThat(problem("max-inline-comments: many\n")).isEqualTo("p.yml:1:22: max-inline-comments must be a whole number from 0 to 2147483647, not the string 'many'");
    assertThat(problem("max-inline-comments: -1\n")).isEqualTo("p.yml:1:22: max-inline-comments must be a whole number from 0 to 2147483647, not the number -1");
    assertThat(problem("max-inline-comments: 2.5\n")).endsWith("not the number 2.5");
    assertThat(problem("max-inline-comments: '5'\n")).endsWith("not the string '5'");
    assertThat(problem("include: src/**\n")).isEqualTo("p.yml:1:10: include must be a list of path globs, not the string 'src/**' (write [src/**] for a single glob)");
    assertThat(problem("exclude:\n  a: b\n")).isEqualTo("p.yml:2:3: exclude must be a list of path globs, not a mapping");
    assertThat(problem("include: [a, 7]\n")).isEqualTo("p.yml:1:14: a glob must be a string, not the number 7");
    assertThat(problem("baseline: [a]\n")).isEqualTo("p.yml:1:11: baseline must be the path of a baseline file in the repository, not a list");
    assertThat(problem("baseline: ''\n")).endsWith("not the string ''");
    assertThat(problem("limits: 5\n")).isEqualTo("p.yml:1:9: limits must be a mapping with max-file-bytes, check-timeout-seconds, not the number 5");
    assertThat(problem("limits: {check-timeout-seconds: 0}\n")).isEqualTo("p.yml:1:33: check-timeout-seconds must be a whole number from 1 to 2147483647, not the number 0");
    assertThat(problem("limits: {check-timeout-seconds: 3000000000}\n")).endsWith("from 1 to 2147483647, not the number 3000000000");
    assertThat(problem("limits: {max-file-bytes: 99999999999999999999}\n")).endsWith("must be a whole number >= 1, not the number 99999999999999999999 (too large)");
    assertThat(problem("rules: [test]\n")).isEqualTo("p.yml:1:8: rules must be a mapping from rule id or family to settings, not a list");
    assertThat(problem("rules:\n  test/words: 1\n")).isEqualTo("p.yml:2:15: settings of 'test/words' must be true, false or a mapping with enabled, severity, mode and the rule's options, not the number 1");
    assertThat(problem("rules:\n  test/plain:\n")).endsWith("settings of 'test/plain' must be true, false or a mapping with enabled, severity, mode, not empty (null)");
    assertThat(problem("rules:\n  test/plain: {enabled: 'no'}\n")).isEqualTo("p.yml:2:25: enabled must be true or false, not the string 'no'");
    assertThat(problem("overrides: {paths: [a]}\n")).isEqualTo("p.yml:1:12: overrides must be a list of {paths, rules} entries, not a mapping");
    assertThat(problem("overrides: [a]\n")).isEqualTo("p.yml:1:13: each override must be a mapping with paths and rules, not the string 'a'");
  }

  @Test
  void emptyValuesAreErrorsNotDefaults() {
    // `filter:` with nothing after it is null: say so rather than fall back to a default silently
    assertThat(problem("filter:\n")).startsWith("p.yml:").endsWith("invalid filter empty (null), allowed values: [added, diff_context, file, nofilter]");
    assertThat(problem("include:\n")).endsWith("include must be a list of path globs, not empty (null)");
    assertThat(problem("rules:\n")).endsWith("rules must be a mapping from rule id or family to settings, not empty (null)");
    // except baseline, where null is how an upper layer's baseline is switched off
    assertThat(problems("baseline: null\n")).isEmpty();
    assertThat(problems("baseline:\n")).isEmpty();
    assertThat(problems("baseline: ~\n")).isEmpty();
  }

  // --- values

  @Test
  void badEnumValuesListTheAllowedValuesAndSuggest() {
    assertThat(problem("filter: everything\n")).isEqualTo("p.yml:1:9: invalid filter 'everything', allowed values: [added, diff_context, file, nofilter]");
    assertThat(problem("filter: diff-context\n")).isEqualTo("p.yml:1:9: invalid filter 'diff-context', allowed values: [added, diff_context, file, nofilter], did you mean 'diff_context'?");
    assertThat(problem("fail-on: warn\n")).isEqualTo("p.yml:1:10: invalid fail-on 'warn', allowed values: [error, warning, notice, never], did you mean 'warning'?");
    assertThat(problem("fail-on: Never\n")).endsWith("did you mean 'never'?");
    assertThat(problem("rules:\n  test/words:\n    severity: fatal\n"))
        .isEqualTo("p.yml:3:15: invalid severity 'fatal', allowed values: [error, warning, notice]");
    assertThat(problem("rules:\n  test: {severity: Error}\n")).isEqualTo("p.yml:2:20: invalid severity 'Error', allowed values: [error, warning, notice], did you mean 'error'?");
  }

  @Test
  void badGlobsArePointedAtInsideTheirList() {
    assertThat(problem("include:\n  - 'src/**'\n  - 'src/[abc'\n")).isEqualTo("p.yml:3:5: glob 'src/[abc' has an unclosed '['");
    assertThat(problem("exclude: [ok, 'a{b', c]\n")).isEqualTo("p.yml:1:15: glob 'a{b' has an unclosed '{'");
    assertThat(problem("exclude: ['']\n")).isEqualTo("p.yml:1:11: empty glob: write a path pattern such as 'src/**' or '*.md'");
    assertThat(problem("exclude: ['!keep.txt']\n")).startsWith("p.yml:1:11: glob '!keep.txt' starts with '!', but negation is not supported here");
    assertThat(problem("overrides:\n  - paths:\n      - ok/**\n      - 'bad}'\n")).isEqualTo("p.yml:4:9: glob 'bad}' has a '}' without '{'");
  }

  @Test
  void overridesNeedPaths() {
    assertThat(problem("overrides:\n  - rules: {test: false}\n")).isEqualTo("p.yml:2:5: an override needs 'paths', the globs of the files it applies to");
    assertThat(problem("overrides:\n  - paths: []\n    rules: {test: false}\n")).isEqualTo("p.yml:2:12: paths must list at least one glob");
  }

  // --- rules

  @Test
  void unknownRuleIdsAndFamiliesWithSuggestion() {
    assertThat(problem("rules:\n  test/word: false\n")).isEqualTo("p.yml:2:3: unknown rule or family 'test/word', did you mean 'test/words'? (see `vetter rules`)");
    assertThat(problem("rules:\n  tset: false\n")).isEqualTo("p.yml:2:3: unknown rule or family 'tset', did you mean 'test'? (see `vetter rules`)");
    assertThat(problem("rules:\n  security/everything: false\n")).isEqualTo("p.yml:2:3: unknown rule or family 'security/everything' (see `vetter rules`)");
    assertThat(problem("overrides:\n  - paths: [a]\n    rules:\n      other/thnig: false\n"))
        .isEqualTo("p.yml:4:7: unknown rule or family 'other/thnig', did you mean 'other/thing'? (see `vetter rules`)");
  }

  @Test
  void aPrefixOfAnIdThatIsNotAFamilyIsUnknown() {
    // "test/wo" is a prefix of test/words but neither a rule nor a family: it would silently match nothing
    assertThat(problem("rules:\n  test/wo: false\n")).startsWith("p.yml:2:3: unknown rule or family 'test/wo'");
  }

  @Test
  void engineRulesCanBeConfiguredLikeOthers() {
    assertThat(problems("rules:\n  vetter/policy-changed: {severity: warning}\n")).isEmpty();
    assertThat(problem("rules:\n  vetter/policy-changed: {word: x}\n"))
        .isEqualTo("p.yml:2:27: vetter/policy-changed: unknown option 'word' (this rule has no options; it takes only enabled and severity)");
  }

  @Test
  void familiesTakeOnlyEnabledSeverityAndMode() {
    assertThat(problems("rules:\n  test: {enabled: false, severity: error}\n  other: true\n")).isEmpty();
    assertThat(problem("rules:\n  test:\n    severity: error\n    max: 3\n"))
        .isEqualTo("p.yml:4:5: 'max' is not a setting of a family; families take enabled, severity, mode, options belong to a rule such as test/plain");
  }

  @Test
  void ruleOptionErrors() {
    assertThat(problem("rules:\n  test/words:\n    wrods: [x]\n"))
        .isEqualTo("p.yml:3:5: test/words: unknown option 'wrods', did you mean 'words'? (options: words, max, label, ignore-case, matching, ratio, bytes)");
    assertThat(problem("rules:\n  test/words: {max: ten}\n"))
        .isEqualTo("p.yml:2:21: test/words: option 'max' must be a whole number, not the string 'ten'");
    assertThat(problem("rules:\n  test/words: {max: '10'}\n")).endsWith("option 'max' must be a whole number, not the string '10'");
    assertThat(problem("rules:\n  test/words: {max: 1.5}\n")).endsWith("option 'max' must be a whole number, not the number 1.5");
    assertThat(problem("rules:\n  test/words: {max: 4294967296}\n")).endsWith("option 'max' must be a whole number from -2147483648 to 2147483647, not 4294967296");
    assertThat(problem("rules:\n  test/words: {max: null}\n")).endsWith("option 'max' must be a whole number, not empty (null)");
    assertThat(problem("rules:\n  test/words: {label: 5}\n")).endsWith("option 'label' must be a string, not the number 5");
    assertThat(problem("rules:\n  test/words: {label: null}\n")).endsWith("option 'label' must be a string, not empty (null)");
    assertThat(problem("rules:\n  test/words: {ignore-case: 'true'}\n")).endsWith("option 'ignore-case' must be true or false, not the string 'true'");
    assertThat(problem("rules:\n  test/words: {words: BAD}\n")).endsWith("option 'words' must be a list of strings, not the string 'BAD'");
    assertThat(problem("rules:\n  test/words:\n    words:\n      - ok\n      - 3\n"))
        .isEqualTo("p.yml:4:7: test/words: option 'words' must be a list of strings, but item 2 is the number 3");
    assertThat(problem("rules:\n  test/words: {matching: lenint}\n"))
        .isEqualTo("p.yml:2:26: test/words: option 'matching' must be one of strict, lenient, any_case, not the string 'lenint', did you mean 'lenient'?");
    assertThat(problem("rules:\n  test/words: {matching: STRICT}\n")).endsWith("not the string 'STRICT', did you mean 'strict'?");
    assertThat(problem("rules:\n  test/words: {ratio: half}\n")).endsWith("option 'ratio' must be a number, not the string 'half'");
    assertThat(problem("rules:\n  test/words: {bytes: 1.0e3}\n")).endsWith("option 'bytes' must be a whole number, not the number 1000.0");
  }

  @Test
  void optionsTheRuleRejectsAreReportedWithItsReason() {
    assertThat(problem("rules:\n  test/words:\n    max: 0\n")).isEqualTo("p.yml:2:3: test/words: max must be at least 1, not 0");
    assertThat(problem("rules:\n  test/words: {ratio: 2}\n")).isEqualTo("p.yml:2:3: test/words: ratio must be between 0 and 1");
    assertThat(problem("overrides:\n  - paths: [a]\n    rules:\n      test/words: {words: []}\n"))
        .isEqualTo("p.yml:4:7: test/words: words must not be empty");
  }

  @Test
  void optionsAcceptEveryTypeTheyDeclare() {
    assertThat(problems("""
        rules:
          test/words:
            words: [a, 'b c', "d"]
            max: 2147483647
            label: ""
            ignore-case: false
            matching: lenient
            ratio: 0
            bytes: 9000000000
        """)).isEmpty();
    assertThat(problems("rules: {test/words: {ratio: 0.25}}")).isEmpty();
  }

  // --- many problems at once

  @Test
  void everyProblemIsReportedAtOnceInFileOrder() {
    assertThat(problems("""
        filter: all
        fail-on: error
        include: [src/**, "[x"]
        limts: {}
        rules:
          test/words:
            max: zero
            severity: high
          nope/none: true
          test:
            label: x
        overrides:
          - paths: ['a/**']
            rules:
              test/plain: {enabled: maybe}
          - rules: {}
        """)).containsExactly(
            "p.yml:1:9: invalid filter 'all', allowed values: [added, diff_context, file, nofilter]",
            "p.yml:3:19: glob '[x' has an unclosed '['",
            "p.yml:4:1: unknown key 'limts', did you mean 'limits'? (allowed: filter, fail-on, max-inline-comments, request-changes, include, exclude, baseline, limits, rules, overrides, waivers, ai, chatops)",
            "p.yml:7:10: test/words: option 'max' must be a whole number, not the string 'zero'",
            "p.yml:8:15: invalid severity 'high', allowed values: [error, warning, notice]",
            "p.yml:9:3: unknown rule or family 'nope/none' (see `vetter rules`)",
            "p.yml:11:5: 'label' is not a setting of a family; families take enabled, severity, mode, options belong to a rule such as test/plain",
            "p.yml:15:29: enabled must be true or false, not the string 'maybe'",
            "p.yml:16:5: an override needs 'paths', the globs of the files it applies to");
  }

  @Test
  void loadThrowsEveryProblemOfEveryLayer() {
    assertThatThrownBy(() -> load("filter: al\n", "fail-on: erorr\n"))
        .isInstanceOfSatisfying(PolicyError.class, e -> assertThat(e.problems()).extracting(PolicyError.Problem::toString).containsExactly(
            "org.yml:1:9: invalid filter 'al', allowed values: [added, diff_context, file, nofilter]",
            "repo.yml:1:10: invalid fail-on 'erorr', allowed values: [error, warning, notice, never], did you mean 'error'?"))
        .hasMessageStartingWith("invalid policy (2 problems):\n  org.yml:1:9: ");
  }

  // --- layers

  @Test
  void organisationAndRepositoryFilesMerge() {
    Policy p = load("""
        fail-on: warning
        include: ['src/**', 'lib/**']
        limits: {max-file-bytes: 100}
        rules:
          test/words: {words: [ORG], label: org, severity: error}
          other: false
        overrides:
          - paths: ['**/gen/**']
            rules: {test: false}
        """, """
        include: ['app/**']
        limits: {check-timeout-seconds: 9}
        rules:
          test/words: {words: [REPO, TOO]}
          other/thing: true
        overrides:
          - paths: ['docs/**']
            rules: {test/plain: false}
        """);
    assertThat(p.failOn()).as("kept from the organisation").isEqualTo(Severity.WARNING);
    assertThat(p.include()).as("lists replace").extracting(Glob::toString).containsExactly("app/**");
    assertThat(p.limits()).as("maps merge").isEqualTo(new Policy.Limits(100, 9));
    Policy.RuleSettings words = p.rules().get("test/words");
    assertThat(words.severity()).isEqualTo(Severity.ERROR);
    assertThat(words.options().toString()).as("options merge key by key, lists in them replace").isEqualTo("{\"words\":[\"REPO\",\"TOO\"],\"label\":\"org\"}");
    assertThat(p.rules().get("other").enabled()).isFalse();
    assertThat(p.rules().get("other/thing").enabled()).isTrue();
    assertThat(p.overrides()).as("overrides accumulate, the organisation's first")
        .extracting(o -> o.paths().get(0).toString()).containsExactly("**/gen/**", "docs/**");
  }

  @Test
  void trueInAnUpperLayerKeepsTheLowerLayersOptions() {
    Policy p = load("rules:\n  test/words: {label: org, enabled: false}\n", "rules:\n  test/words: true\n");
    assertThat(p.rules().get("test/words").enabled()).isTrue();
    assertThat(p.rules().get("test/words").options().get("label").asText()).isEqualTo("org");
  }

  @Test
  void aBaselineCanBeSwitchedOffByTheRepository() {
    assertThat(load("baseline: org.json\n", "baseline: null\n").baseline()).isNull();
    assertThat(load("baseline: org.json\n", "filter: file\n").baseline()).isEqualTo("org.json");
  }

  @Test
  void optionsValidAloneButNotTogetherAreReportedAtTheUpperLayer() {
    // each layer alone is fine; together the rule's constructor rejects them
    assertThatThrownBy(() -> load("rules:\n  test/words: {words: [x]}\n", "rules:\n  test/words: {label: x}\n"))
        .isInstanceOf(PolicyError.class)
        .hasMessageContaining("repo.yml:2:3: test/words: combined with the layers below it: label must not be one of the words");
  }

  @Test
  void anInvalidLayerDoesNotHideTheOthersProblems() {
    assertThatThrownBy(() -> load("filter: [\n", "rules: {test/nope: false}\n"))
        .isInstanceOfSatisfying(PolicyError.class, e -> assertThat(e.problems()).extracting(PolicyError.Problem::file).containsExactly("org.yml", "repo.yml"));
  }

  // --- trees for `vetter config show`

  @Test
  void effectiveTreeHasEveryDefaultAndFoldsFamiliesIntoRules() {
    ObjectNode t = loader.effectiveTree(List.of(
        new YamlSource("org.yml", "fail-on: warning\nrules:\n  test: {severity: error}\n"),
        new YamlSource("repo.yml", "rules:\n  test/plain: {severity: notice}\n  other: false\n  test/words: {label: mine, matching: lenient}\n")));
    assertThat(t.get("filter").asText()).isEqualTo("added");
    assertThat(t.get("fail-on").asText()).isEqualTo("warning");
    assertThat(t.get("max-inline-comments").asInt()).isEqualTo(25);
    assertThat(t.get("limits").toString()).isEqualTo("{\"max-file-bytes\":4194304,\"check-timeout-seconds\":30}");
    JsonNode rules = t.get("rules");
    assertThat(rules.has("test")).as("families are folded into their rules").isFalse();
    assertThat(rules.get("test/words").toString()).isEqualTo(
        "{\"enabled\":true,\"severity\":\"error\",\"mode\":\"comment\",\"words\":[\"BAD\"],\"max\":10,\"label\":\"mine\",\"ignore-case\":false,\"matching\":\"lenient\",\"ratio\":0.5,\"bytes\":1024}");
    assertThat(rules.get("test/plain").toString()).isEqualTo("{\"enabled\":true,\"severity\":\"notice\",\"mode\":\"comment\"}");
    assertThat(rules.get("other/thing").toString()).isEqualTo("{\"enabled\":false,\"severity\":\"error\",\"mode\":\"off\"}");
    assertThat(rules.get("vetter/internal-error").get("enabled").asBoolean()).isTrue();
  }

  @Test
  void theEffectiveTreeIsItselfAValidPolicy() {
    ObjectNode t = loader.effectiveTree(List.of(new YamlSource("repo.yml", "overrides: [{paths: [a], rules: {test: false}}]\n")));
    assertThat(loader.validate("effective.yml", t.toString())).isEmpty();
    // and a fixed point: the effective policy of the effective policy is itself
    assertThat(loader.effectiveTree(List.of(new YamlSource("effective.yml", t.toString()))).toString()).isEqualTo(t.toString());
  }

  @Test
  void mergedTreeShowsOnlyWhatTheLayersSay() {
    ObjectNode t = loader.mergedTree(List.of(new YamlSource("org.yml", "rules: {test: false}\n"), new YamlSource("repo.yml", "filter: file\n")));
    assertThat(t.toString()).isEqualTo("{\"rules\":{\"test\":{\"enabled\":false}},\"filter\":\"file\"}");
  }

  @Test
  void aiIsOffByDefaultAndItsSettingsAreCheckedAtLoad() {
    assertThat(load("fail-on: error").ai()).isEqualTo(Policy.Ai.DEFAULTS);
    assertThat(Policy.Ai.DEFAULTS.enabled()).isFalse();
    Policy.Ai ai = load("ai: {enabled: true, model: llama3.1, base-url: 'http://127.0.0.1:11434/v1', max-calls: 1}").ai();
    assertThat(ai).isEqualTo(new Policy.Ai(true, "llama3.1", "http://127.0.0.1:11434/v1", 24_000, 1_500, 1, 60));
    // a later layer changes one setting and keeps the others
    assertThat(load("ai: {enabled: true, max-input-tokens: 8000}", "ai: {timeout-seconds: 5}").ai())
        .isEqualTo(new Policy.Ai(true, null, null, 8_000, 1_500, 2, 5));
    assertThat(problems("ai: {enabled: yes please, api-key: sk-123, base-url: 'file:///etc/passwd', max-calls: 0}")).containsExactly(
        "p.yml:1:15: enabled must be true or false, not the string 'yes please'",
        "p.yml:1:27: unknown ai setting 'api-key' (allowed: enabled, model, base-url, max-input-tokens, max-output-tokens, max-calls, timeout-seconds)",
        "p.yml:1:54: base-url must be an http:// or https:// URL, not 'file:///etc/passwd'",
        "p.yml:1:87: max-calls must be a whole number from 1 to 2147483647, not the number 0");
  }
}
