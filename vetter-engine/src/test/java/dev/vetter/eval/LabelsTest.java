package dev.vetter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.engine.UserError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Label files: their format and errors, which label names which finding, precision with its interval, and the sample to label. */
class LabelsTest {
  static final String C1 = "1111111111111111111111111111111111111111";
  static final String C2 = "2222222222222222222222222222222222222222";

  static ReplayReport.Found found(String rule, String path, int line, String fingerprint, boolean blocks) {
    Finding f = Finding.onLine(path, line, "message of " + fingerprint)
        .withIdentity(rule, blocks ? Severity.ERROR : Severity.NOTICE, Category.STYLE, fingerprint).withMode(blocks ? Mode.BLOCK : Mode.COMMENT);
    return ReplayReport.Found.posted(f, blocks);
  }

  static ReplayReport report(List<ReplayReport.PullRequest> prs) {
    return new ReplayReport("repo", "HEAD", C2, prs.size(), prs, List.of(), List.of(), 1, 1, 0, 0);
  }

  static ReplayReport.PullRequest pr(String commit, List<ReplayReport.Found> findings) {
    return pr(commit, findings, List.of());
  }

  static ReplayReport.PullRequest pr(String commit, List<ReplayReport.Found> findings, List<ReplayReport.Found> shadow) {
    return new ReplayReport.PullRequest(commit, null, "subject", false, 1, findings, shadow, findings.stream().anyMatch(ReplayReport.Found::blocks),
        new ReplayReport.Timing(0, 0, 0));
  }

  static ReplayReport.Found shadow(String rule, String path, int line, String fingerprint) {
    return ReplayReport.Found.inShadow(found(rule, path, line, fingerprint, false).finding().withMode(Mode.SHADOW));
  }

