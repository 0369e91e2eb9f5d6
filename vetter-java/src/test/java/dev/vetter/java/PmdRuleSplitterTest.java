package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sourceforge.pmd.lang.rule.Rule;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.properties.PropertyDescriptor;
import org.junit.jupiter.api.Test;

class PmdRuleSplitterTest {
  private static final ClassLoader CLASSES = PmdRunner.class.getClassLoader();

  /** Each rule as PMD's own loader builds it from the same ruleset: class, priority, message, languages, every property. */
  private static Map<String, String> described(List<RuleSet> sets) {
    Map<String, String> rules = new TreeMap<>();
    for (RuleSet set : sets) {
      for (Rule r : set.getRules()) {
        Map<String, String> props = new TreeMap<>();
        for (Map.Entry<PropertyDescriptor<?>, Object> p : r.getPropertiesByPropertyDescriptor().entrySet()) {
          props.put(p.getKey().name(), String.valueOf(p.getValue()));
        }
        rules.put(r.getName(), String.join(" | ", r.getRuleClass(), String.valueOf(r.getPriority()), r.getMessage(), String.valueOf(r.getLanguage()),
            String.valueOf(r.getMinimumLanguageVersion()), String.valueOf(r.getMaximumLanguageVersion()), String.valueOf(r.isDeprecated()),
            r.getDescription(), props.toString()));
      }
    }
    return rules;
  }

  private static List<RuleSet> pmdsOwn(String resource) {
    return List.of(new RuleSetLoader().loadResourcesWith(CLASSES).warnDeprecated(false).filterAbovePriority(RulePriority.LOW).loadFromResource(resource));
  }

  private static String text(String resource) throws Exception {
    try (InputStream in = CLASSES.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void quickstartLoadsTheSameRulesWithTheSameSettingsAsPmdsOwnLoader() throws Exception {
    String quickstart = PmdRulesets.bundled("quickstart");
    // every reference outside comments is redirected (the comments name rules PMD has since removed)
    assertThat(new PmdRuleSplitter(CLASSES).rewrite(text(quickstart)).replaceAll("(?s)<!--.*?-->", "")).contains("ref=\"vetter-pmd-rule/")
        .doesNotContain("ref=\"category/java/");
    PmdRunner runner = new PmdRunner(List.of(new PmdRunner.Source("PMD's quickstart", quickstart, quickstart.getBytes(StandardCharsets.UTF_8))), null);
    Map<String, String> expected = described(pmdsOwn(quickstart));
    assertThat(expected).hasSizeGreaterThan(100).containsKey("AssignmentInOperand");
    assertThat(expected.get("AssignmentInOperand")).contains("allowWhile=true"); // an override of quickstart's
    assertThat(described(runner.rulesets)).isEqualTo(expected);
  }

  @Test
  void aRepositoryRulesetWithOverridesAndAWholeCategoryLoadsAsPmdLoadsIt() {
    String ruleset = """
        <?xml version="1.0"?>
        <ruleset name="mine" xmlns="http://pmd.sourceforge.net/ruleset/2.0.0">
          <description>mine</description>
          <rule ref="category/java/design.xml/CyclomaticComplexity">
            <priority>1</priority>
            <properties><property name="methodReportLevel" value="5"/></properties>
          </rule>
          <rule ref="category/java/bestpractices.xml/UnusedLocalVariable" message="unused: {0}"/>
          <rule ref="category/java/security.xml"/>
        </ruleset>
        """;
    PmdRunner runner = new PmdRunner(List.of(new PmdRunner.Source("mine.xml", null, ruleset.getBytes(StandardCharsets.UTF_8))), null);
    Map<String, String> expected = described(List.of(
        new RuleSetLoader().loadResourcesWith(CLASSES).warnDeprecated(false).filterAbovePriority(RulePriority.LOW).loadFromString("mine.xml", ruleset)));
    assertThat(expected.get("CyclomaticComplexity")).contains("methodReportLevel=5").contains(" | High | ");
    assertThat(described(runner.rulesets)).isEqualTo(expected);
  }

  @Test
  void aReferenceToARuleThatDoesNotExistGetsPmdsOwnMessage() {
    String ruleset = """
        <?xml version="1.0"?>
        <ruleset name="mine" xmlns="http://pmd.sourceforge.net/ruleset/2.0.0">
          <description>mine</description>
          <rule ref="category/java/errorprone.xml/NoSuchRule"/>
        </ruleset>
        """;
    assertThat(new PmdRuleSplitter(CLASSES).rewrite(ruleset)).isEqualTo(ruleset);
  }

  @Test
  void aOneRuleRulesetHoldsOnlyThatRule() throws Exception {
    PmdRuleSplitter splitter = new PmdRuleSplitter(CLASSES);
    try (InputStream in = splitter.getResourceAsStream("vetter-pmd-rule/errorprone/EmptyCatchBlock.xml")) {
      String one = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(one).contains("name=\"EmptyCatchBlock\"").contains("xmlns=\"http://pmd.sourceforge.net/ruleset/2.0.0\"");
      assertThat(one.split("<rule ", -1)).hasSize(2);
    }
    assertThat(splitter.getResource("vetter-pmd-rule/nosuch/Rule.xml")).isNull();
  }
}
