package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .vetter/waivers.yml} through the command line: {@code vetter review} and {@code vetter waivers}, on real repositories. */
class WaiversCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The day every command here runs on. */
  static final String TODAY = "2026-03-10";

  @TempDir Path tmp;
  TestRepo repo;

  static final String WAIVER = """
      waivers:
        - rule: hygiene/conflict-marker
          path: 'docs/**'
          reason: false-positive
          owner: '@docs'
          created: 2026-03-01
          expires: 2026-03-20
          note: the guide shows what a conflict looks like
      """;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("docs/guide.md", "# Guide\n").commit("docs: guide");
  }

  /** A change that adds a conflict marker (an error that blocks by default) to the guide. */
  private void conflictMarkerOnABranch() {
    repo.branch("feature");
    repo.write("docs/guide.md", "# Guide\n<<<<<<< HEAD\n").commit("docs: show a conflict");
  }

  private Cli.Run review(String... more) {
    String[] args = new String[] {"review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache"};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.vetterOn(TODAY, all);
  }

  @Test
  void aWaiverAtTheBaseWaivesTheFindingWhichJsonKeepsWithItsWaiver() throws Exception {
    repo.write(".vetter/waivers.yml", WAIVER).commit("chore: waive the guide's example");
    conflictMarkerOnABranch();
    Cli.Run r = review("--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("findings")).noneMatch(f -> f.get("rule").asText().equals("hygiene/conflict-marker"));
    assertThat(out.get("waived")).singleElement().satisfies(w -> {
      assertThat(w.get("finding").get("rule").asText()).isEqualTo("hygiene/conflict-marker");
      assertThat(w.get("finding").get("path").asText()).isEqualTo("docs/guide.md");
      assertThat(w.get("waiver").get("reason").asText()).isEqualTo("false-positive");
      assertThat(w.get("waiver").get("owner").asText()).isEqualTo("@docs");
      assertThat(w.get("waiver").get("expires").asText()).isEqualTo("2026-03-20");
      assertThat(w.get("waiver").get("line").asInt()).isEqualTo(2);
    });
    assertThat(review().out()).contains("1 waived.");
  }

  @Test
  void aWaiverTheChangeItselfAddsDoesNotApply() throws Exception {
    conflictMarkerOnABranch();
    // the change under review waives its own finding: the base has no waivers, so it still blocks
    repo.write(".vetter/waivers.yml", WAIVER).commit("chore: waive it myself");
    Cli.Run r = review("--format", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.get("waived")).isEmpty();
    assertThat(out.get("findings")).anySatisfy(f -> assertThat(f.get("rule").asText()).isEqualTo("hygiene/conflict-marker"));
    assertThat(out.get("findings")).anySatisfy(f -> {
      assertThat(f.get("rule").asText()).isEqualTo("vetter/policy-changed");
      assertThat(f.get("path").asText()).isEqualTo(".vetter/waivers.yml");
    });
  }

  @Test
  void anExpiredWaiverBlocksAgainAndTheReviewNamesIt() {
    repo.write(".vetter/waivers.yml", WAIVER).commit("chore: waive the guide's example");
    conflictMarkerOnABranch();
    Cli.Run r = Cli.vetterOn("2026-03-20", "review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("The waiver at .vetter/waivers.yml:2 (hygiene/conflict-marker in 'docs/**', false-positive, owner @docs) "
        + "expired on 2026-03-20").contains("vetter/waiver-expired").contains("hygiene/conflict-marker");
  }

  @Test
  void anInvalidWaiversFileAtTheBaseIsAConfigurationError() {
    repo.write(".vetter/waivers.yml", WAIVER.replace("false-positive", "fine-by-me")).commit("chore: a bad waiver");
    conflictMarkerOnABranch();
    Cli.Run r = review();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("invalid waivers (1 problem):", ".vetter/waivers.yml@main:4:13: invalid reason 'fine-by-me', allowed values: "
        + "[false-positive, accepted-risk, wont-fix, test-code]").doesNotContain("Exception");
  }

  @Test
  void checkListsExpiredAndSoonExpiringWaivers() {
    repo.write(".vetter/waivers.yml", WAIVER + """
          - fingerprint: 0123456789abcdef0123
            path: docs/guide.md
            reason: accepted-risk
            owner: ada
            created: 2026-02-01
            expires: 2026-03-01
        """).commit("chore: waivers");
    Cli.Run r = Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("""
        .vetter/waivers.yml@HEAD: 2 waivers, valid; 1 expired, 1 expiring within 14 days (today is 2026-03-10).
        Expired (their findings are reported again):
          .vetter/waivers.yml:9  fingerprint 0123456789abcdef0123 in 'docs/guide.md' (accepted-risk, owner ada) expired on 2026-03-01
        Expiring soon:
          .vetter/waivers.yml:2  hygiene/conflict-marker in 'docs/**' (false-positive, owner @docs) expires on 2026-03-20 (in 10 days)
        """);
    Cli.Run early = Cli.vetterOn("2026-02-15", "waivers", "check", "--repo", repo.dir().toString(), "--within", "3");
    assertThat(early.code()).isZero();
    assertThat(early.out()).isEqualTo(".vetter/waivers.yml@HEAD: 2 waivers, valid; 0 expired, 0 expiring within 3 days (today is 2026-02-15).\n");
  }

  @Test
  void checkReadsTheRevisionItIsGivenAndFailsClearly() {
    repo.write(".vetter/waivers.yml", "waivers:\n  - {rule: hygiene, reason: wont-fix, owner: ada, created: 2026-03-01, expires: 2026-03-05}\n")
        .commit("chore: a waiver without a path");
    Cli.Run bad = Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("""
        .vetter/waivers.yml@HEAD:2:6: a waiver of a rule needs 'path', the glob of the files it applies to ('**' for all)
        1 problem in .vetter/waivers.yml@HEAD
        """);
    assertThat(Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString(), "--rev", "HEAD~1").out())
        .isEqualTo(".vetter/waivers.yml@HEAD~1: no waivers file\n");
    Cli.Run unknown = Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString(), "--rev", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("vetter: unknown revision 'nope': no branch, tag or commit has that name here\n");
  }

  @Test
  void checkHoldsWaiversToThePolicyAtTheSameRevision() {
    repo.write(".vetter.yml", "waivers: {max-days: {error: 7, warning: 7, notice: 14}}\n").write(".vetter/waivers.yml", WAIVER).commit("chore: strict");
    Cli.Run r = Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(".vetter/waivers.yml@HEAD:7:14: expires 2026-03-20 is 19 days after created 2026-03-01; the policy allows at most 14 days "
        + "(waivers.max-days: error 7, warning 7, notice 14)");
  }

  @Test
  void addPrintsAnEntryThatWriteAppendsAndCheckAccepts() throws Exception {
    Cli.Run printed = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene/conflict-marker", "--path", "docs/**",
        "--reason", "false-positive", "--expires", "10d", "--owner", "@docs", "--note", "it's an example");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out()).isEqualTo("""
          - rule: 'hygiene/conflict-marker'
            path: 'docs/**'
            reason: 'false-positive'
            owner: '@docs'
            created: 2026-03-10
            expires: 2026-03-20
            note: 'it''s an example'
        """);
    assertThat(repo.dir().resolve(".vetter/waivers.yml")).doesNotExist();

    Cli.Run written = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--fingerprint", "0123456789abcdef0123",
        "--reason", "accepted-risk", "--expires", "2026-04-01", "--owner", "ada", "--write");
    assertThat(written.code()).as(written.err()).isZero();
    Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene", "--path", "docs/**",
        "--reason", "wont-fix", "--expires", "5d", "--owner", "ada", "--write");
    String file = Files.readString(repo.dir().resolve(".vetter/waivers.yml"));
    assertThat(file).startsWith("# Findings accepted for a while").contains("fingerprint: '0123456789abcdef0123'", "rule: 'hygiene'");
    repo.commit("chore: waivers");
    Cli.Run check = Cli.vetterOn(TODAY, "waivers", "check", "--repo", repo.dir().toString());
    assertThat(check.code()).as(check.err()).isZero();
    assertThat(check.out()).startsWith(".vetter/waivers.yml@HEAD: 2 waivers, valid; 0 expired, 1 expiring within 14 days");
  }

  @Test
  void addRefusesWhatTheFileWouldRefuse() {
    Cli.Run badReason = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene/conflict-marker", "--path", "docs/**",
        "--reason", "because", "--expires", "10d", "--owner", "ada");
    assertThat(badReason.code()).isEqualTo(2);
    assertThat(badReason.err()).isEqualTo("vetter: cannot make this waiver: invalid reason 'because', allowed values: "
        + "[false-positive, accepted-risk, wont-fix, test-code]\n");
    Cli.Run noPath = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene/conflict-marker",
        "--reason", "wont-fix", "--expires", "10d", "--owner", "ada");
    assertThat(noPath.err()).contains("needs 'path'");
    Cli.Run tooLong = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene/conflict-marker", "--path", "docs/**",
        "--reason", "wont-fix", "--expires", "400d", "--owner", "ada");
    assertThat(tooLong.code()).isEqualTo(2);
    assertThat(tooLong.err()).contains("the policy allows at most 365 days");
    Cli.Run badDate = Cli.vetterOn(TODAY, "waivers", "add", "--repo", repo.dir().toString(), "--rule", "hygiene", "--path", "docs/**",
        "--reason", "wont-fix", "--expires", "next week", "--owner", "ada");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).isEqualTo("vetter: --expires takes a number of days (30d) or a date (2026-03-01), not 'next week'\n");
  }
}
