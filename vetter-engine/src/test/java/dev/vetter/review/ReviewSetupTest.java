package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.UserError;
import dev.vetter.policy.PolicyError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewSetupTest {
  /** A rule for the waivers to name (the engine's tests have no built-in checks). */
  @CheckInfo(id = "test/spaces", category = Category.STYLE, severity = Severity.NOTICE, summary = "s", rationale = "r", fix = "f")
  static final class Spaces implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of();
    }
  }

  static final CheckRegistry REGISTRY = new CheckRegistry(List.of(new Spaces()));
  final Map<String, String> files = new HashMap<>();
  final List<String> read = new ArrayList<>();

  ReviewSetup.Trusted read() {
    return ReviewSetup.of(REGISTRY).read(TrustedFiles.on("main", path -> {
      read.add(path);
      return Optional.ofNullable(files.get(path)).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }));
  }

  @Test
  void noPolicyFileIsTheDefaultsWithoutABaseline() {
    ReviewSetup.Trusted c = read();
    assertThat(c.baseline()).isEqualTo(Baseline.EMPTY);
    assertThat(c.policy().baseline()).isNull();
    assertThat(c.waivers().isEmpty()).isTrue();
    assertThat(read).containsExactly(".vetter.yml", ".vetter/waivers.yml");
  }

  @Test
  void theBaselineThePolicyNamesIsReadAtTheBase() {
    files.put(".vetter.yml", "baseline: ci/accepted.json\n");
    files.put("ci/accepted.json", "{\"version\":1,\"fingerprints\":[\"f1\",\"f2\"]}");
    assertThat(read().baseline().fingerprints()).containsExactlyInAnyOrder("f1", "f2");
    assertThat(read).containsExactly(".vetter.yml", "ci/accepted.json", ".vetter/waivers.yml");
  }

  @Test
  void theWaiversAreReadAtTheBaseWithThePolicysLimits() {
    files.put(".vetter/waivers.yml", """
        waivers:
          - {rule: test/spaces, path: 'docs/**', reason: wont-fix, owner: ada, created: 2026-01-01, expires: 2026-03-01}
        """);
    assertThat(read().waivers().entries()).singleElement().satisfies(w -> assertThat(w.where()).isEqualTo(".vetter/waivers.yml:2"));
    // 59 days: more than a policy allowing 30 for every severity
    files.put(".vetter.yml", "waivers: {max-days: {error: 30, warning: 30, notice: 30}}\n");
    assertThatThrownBy(this::read).isInstanceOf(PolicyError.class)
        .hasMessageStartingWith("invalid waivers (1 problem):\n  .vetter/waivers.yml@main:2:")
        .hasMessageContaining("the policy allows at most 30 days");
  }

  @Test
  void aMissingOrBrokenBaselineOrAnInvalidPolicyIsTheUsersError() {
    files.put(".vetter.yml", "baseline: accepted.json\n");
    assertThatThrownBy(this::read).isExactlyInstanceOf(UserError.class)
        .hasMessage("the policy names the baseline accepted.json, which does not exist on main");
    files.put("accepted.json", "[]");
    assertThatThrownBy(this::read).isExactlyInstanceOf(UserError.class).hasMessageStartingWith("baseline accepted.json@main is not a Vetter baseline");
    files.put(".vetter.yml", "fail-on: sometimes\n");
    assertThatThrownBy(this::read).isInstanceOf(PolicyError.class).hasMessageContaining(".vetter.yml@main");
  }
}
