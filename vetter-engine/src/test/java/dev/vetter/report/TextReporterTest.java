package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReporterTest {
  @TempDir Path tmp;

  @Test
  void groupedByFileWithTheLineAndSuggestion() {
    assertThat(ReviewFixture.render("text", ReviewFixture.review(tmp.resolve("repo")))).isEqualTo("""

        (the change as a whole)
          -        warning  The change touches 2 files, 100% new: split it?  demo/change-size

        docs/notes, v2.md
          -        notice   No title.
                            Ask @octocat: see https://example.com/x.  demo/titles

        src/App.java
          2:6      error    Resolve the marker: handle <null> & "empty" | 100% done, ok  demo/markers
                   │   // FIXME: handle <null> & "empty" | 100% done, ok
                   →   // TODO: handle <null> & "empty" | 100% done, ok
          4-5      warning  A hack spans these lines.  demo/markers
                   │   // HACK: spans two lines

        4 findings (1 error, 2 warning, 1 notice) in 2 changed files; 0 outside the diff, 0 suppressed, 0 baselined. Failed (fail-on: error).
        """);
  }

  @Test
  void shadowFindingsAreCountedAndListedOnlyWhenAsked() {
    var r = ReviewFixture.reviewWithShadow(tmp.resolve("repo"));
    String counted = ReviewFixture.render("text", r);
    assertThat(counted).doesNotContain("No title.").contains("3 findings (1 error, 2 warning, 0 notice) in 2 changed files; "
        + "1 in shadow (--show-shadow lists them), 0 outside the diff");
    String listed = ReviewFixture.render(new TextReporter(false, true), r);
    assertThat(listed).contains("In shadow (recorded, not posted, never failing):\n\ndocs/notes, v2.md\n  -        notice   No title.",
        "1 in shadow, 0 outside the diff");
  }

  @Test
  void controlCharactersNeverReachTheTerminal() {
    assertThat(TextReporter.printable("a\u001b[2Jb\u0007c\u009bd\r\ne\tf", "  ")).isEqualTo("a\uFFFD[2Jb\uFFFDc\uFFFDd\n  e\tf");
  }

  @Test
  void waivedFindingsAreCountedLikeShadowOnes() {
    String text = ReviewFixture.render("text", ReviewFixture.reviewWithWaivers(tmp.resolve("repo")));
    assertThat(text).doesNotContain("Resolve the marker").contains("\n2 findings (0 error, 1 warning, 1 notice) in 2 changed files; 0 outside the diff, "
        + "0 suppressed, 0 baselined, 2 waived. Passed.");
  }
}
