package dev.vetter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.check.Severity;
import dev.vetter.engine.UserError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each format read end to end into findings, against the repository {@code /repo} whose files at head are {@link #HEAD}. */
class IngestFormatsTest {
  static final PathResolver PATHS = PathResolver.of(List.of("/repo"), "");
  static final Map<String, String> HEAD = Map.of(
      "src/a.js", "const unused = 1;\nif (a == b) {}\nconsole.log(\"héllo\");\n",
      "src/A.java", "class A {\n  int x;\n}\n",
      "tests/test_app.py", "def test_add():\n    assert add(1, 2) == 4\n");

  static Ingest.Result read(String format, String text) {
    return read(format, null, text);
  }

  static Ingest.Result read(String format, String name, String text) {
    return Ingest.read(Input.of("external", "report", text.getBytes(StandardCharsets.UTF_8)), InputFormat.parse(format), name, PATHS,
        p -> Optional.ofNullable(HEAD.get(p)).map(t -> FileContent.ofText(p, t)));
  }

  @Test
  void checkstyleFromCheckstyleEslintAndOtherTools() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <checkstyle version="10.12.0">
          <file name="/repo/src/A.java">
            <error line="2" column="3" severity="warning" message="Missing a Javadoc comment." source="com.puppycrawl.tools.checkstyle.checks.javadoc.MissingJavadocMethodCheck"/>
            <error severity="error" message="File does not end with a newline." source="com.puppycrawl.tools.checkstyle.checks.NewlineAtEndOfFileCheck"/>
            <error line="1" severity="info" message="Ignored &amp; kept as a notice" source="com.puppycrawl.tools.checkstyle.checks.TodoCommentCheck"/>
            <error line="1" severity="ignore" message="skipped" source="x"/>
          </file>
          <file name="src/a.js">
            <error line="1" column="7" severity="error" message="&apos;unused&apos; is assigned a value but never used. (no-unused-vars)" source="eslint.rules.no-unused-vars" />
          </file>
          <file name="src/run.sh">
            <error line="4" column="8" severity="info" message="Double quote to prevent globbing and word splitting." source="ShellCheck.SC2086" />
          </file>
          <file name="pkg/a.go">
            <error line="12" column="5" severity="error" message="Error return value is not checked" source="errcheck"/>
          </file>
        </checkstyle>
        """;
    Ingest.Result r = read("checkstyle", xml);
    assertThat(r.findings()).extracting(Finding::rule, Finding::path, Finding::line, Finding::column, Finding::severity, Finding::message).containsExactly(
        tuple("external/checkstyle/missingjavadocmethod", "src/A.java", 2, 3, Severity.WARNING, "Missing a Javadoc comment."),
        tuple("external/checkstyle/newlineatendoffile", "src/A.java", 0, 0, Severity.ERROR, "File does not end with a newline."),
        tuple("external/checkstyle/todocomment", "src/A.java", 1, 0, Severity.NOTICE, "Ignored & kept as a notice"),
        tuple("external/eslint/no-unused-vars", "src/a.js", 1, 7, Severity.ERROR, "'unused' is assigned a value but never used."),
        tuple("external/shellcheck/sc2086", "src/run.sh", 4, 8, Severity.NOTICE, "Double quote to prevent globbing and word splitting."),
        tuple("external/checkstyle/errcheck", "pkg/a.go", 12, 5, Severity.ERROR, "Error return value is not checked"));
    assertThat(r.findings().get(1).scope()).isEqualTo(Finding.Scope.FILE);
    assertThat(r.warnings()).containsExactly("1 result skipped: their severity is ignore");
    // --input-name names the tool of sources that do not say
    assertThat(read("checkstyle", "golangci-lint", xml).findings()).extracting(Finding::rule)
        .contains("external/golangci-lint/errcheck", "external/golangci-lint/no-unused-vars");
  }

  @Test
  void rdjsonAsReviewdogDocumentsIt() {
    String rdjson = """
        {
          "source": {"name": "super lint", "url": "https://example.com/url/to/super-lint"},
          "severity": "WARNING",
          "diagnostics": [
            {"message": "<msg>", "location": {"path": "src/a.js", "range": {"start": {"line": 2, "column": 5}}},
             "severity": "ERROR", "code": {"value": "RULE1", "url": "https://example.com/url/to/super-lint/RULE1"}},
            {"message": "use ===", "location": {"path": "src/a.js", "range": {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 9}}},
             "suggestions": [{"range": {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 9}}, "text": "==="}]},
            {"message": "greeting", "location": {"path": "./src/a.js", "range": {"start": {"line": 3, "column": 13}, "end": {"line": 3, "column": 21}}},
             "severity": 3, "source": {"name": "other"},
             "suggestions": [{"range": {"start": {"line": 3, "column": 13}, "end": {"line": 3, "column": 21}}, "text": "\\"hi\\""}]},
            {"message": "whole file", "location": {"path": "src/A.java"}},
            {"message": "about everything"},
            {"message": "two lines", "location": {"path": "src/A.java", "range": {"start": {"line": 1}, "end": {"line": 3, "column": 1}}},
             "suggestions": [{"range": {"start": {"line": 1}, "end": {"line": 2}}, "text": "record A(int x) {\\n"}]}
          ]
        }
        """;
    Ingest.Result r = read("rdjson", rdjson);
    assertThat(r.findings()).extracting(Finding::rule, Finding::scope, Finding::path, Finding::line, Finding::endLine, Finding::column,
        Finding::severity, Finding::suggestion).containsExactly(
        tuple("external/super-lint/rule1", Finding.Scope.LINE, "src/a.js", 2, 2, 5, Severity.ERROR, null),
        tuple("external/super-lint/diagnostic", Finding.Scope.LINE, "src/a.js", 2, 2, 7, Severity.WARNING, "if (a === b) {}"),
        // columns count UTF-8 bytes: é is two
        tuple("external/other/diagnostic", Finding.Scope.LINE, "src/a.js", 3, 3, 13, Severity.NOTICE, "console.log(\"hi\");"),
        tuple("external/super-lint/diagnostic", Finding.Scope.FILE, "src/A.java", 0, 0, 0, Severity.WARNING, null),
        tuple("external/super-lint/diagnostic", Finding.Scope.CHANGE, null, 0, 0, 0, Severity.WARNING, null),
        tuple("external/super-lint/diagnostic", Finding.Scope.LINE, "src/A.java", 1, 2, 0, Severity.WARNING, "record A(int x) {"));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void rdjsonlOneDiagnosticPerLine() {
    String lines = """
        {"message": "m1", "location": {"path": "src/a.js", "range": {"start": {"line": 1, "column": 7}}}, "severity": "ERROR", "source": {"name": "eslint"}, "code": {"value": "no-unused-vars"}}

        {"message": "m2", "location": {"path": "/repo/src/A.java", "range": {"start": {"line": 2}}}, "severity": "WARNING"}
        {"message": "m3", "location": {"path": "/elsewhere/x.js", "range": {"start": {"line": 2}}}}
        """;
    Ingest.Result r = read("rdjsonl", lines);
    assertThat(r.findings()).extracting(Finding::rule, Finding::path, Finding::line, Finding::severity).containsExactly(
        tuple("external/eslint/no-unused-vars", "src/a.js", 1, Severity.ERROR),
        tuple("external/rdjsonl/diagnostic", "src/A.java", 2, Severity.WARNING));
    assertThat(r.warnings()).containsExactly("1 finding dropped because its path could not be used: it is outside the repository (/elsewhere/x.js)");
  }

  @Test
  void junitFromTestRunnersAndFromEslint() {
    String pytest = """
        <?xml version="1.0" encoding="utf-8"?>
        <testsuites><testsuite name="pytest" errors="1" failures="2" tests="4">
          <testcase classname="tests.test_app" name="test_add" file="tests/test_app.py" line="1" time="0.001">
            <failure message="assert 3 == 4">def test_add():
        &gt;       assert add(1, 2) == 4
        E       assert 3 == 4

        tests/test_app.py:2: AssertionError</failure>
          </testcase>
          <testcase classname="tests.test_app" name="test_ok" time="0.001"/>
          <testcase classname="com.example.AppTest" name="parses" time="0.01">
            <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom
          at com.example.App.parse(App.java:12)
          at com.example.AppTest.parses(src/A.java:2)</error>
          </testcase>
          <testcase classname="Suite" name="has no place"><failure>it broke</failure></testcase>
        </testsuite></testsuites>
        """;
    Ingest.Result r = read("junit", pytest);
    assertThat(r.findings()).extracting(Finding::rule, Finding::scope, Finding::path, Finding::line, Finding::message).containsExactly(
        tuple("external/junit/failure", Finding.Scope.LINE, "tests/test_app.py", 1, "Test tests.test_app.test_add failed: assert 3 == 4"),
        tuple("external/junit/error", Finding.Scope.LINE, "src/A.java", 2, "Test com.example.AppTest.parses errored: boom"),
        tuple("external/junit/failure", Finding.Scope.CHANGE, null, 0, "Test Suite.has no place failed: it broke"));
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThat(r.findings().get(0).key()).isEqualTo("tests.test_app.test_add");

    // ESLint's junit format names the file in the suite and the position in the text
    String eslint = """
        <?xml version="1.0" encoding="utf-8"?>
        <testsuites>
        <testsuite package="org.eslint" time="0" tests="1" errors="1" name="/repo/src/a.js">
        <testcase time="0" name="org.eslint.no-unused-vars" classname="/repo/src/a"><failure message="&apos;unused&apos; is assigned a value but never used."><![CDATA[line 1, col 7, Error - &apos;unused&apos; is assigned a value but never used. (no-unused-vars)]]></failure></testcase>
        </testsuite>
        </testsuites>
        """;
    assertThat(read("junit", "eslint", eslint).findings()).extracting(Finding::rule, Finding::path, Finding::line, Finding::column)
        .containsExactly(tuple("external/eslint/failure", "src/a.js", 1, 7));
  }

  @Test
  void errorformatPresetsResolvePaths() {
    Ingest.Result r = read("errorformat:eslint-compact", "/repo/src/a.js: line 1, col 7, Error - 'unused' is assigned a value but never used. (no-unused-vars)\n\n1 problem\n");
    assertThat(r.findings()).extracting(Finding::rule, Finding::path, Finding::line).containsExactly(tuple("external/eslint/no-unused-vars", "src/a.js", 1));
    Ingest.Result custom = read("errorformat:%f:%l: %m", "mypy", "src/a.js:2: error: Incompatible types\nsomething else\n");
    assertThat(custom.findings()).extracting(Finding::rule, Finding::line, Finding::message).containsExactly(tuple("external/mypy/diagnostic", 2, "error: Incompatible types"));
    assertThat(read("errorformat:%f:%l: %m", "nothing matches\n").warnings()).containsExactly("no line matched the errorformat (1 line read)");
  }

  @Test
  void securityToolsAndSarifSecurityTagsAreSecurityFindings() {
    assertThat(read("rdjsonl", "{\"message\": \"hardcoded credentials\", \"source\": {\"name\": \"gosec\"}, \"code\": {\"value\": \"G101\"}}").findings())
        .extracting(Finding::rule, Finding::category).containsExactly(tuple("external/gosec/g101", Category.SECURITY));
    String sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [
          {"id": "js/sql-injection", "properties": {"tags": ["security", "external/cwe/cwe-089"], "security-severity": "8.8"}},
          {"id": "js/unused-local-variable", "properties": {"tags": ["maintainability"]}}]}},
          "results": [{"ruleId": "js/sql-injection", "ruleIndex": 0, "message": {"text": "sql"}},
                      {"ruleId": "js/unused-local-variable", "ruleIndex": 1, "level": "note", "message": {"text": "unused"}}]}]}
        """;
    assertThat(read("sarif", sarif).findings()).extracting(Finding::rule, Finding::category, Finding::severity).containsExactly(
        tuple("external/codeql/js/sql-injection", Category.SECURITY, Severity.WARNING),
        tuple("external/codeql/js/unused-local-variable", null, Severity.NOTICE));
  }

  @Test
  void sarifOffsetsBecomeLinesFromTheFileAtHead() {
    String sarif = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [
          {"ruleId": "a", "message": {"text": "chars"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.js"}, "region": {"charOffset": 22, "charLength": 6}}}]},
          {"ruleId": "b", "message": {"text": "bytes"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.js"}, "region": {"byteOffset": 21, "byteLength": 20}}}]},
          {"ruleId": "c", "message": {"text": "absent file"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "gone.js"}, "region": {"charOffset": 3}}}]},
          {"ruleId": "d", "message": {"text": "past the end"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.js"}, "region": {"charOffset": 999}}}]},
          {"ruleId": "e", "kind": "pass", "message": {"text": "fine"}},
          {"ruleId": "f", "kind": "review", "message": {"text": "look"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src%2Fa.js"}}}]}
        ]}]}
        """;
    Ingest.Result r = read("sarif", sarif);
    assertThat(r.findings()).extracting(Finding::rule, Finding::scope, Finding::path, Finding::line, Finding::endLine, Finding::column, Finding::severity)
        .containsExactly(
            tuple("external/t/a", Finding.Scope.LINE, "src/a.js", 2, 2, 5, Severity.WARNING),
            // from the "(" of line 2 into line 3
            tuple("external/t/b", Finding.Scope.LINE, "src/a.js", 2, 3, 4, Severity.WARNING),
            tuple("external/t/c", Finding.Scope.FILE, "gone.js", 0, 0, 0, Severity.WARNING),
            tuple("external/t/d", Finding.Scope.FILE, "src/a.js", 0, 0, 0, Severity.WARNING),
            tuple("external/t/f", Finding.Scope.FILE, "src/a.js", 0, 0, 0, Severity.NOTICE));
    assertThat(r.warnings()).containsExactly("1 result skipped: their kind is pass, not a problem");
  }

  @Test
  void theFormatIsToldFromTheContent() {
    assertThat(detect("{\"version\": \"2.1.0\", \"runs\": []}")).isEqualTo(InputFormat.Kind.SARIF);
    assertThat(detect("\uFEFF  {\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\"}")).isEqualTo(InputFormat.Kind.SARIF);
    assertThat(detect("{\"source\": {\"name\": \"x\"}, \"diagnostics\": []}")).isEqualTo(InputFormat.Kind.RDJSON);
    assertThat(detect("{\"message\": \"a\"}\n{\"message\": \"b\"}\n")).isEqualTo(InputFormat.Kind.RDJSONL);
    assertThat(detect("{\"message\": \"a\", \"location\": {\"path\": \"x\"}}")).isEqualTo(InputFormat.Kind.RDJSONL);
    assertThat(detect("<?xml version=\"1.0\"?>\n<!-- c -->\n<checkstyle version=\"4.3\"></checkstyle>")).isEqualTo(InputFormat.Kind.CHECKSTYLE);
    assertThat(detect("<testsuite name=\"x\"/>")).isEqualTo(InputFormat.Kind.JUNIT);
    assertThat(detect("<testsuites></testsuites>")).isEqualTo(InputFormat.Kind.JUNIT);
    for (String unknown : List.of("src/a.js:1:2: msg\n", "<html></html>", "{\"foo\": 1}", "", "[1, 2]")) {
      assertThatThrownBy(() -> detect(unknown)).isInstanceOf(UserError.class)
          .hasMessageContaining("cannot tell the format of report; name it with --input-format");
    }
  }

  static InputFormat.Kind detect(String text) {
    return Ingest.detect(Input.of("external", "report", text.getBytes(StandardCharsets.UTF_8))).kind();
  }

  @Test
  void badInputSaysWhichFileAndWhy() {
    assertThatThrownBy(() -> read("sarif", "{\"version\": \"2.1.0\", \"runs\": [}")).isInstanceOf(UserError.class)
        .hasMessageStartingWith("cannot read report as sarif: line 1, column ");
    assertThatThrownBy(() -> read("sarif", "{\"version\": \"2.0.0\", \"runs\": []}")).hasMessage(
        "cannot read report as sarif: SARIF version 2.0.0 is not supported; Vetter reads 2.1.0");
    assertThatThrownBy(() -> read("sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"message\": {\"text\": 1}}]}]}")).hasMessage(
        "cannot read report as sarif: /runs/0/results/0/message/text must be a string, not number");
    assertThatThrownBy(() -> read("sarif", "[]")).hasMessageContaining("a SARIF log is a JSON object");
    assertThatThrownBy(() -> read("checkstyle", "<checkstyle><file name=\"a\"><error line=\"1\"</file></checkstyle>"))
        .isInstanceOf(UserError.class).hasMessageStartingWith("cannot read report as checkstyle: line 1, column ");
    assertThatThrownBy(() -> read("checkstyle", "<testsuites/>")).hasMessage("cannot read report as checkstyle: the root element is <testsuites>, not <checkstyle>");
    assertThatThrownBy(() -> read("junit", "not xml")).isInstanceOf(UserError.class).hasMessageStartingWith("cannot read report as junit: ");
    assertThatThrownBy(() -> read("rdjsonl", "{\"message\": \"ok\"}\n{oops}\n")).hasMessageStartingWith("cannot read report as rdjsonl: line 2 is not a JSON object: ");
    assertThatThrownBy(() -> read("rdjson", "{\"diagnostics\": [{\"message\": \"m\", \"severity\": \"FATAL\"}]}"))
        .hasMessage("cannot read report as rdjson: /diagnostics/0/severity must be ERROR, WARNING or INFO, not \"FATAL\"");
  }

  @Test
  void xmlEntitiesFromOutsideAreNotRead() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE checkstyle [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <checkstyle><file name="src/a.js"><error line="1" severity="error" message="&x;" source="s"/></file></checkstyle>
        """;
    try {
      Ingest.Result r = read("checkstyle", xxe);
      assertThat(r.findings()).allSatisfy(f -> assertThat(f.message()).doesNotContain("root:"));
    } catch (UserError e) {
      assertThat(e.getMessage()).startsWith("cannot read report as checkstyle");
    }
  }
}
