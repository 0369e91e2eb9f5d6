package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.policy.ChatOpsPolicy.Action;
import dev.vetter.policy.ChatOpsPolicy.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code chatops} key of a policy: roles per command, checked at load, layered like the rest. */
class ChatOpsPolicyTest {
  private final PolicyLoader loader = new PolicyLoader(TestChecks.registry());

  private List<String> problems(String yaml) {
    return loader.validate("p.yml", yaml).stream().map(PolicyError.Problem::toString).toList();
  }

  private Policy load(String... layers) {
    return loader.load(java.util.stream.IntStream.range(0, layers.length)
        .mapToObj(i -> new YamlSource(i == layers.length - 1 ? "repo.yml" : "org.yml", layers[i])).toList());
  }

  @Test
  void defaultsWhenTheFileSaysNothing() {
    assertThat(load("fail-on: error\n").chatops()).isEqualTo(ChatOpsPolicy.DEFAULTS);
    assertThat(Policy.defaults().chatops().required(Action.OVERRIDE)).isEqualTo(Role.MAINTAIN);
  }

  @Test
  void rolesMergeOverTheOrganisationsKeyByKey() {
    Policy p = load("chatops: {roles: {override: admin, recheck: triage}}\n", "chatops: {roles: {recheck: write}}\n");
    assertThat(p.chatops().required(Action.OVERRIDE)).isEqualTo(Role.ADMIN);
    assertThat(p.chatops().required(Action.RECHECK)).isEqualTo(Role.WRITE);
    assertThat(p.chatops().required(Action.WAIVE_BLOCKING)).isEqualTo(Role.MAINTAIN);
    assertThat(load("chatops: {enabled: false}\n").chatops().enabled()).isFalse();
  }

  @Test
  void badValuesAreErrorsWithTheirPlace() {
    assertThat(problems("chatops: {roles: {override: owner}}\n")).singleElement().asString()
        .contains("invalid role 'owner'").contains("[read, triage, write, maintain, admin]");
    assertThat(problems("chatops: {roles: {overide: admin}}\n")).singleElement().asString().contains("did you mean 'override'");
    assertThat(problems("chatops: {enabled: maybe}\n")).singleElement().asString().contains("enabled must be true or false");
    assertThat(problems("chatops: yes\n")).singleElement().asString().contains("chatops must be a mapping");
  }
}
