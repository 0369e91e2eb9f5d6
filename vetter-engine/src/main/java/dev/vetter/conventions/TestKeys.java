package dev.vetter.conventions;

import dev.vetter.check.Glob;
import dev.vetter.check.Mode;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.Policy;
import java.util.List;

/**
 * Key material under test sources comments instead of blocking. A test suite that exercises TLS or request signing
 * carries a private key or a service-account key of its own (requests' {@code tests/certs/}, gin's {@code testdata/},
 * java-storage's {@code src/test/resources/}): on the evaluation set's histories every blocking secret found was one
 * of these (docs/eval-secrets.md, 7 of 7). Such a key is still posted, so a real one that strayed into a test folder
 * is seen; it only no longer fails the review. Provider tokens (a {@code ghp_...}, an {@code AKIA...}) keep blocking
 * everywhere: a test has no use for a live one. A written mode for the rule, anywhere in the policy, wins.
 */
final class TestKeys {
  static final List<String> RULES = List.of("secrets/private-key", "secrets/gcp-service-account");
  static final List<Glob> PATHS = Glob.compileAll("test sources", List.of("**/src/test/**", "**/test/**", "**/tests/**",
      "**/__tests__/**", "**/testdata/**", "**/test-data/**", "**/test_data/**", "**/fixtures/**", "**/testfixtures/**"));

  private TestKeys() {}

  static List<Policy.Inferred> infer(CheckRegistry registry) {
    return RULES.stream().filter(r -> registry.rule(r).isPresent())
        .map(r -> new Policy.Inferred(r, PATHS, new Policy.RuleSettings(null, null, Mode.COMMENT, null),
            "keys under test sources are test fixtures far more often than leaks: posted there, not blocking"))
        .toList();
  }
}
