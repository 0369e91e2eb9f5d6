package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Check;
import dev.vetter.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every Java analyzer check against its fixtures (src/test/resources/fixtures/&lt;rule id&gt;/&lt;case&gt;/). */
class JavaFixturesTest {
  static final Path ROOT = Path.of("src/test/resources/fixtures");

  @TestFactory
  Stream<DynamicTest> fixtures() {
    return RuleFixtures.tests(ROOT, JavaChecks.all());
  }

  @Test
  void everyCheckHasFixtures() {
    Set<String> withFixtures = RuleFixtures.caseDirs(ROOT).map(d -> ROOT.relativize(d.getParent()).toString().replace('\\', '/')).collect(Collectors.toSet());
    assertThat(withFixtures).containsAll(JavaChecks.all().stream().map(c -> Check.info(c).id()).toList());
  }

  @Test
  void sortedById() {
    assertThat(JavaChecks.all().stream().map(c -> Check.info(c).id()).toList()).isSorted();
  }
}
