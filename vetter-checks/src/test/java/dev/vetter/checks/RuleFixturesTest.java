package dev.vetter.checks;

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

/** Every built-in rule against its fixtures (src/test/resources/fixtures/&lt;rule id&gt;/&lt;case&gt;/). */
class RuleFixturesTest {
  static final Path ROOT = Path.of("src/test/resources/fixtures");

  @TestFactory
  Stream<DynamicTest> fixtures() {
    return RuleFixtures.tests(ROOT, BuiltInChecks.all());
  }

  @Test
  void everyRuleHasFixtures() {
    Set<String> withFixtures = RuleFixtures.caseDirs(ROOT).map(d -> ROOT.relativize(d.getParent()).toString().replace('\\', '/')).collect(Collectors.toSet());
    Set<String> rules = BuiltInChecks.all().stream().map(c -> Check.info(c).id()).collect(Collectors.toSet());
    assertThat(withFixtures).as("rules without a fixture folder").containsAll(rules);
  }

  @Test
  void builtInsAreSortedById() {
    var ids = BuiltInChecks.all().stream().map(c -> Check.info(c).id()).toList();
    assertThat(ids).isSorted();
  }
}