  @Test
  void aMalformedLineIsNamedByItsNumber() {
    assertThatThrownBy(() -> Labels.parse("labels.jsonl", "{\"fingerprint\": \"a\", \"label\": \"tp\"}\n\n{\"fingerprint\": \"b\", \"label\": \"maybe\"}\n"))
        .isInstanceOf(UserError.class).hasMessage("labels.jsonl:3: \"label\" must be one of tp, fp, noise, unsure, not \"maybe\"");
    assertThatThrownBy(() -> Labels.parse("labels.jsonl", "{\"fingerprint\": \"a\", \"label\": \"tp\"}\nfingerprint=a tp\n"))
        .isInstanceOf(UserError.class).hasMessageStartingWith("labels.jsonl:2: not JSON");
    assertThatThrownBy(() -> Labels.parse("l", "[1, 2]")).hasMessageStartingWith("l:1: not a JSON object");
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": \"a\"}")).hasMessage("l:1: \"label\" must be one of tp, fp, noise, unsure, not missing");
    assertThatThrownBy(() -> Labels.parse("l", "{\"label\": \"tp\", \"note\": \"which?\"}")).hasMessageContaining("l:1: a label names its finding by \"fingerprint\"");
    assertThatThrownBy(() -> Labels.parse("l", "{\"rule\": \"r\", \"path\": \"p\", \"line\": \"12\", \"label\": \"tp\"}")).hasMessageStartingWith("l:1: \"line\" must be a line number");
    assertThatThrownBy(() -> Labels.parse("l", "{\"rule\": \"r\", \"line\": -1, \"label\": \"tp\"}")).hasMessageStartingWith("l:1: \"line\" must be a line number");
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": \"a\", \"commit\": \"HEAD~1\", \"label\": \"tp\"}")).hasMessageStartingWith("l:1: \"commit\" must be a commit id");
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": 12, \"label\": \"tp\"}")).hasMessage("l:1: \"fingerprint\" must be a string, not 12");
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": \"a\", \"label\": \"tp\"} {\"fingerprint\": \"b\", \"label\": \"fp\"}"))
        .hasMessageStartingWith("l:1: not JSON");
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": \"a\", \"label\": \"tp\", \"label\": \"fp\"}")).hasMessageStartingWith("l:1: not JSON");
    // a line to fill in that was not filled in
    assertThatThrownBy(() -> Labels.parse("l", "{\"fingerprint\": \"a\", \"label\": \"\", \"note\": \"\"}")).hasMessageContaining("not \"\"");
  }

  @Test
  void blankLinesAndCarriageReturnsAreFine() {
    Labels l = Labels.parse("l", "\r\n{\"fingerprint\": \"a\", \"label\": \"fp\", \"note\": \"a version\"}\r\n\n  \n");
    assertThat(l.entries()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.label()).isEqualTo(Labels.Label.FP);
      assertThat(e.note()).isEqualTo("a version");
    });
  }

  @Test
  void precisionPerRuleAndOverallWithTheirIntervals() {
    List<ReplayReport.Found> a = new ArrayList<>();
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      a.add(found("x/rule", "A.java", i + 1, "fa" + i, true));
      labels.append("{\"fingerprint\": \"fa").append(i).append("\", \"label\": \"").append(i < 8 ? "tp" : "fp").append("\"}\n");
    }
    List<ReplayReport.Found> b = List.of(found("y/rule", "B.java", 1, "fb0", false), found("y/rule", "B.java", 2, "fb1", false),
        found("y/rule", "B.java", 3, "fb2", false), found("y/rule", "B.java", 4, "fb3", false));
    labels.append("{\"rule\": \"y/rule\", \"path\": \"B.java\", \"line\": 1, \"label\": \"tp\"}\n");
    labels.append("{\"rule\": \"y/rule\", \"path\": \"B.java\", \"line\": 2, \"label\": \"noise\"}\n");
    labels.append("{\"rule\": \"y/rule\", \"path\": \"B.java\", \"line\": 3, \"label\": \"unsure\", \"note\": \"depends on the team\"}\n");
    Labels.Evaluation e = Labels.parse("l", labels.toString()).evaluate(report(List.of(pr(C1, a), pr(C2, b))));

    Labels.Counts x = e.of("x/rule");
    assertThat(x).isEqualTo(new Labels.Counts(8, 2, 0, 0));
    assertThat(x.posting().low()).isCloseTo(0.490, within(0.0005));
    assertThat(x.posting().high()).isCloseTo(0.943, within(0.0005));
    Labels.Counts y = e.of("y/rule");
    assertThat(y).isEqualTo(new Labels.Counts(1, 0, 1, 1));
    assertThat(y.posting().value()).isEqualTo(0.5); // noise counts against posting
    assertThat(y.correctness().value()).isEqualTo(1.0); // but not against correctness; unsure against neither
    assertThat(e.posted()).isEqualTo(new Labels.Counts(9, 2, 1, 1));
    assertThat(e.blocking()).isEqualTo(new Labels.Counts(8, 2, 0, 0));
    assertThat(e.unlabelled()).extracting(i -> i.finding().fingerprint()).containsExactly("fb3");
    assertThat(e.unknown()).isEmpty();
    assertThat(e.of("z/none").labelled()).isZero();
  }

  @Test
  void shadowFindingsAreLabelledAndCountedApartFromPostedOnes() {
    ReplayReport r = report(List.of(
        pr(C1, List.of(found("x/rule", "A.java", 1, "a1", true)), List.of(shadow("s/rule", "A.java", 2, "s1"), shadow("s/rule", "A.java", 3, "s2"))),
        pr(C2, List.of(), List.of(shadow("s/rule", "B.java", 1, "s3")))));
    // shadow findings never count in findings per pull request, nor in failed
    assertThat(r.findingsPerPr()).containsExactly(1, 0);
    assertThat(r.shadow()).isEqualTo(3);
    assertThat(r.rules()).containsExactly(
        new ReplayReport.RuleStats("x/rule", 1, 1, 1, 0.5, 0.9, 0, 0),
        new ReplayReport.RuleStats("s/rule", 0, 0, 0, 0, 0, 2, 3));
    String lines = """
        {"fingerprint": "a1", "label": "tp"}
        {"fingerprint": "s1", "label": "noise"}
        {"fingerprint": "s2", "label": "tp"}
        """;
    Labels.Evaluation e = Labels.parse("l", lines).evaluate(r);
    assertThat(e.posted()).isEqualTo(new Labels.Counts(1, 0, 0, 0));
    assertThat(e.shadow()).isEqualTo(new Labels.Counts(1, 0, 1, 0));
    assertThat(e.of("s/rule")).isEqualTo(new Labels.Counts(1, 0, 1, 0));
    assertThat(e.unlabelled()).singleElement().satisfies(i -> {
      assertThat(i.found().shadow()).isTrue();
      assertThat(Labels.todo(i)).contains("\"mode\":\"shadow\"");
    });
    String md = new ReplayOutput(r, e, "l", null, 0, 1).markdown();
    assertThat(md).contains("| rule | fired on | findings | failed | median | p90 | shadow |", "| `s/rule` | 0 | 0 | 0 | 0 | 0 | 3 |");
  }

  @Test
  void theMostSpecificLabelWinsThenTheLaterOne() {
    var f = found("x/rule", "A.java", 7, "fp7", true);
    ReplayReport r = report(List.of(pr(C1, List.of(f)), pr(C2, List.of(f))));
    String lines = """
        {"rule": "x/rule", "path": "A.java", "line": 7, "label": "fp"}
        {"rule": "x/rule", "path": "A.java", "line": 7, "commit": "2222222", "label": "noise"}
        {"fingerprint": "fp7", "label": "unsure"}
        {"fingerprint": "fp7", "commit": "1111111111", "label": "tp"}
        {"fingerprint": "fp7", "commit": "1111111111", "label": "fp"}
        """;
    Labels.Evaluation e = Labels.parse("l", lines).evaluate(r);
    // C1: the fingerprint with its commit, the later of two; C2: the fingerprint without a commit beats any position
    assertThat(e.posted()).isEqualTo(new Labels.Counts(0, 1, 0, 1));
    assertThat(e.unknown()).isEmpty(); // each named a finding, even where another line won
  }

  @Test
  void labelsThatNameNoFindingAreListedNotAnError() {
    ReplayReport r = report(List.of(pr(C1, List.of(found("x/rule", "A.java", 7, "fp7", true)))));
    String lines = """
        {"fingerprint": "fp7", "label": "tp"}
        {"fingerprint": "gone", "label": "fp"}
        {"rule": "x/rule", "path": "A.java", "line": 8, "label": "tp"}
        {"fingerprint": "fp7", "commit": "abcdef0", "label": "fp"}
        """;
    Labels.Evaluation e = Labels.parse("l", lines).evaluate(r);
    assertThat(e.posted()).isEqualTo(new Labels.Counts(1, 0, 0, 0));
    assertThat(e.unknown()).extracting(Labels.Entry::line).containsExactly(2, 3, 4);
    assertThat(e.unknown()).extracting(Labels.Entry::describe)
        .containsExactly("fingerprint gone", "x/rule at A.java:8", "fingerprint fp7 in abcdef0");
  }

  @Test
  void aLineToFillInNamesItsFindingOnceFilledIn() {
    var f = found("x/rule", "A.java", 7, "fp7", true);
    ReplayReport r = report(List.of(pr(C1, List.of(f)), pr(C2, List.of(f))));
    String todo = Labels.todo(new Labels.Item(C1, f));
    assertThat(todo).contains("\"commit\":\"" + C1 + "\"", "\"rule\":\"x/rule\"", "\"line\":7", "\"label\":\"\"");
    Labels.Evaluation e = Labels.parse("l", todo.replace("\"label\":\"\"", "\"label\":\"tp\"")).evaluate(r);
    assertThat(e.labelledItems()).extracting(Labels.Item::commit).containsExactly(C1);
    assertThat(e.unlabelled()).extracting(Labels.Item::commit).containsExactly(C2);
  }

  @Test
  void theSampleIsDrawnPerRuleTheSameWayEveryTimeAndLabellingLeavesTheRestOfIt() {
    List<ReplayReport.PullRequest> prs = new ArrayList<>();
    for (int p = 0; p < 10; p++) {
      List<ReplayReport.Found> fs = new ArrayList<>();
      for (int i = 0; i < 5; i++) fs.add(found("many/rule", "M.java", i + 1, "m" + p + "-" + i, false));
      if (p == 3) fs.add(found("rare/rule", "R.java", 1, "r", true));
      prs.add(pr(String.format("%040d", p), fs));
    }
    ReplayReport r = report(prs);
    Labels none = Labels.parse("l", "");
    List<Labels.Item> first = Labels.sample(r, none.evaluate(r), 20, 42);
    assertThat(first).hasSize(21); // 20 of the frequent rule's 50, and the rare rule's one
    assertThat(first.stream().filter(i -> i.finding().rule().equals("rare/rule"))).hasSize(1);
    assertThat(Labels.sample(r, none.evaluate(r), 20, 42)).isEqualTo(first);
    assertThat(Labels.sample(r, none.evaluate(r), 20, 43)).isNotEqualTo(first);

    // label five of the sample: the next draw is the other fifteen, not a new draw
    StringBuilder five = new StringBuilder();
    for (Labels.Item i : first.subList(0, 5)) five.append(Labels.todo(i).replace("\"label\":\"\"", "\"label\":\"tp\"")).append('\n');
    Labels some = Labels.parse("l", five.toString());
    assertThat(Labels.sample(r, some.evaluate(r), 20, 42)).containsExactlyElementsOf(first.subList(5, first.size()));
    // no sample size: every unlabelled finding, in the report's order
    assertThat(Labels.sample(r, some.evaluate(r), 0, 42)).hasSize(51 - 5);
  }
}
