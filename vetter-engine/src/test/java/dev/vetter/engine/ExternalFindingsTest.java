package dev.vetter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vetter.change.Change;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings read from other tools ({@link Reviewer#withExternalFindings}) go through the same pipeline
 * as the checks': policy, fingerprints, suppressions, baseline, diff filter.
 */
class ExternalFindingsTest {
  @TempDir Path tmp;
  private static final CheckRegistry NO_CHECKS = new CheckRegistry(List.of());

  /** {@code app.js} at head: line 2 is new, line 3 carries a suppression for the line below it, line 4 is new. */
  @BeforeEach
  void repo() {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("app.js", "let a = 1;\n").write("vendor/lib.js", "x\n").commit("start");
      repo.branch("feature");
      repo.write("app.js", "let a = 1;\nconsole.log(a);\n// vetter:ignore external/eslint/no-console reason\nconsole.log(a);\n")
          .write("vendor/lib.js", "x\ny\n").commit("more");
    }
  }

  static Finding external(String tool, String rule, String path, int line, Severity severity) {
    Finding f = line > 0 ? Finding.onLine(path, line, tool + " says " + rule) : path != null ? Finding.onFile(path, tool + " says " + rule)
        : Finding.onChange(tool + " says " + rule);
    return f.withIdentity(RuleInfo.externalId(tool, rule), severity, null, null);
  }

  static final List<Finding> FINDINGS = List.of(
      external("eslint", "no-console", "app.js", 2, Severity.WARNING),
      external("eslint", "no-console", "app.js", 4, Severity.WARNING),
      external("eslint", "semi", "app.js", 1, Severity.ERROR),
      external("eslint", "no-var", "vendor/lib.js", 2, null),
      external("gitleaks", "aws-key", "app.js", 0, Severity.ERROR),
      external("sarif", "execution-failed", null, 0, Severity.ERROR));

  ReviewResult review(String policyYaml, Baseline baseline, List<Finding> findings) throws Exception {
    Policy policy = policyYaml == null ? Policy.defaults() : new PolicyLoader(NO_CHECKS).load(List.of(new YamlSource("p.yml", policyYaml)));
    try (GitRepository git = GitRepository.open(tmp.resolve("repo"))) {
      Change change = git.range("main", "feature");
      return new Reviewer(NO_CHECKS, policy, FindingCache.NONE, baseline, 1, Progress.NONE).withExternalFindings(findings).review(change);
    }
  }

  @Test
  void scopedSuppressedAndIdentifiedLikeTheChecksFindings() throws Exception {
    ReviewResult r = review(null, Baseline.EMPTY, FINDINGS);
    assertThat(r.findings()).extracting(Finding::rule, Finding::path, Finding::line, Finding::severity, Finding::category).containsExactly(
        tuple("external/sarif/execution-failed", null, 0, Severity.ERROR, Category.SMELLS),
        tuple("external/gitleaks/aws-key", "app.js", 0, Severity.ERROR, Category.SMELLS),
        tuple("external/eslint/no-console", "app.js", 2, Severity.WARNING, Category.SMELLS),
        // no severity from the tool: the external rules' default
        tuple("external/eslint/no-var", "vendor/lib.js", 2, Severity.WARNING, Category.SMELLS));
    assertThat(r.hidden()).extracting(Finding::rule, Finding::line).containsExactly(tuple("external/eslint/semi", 1));
    assertThat(r.suppressed()).isEqualTo(1);
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.fingerprint()).hasSize(20));
    assertThat(r.failed()).isTrue();
  }

  @Test
  void thePolicyConfiguresAllToolsOneToolOrOneRule() throws Exception {
    String policy = """
        exclude: ['vendor/**']
        rules:
          external: {severity: notice}
          external/eslint: {severity: warning}
          external/eslint/no-console: false
          external/sarif/execution-failed: {severity: error}
        """;
    ReviewResult r = review(policy, Baseline.EMPTY, FINDINGS);
    assertThat(r.findings()).extracting(Finding::rule, Finding::severity).containsExactly(
        tuple("external/sarif/execution-failed", Severity.ERROR),
        tuple("external/gitleaks/aws-key", Severity.NOTICE));
    assertThat(r.hidden()).extracting(Finding::rule, Finding::severity).containsExactly(tuple("external/eslint/semi", Severity.WARNING));
  }

  @Test
  void aBaselineAcceptsThem() throws Exception {
    ReviewResult first = review(null, Baseline.EMPTY, FINDINGS);
    Baseline accepted = Baseline.parse("b.json", Baseline.render(first.findings()));
    ReviewResult again = review(null, accepted, FINDINGS);
    assertThat(again.findings()).isEmpty();
    assertThat(again.baselined()).isEqualTo(4);
  }

  @Test
  void theCategoryAReaderFoundIsKept() throws Exception {
    Finding secret = external("trivy", "cve", "app.js", 2, Severity.ERROR);
    ReviewResult r = review(null, Baseline.EMPTY, List.of(secret.withIdentity(secret.rule(), secret.severity(), Category.SECURITY, null)));
    assertThat(r.findings()).extracting(Finding::category).containsExactly(Category.SECURITY);
  }

  @Test
  void noInputCanPassItselfOffAsVettersOwnRule() {
    Reviewer reviewer = new Reviewer(NO_CHECKS, Policy.defaults());
    for (String rule : new String[] {"hygiene/trailing-whitespace", "vetter/internal-error", "external/eslint", "external/Bad/x", null}) {
      Finding f = Finding.onLine("a.js", 1, "m").withIdentity(rule, null, null, null);
      assertThatThrownBy(() -> reviewer.withExternalFindings(List.of(f))).as(String.valueOf(rule)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
