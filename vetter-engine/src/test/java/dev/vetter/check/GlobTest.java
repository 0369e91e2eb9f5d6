package dev.vetter.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Globs follow .gitignore: each row is a glob, a path, and whether it matches. */
class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # no slash: the name at any depth, and everything below a directory of that name
      *.java              | App.java                     | true
      *.java              | src/main/App.java            | true
      *.java              | src/App.javax                | false
      *.java              | App.java/inside.txt          | true
      build               | build                        | true
      build               | build/out.class              | true
      build               | sub/build/out.class          | true
      build               | builds/out.class             | false
      build               | rebuild                      | false
      README.md           | docs/README.md               | true
      # a slash at the start or in the middle anchors at the root
      /build              | build/out.class              | true
      /build              | sub/build/out.class          | false
      src/*.java          | src/App.java                 | true
      src/*.java          | src/sub/App.java             | false
      src/*.java          | lib/src/App.java             | false
      docs/api            | docs/api/index.html          | true
      docs/api            | x/docs/api/index.html        | false
      # a trailing slash: only what is below a directory
      build/              | build/out.class              | true
      build/              | sub/build/out.class          | true
      build/              | build                        | false
      /build/             | sub/build/out.class          | false
      docs/api/           | docs/api/x.md                | true
      # * and ? stay within a segment
      src/*               | src/a.txt                    | true
      src/*               | src/a/b.txt                  | true
      a*b                 | a/b                          | false
      a*b                 | axxb                         | true
      a?c                 | abc                          | true
      a?c                 | a/c                          | false
      a?c                 | ac                           | false
      # ** as a whole segment crosses directories
      **/test             | test                         | true
      **/test             | a/b/test                     | true
      **/test             | a/b/test/x.java              | true
      **/test/*.java      | a/test/X.java                | true
      **/test/*.java      | test/X.java                  | true
      **/test/*.java      | test/sub/X.java              | false
      src/**              | src/a.txt                    | true
      src/**              | src/a/b/c.txt                | true
      src/**              | src                          | false
      src/**              | lib/src/a.txt                | false
      a/**/b              | a/b                          | true
      a/**/b              | a/x/b                        | true
      a/**/b              | a/x/y/b                      | true
      a/**/b              | a/xb                         | false
      **                  | anything/at/all.txt          | true
      src/**/*.java       | src/A.java                   | true
      src/**/*.java       | src/x/y/A.java               | true
      src/**/*.java       | src/x/y/A.kt                 | false
      # ** elsewhere is a plain *
      src/**.java         | src/A.java                   | true
      src/**.java         | src/x/A.java                 | false
      a**/b               | abc/b                        | true
      a**/b               | a/x/b                        | false
      # character classes: one character, never a slash
      file[0-9].txt       | file7.txt                    | true
      file[0-9].txt       | filex.txt                    | false
      file[!0-9].txt      | filex.txt                    | true
      file[!0-9].txt      | file7.txt                    | false
      file[^0-9].txt      | filex.txt                    | true
      a[!x]b              | a/b                          | false
      [ab].md             | b.md                         | true
      []].md              | ].md                         | true
      [!]].md             | ].md                         | false
      [\\]].md            | ].md                         | true
      x[.]y               | x.y                          | true
      x[.]y               | xzy                          | false
      # alternatives
      *.{java,kt}         | src/A.kt                     | true
      *.{java,kt}         | src/A.scala                  | false
      {src,test}/**       | test/a                       | true
      {src,test}/**       | lib/a                        | false
      {a,b{c,d}}.txt      | bd.txt                       | true
      {,x}y               | y                            | true
      a,b                 | a,b                          | true
      # escapes and literal regex characters
      \\*.txt             | *.txt                        | true
      \\*.txt             | a.txt                        | false
      \\!keep             | !keep                        | true
      a+b(c).txt          | a+b(c).txt                   | true
      a.b                 | axb                          | false
      $^.txt              | $^.txt                       | true
      # surrounding blanks do not count
      '  *.md  '          | a.md                         | true
      """)
  void matchesLikeGitignore(String glob, String path, boolean expected) {
    assertThat(Glob.compile(glob).matches(path)).as("%s ~ %s", glob, path).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''          | empty glob
      '   '       | empty glob
      /           | names no path
      src/[abc    | has an unclosed '['
      a{b         | has an unclosed '{'
      a}b         | has a '}' without '{'
      ab\\        | ends with a backslash
      a[/]b       | has '/' inside [...]
      a//b        | has an empty path segment
      !secret.txt | negation is not supported here: list the paths under 'exclude' instead
      [z-a]       | is malformed
      """)
  void rejectsMalformedGlobsSayingWhy(String glob, String reason) {
    assertThatThrownBy(() -> Glob.compile(glob)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
  }

  @org.junit.jupiter.api.Test
  void keepsItsSourceForMessages() {
    assertThat(Glob.compile("src/**").toString()).isEqualTo("src/**");
  }

  @org.junit.jupiter.api.Test
  void matchingIsLinearOnAdversarialInput() {
    // a backtracking matcher would take exponential time here; RE2 cannot
    Glob g = Glob.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b");
    assertThat(g.matches("a".repeat(5000))).isFalse();
  }
}
