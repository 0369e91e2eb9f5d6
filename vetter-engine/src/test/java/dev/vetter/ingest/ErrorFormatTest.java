package dev.vetter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The errorformat presets on their tools' output (captured from runs of ESLint 8.57.1, TypeScript
 * 5.6.3, ShellCheck 0.9.0 and javac 25 here; golangci-lint, flake8 and ruff as their documentation
 * shows it), and the pattern language itself.
 */
class ErrorFormatTest {
  static List<Diagnostic> parse(String preset, String text) {
    return ErrorFormat.preset(preset).parse(text).diagnostics();
  }

  record D(String path, int line, int column, Severity severity, String rule, String message) {}

  static List<D> simple(List<Diagnostic> ds) {
    return ds.stream().map(d -> new D(d.path(), d.line(), d.column(), d.severity(), d.rule(), d.message())).toList();
  }

  @Test
  void eslintCompact() {
    String out = """
        /tmp/proj/src/app.js: line 1, col 7, Error - 'unused' is assigned a value but never used. (no-unused-vars)
        /tmp/proj/src/app.js: line 3, col 12, Warning - Expected '===' and instead saw '=='. (eqeqeq)
        /tmp/proj/src/app.ts: line 2, col 1, Error - Parsing error: Unexpected token

        3 problems
        """;
    assertThat(simple(parse("eslint-compact", out))).containsExactly(
        new D("/tmp/proj/src/app.js", 1, 7, Severity.ERROR, "no-unused-vars", "'unused' is assigned a value but never used."),
        new D("/tmp/proj/src/app.js", 3, 12, Severity.WARNING, "eqeqeq", "Expected '===' and instead saw '=='."),
        new D("/tmp/proj/src/app.ts", 2, 1, Severity.ERROR, null, "Parsing error: Unexpected token"));
  }

  @Test
  void tscWithContinuationLinesAndGlobalErrors() {
    String out = """
        src/app.ts(4,30): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.
        src/app.ts(5,7): error TS2322: Type '{ a: number; }' is not assignable to type 'B'.
          Object literal may only specify known properties, and 'a' does not exist in type 'B'.
        error TS5023: Unknown compiler option 'strictest'.
        """;
    assertThat(simple(parse("tsc", out))).containsExactly(
        new D("src/app.ts", 4, 30, Severity.ERROR, "TS2345", "Argument of type 'string' is not assignable to parameter of type 'number'."),
        new D("src/app.ts", 5, 7, Severity.ERROR, "TS2322",
            "Type '{ a: number; }' is not assignable to type 'B'.\nObject literal may only specify known properties, and 'a' does not exist in type 'B'."),
        new D(null, 0, 0, Severity.ERROR, "TS5023", "Unknown compiler option 'strictest'."));
  }

  @Test
  void shellcheckGcc() {
    String out = """
        src/run.sh:4:8: note: Double quote to prevent globbing and word splitting. [SC2086]
        src/run.sh:6:1: warning: Use 'cd ... || exit' or 'cd ... || return' in case cd fails. [SC2164]
        src/run.sh:9:3: error: Couldn't parse this test expression. [SC1073]
        """;
    assertThat(simple(parse("shellcheck-gcc", out))).containsExactly(
        new D("src/run.sh", 4, 8, Severity.NOTICE, "SC2086", "Double quote to prevent globbing and word splitting."),
        new D("src/run.sh", 6, 1, Severity.WARNING, "SC2164", "Use 'cd ... || exit' or 'cd ... || return' in case cd fails."),
        new D("src/run.sh", 9, 3, Severity.ERROR, "SC1073", "Couldn't parse this test expression."));
  }

  @Test
  void javacWithSourceAndCaretLines() {
    String out = """
        src/main/java/A.java:3: error: cannot find symbol
                foo();
                ^
          symbol:   method foo()
          location: class A
        src/main/java/A.java:5: warning: [rawtypes] found raw type: List
            java.util.List xs = null;
                     ^
          missing type arguments for generic class List<E>
          where E is a type-variable:
        1 error
        1 warning
        """;
    assertThat(simple(parse("javac", out))).containsExactly(
        new D("src/main/java/A.java", 3, 9, Severity.ERROR, null, "cannot find symbol"),
        new D("src/main/java/A.java", 5, 14, Severity.WARNING, "rawtypes", "found raw type: List"));
  }

  @Test
  void golangciLintWithColoursAndIssuedLines() {
    String out = """
        \u001b[1mpkg/a.go:12:5\u001b[0m: Error return value of `f.Close` is not checked \u001b[2m(errcheck)\u001b[0m
        \tf.Close()
        \t^
        pkg/b.go:3: File is not `gofmt`-ed with `-s` (gofmt)
        2 issues:
        * errcheck: 1
        * gofmt: 1
        """;
    assertThat(simple(parse("golangci-lint", out))).containsExactly(
        new D("pkg/a.go", 12, 5, Severity.ERROR, "errcheck", "Error return value of `f.Close` is not checked"),
        new D("pkg/b.go", 3, 0, Severity.ERROR, "gofmt", "File is not `gofmt`-ed with `-s`"));
  }

