package dev.vetter.forge.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.checks.hygiene.ConflictMarker;
import dev.vetter.engine.RuleInfo;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
  @Test
  void theMarkerNamesTheCommentAnswered() {
    String body = Receipts.recheck("alice", "0123456789abcdef0123") + "\n\n" + Receipts.marker("4242");
    assertThat(Receipts.answered(body)).contains("4242");
    assertThat(Receipts.answered("no marker")).isEmpty();
  }

  @Test
  void aWaiverReceiptGivesTheEntryToCommit() {
    String yaml = Receipts.waiverEntry("hygiene/tabs", false, "alice", "legacy \"file\"", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    assertThat(yaml).isEqualTo("""
        waivers:
          - rule: hygiene/tabs
            path: "**"   # narrow to the files it should cover
            reason: accepted-risk   # or false-positive, wont-fix, test-code
            owner: "alice"
            created: 2026-01-01
            expires: 2026-01-31
            note: "legacy \\"file\\""
        """);
    String receipt = Receipts.waived("alice", "hygiene/tabs", "0123456789abcdef", "legacy", LocalDate.of(2026, 1, 31), yaml);
    assertThat(receipt).contains("until 2026-01-31").contains("```yaml").contains("/vetter undo").contains("`0123456789ab`");
  }

  @Test
  void anOverrideReceiptSaysItEndsAtTheNextPush() {
    assertThat(Receipts.override("bob", "0123456789abcdef", "outage")).contains("@bob").contains("this commit only").contains("/vetter undo");
  }

  @Test
  void anExplanationIsTheRulesOwnSummaryRationaleAndFix() {
    RuleInfo rule = RuleInfo.of(new ConflictMarker());
    assertThat(Receipts.explanation(rule)).startsWith("**`hygiene/conflict-marker`** (error): " + rule.summary())
        .contains("\n\n" + rule.rationale(), "\n\nFix: " + rule.fix());
  }
}
