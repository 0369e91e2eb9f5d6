package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A runner is reused for every file of every review, so nothing of one file may leak into the next. */
class CheckstyleRunnerTest {
  private static final String CONFIG = """
      <?xml version="1.0"?>
      <module name="Checker">
        <module name="SuppressWithPlainTextCommentFilter"/>
        <module name="SuppressWithNearbyTextFilter"/>
        <module name="LineLength"><property name="max" value="30"/></module>
      </module>
      """;

  @Test
  void theSamePathWithOtherContentIsNotTakenForTheSameFile() {
    CheckstyleRunner runner = new CheckstyleRunner(CheckstyleConfigs.parse("test", CONFIG.getBytes(StandardCharsets.UTF_8)));
    String longLine = "int aVariableWithAVeryLongName = 1;";
    String offComment = "class A {\n// CHECKSTYLE:OFF\n" + longLine + "\n}\n";
    String nearbyComment = "class A {\n\n" + longLine + " // SUPPRESS CHECKSTYLE LineLength\n}\n";
    String bare = "class A {\n\n" + longLine + "\n}\n";
    for (String suppressing : new String[] {offComment, nearbyComment}) {
      assertThat(runner.check("src/A.java", suppressing)).isEmpty();
      assertThat(runner.check("src/A.java", bare)).as("the suppression was in the previous content only")
          .extracting(CheckstyleRunner.Event::rule, CheckstyleRunner.Event::line).containsExactly(org.assertj.core.groups.Tuple.tuple("LineLength", 3));
      assertThat(runner.check("src/A.java", suppressing)).isEmpty();
    }
  }

  @Test
  void aMisplacedPlainTextFilterIsNamedAsTheUserWroteIt() {
    String misplaced = """
        <?xml version="1.0"?>
        <module name="Checker">
          <module name="TreeWalker">
            <module name="SuppressWithPlainTextCommentFilter"/>
          </module>
        </module>
        """;
    assertThatThrownBy(() -> new CheckstyleRunner(CheckstyleConfigs.parse("test", misplaced.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SuppressWithPlainTextCommentFilter")
        .hasMessageNotContaining("dev.vetter");
  }
}
