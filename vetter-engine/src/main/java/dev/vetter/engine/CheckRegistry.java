package dev.vetter.engine;

import dev.vetter.check.Check;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The checks a review can run, sorted by id. Built-in checks are an explicit list given by the caller;
 * outside checks come in through {@link ServiceLoader} of {@link Check}. Nothing registers itself.
 */
public final class CheckRegistry {
  private final Map<String, Check> checks;
  private final Map<String, RuleInfo> infos;

  /** The settings every rule takes besides its options. */
  private static final List<String> RESERVED_OPTIONS = List.of("enabled", "severity", "mode");

  public CheckRegistry(List<? extends Check> checks) {
    Map<String, Check> byId = new LinkedHashMap<>();
    Map<String, RuleInfo> info = new LinkedHashMap<>();
    List<Check> sorted = new ArrayList<>(checks);
    sorted.sort(Comparator.comparing(c -> Check.info(c).id()));
    for (Check c : sorted) {
      RuleInfo i = RuleInfo.of(c);
      if (RuleInfo.isExternal(i.id())) throw new IllegalArgumentException(i.id() + ": the family external is kept for other tools' findings");
      if (byId.put(i.id(), c) != null) throw new IllegalArgumentException("two checks have the id " + i.id());
      for (var component : i.options().getRecordComponents()) {
        String name = dev.vetter.policy.OptionsBinder.optionName(component);
        if (RESERVED_OPTIONS.contains(name)) {
          throw new IllegalArgumentException(i.id() + ": an option may not be called '" + name + "', a setting every rule has (" + RESERVED_OPTIONS + ")");
        }
      }
      info.put(i.id(), i);
    }
    for (RuleInfo engineRule : List.of(RuleInfo.INTERNAL_ERROR, RuleInfo.POLICY_CHANGED, RuleInfo.CONFIG_CHANGED,
        RuleInfo.WAIVER_EXPIRED, RuleInfo.WAIVER_TOO_LONG, RuleInfo.WAIVER_STALE)) info.put(engineRule.id(), engineRule);
    this.checks = Collections.unmodifiableMap(byId);
    this.infos = Collections.unmodifiableMap(info);
  }

  /** The given built-ins plus every {@link Check} found by {@link ServiceLoader} on the class path. */
  public static CheckRegistry withPlugins(List<? extends Check> builtIns) {
    List<Check> all = new ArrayList<>(builtIns);
    ServiceLoader.load(Check.class).forEach(all::add);
    return new CheckRegistry(all);
  }

  public Map<String, Check> checks() {
    return checks;
  }

  /** Every rule's metadata, checks and engine rules alike. */
  public List<RuleInfo> rules() {
    return infos.values().stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
  }

  public Optional<RuleInfo> rule(String id) {
    return Optional.ofNullable(infos.get(id));
  }

  /**
   * The check's rule that {@code id} is a sub-rule of ({@link RuleInfo#hasSubRule}), e.g.
   * {@code java/checkstyle} for {@code java/checkstyle/LineLength}; empty when there is none.
   */
  public Optional<RuleInfo> subRuleParent(String id) {
    for (int i = id.lastIndexOf('/'); i > 0; i = id.lastIndexOf('/', i - 1)) {
      RuleInfo parent = infos.get(id.substring(0, i));
      if (parent != null) return parent.hasSubRule(id) ? Optional.of(parent) : Optional.empty();
    }
    return Optional.empty();
  }

  /** True when {@code idOrFamily} names a rule or a family of rules. */
  public boolean knows(String idOrFamily) {
    return infos.containsKey(idOrFamily) || infos.keySet().stream().anyMatch(id -> id.startsWith(idOrFamily + "/"));
  }

  /** Rule ids and family names, for "did you mean" suggestions. */
  public List<String> names() {
    List<String> names = new ArrayList<>(infos.keySet());
    infos.values().stream().map(RuleInfo::family).distinct().forEach(names::add);
    return names;
  }
}