  @Test
  void flake8AndRuff() {
    assertThat(simple(parse("flake8", "app/a.py:1:1: F401 'os' imported but unused\napp/a.py:10:80: E501 line too long (88 > 79 characters)\n")))
        .containsExactly(new D("app/a.py", 1, 1, null, "F401", "'os' imported but unused"),
            new D("app/a.py", 10, 80, null, "E501", "line too long (88 > 79 characters)"));
    assertThat(simple(parse("ruff", "app/a.py:1:8: F401 [*] `os` imported but unused\nFound 1 error.\n[*] 1 fixable with the `--fix` option.\n")))
        .containsExactly(new D("app/a.py", 1, 8, null, "F401", "`os` imported but unused"));
  }

  @Test
  void customPatterns() {
    ErrorFormat efm = ErrorFormat.of("%f:%l:%c: %t%*[a-z]: %m,%f:%l: %m,%-G%.%#");
    assertThat(simple(efm.parse("a.c:3:9: warning: unused variable\nb.c:7: something odd\nmake: *** Error 1\n").diagnostics())).containsExactly(
        new D("a.c", 3, 9, Severity.WARNING, null, "unused variable"),
        new D("b.c", 7, 0, null, null, "something odd"));
    assertThat(efm.tool()).isEqualTo("errorformat");
    // a literal comma, %n as the rule, a range of lines, the whole line as the message
    assertThat(simple(ErrorFormat.of("%f(%l\\,%c): E%n %m").parse("x.pas(2,5): E42 bad\n").diagnostics()))
        .containsExactly(new D("x.pas", 2, 5, null, "42", "bad"));
    Diagnostic range = ErrorFormat.of("%f:%l-%e: %m").parse("r.txt:3-6: spans\n").diagnostics().get(0);
    assertThat(range.endLine()).isEqualTo(6);
    assertThat(ErrorFormat.of("%+G%f:%l: %m").parse("f:1: m\n").diagnostics()).isEmpty();
    assertThat(simple(ErrorFormat.of("%+E%f:%l: %m").parse("f.txt:1: m\n").diagnostics())).containsExactly(
        new D("f.txt", 1, 0, Severity.ERROR, null, "f.txt:1: m"));
  }

  @Test
  void regexMetacharactersInPatternsAreLiteral() {
    ErrorFormat efm = ErrorFormat.of("[%f] (%l) %m.*");
    assertThat(simple(efm.parse("[a.txt] (4) msg.*\n[a.txt] (4) msg!!\n").diagnostics())).containsExactly(new D("a.txt", 4, 0, null, null, "msg"));
  }

  @Test
  void linesNoPatternMatchesAreCounted() {
    ErrorFormat.Parsed p = ErrorFormat.of("%f:%l: %m").parse("nothing here\nnor here\n");
    assertThat(p.diagnostics()).isEmpty();
    assertThat(p.lines()).isEqualTo(2);
    assertThat(p.matched()).isZero();
  }

  @Test
  void badPatternsSayWhatIsWrong() {
    assertThatThrownBy(() -> ErrorFormat.of("%f:%l: %q")).hasMessageContaining("%q is not supported");
    assertThatThrownBy(() -> ErrorFormat.of("%D%f")).hasMessageContaining("directory and file stacks");
    assertThatThrownBy(() -> ErrorFormat.of("%f:%l: %m%")).hasMessageContaining("lone %");
    assertThatThrownBy(() -> ErrorFormat.of("%f %*[a-z")).hasMessageContaining("without ]");
    assertThatThrownBy(() -> ErrorFormat.of(",,")).hasMessageContaining("no pattern");
  }

  @Test
  void inputFormatNames() {
    assertThat(InputFormat.parse("sarif").kind()).isEqualTo(InputFormat.Kind.SARIF);
    assertThat(InputFormat.parse(" RDJSONL ").kind()).isEqualTo(InputFormat.Kind.RDJSONL);
    assertThat(InputFormat.parse("errorformat:tsc").id()).isEqualTo("errorformat:tsc");
    assertThat(InputFormat.parse("errorformat:%f:%l: %m").errorformat().tool()).isEqualTo("errorformat");
    assertThat(InputFormat.PRESETS).contains("eslint-compact", "golangci-lint", "flake8", "ruff", "tsc", "javac", "shellcheck-gcc");
    assertThatThrownBy(() -> InputFormat.parse("sarfi")).hasMessageContaining("did you mean 'sarif'");
    assertThatThrownBy(() -> InputFormat.parse("errorformat:eslint")).hasMessageContaining("unknown errorformat preset 'eslint'")
        .hasMessageContaining("eslint-compact");
    assertThatThrownBy(() -> InputFormat.parse("errorformat")).hasMessageContaining("needs a preset or patterns");
    assertThatThrownBy(() -> InputFormat.parse("errorformat:%f:%l: %x")).hasMessageContaining("invalid errorformat");
  }
}
