package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  static final CheckRegistry REGISTRY = new CheckRegistry(List.of());
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
    assertThat(read).containsExactly(".vetter.yml");
  }

  @Test
  void theBaselineThePolicyNamesIsReadAtTheBase() {
    files.put(".vetter.yml", "baseline: ci/accepted.json\n");
    files.put("ci/accepted.json", "{\"version\":1,\"fingerprints\":[\"f1\",\"f2\"]}");
    assertThat(read().baseline().fingerprints()).containsExactlyInAnyOrder("f1", "f2");
    assertThat(read).containsExactly(".vetter.yml", "ci/accepted.json");
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
