package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.puppycrawl.tools.checkstyle.AbstractAutomaticBean;
import com.puppycrawl.tools.checkstyle.DefaultConfiguration;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.Filter;
import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import com.puppycrawl.tools.checkstyle.api.Violation;
import com.puppycrawl.tools.checkstyle.checks.indentation.CommentsIndentationCheck;
import com.puppycrawl.tools.checkstyle.checks.indentation.IndentationCheck;
import com.puppycrawl.tools.checkstyle.checks.sizes.LineLengthCheck;
import com.puppycrawl.tools.checkstyle.checks.whitespace.WhitespaceAroundCheck;
import com.puppycrawl.tools.checkstyle.filters.SuppressWithPlainTextCommentFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vetter's {@link PlainTextCommentFilter} against Checkstyle's own filter: on random files and events, for each
 * configuration below, the two must make the same decision on every event.
 */
class PlainTextCommentFilterTest {
  @TempDir Path tmp;

  /** Configurations: google_checks.xml's two, Checkstyle's defaults, and the documented uses of $n, id and message. */
  static List<Map<String, String>> configurations() {
    return List.of(
        Map.of("checkFormat", "LineLength", "offCommentFormat", "^.*\"\"\"\\s*$", "onCommentFormat", "^\\s*\"\"\"\\s*(?:[,;]|.+)$"),
        Map.of("checkFormat", "\\.IndentationCheck$", "offCommentFormat", "^\"\"\".?", "onCommentFormat", "."),
        Map.of(),
        Map.of("offCommentFormat", "CSOFF\\: ([\\w\\|]+)", "onCommentFormat", "CSON\\: ([\\w\\|]+)", "checkFormat", "$1"),
        Map.of("offCommentFormat", "CSOFF (\\w+) \\(\\w+\\)", "onCommentFormat", "CSON (\\w+)", "idFormat", "$1"),
        Map.of("offCommentFormat", "stop", "onCommentFormat", "resume", "checkFormat", "LineLength",
            "messageFormat", "^Line is longer"));
  }

  private static final String[] LINES = {
      "// CHECKSTYLE:OFF", "// CHECKSTYLE:ON", "// CSOFF: LineLength", "// CSON: LineLength", "// CSOFF: Indentation|LineLength",
      "// CSON: Indentation|LineLength", "// CSOFF join (fast)", "// CSON join", "// CSOFF count (plan)", "// CSON count",
      "// stop", "// resume", "// stop and resume", "String s = \"\"\"", "    \"\"\";", "\"\"\"", "\"\"\"x", "  code();", "", "   ",
      "int a = 1;", "// CHECKSTYLE:OFF // CHECKSTYLE:ON"};
  private static final List<Class<?>> SOURCES = List.of(LineLengthCheck.class, IndentationCheck.class, CommentsIndentationCheck.class,
      WhitespaceAroundCheck.class);
  private static final String[] IDS = {null, "join", "count", "other"};
  private static final String[] MESSAGES = {"Line is longer than 100 characters", "Indentation is wrong", "Line is longer (found 120)"};

  @ParameterizedTest
  @MethodSource("configurations")
  void decidesAsCheckstylesFilterDoes(Map<String, String> properties) throws Exception {
    Random random = new Random(properties.hashCode());
    int suppressed = 0;
    int accepted = 0;
    for (int f = 0; f < 60; f++) {
      List<String> lines = new ArrayList<>();
      int size = 1 + random.nextInt(40);
      for (int i = 0; i < size; i++) lines.add(LINES[random.nextInt(LINES.length)]);
      Path file = tmp.resolve("F" + f + ".java");
      Files.write(file, lines);
      // Checkstyle's filter keeps the last file's suppressions by name: a new one per file, as Checker would see
      Filter theirs = configured(new SuppressWithPlainTextCommentFilter(), properties);
      Filter ours = configured(new PlainTextCommentFilter(), properties);
      for (int e = 0; e < 80; e++) {
        int line = random.nextInt(size + 2);
        Violation v = new Violation(line, random.nextInt(10), "messages", "key", new Object[0], SeverityLevel.WARNING,
            IDS[random.nextInt(IDS.length)], SOURCES.get(random.nextInt(SOURCES.size())), MESSAGES[random.nextInt(MESSAGES.length)]);
        AuditEvent event = new AuditEvent(this, file.toString(), v);
        boolean expected = theirs.accept(event);
        assertThat(ours.accept(event)).as("%s, line %d of %s, %s %s", properties, line, lines, v.getSourceName(), v.getModuleId())
            .isEqualTo(expected);
        if (expected) accepted++;
        else suppressed++;
      }
    }
    assertThat(suppressed).as("the random files must exercise suppression").isGreaterThan(50);
    assertThat(accepted).isGreaterThan(50);
  }

  @Test
  void eventsWithoutAViolationPassAndABadExpandedPatternIsReported() throws Exception {
    Path file = tmp.resolve("A.java");
    Files.write(file, List.of("// CSOFF: (unclosed", "x"));
    Filter ours = configured(new PlainTextCommentFilter(), Map.of("offCommentFormat", "CSOFF: (.*)", "checkFormat", "$1"));
    assertThat(ours.accept(new AuditEvent(this, file.toString()))).isTrue();
    Violation v = new Violation(2, 0, "messages", "key", new Object[0], SeverityLevel.WARNING, null, LineLengthCheck.class, "long");
    assertThatThrownBy(() -> ours.accept(new AuditEvent(this, file.toString(), v)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unable to parse expanded comment (unclosed");
  }

  private static <T extends AbstractAutomaticBean & Filter> Filter configured(T filter, Map<String, String> properties) throws Exception {
    DefaultConfiguration c = new DefaultConfiguration("filter");
    properties.forEach(c::addProperty);
    filter.configure(c);
    return filter;
  }
}
