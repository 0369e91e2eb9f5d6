package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.engine.UserError;
import dev.vetter.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportersTest {
  @TempDir Path tmp;

  @Test
  void everyNameHasAReporterThatWritesSomething() {
    var result = ReviewFixture.review(tmp.resolve("repo"));
    for (String name : Reporters.NAMES) {
      assertThat(ReviewFixture.render(name, result)).as(name).isNotBlank().endsWith("\n");
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Reporters.byName("xml", ReviewFixture.SETTINGS))
        .isInstanceOf(UserError.class)
        .hasMessage("unknown format 'xml', allowed values: [text, json, sarif, github, markdown, checkstyle, junit, codeclimate]");
  }

  @Test
  void everyFormatIsDocumented() throws Exception {
    String doc = Files.readString(Corpora.projectRoot().resolve("docs/outputs.md"));
    String readme = Files.readString(Corpora.projectRoot().resolve("README.md"));
    for (String name : Reporters.NAMES) {
      assertThat(doc).as("docs/outputs.md").contains("## `" + name + "`");
      assertThat(readme).as("README.md").contains("`" + name + "`");
    }
  }
}
