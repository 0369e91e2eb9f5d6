package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.engine.ReviewResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubReporterTest {
  @TempDir Path tmp;

  @Test
  void oneAnnotationPerFindingThenASummaryLine() {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    assertThat(ReviewFixture.render("github", r)).isEqualTo("""
        ::warning title=demo/change-size::The change touches 2 files, 100%25 new: split it?
        ::notice file=docs/notes%2C v2.md,title=demo/titles::No title.%0AAsk @octocat: see https://example.com/x.
        ::error file=src/App.java,line=2,endLine=2,col=6,title=demo/markers::Resolve the marker: handle <null> & "empty" | 100%25 done, ok
        ::warning file=src/App.java,line=4,endLine=5,title=demo/markers::A hack spans these lines.
        Vetter: 4 findings (1 error, 2 warning, 1 notice) in 2 changed files; 0 outside the diff, 0 suppressed, 0 baselined. Failed (fail-on: error).
        """);
  }

  @Test
  void escapesAsTheRunnerDecodes() {
    // the runner's escapeData: % first, so that an encoded sequence in the input is not decoded
    assertThat(GithubReporter.data("50%0A\r\nx::y,z")).isEqualTo("50%250A%0D%0Ax::y,z");
    assertThat(GithubReporter.property("a:b,c%\n")).isEqualTo("a%3Ab%2Cc%25%0A");
  }

  @Test
  void aMessageCannotStartAnotherCommand() {
    String line = "::error title=x::" + GithubReporter.data("fine\n::add-mask::secret");
    assertThat(line.lines()).hasSize(1);
  }
}
