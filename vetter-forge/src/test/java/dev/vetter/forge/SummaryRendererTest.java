package dev.vetter.forge;

import static dev.vetter.forge.CommentRendererTest.RULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryRendererTest {
  @Test
  void countsInlineAndSummarisedAndSaysWhatWasNotReviewed() {
    ChangedFile text = CommentPlanTest.file("a.txt", 1, 3);
    ChangedFile binary = new ChangedFile(FileStatus.ADDED, null, "logo<b>.png", 0, FileMode.MISSING, FileMode.REGULAR, null, "x", true, false, 10,
        List.of());
    Change change = new Change(Change.Kind.RANGE, "main", "pr", "b", "a", List.of(text, binary), List.of(), null);
    List<Finding> findings = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      findings.add(Finding.onLine("a.txt", i, "m" + i).withIdentity(RULE.id(), Severity.WARNING, Category.STYLE, CommentPlanTest.fp(i)));
    }
    findings.add(Finding.onChange("@everyone look").withIdentity("commits/subject", Severity.NOTICE, Category.COMMITS, CommentPlanTest.fp(9)));
    ReviewResult result = new ReviewResult(change, Policy.defaults(), findings, List.of(), 0, 0, new ReviewResult.Stats(1, 2, 1, 0, 1));
    CommentPlan plan = CommentPlan.of(findings, change, List.of(), 2, new CommentRenderer(List.of(RULE)), "a");
    String summary = SummaryRenderer.render(result, plan, List.of("note <script>"));
    assertThat(summary).contains("2 findings have an inline comment; 2 are listed here only (1 over the limit of 2 new inline comments per review, 1 not on a line of the diff)")
        .contains("### Not reviewed", "binary: no line rules", "note &lt;script&gt;", "logo&lt;b&gt;.png")
        .doesNotContain("@everyone", "<script>");
    assertThat(SummaryRenderer.asComment(summary)).startsWith(Marker.SUMMARY);
    assertThat(summary.length()).isLessThanOrEqualTo(CommentRenderer.MAX_BODY);
  }
}
