package dev.vetter.checks.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Suggestions of hygiene/debug-statement, which the fixture format does not show. */
class DebugStatementTest {
  final DebugStatement rule = new DebugStatement();

  List<Finding> check(String path, String text) {
    return rule.check(InMemoryFile.of(path, text, new NoOptions()));
  }

  @Test
  void aSelfContainedStatementIsSuggestedForRemoval() {
    List<Finding> f = check("a.js", """
        function f(x) {
          console.log("x = (" + x + ")");
          return x;
        }
        """);
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.line()).isEqualTo(2);
      assertThat(x.suggestion()).isEmpty();
    });
  }

  @Test
  void noSuggestionWhenRemovalWouldChangeTheCode() {
    List<Finding> f = check("a.js", """
        function f(x) {
          if (x)
            console.log(x);
          console.log(x, () => {
          });
          const y = x; console.log(y);
          console.log(x); f(x);
          return x;
        }
        """);
    assertThat(f).extracting(Finding::line).containsExactly(3, 4, 6, 7);
    assertThat(f).extracting(Finding::suggestion).containsOnlyNulls();
  }

  @Test
  void javaPrintsAreRemovableButStackTracesAreNot() {
    List<Finding> f = check("src/A.java", """
        class A {
          void f() {
            System.out.println("a;b)");
            try { g(); } catch (Exception e) {
              e.printStackTrace();
            }
          }
        }
        """);
    assertThat(f).extracting(Finding::line).containsExactly(3, 5);
    assertThat(f.get(0).suggestion()).isEmpty();
    assertThat(f.get(1).suggestion()).isNull();
  }

  @Test
  void debuggerAloneIsRemovable() {
    List<Finding> f = check("a.ts", "function f() {\n  debugger;\n  debugger // why\n}\n");
    assertThat(f).extracting(Finding::suggestion).containsExactly("", null);
  }

  @Test
  void pythonAndGoGetNoSuggestion() {
    // removing the only statement of a Python block, or Go's last use of fmt, would break the build
    assertThat(check("a.py", "if x:\n    print(x)\n")).extracting(Finding::suggestion).containsOnlyNulls().hasSize(1);
    assertThat(check("a.go", "package a\n\nfunc f() {\n\tfmt.Println(1)\n}\n")).extracting(Finding::suggestion).containsOnlyNulls().hasSize(1);
  }
}
