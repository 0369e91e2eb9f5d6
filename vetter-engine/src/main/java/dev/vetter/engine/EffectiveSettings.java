package dev.vetter.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Severity;
import dev.vetter.policy.OptionsBinder;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import java.util.List;
import java.util.Map;

/** Resolves, for one rule and one path, whether it runs, at what severity and with which options. */
final class EffectiveSettings {
  private final Policy policy;
  private final OptionsBinder binder = new OptionsBinder();

  /** {@code severity} is null when the policy leaves the check's own choice. */
  record Settings(boolean enabled, Severity severity, Record options, String optionsJson) {}

  EffectiveSettings(Policy policy) {
    this.policy = policy;
  }

  /** Settings for {@code rule} at {@code path}; a null path means the change as a whole. */
  Settings of(RuleInfo rule, String path) {
    // settings depend only on which overrides match the path: compute each combination once per rule
    String matching = path == null ? "-" : matchingOverrides.computeIfAbsent(path, this::overridesMatching);
    return memo.computeIfAbsent(rule.id() + '\0' + matching, k -> compute(rule, path));
  }

  private final java.util.Map<String, String> matchingOverrides = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, Settings> memo = new java.util.concurrent.ConcurrentHashMap<>();

  private String overridesMatching(String path) {
    StringBuilder sb = new StringBuilder();
    List<Policy.PathOverride> overrides = policy.overrides();
    for (int i = 0; i < overrides.size(); i++) sb.append(overrides.get(i).matches(path) ? '1' : '0');
    return sb.toString();
  }

  private Settings compute(RuleInfo rule, String path) {
    Layered state = new Layered();
    state.apply(policy.rules(), rule);
    if (path != null) {
      for (Policy.PathOverride o : policy.overrides()) {
        if (o.matches(path)) state.apply(o.rules(), rule);
      }
    }
    ObjectNode options = state.options;
    Record bound;
    try {
      bound = binder.bind(rule.options(), options);
    } catch (OptionsBinder.BindError e) {
      // validated at load; only reachable if layers combine into something invalid
      throw new PolicyError(List.of(new PolicyError.Problem("policy", 0, 0, rule.id() + ": " + e.getMessage())));
    }
    return new Settings(state.enabled, state.severity, bound, options.toString());
  }

  /** Settings accumulated layer by layer; later layers win. */
  private static final class Layered {
    boolean enabled = true;
    Severity severity;
    final ObjectNode options = JsonNodeFactory.instance.objectNode();

    void apply(Map<String, Policy.RuleSettings> rules, RuleInfo rule) {
      // the family first, so a rule's own entry wins over its family's (and, for ingested rules, over its tool's)
      for (String name : rule.scopes()) {
        Policy.RuleSettings s = rules.get(name);
        if (s == null) continue;
        if (s.enabled() != null) enabled = s.enabled();
        if (s.severity() != null) severity = s.severity();
        if (name.equals(rule.id())) options.setAll(s.options());
      }
    }
  }
}
