package dev.vetter.checks.smells;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionsTest {

  private static List<String> of(Language language, String text) {
    return Functions.of(language, text).stream().map(f -> f.name() + " " + f.line() + "-" + f.endLine() + " " + f.complexity()).toList();
  }

  @Test
  void java() {
    String src = """
        class A {
          // if (x) && ||
          int f(int x) throws java.io.IOException {
            String s = "if && || ?";
            char c = '{';
            java.util.Map<String, ?> m = null;
            java.util.List<? extends Number> l = null;
            Runnable r = () -> { if (x > 1) System.out.println(); };
            if (x > 0 && x < 5) return 1;
            return x > 2 ? 1 : 0;
          }
          static class B {
            void g() {
              new Thread(new Runnable() {
                public void run() { while (true) { } }
              });
            }
          }
          record R(int a) {
            R {
              if (a < 0) throw new IllegalArgumentException();
            }
          }
          String text = \"""
              if { } &&
              \""";
          <T> T h(T t) { return t; }
        }
        """;
    assertThat(of(Language.JAVA, src)).containsExactly("A.f 3-11 4", "A.f.r 8-8 2", "A.B.g 13-17 1", "A.B.g.run 15-15 2", "A.h 27-27 1");
  }

  @Test
  void javaScriptAndTypeScript() {
    String src = """
        function top(a) {
          const inner = (b) => { return b && a; };
          return [1].map(function (n) { return n > 0 ? n : -n; });
        }
        const arrow = async (x: number): Promise<number> => {
          const t = `${x > 1 ? "a" : "b"}`;
          const re = /[?&|]+/g;
          return x ?? 0;
        };
        export default {
          method(y) { if (y) { return 1; } return 2; },
          prop: function () { for (;;) {} },
        };
        describe("suite", () => {
          it("works", () => { if (ok) {} });
        });
        """;
    assertThat(of(Language.TYPESCRIPT, src)).containsExactly(
        "top 1-4 2", "top.inner 2-2 2", "arrow 5-9 1", "method 11-11 2", "prop 12-12 2", "(anonymous) 14-16 2");
  }

  @Test
  void go() {
    String src = """
        package p

        type T struct{ a int }

        func (t *T) M(x int) (int, error) {
        \tif x > 0 && t.a > 0 {
        \t\treturn 1, nil
        \t}
        \tf := func() bool { return x > 2 || x < -2 }
        \tswitch x {
        \tcase 1, 2:
        \tcase 3:
        \t}
        \treturn 0, nil
        }

        func G[T any](v T) interface{} { return v }
        """;
    assertThat(of(Language.GO, src)).containsExactly("T.M 5-15 6", "G 17-17 1");
  }

  @Test
  void python() {
    String src = """
        import re

        class K:
            def a(self, x):
                '''if and or'''
                if x and (x > 1 or
                          x < -1):
                    return [y for y in x if y]
                elif x:
                    pass
                try:
                    pass
                except E:
                    pass

                def nested():
                    while True:
                        pass
                return x if x else None

        async def b(s=r"if and"):
            match s:
                case "a":
                    return 1
                case _:
                    return 2
        """;
    assertThat(of(Language.PYTHON, src)).containsExactly("K.a 4-19 9", "K.a.nested 16-18 2", "b 21-26 3");
  }
}
