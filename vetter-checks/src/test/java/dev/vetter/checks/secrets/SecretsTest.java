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
  void identifiersVersionsSequencesAndSpellingsOfPasswordAreNotCredentials() {
    for (String s : List.of("getJiraProjectSettingsId", "invalid:token", "refreshed-token-123", "config.auth.api_key", "SIGNING_SECRET",
        "HttpsURLConnection", "sha256Hex", "getToken()", "auth-service-token-v2", "ClientSecretProviderFactory", "BazToken", "isOverlappedBy")) {
      assertThat(CredentialShape.isIdentifier(s)).as(s).isTrue();
      assertThat(CredentialShape.looksGenerated(s)).as(s).isFalse();
    }
    for (String s : List.of(AWS, GITHUB.substring(4), "v9QKMmQHrEHteEz9oLqt", "b204dda1-1ba6-4923-af77-388dea6ed803", "7f3a9c1e5b2d8046f1a3c9e7b5d2f804",
        "JBSWY3DPEHPK3PXP", "Password1$")) {
      assertThat(CredentialShape.isIdentifier(s)).as(s).isFalse();
    }
    for (String s : List.of("1.43.0:1.43.1-SNAPSHOT", "my-library-core:1.43.0:1.43.1-SNAPSHOT", "com.acme:acme-credentials:2.14.1", "v2.0.0-rc.1", "^4.17.21")) {
      assertThat(CredentialShape.isVersion(s)).as(s).isTrue();
    }
    for (String s : List.of("1.43.0:Zq3vT8wLm2Xr7KpB", "acme", "v9QKMmQHrEHteEz9oLqt")) assertThat(CredentialShape.isVersion(s)).as(s).isFalse();
    for (String s : List.of("abcd1245", "qwer1234", "9876zyxw", "ABCD-1234-efgh")) assertThat(CredentialShape.isSequence(s)).as(s).isTrue();
    for (String s : List.of("v9QKMmQH", "s3cr3tP4ss", "Vq8#mZ2pL7xR4tN")) assertThat(CredentialShape.isSequence(s)).as(s).isFalse();
    for (String s : List.of("password123", "P@ssw0rd!", "p@ssword", "Passw0rd", "pass")) assertThat(CredentialShape.isPasswordSpelling(s)).as(s).isTrue();
    // secretlint's pattern rule case labels Password1$ a secret; s3cr3tP4ss is more than a spelling of "password"
    for (String s : List.of("s3cr3tP4ss", "Password1$", "passport")) assertThat(CredentialShape.isPasswordSpelling(s)).as(s).isFalse();
    assertThat(CredentialShape.isSampleWords("foobar")).isTrue();
    assertThat(CredentialShape.isSampleWords("pass#pass")).isTrue();
    assertThat(CredentialShape.isSampleWords("secret123")).isFalse();
    assertThat(UrlCredentialDetector.percentDecoded("a%20b%40c%zz%4")).isEqualTo("a b@c%zz%4");
  }

  @Test
  void randomTokensAreRarelyTakenForIdentifiers() {
    Random random = new Random(11);
    for (String alphabet : List.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "abcdefghijklmnopqrstuvwxyz0123456789", "0123456789abcdef", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) {
      for (int length : new int[] {16, 24}) {
        int identifiers = 0;
        int generated = 0;
        for (int i = 0; i < 5000; i++) {
          StringBuilder sb = new StringBuilder();
          for (int k = 0; k < length; k++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
          if (CredentialShape.isIdentifier(sb.toString())) identifiers++;
          if (CredentialShape.looksGenerated(sb.toString())) generated++;
        }
        // measured: 16 characters, 1 in 100 with digits and 1 in 30 of letters only (PascalCase or all capitals by chance);
        // 24 characters, 1 in 5,000 with digits and 1 in 200 of letters only
        assertThat(identifiers).as("%d random characters of %s read as an identifier", length, alphabet).isLessThanOrEqualTo(length == 16 ? 200 : 40);
        assertThat(generated).as("%d random characters of %s that look generated", length, alphabet).isGreaterThanOrEqualTo(length == 16 ? 4800 : 4950);
      }
    }
  }

  @Test
  void candidatesInsideIntegrityHashesAreDropped() {
    // a detector that takes every long base64 run for a secret, as a careless one might
    var anyLongRun = new Detector() {
      final com.google.re2j.Pattern run = com.google.re2j.Pattern.compile("[A-Za-z0-9+/=_-]{16,}");

      @Override
      public List<String> rules() {
        return List.of("secrets/test");
      }

      @Override
      public List<String> keywords() {
        return List.of("sha", "h1:", "token");
      }

      @Override
      public void scan(FileContent file, int index, List<Candidate> out) {
        var m = run.matcher(file.lines().get(index).text());
        while (m.find()) out.add(new Candidate("secrets/test", "run", index + 1, index + 1, m.start(), m.end(), m.group(), Detector.SPECIFIC));
      }
    };
    String hash = "b5K0i9BsZt0m+cFwfwU52dDy14vPHQxBXswLv4e3mfI7CjBm80GdCuMw1xBwbRhqAka3IV+N87ckVUQnSVIngT==";
    String text = String.join("\n",
        "      \"integrity\": \"sha512-" + hash + "\",",
        "  integrity sha512-" + hash,
        "    resolution: {integrity: sha512-" + hash + "}",
        "github.com/acme/token v1.2.3 h1:Zq3vT8wLm2Xr7KpB9nY4cHd6FjS1aG5eUoQ0abcdefg=",
        "acme-token==1.2.3 --hash=sha256:3f2a9c1e7b8d4f6a0c5e9b2d1a7f3c8e6b4d0a923f2a9c1e7b8d4f6a0c5e9b2d",
        "token: Zq3vT8wLm2Xr7KpB9nY4cHd6FjS1aG5e") + "\n";
    List<Candidate> found = new Scanner(List.of(anyLongRun)).scanNow(FileContent.ofText("package-lock.json", text));
    assertThat(found).extracting(Candidate::line).containsExactly(6);
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
