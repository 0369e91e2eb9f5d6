package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugins' {@code excludes}: Ant patterns as Maven's DirectoryScanner reads them, against paths below a source folder. */
class AntPatternTest {
  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "**/generated/**,     com/x/generated/A.java,  true",
      "**/generated/**,     generated/A.java,        true",
      "**/generated/**,     com/x/generatedA.java,   false",
      "**/*Test.java,       com/x/FooTest.java,      true",
      "**/*Test.java,       FooTest.java,            true",
      "**/*Test.java,       com/x/FooTests.java,     false",
      "com/**/Foo.java,     com/Foo.java,            true",
      "com/**/Foo.java,     com/a/b/Foo.java,        true",
      "com/**/Foo.java,     org/com/Foo.java,        false",
      "com/gen/,            com/gen/a/A.java,        true",
      "*.java,              A.java,                  true",
      "*.java,              a/A.java,                false",
      "com/?oo.java,        com/Foo.java,            true",
      "com/?oo.java,        com/Fooo.java,           false",
      "com\\gen\\*.java,    com/gen/A.java,          true",
      "com/x/Foo.java,      com/x/Foo.java,          true",
      "com/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/x,  a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/y, false",
      "*a*a*a*a*a*a*a*a*a*a*a*a*b,  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac, false",
  })
  void matches(String pattern, String path, boolean expected) {
    assertThat(BuildFiles.antMatches(pattern, path)).isEqualTo(expected);
  }
}
