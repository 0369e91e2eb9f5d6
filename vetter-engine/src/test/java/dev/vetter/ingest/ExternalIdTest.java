package dev.vetter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.check.Category;
import dev.vetter.engine.RuleInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How other tools' rule codes become Vetter rule ids, which the policy, suppressions and every report accept. */
class ExternalIdTest {
  @Test
  void toolsRulesBecomeLowerCaseIds() {
    assertThat(RuleInfo.externalId("ESLint", "no-unused-vars")).isEqualTo("external/eslint/no-unused-vars");
    assertThat(RuleInfo.externalId("eslint", "@typescript-eslint/no-explicit-any")).isEqualTo("external/eslint/typescript-eslint/no-explicit-any");
    assertThat(RuleInfo.externalId("shellcheck", "SC2086")).isEqualTo("external/shellcheck/sc2086");
    assertThat(RuleInfo.externalId("golangci-lint", "errcheck")).isEqualTo("external/golangci-lint/errcheck");
    assertThat(RuleInfo.externalId("Super Lint", "Rule_1 (beta)")).isEqualTo("external/super-lint/rule-1-beta");
    assertThat(RuleInfo.externalId("PMD", "category/java/bestpractices.xml/UnusedLocalVariable"))
        .isEqualTo("external/pmd/category/java/bestpractices.xml/unusedlocalvariable");
    assertThat(RuleInfo.externalId("a/b", "CA2101/1")).isEqualTo("external/a-b/ca2101/1");
    assertThat(RuleInfo.externalId("tsc", null)).isEqualTo("external/tsc/diagnostic");
    assertThat(RuleInfo.externalId("", "--")).isEqualTo("external/tool/diagnostic");
    assertThat(RuleInfo.externalId("Ünïcode", "règle")).isEqualTo("external/n-code/r-gle");
  }

  @Test
  void everyIdIsAValidRuleId() {
    for (String rule : List.of("x", "..", "a..b", "-a-", "A.B.C", "/x//y/", "é", "a_b-c.d", "9", "[*]", "a\0b")) {
      String id = RuleInfo.externalId("tool", rule);
      assertThat(RuleInfo.isValidExternal(id)).as(id).isTrue();
      assertThat(RuleInfo.external(id, null).id()).isEqualTo(id);
    }
  }

  @Test
  void externalRulesAreDescribedByTheirIds() {
    RuleInfo r = RuleInfo.external("external/eslint/no-console", null);
    assertThat(r.category()).isEqualTo(Category.SMELLS);
    assertThat(r.summary()).contains("eslint", "no-console");
    assertThat(r.scopes()).containsExactly("external", "external/eslint", "external/eslint/no-console");
    assertThat(RuleInfo.external("external/gosec/g101", Category.SECURITY).category()).isEqualTo(Category.SECURITY);
    assertThatThrownBy(() -> RuleInfo.external("hygiene/trailing-whitespace", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RuleInfo.external("external/eslint", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
