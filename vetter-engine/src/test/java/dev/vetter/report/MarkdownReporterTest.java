package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.engine.ReviewResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReporterTest {
  @TempDir Path tmp;

  @Test
  void verdictCountsAndFindingsMostSevereFirst() {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    assertThat(ReviewFixture.render("markdown", r)).isEqualTo("""
        ## Vetter: ❌ failed

        4 findings (1 error, 2 warning, 1 notice) in 2 changed files; 0 outside the diff, 0 suppressed, 0 baselined. Fail-on: error.

        | Severity | Findings |
        | --- | ---: |
        | error | 1 |
        | warning | 2 |
        | notice | 1 |

        | Category | Findings |
        | --- | ---: |
        | style | 2 |
        | commits | 1 |
        | smells | 1 |

        ### Findings

        | Severity | Location | Rule | Message |
        | --- | --- | --- | --- |
        | error | src/App.java:2:6 | `demo/markers` | Resolve the marker: handle &lt;null&gt; &amp; "empty" \\| 100% done, ok |
        | warning | (the change as a whole) | `demo/change-size` | The change touches 2 files, 100% new: split it? |
        | warning | src/App.java:4-5 | `demo/markers` | A hack spans these lines. |
        | notice | docs/notes, v2.md | `demo/titles` | No title. Ask @&#8203;octocat: see https:&#8203;//example.com/x. |
        """);
  }

  @Test
  void nothingFoundIsOneShortParagraph() {
    assertThat(ReviewFixture.render("markdown", ReviewFixture.reviewClean(tmp.resolve("repo")))).isEqualTo("""
        ## Vetter: ✅ passed

        0 findings (0 error, 0 warning, 0 notice) in 1 changed file; 0 outside the diff, 0 suppressed, 0 baselined. Fail-on: error.
        """);
  }

  @Test
  void untrustedTextCannotFormatMentionLinkOrInjectHtml() {
    assertThat(MarkdownReporter.text("<img src=x onerror=alert(1)> & [click](javascript:x) *b* _i_ `c` ~s~ $m$ \\ | @team www.evil.test\nnext"))
        .isEqualTo("&lt;img src=x onerror=alert(1)&gt; &amp; \\[click\\](javascript:x) \\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\$m\\$ \\\\ \\| "
            + "@&#8203;team www&#8203;.evil.test next");
    assertThat(MarkdownReporter.text("x".repeat(600))).hasSize(MarkdownReporter.MAX_CELL + 1).endsWith("x…");
  }

  @Test
  void findingsPastTheTopFiftyAreFolded() {
    ReviewResult r = ReviewFixture.reviewMany(tmp.resolve("repo"), 60, 1);
    String md = ReviewFixture.render("markdown", r);
    String top = md.substring(md.indexOf("### Findings"), md.indexOf("<details>"));
    String folded = md.substring(md.indexOf("<details>"));
    assertThat(top.lines().filter(l -> l.startsWith("| error |"))).hasSize(50);
    assertThat(top).contains("| big.txt:51:1 |").doesNotContain("big.txt:52:1");
    assertThat(folded).startsWith("<details>\n<summary>10 more findings</summary>\n\n| Severity | Location | Rule | Message |\n");
    assertThat(folded.lines().filter(l -> l.startsWith("| error |"))).hasSize(10);
    assertThat(folded).contains("| big.txt:61:1 |").endsWith("\n</details>\n");
    assertThat(md).doesNotContain(MarkdownReporter.TRUNCATED);
  }

  @Test
  void aHugeReportIsCutBelowGithubsCommentLimitWithAMarker() {
    ReviewResult r = ReviewFixture.reviewMany(tmp.resolve("repo"), 1500, 120);
    String md = ReviewFixture.render("markdown", r);
    assertThat(md.length()).isLessThan(MarkdownReporter.MAX_CHARS).isGreaterThan(MarkdownReporter.MAX_CHARS - 1000);
    assertThat(md).endsWith("</details>\n\n" + MarkdownReporter.TRUNCATED + "\n");
    assertThat(md).contains("<summary>1450 more findings</summary>");
    // every row that is there is whole
    md.lines().filter(l -> l.startsWith("| error")).forEach(l -> assertThat(l).endsWith(" |"));
  }
}
