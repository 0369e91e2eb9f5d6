package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.check.Finding;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaiversLoaderTest {
  private final WaiversLoader loader = new WaiversLoader(TestChecks.registry(), Policy.WaiverLimits.DEFAULTS);

  private List<String> problems(String yaml) {
    return loader.validate(".vetter/waivers.yml@main", yaml).stream().map(PolicyError.Problem::toString).toList();
  }

  @Test
  void readsEntriesWithTheirLines() {
    Waivers w = loader.load(new YamlSource(".vetter/waivers.yml@main", """
        # accepted for now
        waivers:
          - rule: test/words
            path: 'legacy/**'
            reason: wont-fix
            owner: '@platform'
            created: 2026-01-10
            expires: 2026-03-01
            note: rewritten in Q2
          - fingerprint: 0123456789abcdef0123
            reason: false-positive
            owner: ada
            created: 2026-01-10
            expires: 2026-01-20
        """));
    assertThat(w.entries()).hasSize(2);
    Waiver first = w.entries().get(0);
    assertThat(first.where()).isEqualTo(".vetter/waivers.yml:3");
    assertThat(first.reason()).isEqualTo(Waiver.Reason.WONT_FIX);
    assertThat(first.owner()).isEqualTo("@platform");
    assertThat(first.days()).isEqualTo(50);
    assertThat(first.note()).isEqualTo("rewritten in Q2");
    assertThat(first.matches(Finding.onLine("legacy/a.txt", 1, "m").withRule("test/words"))).isTrue();
    assertThat(first.matches(Finding.onLine("src/a.txt", 1, "m").withRule("test/words"))).isFalse();
    assertThat(first.matches(Finding.onLine("legacy/a.txt", 1, "m").withRule("test/plain"))).isFalse();
    assertThat(w.entries().get(1).where()).isEqualTo(".vetter/waivers.yml:10");
    assertThat(w.entries().get(1).rule()).isNull();
  }

  @Test
  void anEmptyFileHasNoWaivers() {
    assertThat(loader.load(new YamlSource("w.yml", "# nothing yet\n")).entries()).isEmpty();
    assertThat(loader.load(new YamlSource("w.yml", "waivers: []\n")).entries()).isEmpty();
  }

  @Test
  void aFamilyWaivesItsRules() {
    Waiver w = loader.load(new YamlSource("w.yml", """
        waivers:
          - {rule: test, path: '**', reason: test-code, owner: ada, created: 2026-01-01, expires: 2026-01-02}
        """)).entries().get(0);
    assertThat(w.matches(Finding.onLine("a.txt", 1, "m").withRule("test/words"))).isTrue();
    assertThat(w.matches(Finding.onLine("a.txt", 1, "m").withRule("testing/words"))).isFalse();
  }

  @Test
  void everyProblemIsReportedWithItsLine() {
    assertThat(problems("""
        waivers:
          - rule: test/wrods
            path: src/
            reason: because
            owner: ada
            created: 2026-01-10
            expires: 30d
          - reason: wont-fix
            owner: ada
            created: 2026-01-10
            expires: 2026-01-20
          - fingerprint: xyz
            reason: false-positive
            created: 2026-01-10
            expires: 2026-01-01
            colour: red
        """)).containsExactly(
        ".vetter/waivers.yml@main:2:11: unknown rule or family 'test/wrods', did you mean 'test/words'? (see `vetter rules`)",
        ".vetter/waivers.yml@main:4:13: invalid reason 'because', allowed values: [false-positive, accepted-risk, wont-fix, test-code]",
        ".vetter/waivers.yml@main:7:14: expires must be a date, YYYY-MM-DD (e.g. 2026-03-01), not '30d'",
        ".vetter/waivers.yml@main:8:5: a waiver needs 'fingerprint', or 'rule' and 'path': what it waives",
        ".vetter/waivers.yml@main:12:5: a waiver needs 'owner': who answers for it (a person or a team)",
        ".vetter/waivers.yml@main:12:18: fingerprint 'xyz' is not a finding's fingerprint (20 hexadecimal digits, as in the 'fingerprint' of vetter review --format json)",
        ".vetter/waivers.yml@main:15:14: expires 2026-01-01 must be after created 2026-01-10",
        ".vetter/waivers.yml@main:16:5: unknown key 'colour' (allowed: fingerprint, rule, path, reason, owner, created, expires, note)");
  }

  @Test
  void aRuleNeedsAPathAndEveryWaiverAnExpiryDate() {
    assertThat(problems("""
        waivers:
          - rule: test/words
            reason: wont-fix
            owner: ada
            created: 2026-01-10
        """)).containsExactly(
        ".vetter/waivers.yml@main:2:5: a waiver of a rule needs 'path', the glob of the files it applies to ('**' for all)",
        ".vetter/waivers.yml@main:2:5: a waiver needs 'expires': the day it stops applying; every waiver expires (YYYY-MM-DD)");
  }

  @Test
  void noWaiverMayOutliveEveryLimitOfThePolicy() {
    String yaml = """
        waivers:
          - {rule: test/words, path: '**', reason: accepted-risk, owner: ada, created: 2026-01-01, expires: 2026-02-15}
        """;
    WaiversLoader strict = new WaiversLoader(TestChecks.registry(), new Policy.WaiverLimits(7, 14, 30));
    assertThat(strict.validate("w.yml", yaml)).extracting(PolicyError.Problem::message).containsExactly(
        "expires 2026-02-15 is 45 days after created 2026-01-01; the policy allows at most 30 days (waivers.max-days: error 7, warning 14, notice 30)");
    assertThat(loader.validate("w.yml", yaml)).isEmpty();
  }

  @Test
  void aFileThatIsNotAListOfWaiversSaysWhatItShouldBe() {
    assertThat(problems("- rule: x\n")).containsExactly(
        ".vetter/waivers.yml@main:1:1: a waivers file must be a mapping with the key 'waivers' (a list of entries), not a list");
    assertThat(problems("waiver: []\n")).singleElement().asString().contains("unknown key 'waiver', did you mean 'waivers'?");
    assertThatThrownBy(() -> loader.load(new YamlSource("w.yml", "waivers: {a: 1}\n"))).isInstanceOf(PolicyError.class)
        .hasMessageStartingWith("invalid waivers (1 problem):");
  }

  @Test
  void aWaiverAppliesFromItsCreatedDateUntilTheDayBeforeItExpires() {
    Waiver w = loader.load(new YamlSource("w.yml", """
        waivers:
          - {fingerprint: 0123456789abcdef0123, reason: wont-fix, owner: ada, created: 2026-01-10, expires: 2026-01-20}
        """)).entries().get(0);
    assertThat(w.activeOn(LocalDate.parse("2026-01-09"))).isFalse();
    assertThat(w.activeOn(LocalDate.parse("2026-01-10"))).isTrue();
    assertThat(w.activeOn(LocalDate.parse("2026-01-19"))).isTrue();
    assertThat(w.activeOn(LocalDate.parse("2026-01-20"))).isFalse();
    assertThat(w.expiredOn(LocalDate.parse("2026-01-20"))).isTrue();
  }
}
