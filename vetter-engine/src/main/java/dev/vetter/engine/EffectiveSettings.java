package dev.vetter.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.policy.OptionsBinder;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import java.util.List;
import java.util.Map;

/**
 * Resolves, for one rule and one path, its mode (whether it runs, and whether its findings are posted or fail the
 * review), severity and options: the rule's own defaults, then what was inferred from the repository, then the
 * policy's rules, then its path overrides.
 */
final class EffectiveSettings {
  private final Policy policy;
  private final OptionsBinder binder = new OptionsBinder();

  /** {@code severity} is null when the policy leaves the check's own choice. */
  record Settings(Mode mode, Severity severity, Record options, String optionsJson) {
    /** Whether the rule runs at all: any mode but off. */
    boolean enabled() {
      return mode != Mode.OFF;
    }
  }

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
    sb.append('/');
    for (Policy.Inferred i : policy.inferred()) sb.append(i.appliesTo(path) ? '1' : '0');
    return sb.toString();
  }

  private Settings compute(RuleInfo rule, String path) {
    Layered state = new Layered(rule);
    for (Policy.Inferred i : policy.inferred()) {
      if (i.appliesTo(path)) state.infer(i, rule);
    }
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
    return new Settings(state.mode, state.severity, bound, options.toString());
  }

  /** Settings accumulated layer by layer; later layers win. */
  private static final class Layered {
    final Mode declared;
    Mode mode;
    /** True while the mode is an inference's rather than the rule's or the policy's. */
    boolean inferred;
    Severity severity;
    final ObjectNode options = JsonNodeFactory.instance.objectNode();

    Layered(RuleInfo rule) {
      declared = rule.mode();
      mode = declared;
    }

    void infer(Policy.Inferred i, RuleInfo rule) {
      if (!rule.scopes().contains(i.rule())) return;
      Policy.RuleSettings s = i.settings();
      if (s.mode() != null) {
        mode = s.mode();
        inferred = true;
      }
      if (s.severity() != null) severity = s.severity();
      if (i.rule().equals(rule.id())) options.setAll(s.options());
    }

    void apply(Map<String, Policy.RuleSettings> rules, RuleInfo rule) {
      // the family first, so a rule's own entry wins over its family's (and, for ingested rules, over its tool's)
      for (String name : rule.scopes()) {
        Policy.RuleSettings s = rules.get(name);
        if (s == null) continue;
        if (s.enabled() != null) {
          // `enabled: true` written by the team chooses the rule: it undoes `off` and an inferred shadow
          if (!s.enabled()) mode = Mode.OFF;
          else if (mode == Mode.OFF || (inferred && mode == Mode.SHADOW)) mode = declared == Mode.OFF ? Mode.COMMENT : declared;
          inferred = false;
        }
        if (s.mode() != null) {
          mode = s.mode();
          inferred = false;
        }
        if (s.severity() != null) severity = s.severity();
        if (name.equals(rule.id())) {
          options.setAll(s.options());
          // options written for the rule itself (a line length, commit types) choose it too
          if (!s.options().isEmpty() && s.mode() == null && inferred && mode == Mode.SHADOW) {
            mode = declared == Mode.OFF ? Mode.COMMENT : declared;
            inferred = false;
          }
        }
      }
    }
  }
}
