package dev.vetter.checks.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.testing.Corpora;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** CODEOWNERS pattern matching against hmarr/codeowners' table (GitHub's behaviour), one test per path assertion. */
class OwnerPatternTest {

  @TestFactory
  Stream<DynamicTest> hmarrPatternTable() throws Exception {
    Path file = Corpora.require("codeowners").resolve("hmarr-patterns.json");
    JsonNode table = new ObjectMapper().readTree(file.toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode entry : table) {
      String pattern = entry.get("pattern").asText();
      for (Iterator<Map.Entry<String, JsonNode>> it = entry.get("paths").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        boolean expected = e.getValue().asBoolean();
        tests.add(DynamicTest.dynamicTest(entry.get("name").asText() + ": '" + pattern + "' " + (expected ? "matches " : "does not match ") + e.getKey(),
            () -> assertThat(OwnerPattern.compile(pattern).matches(e.getKey())).as("'%s' on %s", pattern, e.getKey()).isEqualTo(expected)));
      }
    }
    assertThat(tests).as("assertions in the corpus").hasSize(153);
    return tests.stream();
  }

  @Test
  void rejectsWhatGitHubRejects() {
    assertThatThrownBy(() -> OwnerPattern.compile("***.js")).hasMessageContaining("'***'");
    assertThatThrownBy(() -> OwnerPattern.compile("!docs/")).hasMessageContaining("negation");
    assertThatThrownBy(() -> OwnerPattern.compile("docs\\")).hasMessageContaining("backslash");
    assertThatThrownBy(() -> OwnerPattern.compile("/")).hasMessageContaining("names no path");
    assertThatThrownBy(() -> OwnerPattern.compile("a//b")).hasMessageContaining("empty path segment");
  }

  @Test
  void escapesAndCaseSensitivity() {
    assertThat(OwnerPattern.compile("path\\ with\\ spaces/").matches("path with spaces/a.txt")).isTrue();
    assertThat(OwnerPattern.compile("\\#file.rb").matches("#file.rb")).isTrue();
    assertThat(OwnerPattern.compile("*.JS").matches("app.js")).isFalse();
    assertThat(OwnerPattern.compile("**").matches("any/thing")).isTrue();
    assertThat(OwnerPattern.compile("docs/**/*.md").matches("docs/a/b/c.md")).isTrue();
    assertThat(OwnerPattern.compile("docs/**/*.md").matches("docs/c.md")).isTrue();
    assertThat(OwnerPattern.compile("docs/**/*.md").matches("src/docs/c.md")).isFalse();
  }

  @Test
  void matchingIsLinearOnHostileInput() {
    // a backtracking matcher takes exponential time on this; RE2/J does not
    OwnerPattern p = OwnerPattern.compile("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    assertThat(p.matches("a".repeat(5000))).isFalse();
  }
}
