package dev.vetter.checks.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.check.Check;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Glob;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.OptionsBinder;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules' options as a policy author meets them: defaults, documentation, and load-time errors. */
class HygieneOptionsTest {

  @Test
  void defaultsSerialiseToExactlyTheDocumentedOptions() {
    for (Check check : BuiltInChecks.all()) {
      CheckInfo info = Check.info(check);
      var type = info.options();
      List<String> components = Arrays.stream(type.getRecordComponents()).map(OptionsBinder::optionName).toList();
      List<String> serialised = new ArrayList<>();
      OptionsBinder.defaultsTree(type).fieldNames().forEachRemaining(serialised::add);
      assertThat(serialised).as(info.id() + " options in the schema").containsExactlyInAnyOrderElementsOf(components);
      for (RecordComponent c : type.getRecordComponents()) {
        assertThat(c.getAnnotation(Doc.class)).as(info.id() + " option " + c.getName() + " has @Doc").isNotNull();
      }
    }
  }

  @Test
  void defaultsMatchWhatTheSummariesPromise() {
    assertThat(new LongLine.Options().max()).isEqualTo(120);
    assertThat(new LargeFile.Options().maxBytes()).isEqualTo(1024 * 1024);
    assertThat(new TodoWithoutIssue.Options().issueRegex().matcher("TODO(#12)").find()).isTrue();
    assertThat(new TodoWithoutIssue.Options().issueRegex().matcher("TODO(PROJ-7)").find()).isTrue();
    assertThat(new TodoWithoutIssue.Options().issueRegex().matcher("TODO(alice)").find()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hygiene/todo-without-issue: {issue-pattern: '(unclosed'}|hygiene/todo-without-issue: invalid issue-pattern '(unclosed': missing closing ) (RE2 syntax)",
      "hygiene/todo-without-issue: {markers: []}|markers must list at least one marker",
      "hygiene/todo-without-issue: {markers: ['TO DO']}|invalid marker 'TO DO'",
      "hygiene/mixed-indentation: {style: tab}|invalid style 'tab', allowed values: [detect, spaces, tabs]",
      "hygiene/line-ending: {expected: cr}|invalid expected 'cr', allowed values: [detect, lf, crlf]",
      "hygiene/line-length: {max: 0}|max must be at least 1: 0",
      "hygiene/line-length: {tab-width: 0}|tab-width must be between 1 and 16: 0",
      "hygiene/large-file: {max-bytes: -1}|max-bytes must be at least 1: -1",
      "hygiene/binary-file: {allow: ['']}|allow: empty glob",
      "hygiene/editorconfig: {ignore: [indent]}|unknown property 'indent' in ignore, allowed values: [charset, end_of_line",
  })
  void badOptionsFailAtLoadWithAClearMessage(String rule, String message) {
    var loader = new PolicyLoader(new CheckRegistry(BuiltInChecks.all()));
    assertThatThrownBy(() -> loader.load(List.of(new YamlSource(".vetter.yml", "rules:\n  " + rule + "\n"))))
        .isInstanceOf(PolicyError.class)
        .hasMessageContaining(message);
  }

  @Test
  void optionValuesAreNormalised() {
    assertThat(new MixedIndentation.Options(" Spaces ").style()).isEqualTo("spaces");
    assertThat(new MixedLineEndings.Options("CRLF").expected()).isEqualTo("crlf");
    assertThat(new EditorconfigViolation.Options(List.of("Indent_Size")).ignore()).containsExactly("indent_size");
  }

  @Test
  void globsMatchNamesAtAnyDepthAndPathsFromTheRoot() {
    List<Glob> globs = new BinaryFile.Options(List.of("*.png", "docs/**/*.pdf", "/build/*.jar", "data?.bin")).allowed();
    java.util.function.Predicate<String> g = path -> Glob.anyMatches(globs, path);
    assertThat(g.test("logo.png")).isTrue();
    assertThat(g.test("a/b/LOGO.PNG")).isTrue();
    assertThat(g.test("docs/x.pdf")).isTrue();
    assertThat(g.test("docs/a/b/x.pdf")).isTrue();
    assertThat(g.test("other/docs/x.pdf")).isFalse();
    assertThat(g.test("build/app.jar")).isTrue();
    assertThat(g.test("build/lib/app.jar")).isFalse();
    assertThat(g.test("x/data1.bin")).isTrue();
    assertThat(g.test("x/data12.bin")).isFalse();
    assertThat(g.test("png")).isFalse();
    assertThat(Glob.anyMatches(new BinaryFile.Options(List.of()).allowed(), "anything")).isFalse();
  }
}
