package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Glob;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import dev.vetter.filter.FilterMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the policy: built-in defaults, then an optional organisation file, then the repository's
 * {@code .vetter.yml}, each merged over the one before (maps merge key by key, lists replace, except
 * {@code overrides}, which accumulate). Every layer is validated on its own first, so each problem is
 * reported with its own file, line and column, and all problems at once.
 *
 * <p>Strict: unknown keys, values of the wrong type and misspelt values are errors (with the allowed
 * values and a "did you mean"), never silently ignored. {@link PolicySchema} describes the same
 * structure as a JSON Schema.
 */
public final class PolicyLoader {
  /** Top-level keys of a policy file. */
  public static final List<String> KEYS = List.of("filter", "fail-on", "max-inline-comments", "request-changes", "include", "exclude", "baseline", "limits", "rules", "overrides", "waivers", "ai", "chatops");
  static final List<String> AI_KEYS = List.of("enabled", "model", "base-url", "max-input-tokens", "max-output-tokens", "max-calls", "timeout-seconds");
  static final List<String> LIMIT_KEYS = List.of("max-file-bytes", "check-timeout-seconds");
  static final List<String> RULE_KEYS = List.of("enabled", "severity", "mode");
  static final List<String> OVERRIDE_KEYS = List.of("paths", "rules");
  static final List<String> WAIVER_KEYS = List.of("max-days");
  static final List<String> CHATOPS_KEYS = List.of("enabled", "roles");
  /** The longest a waiver may be allowed to last: a hundred years. */
  static final int MAX_WAIVER_DAYS = 36_500;
  static final List<String> FILTERS = Arrays.stream(FilterMode.values()).map(FilterMode::id).toList();
  static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::id).toList();
  static final List<String> FAIL_ON = concat(SEVERITIES, "never");
  static final List<String> MODES = Arrays.stream(Mode.values()).map(Mode::id).toList();

  private final CheckRegistry registry;
  private final Set<String> families = new LinkedHashSet<>();

  public PolicyLoader(CheckRegistry registry) {
    this.registry = registry;
    registry.rules().forEach(r -> families.add(r.family()));
  }

  /** Validates one file; returns its problems (empty when it is valid). */
  public List<PolicyError.Problem> validate(String name, String text) {
    try {
      YamlDocument doc = YamlDocument.parse(name, text);
      List<PolicyError.Problem> problems = new ArrayList<>();
      check(doc, problems);
      return List.copyOf(problems);
    } catch (PolicyError e) {
      return e.problems();
    }
  }

  /** Loads layers in order (organisation file first, repository file last); throws {@link PolicyError}. */
  public Policy load(List<YamlSource> layers) {
    return build(merged(layers));
  }

  /** The layers merged, without defaults: what {@code vetter config show} prints. Throws {@link PolicyError}. */
  public ObjectNode mergedTree(List<YamlSource> layers) {
    return merged(layers);
  }

  /**
   * The policy in force, as a tree: every default, then the layers; family settings are folded into
   * each rule, so every rule shows whether it runs, at what severity and with which options (outside
   * {@code overrides}, which depend on the path). What {@code vetter config show --effective} prints.
   */
  public ObjectNode effectiveTree(List<YamlSource> layers) {
    return effectiveTree(layers, List.of());
  }

  /**
   * {@link #effectiveTree(List)} over what was inferred from the repository: an inference for all files is folded
   * into its rules, under what the files write; one for some files only depends on the path, like {@code overrides},
   * and is left out (the caller lists the inferences with their reasons). The tree stays a valid policy.
   */
  public ObjectNode effectiveTree(List<YamlSource> layers, List<Policy.Inferred> inferred) {
    ObjectNode written = merged(layers);
    ObjectNode effective = defaultsTree();
    JsonNode writtenRules = written.remove("rules");
    merge(effective, written);
    ObjectNode rules = (ObjectNode) effective.get("rules");
    java.util.Set<String> inferredShadow = new java.util.HashSet<>();
    for (Policy.Inferred i : inferred) {
      if (!i.paths().isEmpty()) continue;
      for (RuleInfo r : registry.rules()) {
        if (!r.scopes().contains(i.rule())) continue;
        ObjectNode rule = (ObjectNode) rules.get(r.id());
        if (i.settings().mode() != null) rule.put("mode", i.settings().mode().id());
        if (i.settings().mode() == Mode.SHADOW) inferredShadow.add(r.id());
        if (i.rule().equals(r.id())) rule.setAll(i.settings().options());
      }
    }
    for (RuleInfo r : registry.rules()) {
      ObjectNode rule = (ObjectNode) rules.get(r.id());
      for (String name : List.of(r.family(), r.id())) {
        JsonNode s = writtenRules == null ? null : writtenRules.get(name);
        if (s == null) continue;
        // `enabled: true` written by the team chooses the rule over an inferred shadow (as EffectiveSettings does)
        boolean choosesByOptions = name.equals(r.id()) && s.isObject() && optionsOf((ObjectNode) s).size() > 0;
        if ((s.path("enabled").asBoolean(false) || choosesByOptions) && !s.has("mode") && inferredShadow.contains(r.id())
            && rule.path("mode").asText().equals(Mode.SHADOW.id())) {
          rule.put("mode", r.mode().id());
        }
        if (name.equals(r.id())) {
          rule.setAll((ObjectNode) s);
        } else {
          if (s.has("enabled")) rule.set("enabled", s.get("enabled"));
          if (s.has("severity")) rule.set("severity", s.get("severity"));
          if (s.has("mode")) rule.set("mode", s.get("mode"));
        }
      }
      // mode is what decides: enabled shows whether the rule runs at all
      if (rule.has("enabled") && !rule.get("enabled").booleanValue()) rule.put("mode", Mode.OFF.id());
      else if (rule.path("mode").asText().equals(Mode.OFF.id())) rule.put("enabled", false);
    }

    // other tools' rules (and checks' sub-rules) are known only by the findings of a review: shown as written
    if (writtenRules != null) {
      writtenRules.properties().stream().filter(e -> RuleInfo.isExternal(e.getKey()) || registry.subRuleParent(e.getKey()).isPresent())
          .forEach(e -> rules.set(e.getKey(), e.getValue().deepCopy()));
    }
    return effective;
  }

  /** The built-in defaults as a policy tree. */
  public ObjectNode defaultsTree() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    Policy d = Policy.defaults();
    root.put("filter", d.filter().id());
    root.put("fail-on", d.failOn().id());
    root.put("max-inline-comments", d.maxInlineComments());
    root.put("request-changes", d.requestChanges());
    root.putArray("include");
    root.putArray("exclude");
    root.putNull("baseline");
    ObjectNode limits = root.putObject("limits");
    limits.put("max-file-bytes", d.limits().maxFileBytes());
    limits.put("check-timeout-seconds", d.limits().checkTimeoutSeconds());
    ObjectNode rules = root.putObject("rules");
    for (RuleInfo r : registry.rules()) {
      ObjectNode rule = rules.putObject(r.id());
      rule.put("enabled", true);
      rule.put("severity", r.severity().id());
      rule.put("mode", r.mode().id());
      if (r.hasOptions()) rule.setAll(OptionsBinder.defaultsTree(r.options()));
    }
    root.putArray("overrides");
    ObjectNode maxDays = root.putObject("waivers").putObject("max-days");
    for (Severity s : Severity.values()) maxDays.put(s.id(), d.waivers().maxDays(s));
    ObjectNode ai = root.putObject("ai");
    ai.put("enabled", d.ai().enabled());
    ai.putNull("model");
    ai.putNull("base-url");
    ai.put("max-input-tokens", d.ai().maxInputTokens());
    ai.put("max-output-tokens", d.ai().maxOutputTokens());
    ai.put("max-calls", d.ai().maxCalls());
    ai.put("timeout-seconds", d.ai().timeoutSeconds());
    ObjectNode chatops = root.putObject("chatops");
    chatops.put("enabled", d.chatops().enabled());
    ObjectNode roles = chatops.putObject("roles");
    for (ChatOpsPolicy.Action a : ChatOpsPolicy.Action.values()) roles.put(a.id(), d.chatops().required(a).id());
    return root;
  }

  /** Merges {@code from} over {@code into} as layers merge: maps key by key, lists replaced, overrides appended. */
  static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode existing = into.get(e.getKey());
      if (e.getKey().equals("overrides") && existing instanceof ArrayNode a && e.getValue() instanceof ArrayNode b) {
        a.addAll(b.deepCopy());
      } else if (existing instanceof ObjectNode a && e.getValue() instanceof ObjectNode b) {
        merge(a, b);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** Parses, validates and merges the layers; throws {@link PolicyError} with every problem of every layer. */
  private ObjectNode merged(List<YamlSource> layers) {
    List<PolicyError.Problem> problems = new ArrayList<>();
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Map<String, Written> lastOptions = new LinkedHashMap<>();
    for (YamlSource layer : layers) {
      YamlDocument doc;
      try {
        doc = YamlDocument.parse(layer.name(), layer.text());
      } catch (PolicyError e) {
        problems.addAll(e.problems());
        continue;
      }
      int before = problems.size();
      check(doc, problems);
      if (problems.size() != before) continue;
      ObjectNode root = ((ObjectNode) doc.root()).deepCopy();
      JsonNode rules = root.get("rules");
      if (rules instanceof ObjectNode r) {
        expandShorthand(r);
        r.fieldNames().forEachRemaining(name -> {
          if (optionsOf((ObjectNode) r.get(name)).size() > 0) lastOptions.put(name, new Written(doc, "/rules/" + YamlDocument.escape(name)));
        });
      }
      merge(merged, root);
    }
    if (problems.isEmpty() && layers.size() > 1) combined(merged, lastOptions, problems);
    if (!problems.isEmpty()) throw new PolicyError(problems);
    return merged;
  }

  private record Written(YamlDocument doc, String pointer) {}

  /**
   * Each layer's options were valid on their own; a rule's constructor may still reject them
   * together (say, a minimum from the organisation above a maximum from the repository).
   */
  private void combined(ObjectNode merged, Map<String, Written> lastOptions, List<PolicyError.Problem> problems) {
    lastOptions.forEach((name, where) -> registry.rule(name).ifPresent(rule -> {
      try {
        OptionsBinder.bindFresh(rule.options(), optionsOf((ObjectNode) merged.get("rules").get(name)));
      } catch (OptionsBinder.BindError b) {
        problems.add(where.doc().keyProblem(where.pointer(), name + ": combined with the layers below it: " + b.getMessage()));
      }
    }));
  }

  /** {@code rule: false} means {@code rule: {enabled: false}}, so a layer above changes only that. */
  private static void expandShorthand(ObjectNode rules) {
    for (String name : rules.properties().stream().map(Map.Entry::getKey).toList()) {
      JsonNode v = rules.get(name);
      if (v.isBoolean()) rules.set(name, JsonNodeFactory.instance.objectNode().put("enabled", v.booleanValue()));
    }
  }

  /** Adds the problems of {@code doc} to {@code problems}, in the order they appear in the file. */
  private void check(YamlDocument doc, List<PolicyError.Problem> problems) {
    List<PolicyError.Problem> found = new ArrayList<>();
    checkTree(doc, found);
    found.sort(Comparator.comparingInt(PolicyError.Problem::line).thenComparingInt(PolicyError.Problem::column));
    problems.addAll(found);
  }

  private void checkTree(YamlDocument doc, List<PolicyError.Problem> problems) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(doc.problem("", "a policy file must be a mapping of keys such as " + String.join(", ", KEYS)
          + ", not " + OptionType.describeValue(root)));
      return;
    }
    unknownKeys(doc, "", root, KEYS, "key", problems);
    oneOf(doc, "/filter", root.get("filter"), "filter", FILTERS, problems);
    oneOf(doc, "/fail-on", root.get("fail-on"), "fail-on", FAIL_ON, problems);
    wholeNumber(doc, "/max-inline-comments", root.get("max-inline-comments"), "max-inline-comments", 0, Integer.MAX_VALUE, problems);
    JsonNode requestChanges = root.get("request-changes");
    if (requestChanges != null && !requestChanges.isBoolean()) {
      problems.add(doc.problem("/request-changes", "request-changes must be true or false, not " + OptionType.describeValue(requestChanges)));
    }
    globs(doc, "/include", root.get("include"), "include", problems);
    globs(doc, "/exclude", root.get("exclude"), "exclude", problems);
    JsonNode baseline = root.get("baseline");
    if (baseline != null && !baseline.isNull() && !(baseline.isTextual() && !baseline.asText().isBlank())) {
      problems.add(doc.problem("/baseline", "baseline must be the path of a baseline file in the repository, not " + OptionType.describeValue(baseline)));
    }
    JsonNode limits = root.get("limits");
    if (limits != null) {
      if (!limits.isObject()) {
        problems.add(doc.problem("/limits", "limits must be a mapping with " + String.join(", ", LIMIT_KEYS) + ", not " + OptionType.describeValue(limits)));
      } else {
        unknownKeys(doc, "/limits", limits, LIMIT_KEYS, "limit", problems);
        wholeNumber(doc, "/limits/max-file-bytes", limits.get("max-file-bytes"), "max-file-bytes", 1, Long.MAX_VALUE, problems);
        wholeNumber(doc, "/limits/check-timeout-seconds", limits.get("check-timeout-seconds"), "check-timeout-seconds", 1, Integer.MAX_VALUE, problems);
      }
    }
    ai(doc, root.get("ai"), problems);
    rules(doc, "/rules", root.get("rules"), problems);
    JsonNode overrides = root.get("overrides");
    if (overrides != null) {
      if (!overrides.isArray()) {
        problems.add(doc.problem("/overrides", "overrides must be a list of {paths, rules} entries, not " + OptionType.describeValue(overrides)));
      } else {
        for (int i = 0; i < overrides.size(); i++) {
          JsonNode o = overrides.get(i);
          String at = "/overrides/" + i;
          if (!o.isObject()) {
            problems.add(doc.problem(at, "each override must be a mapping with paths and rules, not " + OptionType.describeValue(o)));
            continue;
          }
          unknownKeys(doc, at, o, OVERRIDE_KEYS, "key", problems);
          if (!o.has("paths")) {
            problems.add(doc.problem(at, "an override needs 'paths', the globs of the files it applies to"));
          } else if (o.get("paths").isArray() && o.get("paths").isEmpty()) {
            problems.add(doc.problem(at + "/paths", "paths must list at least one glob"));
          }
          globs(doc, at + "/paths", o.get("paths"), "paths", problems);
          rules(doc, at + "/rules", o.get("rules"), problems);
        }
      }
    }
    JsonNode waivers = root.get("waivers");
    if (waivers != null) {
      if (!waivers.isObject()) {
        problems.add(doc.problem("/waivers", "waivers must be a mapping with " + String.join(", ", WAIVER_KEYS) + ", not " + OptionType.describeValue(waivers)));
      } else {
        unknownKeys(doc, "/waivers", waivers, WAIVER_KEYS, "key", problems);
        JsonNode maxDays = waivers.get("max-days");
        if (maxDays != null && !maxDays.isObject()) {
          problems.add(doc.problem("/waivers/max-days", "max-days must be a mapping from severity (" + String.join(", ", SEVERITIES)
              + ") to a number of days, not " + OptionType.describeValue(maxDays)));
        } else if (maxDays != null) {
          unknownKeys(doc, "/waivers/max-days", maxDays, SEVERITIES, "severity", problems);
          for (String severity : SEVERITIES) {
            wholeNumber(doc, "/waivers/max-days/" + severity, maxDays.get(severity), "max-days of " + severity, 0, MAX_WAIVER_DAYS, problems);
          }
        }
      }
    }
    chatops(doc, root.get("chatops"), problems);
  }

  private static void chatops(YamlDocument doc, JsonNode chatops, List<PolicyError.Problem> problems) {
    if (chatops == null) return;
    if (!chatops.isObject()) {
      problems.add(doc.problem("/chatops", "chatops must be a mapping with " + String.join(", ", CHATOPS_KEYS) + ", not " + OptionType.describeValue(chatops)));
      return;
    }
    unknownKeys(doc, "/chatops", chatops, CHATOPS_KEYS, "key", problems);
    JsonNode enabled = chatops.get("enabled");
    if (enabled != null && !enabled.isBoolean()) {
      problems.add(doc.problem("/chatops/enabled", "enabled must be true or false, not " + OptionType.describeValue(enabled)));
    }
    JsonNode roles = chatops.get("roles");
    if (roles == null) return;
    if (!roles.isObject()) {
      problems.add(doc.problem("/chatops/roles", "roles must be a mapping from command (" + String.join(", ", ChatOpsPolicy.Action.ids())
          + ") to the least role that may give it, not " + OptionType.describeValue(roles)));
      return;
    }
    unknownKeys(doc, "/chatops/roles", roles, ChatOpsPolicy.Action.ids(), "command", problems);
    for (Map.Entry<String, JsonNode> e : roles.properties()) {
      if (!ChatOpsPolicy.Action.ids().contains(e.getKey())) continue;
      if (!e.getValue().isTextual() || !ChatOpsPolicy.Role.ids().contains(e.getValue().asText())) {
        String value = e.getValue().isTextual() ? "'" + e.getValue().asText() + "'" : OptionType.describeValue(e.getValue());
        problems.add(doc.problem("/chatops/roles/" + e.getKey(), "invalid role " + value + ", allowed values: "
            + ChatOpsPolicy.Role.ids()));
      }
    }
  }

  private static void ai(YamlDocument doc, JsonNode ai, List<PolicyError.Problem> problems) {
    if (ai == null) return;
    if (!ai.isObject()) {
      problems.add(doc.problem("/ai", "ai must be a mapping with " + String.join(", ", AI_KEYS) + ", not " + OptionType.describeValue(ai)));
      return;
    }
    unknownKeys(doc, "/ai", ai, AI_KEYS, "ai setting", problems);
    JsonNode enabled = ai.get("enabled");
    if (enabled != null && !enabled.isBoolean()) problems.add(doc.problem("/ai/enabled", "enabled must be true or false, not " + OptionType.describeValue(enabled)));
    for (String key : List.of("model", "base-url")) {
      JsonNode v = ai.get(key);
      if (v != null && !v.isNull() && !(v.isTextual() && !v.asText().isBlank())) {
        problems.add(doc.problem("/ai/" + key, key + " must be a non-empty string, not " + OptionType.describeValue(v)));
      }
    }
    JsonNode url = ai.get("base-url");
    if (url != null && url.isTextual() && !url.asText().isBlank() && !url.asText().matches("(?i)https?://[^\\s/]+(/\\S*)?")) {
      problems.add(doc.problem("/ai/base-url", "base-url must be an http:// or https:// URL, not '" + url.asText() + "'"));
    }
    for (String key : List.of("max-input-tokens", "max-output-tokens", "max-calls", "timeout-seconds")) {
      wholeNumber(doc, "/ai/" + key, ai.get(key), key, 1, Integer.MAX_VALUE, problems);
    }
  }

  private void rules(YamlDocument doc, String at, JsonNode rules, List<PolicyError.Problem> problems) {
    if (rules == null) return;
    if (!rules.isObject()) {
      problems.add(doc.problem(at, "rules must be a mapping from rule id or family to settings, not " + OptionType.describeValue(rules)));
      return;
    }
    for (Map.Entry<String, JsonNode> e : rules.properties()) {
      String name = e.getKey();
      String ptr = at + "/" + YamlDocument.escape(name);
      var rule = registry.rule(name);
      if (RuleInfo.isExternal(name) && !RuleInfo.isValidExternal(name)) {
        String fixed = externalName(name);
        problems.add(doc.keyProblem(ptr, "'" + name + "' is not an id of another tool's rule: they are external/TOOL/RULE in lower case"
            + (fixed == null || fixed.equals(name) ? "" : ", did you mean '" + fixed + "'?")));
        continue;
      }
      // a check's sub-rule (java/checkstyle/LineLength) is configured like another tool's rule: enabled and severity
      boolean subRule = rule.isEmpty() && registry.subRuleParent(name).isPresent();
      if (rule.isEmpty() && !families.contains(name) && !RuleInfo.isExternal(name) && !subRule) {
        problems.add(doc.keyProblem(ptr, "unknown rule or family '" + name + "'" + Suggest.hint(name, registry.names()) + " (see `vetter rules`)"));
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isBoolean()) continue; // shorthand: `hygiene: false`
      if (!v.isObject()) {
        problems.add(doc.problem(ptr, "settings of '" + name + "' must be true, false or a mapping with enabled, severity, mode"
            + (rule.isPresent() && rule.get().hasOptions() ? " and the rule's options" : "") + ", not " + OptionType.describeValue(v)));
        continue;
      }
      JsonNode enabled = v.get("enabled");
      if (enabled != null && !enabled.isBoolean()) {
        problems.add(doc.problem(ptr + "/enabled", "enabled must be true or false, not " + OptionType.describeValue(enabled)));
      }
      oneOf(doc, ptr + "/severity", v.get("severity"), "severity", SEVERITIES, problems);
      oneOf(doc, ptr + "/mode", v.get("mode"), "mode", MODES, problems);
      ObjectNode options = optionsOf((ObjectNode) v);
      if (rule.isEmpty()) {
        // a family: only enabled and severity apply to all its rules
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
          String k = names.next();
          if (RuleInfo.isExternal(name) || subRule) {
            problems.add(doc.keyProblem(ptr + "/" + YamlDocument.escape(k), "'" + k + "' is not a setting of " + (subRule ? "a sub-rule of "
                + registry.subRuleParent(name).get().id() + " (options belong to that rule)" : "another tool's rules") + "; they take "
                + String.join(", ", RULE_KEYS) + " (configure the tool itself for the rest)"));
            continue;
          }
          problems.add(doc.keyProblem(ptr + "/" + YamlDocument.escape(k), "'" + k + "' is not a setting of a family; families take "
              + String.join(", ", RULE_KEYS) + ", options belong to a rule such as "
              + registry.rules().stream().filter(r -> r.family().equals(name)).findFirst().map(RuleInfo::id).orElse(name + "/...")));
        }
        continue;
      }
      try {
        OptionsBinder.bindFresh(rule.get().options(), options);
      } catch (OptionsBinder.BindError b) {
        // the rule's constructor rejecting the whole record is shown at the rule; the rest at the option
        if (b.option() == null) problems.add(doc.keyProblem(ptr, name + ": " + b.getMessage()));
        else if (b.unknownOption()) problems.add(doc.keyProblem(ptr + "/" + YamlDocument.escape(b.option()), name + ": " + b.getMessage()));
        else problems.add(doc.problem(ptr + "/" + YamlDocument.escape(b.option()), name + ": " + b.getMessage()));
      }
    }
  }

  /** {@code name} (which starts with external) as {@link RuleInfo#externalId} would spell it; null when it names no tool. */
  private static String externalName(String name) {
    String[] parts = name.split("/", 3);
    if (parts.length < 2 || parts[1].isBlank()) return null;
    String id = RuleInfo.externalId(parts[1], parts.length == 3 ? parts[2] : "x");
    return parts.length == 3 ? id : id.substring(0, id.lastIndexOf('/'));
  }

  /** The rule's own options: every key but enabled and severity. */
  static ObjectNode optionsOf(ObjectNode settings) {
    ObjectNode options = settings.deepCopy();
    options.remove(RULE_KEYS);
    return options;
  }

  private static void oneOf(YamlDocument doc, String at, JsonNode v, String key, List<String> allowed, List<PolicyError.Problem> problems) {
    if (v == null || (v.isTextual() && allowed.contains(v.asText()))) return;
    String got = v.isTextual() ? "'" + v.asText() + "'" : OptionType.describeValue(v);
    problems.add(doc.problem(at, "invalid " + key + " " + got + ", allowed values: [" + String.join(", ", allowed) + "]"
        + (v.isTextual() ? hint(v.asText(), allowed) : "")));
  }

  /** Suggests the lower-case form (values are case-sensitive), else the one value the text begins, else by spelling. */
  private static String hint(String written, List<String> allowed) {
    String lower = written.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    if (allowed.contains(lower)) return ", did you mean '" + lower + "'?";
    List<String> prefixed = lower.isEmpty() ? List.of() : allowed.stream().filter(a -> a.startsWith(lower)).toList();
    if (prefixed.size() == 1) return ", did you mean '" + prefixed.get(0) + "'?";
    return Suggest.hint(written, allowed);
  }

  private static void wholeNumber(YamlDocument doc, String at, JsonNode v, String key, long min, long max, List<PolicyError.Problem> problems) {
    if (v == null) return;
    boolean ok = v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= min && v.longValue() <= max;
    if (!ok) {
      problems.add(doc.problem(at, key + " must be a whole number " + (max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max)
          + ", not " + OptionType.describeValue(v)));
    }
  }

  private static void globs(YamlDocument doc, String at, JsonNode node, String key, List<PolicyError.Problem> problems) {
    if (node == null) return;
    if (!node.isArray()) {
      problems.add(doc.problem(at, key + " must be a list of path globs, not " + OptionType.describeValue(node)
          + (node.isTextual() ? " (write [" + node.asText() + "] for a single glob)" : "")));
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode g = node.get(i);
      if (!g.isTextual()) {
        problems.add(doc.problem(at + "/" + i, "a glob must be a string, not " + OptionType.describeValue(g)));
        continue;
      }
      try {
        Glob.compile(g.asText());
      } catch (IllegalArgumentException e) {
        problems.add(doc.problem(at + "/" + i, e.getMessage()));
      }
    }
  }

  /** Reports each key of {@code node} not in {@code allowed} on its own line, with a suggestion (also for the waivers file). */
  static void unknownKeys(YamlDocument doc, String at, JsonNode node, List<String> allowed, String what, List<PolicyError.Problem> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problems.add(doc.keyProblem(at + "/" + YamlDocument.escape(k), "unknown " + what + " '" + k + "'" + Suggest.hint(k, allowed)
            + " (allowed: " + String.join(", ", allowed) + ")"));
      }
    }
  }

  private Policy build(ObjectNode root) {
    Policy d = Policy.defaults();
    FilterMode filter = root.has("filter") ? FilterMode.parse(root.get("filter").asText()) : d.filter();
    Severity failOn = d.failOn();
    if (root.has("fail-on")) failOn = root.get("fail-on").asText().equals("never") ? null : Severity.parse(root.get("fail-on").asText());
    int maxInline = root.has("max-inline-comments") ? root.get("max-inline-comments").intValue() : d.maxInlineComments();
    JsonNode limits = root.path("limits");
    Policy.Limits l = new Policy.Limits(
        limits.has("max-file-bytes") ? limits.get("max-file-bytes").longValue() : d.limits().maxFileBytes(),
        limits.has("check-timeout-seconds") ? limits.get("check-timeout-seconds").intValue() : d.limits().checkTimeoutSeconds());
    List<Policy.PathOverride> overrides = new ArrayList<>();
    for (JsonNode o : root.path("overrides")) overrides.add(new Policy.PathOverride(globList(o.get("paths")), ruleMap(o.get("rules"))));
    String baseline = root.hasNonNull("baseline") ? root.get("baseline").asText() : null;
    boolean requestChanges = root.has("request-changes") ? root.get("request-changes").booleanValue() : d.requestChanges();
    JsonNode maxDays = root.path("waivers").path("max-days");
    Policy.WaiverLimits waivers = new Policy.WaiverLimits(
        maxDays.path(Severity.ERROR.id()).asInt(d.waivers().errorDays()),
        maxDays.path(Severity.WARNING.id()).asInt(d.waivers().warningDays()),
        maxDays.path(Severity.NOTICE.id()).asInt(d.waivers().noticeDays()));
    JsonNode ai = root.path("ai");
    Policy.Ai a = new Policy.Ai(
        ai.has("enabled") ? ai.get("enabled").booleanValue() : d.ai().enabled(),
        ai.hasNonNull("model") ? ai.get("model").asText() : d.ai().model(),
        ai.hasNonNull("base-url") ? ai.get("base-url").asText() : d.ai().baseUrl(),
        ai.has("max-input-tokens") ? ai.get("max-input-tokens").intValue() : d.ai().maxInputTokens(),
        ai.has("max-output-tokens") ? ai.get("max-output-tokens").intValue() : d.ai().maxOutputTokens(),
        ai.has("max-calls") ? ai.get("max-calls").intValue() : d.ai().maxCalls(),
        ai.has("timeout-seconds") ? ai.get("timeout-seconds").intValue() : d.ai().timeoutSeconds());
    JsonNode chatopsNode = root.path("chatops");
    Map<ChatOpsPolicy.Action, ChatOpsPolicy.Role> roles = new java.util.EnumMap<>(ChatOpsPolicy.Action.class);
    for (Map.Entry<String, JsonNode> e : chatopsNode.path("roles").properties()) {
      roles.put(ChatOpsPolicy.Action.parse(e.getKey()), ChatOpsPolicy.Role.parse(e.getValue().asText()));
    }
    ChatOpsPolicy chatops = new ChatOpsPolicy(chatopsNode.path("enabled").asBoolean(d.chatops().enabled()), roles);
    return new Policy(filter, failOn, maxInline, requestChanges, globList(root.get("include")), globList(root.get("exclude")), baseline, l,
        ruleMap(root.get("rules")), overrides, List.of(), waivers, a, chatops);
  }

  private static List<Glob> globList(JsonNode node) {
    List<Glob> globs = new ArrayList<>();
    if (node != null) for (JsonNode g : node) globs.add(Glob.compile(g.asText()));
    return globs;
  }

  private static Map<String, Policy.RuleSettings> ruleMap(JsonNode node) {
    Map<String, Policy.RuleSettings> rules = new LinkedHashMap<>();
    if (node == null) return rules;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isBoolean()) {
        rules.put(e.getKey(), new Policy.RuleSettings(v.booleanValue(), null, null));
      } else {
        rules.put(e.getKey(), new Policy.RuleSettings(
            v.has("enabled") ? v.get("enabled").booleanValue() : null,
            v.has("severity") ? Severity.parse(v.get("severity").asText()) : null,
            v.has("mode") ? Mode.parse(v.get("mode").asText()) : null,
            optionsOf((ObjectNode) v)));
      }
    }
    return rules;
  }

  /** Rule ids and family names the policy accepts under {@code rules}. */
  Set<String> families() {
    return families;
  }

  CheckRegistry registry() {
    return registry;
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return List.copyOf(all);
  }
}
