package dev.vetter.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.change.FileContent;
import dev.vetter.check.Check;
import dev.vetter.check.Finding;
import dev.vetter.checks.BuiltInChecks;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pieces under the secret rules: masking, keys, entropy, placeholders, the keyword automaton, the catalog. */
class SecretsTest {
  // fake values, split so that Vetter's review of its own sources does not report them
  static final String GITHUB = "ghp_" + "R7vQ2kLm9XwT4zB8nC3yH6dF1sJ5aE0uPoKi";
  static final String AWS = "AKIA" + "Z7Q2TKJ4W5XRGF3M";

  @Test
  void maskShowsAtMostFourCharactersAndTheLength() {
    assertThat(Secrets.mask(AWS)).isEqualTo("AKIA… (20 chars)");
    assertThat(Secrets.mask("hunter2x")).isEqualTo("hu… (8 chars)");
    assertThat(Secrets.mask("abc")).isEqualTo("… (3 chars)");
    assertThat(Secrets.mask("päss🔑wörd-long-one")).isEqualTo("päss… (18 chars)");
  }

  @Test
  void keyIsAStableHashNotTheSecret() {
    String k = Secrets.key("secrets/github-token", GITHUB);
    assertThat(k).matches("secret:[0-9a-f]{32}").isEqualTo(Secrets.key("secrets/github-token", GITHUB));
    assertThat(k).isNotEqualTo(Secrets.key("secrets/github-token", GITHUB + "j"));
  }

  @Test
  void entropy() {
    assertThat(Secrets.entropy("")).isZero();
    assertThat(Secrets.entropy("aaaa")).isZero();
    assertThat(Secrets.entropy("abab")).isEqualTo(1.0);
    assertThat(Secrets.entropy("0123456789abcdef")).isEqualTo(4.0);
  }

  @Test
  void placeholders() {
    for (String p : List.of("AKIAIOSFODNN7EXAMPLE", "xxxxxxxxxxxxxxxx", "${GITHUB_TOKEN}", "{{ token }}", "<your-token>", "changeme", "$API_KEY",
        "%API_KEY%", "sk_live_AAAAAAAAAAAAAAAAAAAAAAAA", "dapi1234567890abcdef", "glpat-aBcDeFgHiJkLmNoPqRsT", "zyxwvu12", "********", "1111",
        "password", "your_api_key_here", "REDACTED")) {
      assertThat(Secrets.isPlaceholder(p)).as(p).isTrue();
    }
    for (String s : List.of(AWS, GITHUB.substring(4), "Vq8#mZ2pL7xR4tN", "s3cr3tP4ss", "123")) {
      assertThat(Secrets.isPlaceholder(s)).as(s).isFalse();
    }
  }

  @Test
  void automatonAgreesWithIndexOf() {
    Random random = new Random(7);
    List<String> keywords = new ArrayList<>(List.of("ghp_", "gh", "p_", "xoxb-", "a", "aaa", "sk_live_", "k_l", "-----begin", "hooks.slack.com"));
    AhoCorasick automaton = new AhoCorasick(keywords);
    String alphabet = "ghp_xoXB-askLIVE_b-gin.Slack.comA\u00e9\u4e2d";
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      if (random.nextInt(4) == 0) sb.insert(random.nextInt(sb.length() + 1), keywords.get(random.nextInt(keywords.size())).toUpperCase(Locale.ROOT));
      String text = sb.toString();
      BitSet expected = new BitSet();
      for (int k = 0; k < keywords.size(); k++) if (text.toLowerCase(Locale.ROOT).contains(keywords.get(k))) expected.set(k);
      BitSet found = automaton.find(text);
      assertThat(found == null ? new BitSet() : found).as(text).isEqualTo(expected);
    }
    assertThatThrownBy(() -> new AhoCorasick(List.of("\u00e9t\u00e9"))).hasMessageContaining("not ASCII");
  }

  @Test
  void everyRuleHasDetectorsAndEveryDetectorARule() {
    Set<String> rules = BuiltInChecks.all().stream().filter(c -> c instanceof SecretRule<?>).map(c -> Check.info(c).id())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> detected = Catalog.ALL.stream().flatMap(d -> d.rules().stream()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(detected).isEqualTo(rules);
    assertThat(rules).hasSizeGreaterThanOrEqualTo(50);
    for (Detector d : Catalog.ALL) {
      assertThat(d.keywords()).as(d.rules().toString()).isNotEmpty().allSatisfy(k -> assertThat(k).isEqualTo(k.toLowerCase(Locale.ROOT)).matches("\\p{ASCII}+"));
    }
  }

  @Test
  void theMostSpecificDetectorWinsWhereFindingsOverlap() {
    String text = "password = \"" + GITHUB + "\"\nDATABASE_URL=postgres://app:" + "Vq8mZ2pL7xR4tN@db/app\n";
    List<Finding> findings = InMemory.run(InMemory.secretChecks(), FileContent.ofText("app.env", text), c -> dev.vetter.policy.OptionsBinder.defaults(
        dev.vetter.engine.RuleInfo.of(c).options()));
    assertThat(findings).extracting(Finding::rule).containsExactlyInAnyOrder("secrets/github-token", "secrets/database-url");
  }

  @Test
  void badAllowPatternsFailWhenOptionsAreBound() {
    assertThatThrownBy(() -> new SecretOptions(List.of("(?<=x)y"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("allow: '(?<=x)y' is not a valid RE2 pattern");
    assertThatThrownBy(() -> new GenericAssignment.Options(List.of(), 9, 8)).hasMessage("min-entropy must be between 0 and 8, was 9.0");
    assertThatThrownBy(() -> new CustomSecrets.Options("", "../outside.toml", List.of())).hasMessageContaining("relative to the repository root");
  }
}
