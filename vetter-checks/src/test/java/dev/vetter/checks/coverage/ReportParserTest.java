package dev.vetter.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.check.Input;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportParserTest {

  private static CoverageReport parse(String text) throws ReportParser.ReportException {
    return ReportParser.parse(Input.of("coverage", "r", text.getBytes(StandardCharsets.UTF_8)), n -> true);
  }

  @Test
  void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "/stolen/root");
    CoverageReport r = parse("""
        <?xml version="1.0"?>
        <!DOCTYPE coverage [<!ENTITY e SYSTEM "%s">]>
        <coverage><sources><source>&e;</source></sources><packages><package><classes>
        <class filename="x.py"><lines><line number="1" hits="1"/></lines></class>
        </classes></package></packages></coverage>
        """.formatted(secret.toUri()));
    assertThat(r.sources()).singleElement().satisfies(s -> assertThat(String.join(" ", s.paths())).doesNotContain("stolen"));
  }

  @Test
  void externalDtdIsNotLoaded() throws Exception {
    // a DTD the parser would have to fetch: reading must neither fail nor reach the network
    CoverageReport r = parse("""
        <?xml version="1.0"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "http://127.0.0.1:9/report.dtd">
        <report name="x"><package name="a/b"><sourcefile name="C.java"><line nr="4" mi="1" ci="0"/></sourcefile></package></report>
        """);
    assertThat(r.format()).isEqualTo(CoverageReport.Format.JACOCO);
    assertThat(r.sources().get(0).paths()).containsExactly("a/b/C.java");
    assertThat(r.sources().get(0).lines().executable(4)).isTrue();
    assertThat(r.sources().get(0).lines().covered(4)).isFalse();
  }

  @Test
  void jacocoGroupsAndDefaultPackage() throws Exception {
    CoverageReport r = parse("""
        <report name="all"><group name="module-a"><package name="com/x"><sourcefile name="A.kt"><line nr="1" mi="0" ci="2"/></sourcefile></package></group>
        <package name=""><sourcefile name="Main.java"><line nr="2" mi="3" ci="0"/></sourcefile></package></report>
        """);
    assertThat(r.sources()).extracting(s -> s.paths().get(0)).containsExactly("com/x/A.kt", "Main.java");
  }

  @Test
  void goProfileBlocksCoverTheirLines() throws Exception {
    CoverageReport r = parse("""
        mode: atomic
        example.com/m/a.go:3.14,5.2 2 7
        example.com/m/a.go:7.10,9.2 1 0
        example.com/m/a.go:8.5,8.20 0 0
        """);
    LineCoverage lines = r.sources().get(0).lines();
    assertThat(r.format()).isEqualTo(CoverageReport.Format.GO);
    assertThat(lines.covered(3) && lines.covered(4) && lines.covered(5)).isTrue();
    assertThat(lines.executable(7) && !lines.covered(7) && !lines.covered(8)).isTrue();
    assertThat(lines.executable(6)).isFalse();
  }

  @Test
  void lcovBranchAndFunctionLinesAsDiffCoverReadsThem() throws Exception {
    CoverageReport r = parse("""
        TN:
        SF:./src/a.ts
        FN:1,f
        FN:10,g
        FNDA:0,f
        FNDA:3,g
        DA:2,0
        DA:3,0
        BRDA:3,0,0,2
        BRDA:5,0,0,1
        BRDA:5,0,1,0
        BRDA:6,0,0,1
        BRDA:6,0,1,1
        end_of_record
        """);
    LineCoverage l = r.sources().get(0).lines();
    assertThat(r.sources().get(0).paths()).containsExactly("src/a.ts");
    assertThat(l.executable(1) && !l.covered(1)).as("function never called").isTrue();
    assertThat(l.covered(10)).as("function called").isTrue();
    assertThat(l.executable(2) && !l.covered(2)).isTrue();
    assertThat(l.covered(3)).as("0 hits, but its branches ran").isTrue();
    assertThat(l.executable(5) && !l.covered(5)).as("a branch never taken").isTrue();
    assertThat(l.covered(6)).as("every branch taken").isTrue();
  }

  @Test
  void unknownContentSaysWhatIsRead() {
    assertThatThrownBy(() -> parse("hello\n")).hasMessageContaining("JaCoCo, Cobertura or Clover XML, LCOV, Go cover profile");
    assertThatThrownBy(() -> parse("<html><body/></html>")).hasMessageContaining("root <html>");
    assertThatThrownBy(() -> parse("SF:a.js\nDA:x,1\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
  }

  @Test
  void onlyWantedFilesAreKept() throws Exception {
    CoverageReport r = ReportParser.parse(Input.of("coverage", "r", "SF:a.js\nDA:1,1\nend_of_record\nSF:b.js\nDA:1,1\nend_of_record\n"
        .getBytes(StandardCharsets.UTF_8)), "b.js"::equals);
    assertThat(r.sources()).extracting(s -> s.paths().get(0)).containsExactly("b.js");
  }

  @Test
  void pathsMatchAtDirectoryBoundariesLongestFirst() {
    assertThat(SourceMatcher.normalize(".\\scripts\\maths.lua")).isEqualTo("scripts/maths.lua");
    assertThat(SourceMatcher.normalize("/a/./b//c/../d.py")).isEqualTo("/a/b/d.py");
    assertThat(SourceMatcher.score("/home/ci/app/src/x.py", "src/x.py")).isEqualTo(2);
    assertThat(SourceMatcher.score("com/x/A.java", "src/main/java/com/x/A.java")).isEqualTo(3);
    assertThat(SourceMatcher.score("a/index.js", "b/index.js")).isZero();
    assertThat(SourceMatcher.score("xindex.js", "index.js")).isZero();

    LineCoverage near = new LineCoverage();
    near.line(1, true);
    LineCoverage far = new LineCoverage();
    far.line(2, true);
    CoverageReport report = new CoverageReport("r", CoverageReport.Format.LCOV, List.of(
        new CoverageReport.Source(List.of("x.py"), far),
        new CoverageReport.Source(List.of("/ci/app/src/x.py"), near)));
    Map<String, LineCoverage> mapped = new SourceMatcher(List.of("src/x.py", "other/x.py"), List.of(), null).map(report);
    assertThat(mapped.get("src/x.py").executable(1)).isTrue();
    assertThat(mapped.get("src/x.py").executable(2)).as("a shorter match loses to a longer one").isFalse();
    assertThat(mapped.get("other/x.py").executable(2)).isTrue();
  }

  @Test
  void pathFixesAndGoModule() {
    LineCoverage lines = new LineCoverage();
    lines.line(1, false);
    CoverageReport report = new CoverageReport("r", CoverageReport.Format.GO, List.of(
        new CoverageReport.Source(List.of("example.com/m/pkg/a.go"), lines),
        new CoverageReport.Source(List.of("dist/b.js"), lines)));
    Map<String, LineCoverage> mapped = new SourceMatcher(List.of("pkg/a.go", "web/src/b.js"), List.of("dist/::web/src/"), "example.com/m").map(report);
    assertThat(mapped).containsOnlyKeys("pkg/a.go", "web/src/b.js");
  }

  @Test
  void uncoveredRunsSpanUnknownLinesButNotCoveredOrUnchangedOnes() {
    LineCoverage lc = new LineCoverage();
    for (int l : new int[] {1, 2, 4, 5, 7, 9, 12}) lc.line(l, false);
    lc.line(5, true);
    // added: 1-5 and 7-12 (6 is context); 3, 8, 10, 11 are not in the report
    List<DiffLine> body = new ArrayList<>();
    for (int l = 1; l <= 12; l++) body.add(new DiffLine(l == 6 ? DiffLine.Kind.CONTEXT : DiffLine.Kind.ADDED, l == 6 ? 1 : 0, l, "x"));
    ChangedFile f = new ChangedFile(FileStatus.MODIFIED, "a.py", "a.py", 0, FileMode.REGULAR, FileMode.REGULAR, null, null, false, false, -1,
        List.of(new Hunk(1, 1, 1, 12, body)));
    PatchCoverage pc = PatchCoverage.of(List.of(f), Map.of("a.py", lc));
    assertThat(pc.files().get(0).uncovered()).containsExactly(
        new PatchCoverage.Range(1, 4, 3), new PatchCoverage.Range(7, 12, 3));
    assertThat(pc.total()).isEqualTo(7);
    assertThat(pc.covered()).isEqualTo(1);
    assertThat(PatchCoverage.percent(1, 7)).isEqualTo("14.2%");
    assertThat(PatchCoverage.percent(2, 3)).isEqualTo("66.6%");
    // 1 of 7 is 14.2857...%: exactly compared, not rounded
    assertThat(pc.below(14.29)).isTrue();
    assertThat(pc.below(14.28)).isFalse();
  }
}
