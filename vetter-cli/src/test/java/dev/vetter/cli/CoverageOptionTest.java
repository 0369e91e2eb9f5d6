package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.vetter.cli.Cli.vetter;

import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vetter review --coverage FILE}: reports made outside the repository reach the coverage rules. */
class CoverageOptionTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("app.py", "x = 1\n").commit("start");
    repo.branch("feature");
    repo.write("app.py", "x = 1\ny = 2\nz = 3\n").commit("more");
  }

  @Test
  void reportsFromTheCommandLineAreMergedAndJudged() throws Exception {
    Path a = Files.writeString(tmp.resolve("unit.lcov"), "SF:app.py\nDA:2,1\nDA:3,0\nend_of_record\n");
    Path b = Files.writeString(tmp.resolve("it.xml"), "<coverage><packages><package><classes><class filename=\"app.py\"><lines>"
        + "<line number=\"3\" hits=\"0\"/></lines></class></classes></package></packages></coverage>");
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache",
        "--coverage", a.toString(), "--coverage", b.toString());
    assertThat(r.out()).contains("coverage/uncovered-lines", "Line 3 is not run by any test", "coverage/patch-threshold", "Patch coverage is 50%");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void aMissingReportIsAUsageError() {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache",
        "--coverage", tmp.resolve("nope.xml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the coverage report", "nope.xml", "does not exist");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void withoutReportsTheCoverageRulesAreSilent() {
    Run r = vetter("review", "--repo", repo.dir().toString(), "--base", "main", "--no-cache", "--format", "json");
    assertThat(r.out()).doesNotContain("coverage/");
    assertThat(r.code()).as(r.err()).isIn(0, 1); // other rules may fail the run; the point is no coverage finding and no error
  }
}
