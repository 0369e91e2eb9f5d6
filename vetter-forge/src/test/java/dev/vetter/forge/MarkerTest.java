package dev.vetter.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkerTest {
  private static final Marker M = new Marker("0123456789abcdef0123", "hygiene/trailing-whitespace", false);

  @Test
  void roundTripsAndSurvivesEdits() {
    assertThat(Marker.parse("text\n" + M.render() + "\n")).contains(M);
    assertThat(Marker.parse("edited above\r\n\r\nbody\r\n<!--   vetter:finding   fp=0123456789abcdef0123  rule=hygiene/trailing-whitespace   -->\r\nand below"))
        .contains(M);
    assertThat(Marker.parse(M.asFixed(true).render())).contains(M.asFixed(true));
    // two markers (a quoted older one, say): the last one is the comment's own
    Marker other = new Marker("fedcba9876543210fedc", "external/eslint/no-console", false);
    assertThat(Marker.parse(M.render() + "\n" + other.render())).contains(other);
  }

  @Test
  void carriesAnalyzersSubRuleIds() {
    // sub-rules keep the analyzer's own spelling (RuleInfo's SUB), e.g. PMD's rule names
    Marker pmd = new Marker("0123456789abcdef0123", "java/pmd/InstantiableUtilityClass", false);
    assertThat(Marker.parse("body\n" + pmd.render())).contains(pmd);
    assertThat(Marker.parse("body\n" + pmd.asFixed(true).render())).contains(pmd.asFixed(true));
  }

  @Test
  void ignoresMalformedMarkersAndOtherAuthors() {
    assertThat(Marker.parse("<!-- vetter:finding fp=XYZ rule=a/b -->")).isEmpty();
    assertThat(Marker.parse("<!-- vetter:finding fp=0123456789abcdef0123 rule=A/B -->")).isEmpty();
    assertThat(Marker.parse("`<!-- vetter:finding fp=0123456789abcdef0123 rule=a/b` no end")).isEmpty();
    assertThat(Marker.parse(null)).isEmpty();
    assertThat(Marker.parse("mallory", "vetter[bot]", M.render())).isEmpty();
    assertThat(Marker.parse("Vetter[bot]", "vetter[bot]", M.render())).contains(M);
    assertThat(Marker.isSummary("mallory", "vetter[bot]", Marker.SUMMARY)).isFalse();
    assertThat(Marker.isSummary("vetter[bot]", "vetter[bot]", "x\n<!--vetter:summary-->")).isTrue();
  }

  @Test
  void refusesValuesThatCouldBreakOutOfTheComment() {
    assertThatThrownBy(() -> new Marker("0123456789abcdef0123", "a/b --><script>", false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Marker("not hex", "a/b", false)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Optional.of(M.render())).hasValue("<!-- vetter:finding fp=0123456789abcdef0123 rule=hygiene/trailing-whitespace -->");
  }
}
