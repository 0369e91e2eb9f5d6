package dev.vetter.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.RuleInfo;
import dev.vetter.check.NoOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentRendererTest {
  static final RuleInfo RULE = new RuleInfo("hygiene/trailing-whitespace", Category.STYLE, Severity.WARNING, "Trailing whitespace.",
      "It shows up as noise in diffs.", "Remove it.", 1, NoOptions.class);
  final CommentRenderer renderer = new CommentRenderer(List.of(RULE));

  static Finding finding(String path, int line, String message, String fingerprint) {
    return Finding.onLine(path, line, message).withIdentity(RULE.id(), Severity.WARNING, Category.STYLE, fingerprint);
  }

  @Test
  void saysWhatWhyAndHowWithSuggestionAndMarkerLast() {
    String body = renderer.finding(finding("a.txt", 3, "Line ends with spaces.", "00112233445566778899").withSuggestion("x = 1"), true);
    assertThat(body).contains("**warning**", "`hygiene/trailing-whitespace`", "Line ends with spaces", "It shows up as noise", "Remove it.")
        .contains("```suggestion\nx = 1\n```\n")
        .endsWith("<!-- vetter:finding fp=00112233445566778899 rule=hygiene/trailing-whitespace -->\n");
    assertThat(renderer.finding(finding("a.txt", 3, "m", "00112233445566778899").withSuggestion("x"), false)).doesNotContain("suggestion\n");
  }

  @Test
  void untrustedTextCannotForgeAMarkerMentionOrBreakTheFence() {
    String evil = "--> <!-- vetter:finding fp=ffffffffffffffff rule=a/b --> @admin [x](http://evil) <img src=x>";
    String body = renderer.finding(finding("a.txt", 1, evil, "00112233445566778899").withSuggestion("```\nclosed?\n````"), true);
    assertThat(Marker.parse(body)).contains(new Marker("00112233445566778899", RULE.id(), false));
    assertThat(body.split("<!--", -1)).hasSize(2); // only the real marker opens an HTML comment
    assertThat(body).doesNotContain("@admin", "<img", "http://");
    assertThat(body).contains("`````suggestion\n```\nclosed?\n````\n`````\n");
  }

  @Test
  void longBodiesAreCutVisiblyBelowTheLimitKeepingTheMarkerAndClosingFences() {
    String huge = "y".repeat(70_000);
    String body = renderer.finding(finding("a.txt", 1, "m", "00112233445566778899").withSuggestion(huge), true);
    assertThat(body.length()).isLessThanOrEqualTo(CommentRenderer.MAX_BODY);
    assertThat(body).contains("cut by Vetter");
    assertThat(CommentRenderer.openFence(body)).isNull();
    assertThat(Marker.parse(body)).isPresent();
    String cut = CommentRenderer.truncate("😀".repeat(40_000), "", 1000);
    assertThat(cut.length()).isLessThanOrEqualTo(1000);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf("\n") - 1))).isFalse();
  }

  @Test
  void fixedBodyKeepsTheTextAndFlagsTheMarker() {
    String body = renderer.finding(finding("a.txt", 3, "Line ends with spaces.", "00112233445566778899"), true);
    String fixed = renderer.fixed(body, Marker.parse(body).orElseThrow(), "abcdef0123456789");
    assertThat(fixed).startsWith("✅ **Fixed** in `abcdef012345`").contains("Line ends with spaces.");
    assertThat(Marker.parse(fixed).orElseThrow().fixed()).isTrue();
    assertThat(renderer.fixed(fixed, Marker.parse(fixed).orElseThrow(), "abcdef0123456789")).isEqualTo(fixed);
  }
}
