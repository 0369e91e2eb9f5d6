package dev.vetter.forge;

import static dev.vetter.forge.CommentRendererTest.RULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentPlanTest {
  final CommentRenderer renderer = new CommentRenderer(List.of(RULE));
  // a.txt: lines 1-20 added (one hunk); b.txt: a hunk over lines 10-16
  final Change change = new Change(Change.Kind.RANGE, "main", "pr", "b".repeat(40), "a".repeat(40), List.of(
      file("a.txt", 1, 20), file("b.txt", 10, 7)), List.of(), null);

  static ChangedFile file(String path, int start, int count) {
    List<DiffLine> lines = new ArrayList<>();
    for (int i = start; i < start + count; i++) lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, i, "x"));
    return new ChangedFile(FileStatus.MODIFIED, path, path, 0, FileMode.REGULAR, FileMode.REGULAR, null, null, false, false, 100,
        List.of(new Hunk(start, 0, start, count, lines)));
  }

  static Finding f(String path, int line, String fp, Severity s) {
    return Finding.onLine(path, line, "problem " + fp).withIdentity(RULE.id(), s, Category.STYLE, fp);
  }

  static String fp(int n) {
    return String.format("%020x", n);
  }

  CommentPlan.Existing posted(Finding finding, String id, boolean resolved, Integer line) {
    String body = renderer.finding(finding, true);
    return new CommentPlan.Existing(id, "T" + id, Marker.parse(body).orElseThrow(), resolved, false, body, line);
  }

  @Test
  void firstReviewCreatesInlineCommentsOnDiffLinesOnlyInPositionOrder() {
    List<Finding> findings = List.of(f("b.txt", 12, fp(1), Severity.WARNING), f("a.txt", 5, fp(2), Severity.WARNING),
        f("b.txt", 3, fp(3), Severity.ERROR), Finding.onFile("a.txt", "whole file").withIdentity(RULE.id(), Severity.ERROR, Category.STYLE, fp(4)));
    CommentPlan plan = CommentPlan.of(findings, change, List.of(), 25, renderer, "a".repeat(40));
    assertThat(plan.create()).extracting(c -> c.position().path() + ":" + c.position().line()).containsExactly("a.txt:5", "b.txt:12");
    assertThat(plan.summarised()).extracting(Finding::fingerprint).containsExactly(fp(4), fp(3)); // not on a diff line
    assertThat(plan.overCap()).isZero();
    assertThat(plan.update()).isEmpty();
    assertThat(plan.resolve()).isEmpty();
  }

  @Test
  void capKeepsTheMostSevereAndSummarisesTheRest() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 1; i <= 10; i++) findings.add(f("a.txt", i, fp(i), i == 9 ? Severity.ERROR : Severity.NOTICE));
    CommentPlan plan = CommentPlan.of(findings, change, List.of(), 3, renderer, "h");
    assertThat(plan.create()).extracting(c -> c.finding().line()).containsExactly(1, 2, 9);
    assertThat(plan.summarised()).hasSize(7);
    assertThat(plan.overCap()).isEqualTo(7);
    assertThat(CommentPlan.of(findings, change, List.of(), 3, renderer, "h")).isEqualTo(plan); // deterministic
  }

  @Test
  void nextPushKeepsUpdatesResolvesAndCreatesWithoutRepeating() {
    Finding stays = f("a.txt", 2, fp(1), Severity.WARNING);
    Finding fixed = f("a.txt", 3, fp(2), Severity.WARNING);
    Finding changed = f("a.txt", 4, fp(3), Severity.WARNING);
    List<CommentPlan.Existing> existing = List.of(posted(stays, "1", false, 2), posted(fixed, "2", false, 3), posted(changed, "3", false, 4));
    Finding fresh = f("a.txt", 7, fp(4), Severity.WARNING);
    Finding changedNow = changed.withMessage("a new wording");
    CommentPlan plan = CommentPlan.of(List.of(stays, changedNow, fresh), change, existing, 25, renderer, "c".repeat(40));
    assertThat(plan.keep()).extracting(CommentPlan.Existing::commentId).containsExactly("1");
    assertThat(plan.update()).extracting(u -> u.existing().commentId()).containsExactly("3", "2");
    assertThat(plan.update().get(0).body()).contains("a new wording");
    assertThat(Marker.parse(plan.update().get(1).body()).orElseThrow().fixed()).isTrue();
    assertThat(plan.resolve()).extracting(CommentPlan.Existing::commentId).containsExactly("2");
    assertThat(plan.create()).extracting(c -> c.finding().fingerprint()).containsExactly(fp(4));
  }

  @Test
  void fixedAndBackUnresolvesOnlyWhatVetterResolved() {
    Finding back = f("a.txt", 2, fp(1), Severity.WARNING);
    Finding waived = f("a.txt", 3, fp(2), Severity.WARNING);
    CommentPlan.Existing vetterResolved = posted(back, "1", true, 2);
    vetterResolved = new CommentPlan.Existing("1", "T1", vetterResolved.marker().asFixed(true), true, false,
        renderer.fixed(vetterResolved.body(), vetterResolved.marker(), "x"), 2);
    CommentPlan.Existing personResolved = posted(waived, "2", true, 3);
    CommentPlan plan = CommentPlan.of(List.of(back, waived), change, List.of(vetterResolved, personResolved), 25, renderer, "h");
    assertThat(plan.unresolve()).extracting(CommentPlan.Existing::commentId).containsExactly("1");
    assertThat(plan.update()).extracting(u -> u.existing().commentId()).containsExactly("1");
    assertThat(Marker.parse(plan.update().get(0).body()).orElseThrow().fixed()).isFalse();
    assertThat(plan.keep()).extracting(CommentPlan.Existing::commentId).containsExactly("2");
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void aThreadWithRepliesIsResolvedNeverRemovedAndAFixedOneIsLeftAlone() {
    Finding gone = f("a.txt", 2, fp(1), Severity.WARNING);
    String body = renderer.finding(gone, true);
    CommentPlan.Existing discussed = new CommentPlan.Existing("1", "T1", Marker.parse(body).orElseThrow(), false, true, body, 2);
    CommentPlan plan = CommentPlan.of(List.of(), change, List.of(discussed), 25, renderer, "h");
    assertThat(plan.resolve()).containsExactly(discussed);
    String fixedBody = plan.update().get(0).body();
    CommentPlan.Existing after = new CommentPlan.Existing("1", "T1", Marker.parse(fixedBody).orElseThrow(), true, true, fixedBody, 2);
    assertThat(CommentPlan.of(List.of(), change, List.of(after), 25, renderer, "h").isEmpty()).isTrue();
  }

  @Test
  void rangesInsideOneHunkAreRangesAndSuggestionsOnlyWhereTheyFit() {
    Finding range = f("b.txt", 11, fp(1), Severity.WARNING).withEndLine(13).withSuggestion("fixed");
    Finding spill = f("b.txt", 15, fp(2), Severity.WARNING).withEndLine(18).withSuggestion("fixed");
    CommentPlan plan = CommentPlan.of(List.of(range, spill), change, List.of(), 25, renderer, "h");
    assertThat(plan.create()).extracting(CommentPlan.Create::position)
        .containsExactly(new CommentPlan.Position("b.txt", 11, 13), new CommentPlan.Position("b.txt", null, 15));
    assertThat(plan.create().get(0).body()).contains("```suggestion");
    assertThat(plan.create().get(1).body()).doesNotContain("```suggestion");
  }
}
