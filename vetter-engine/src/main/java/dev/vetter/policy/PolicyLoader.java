package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import dev.vetter.filter.FilterMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the policy: built-in defaults, then an optional organisation file, then the repository's
 * {@code .vetter.yml}, each merged over the one before (maps merge key by key, lists replace, except
 * {@code overrides}, which accumulate). Every layer is validated on its own first, so each problem is
 * reported with its own file, line and column, and all problems at once.
 */
public final class PolicyLoader {
  /** Top-level keys of a policy file. */
  public static final List<String> KEYS = List.of("filter", "fail-on", "max-inline-comments", "include", "exclude", "baseline", "limits", "rules", "overrides");
  static final List<String> LIMIT_KEYS = List.of("max-file-bytes", "check-timeout-seconds");
  static final List<String> RULE_KEYS = List.of("enabled", "severity");
  static final List<String> OVERRIDE_KEYS = List.of("paths", "rules");

  private final CheckRegistry registry;

  public PolicyLoader(CheckRegistry registry) {
    this.registry = registry;
  }

  /** Validates one file; returns its problems (empty when it is valid). */
  public List<PolicyError.Problem> validate(String name, String text) {
    try {
      YamlDocument doc = YamlDocument.parse(name, text);
      List<PolicyError.Problem> problems = new ArrayList<>();
      check(doc, problems);
      return problems;
    } catch (PolicyError e) {
      return e.problems();
    }
  }

  /** Loads layers in order (organisation file first, repository file last); throws {@link PolicyError}. */
  public Policy load(List<YamlSource> layers) {
    List<PolicyError.Problem> problems = new ArrayList<>();
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
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
      if (problems.size() == before) merge(merged, (ObjectNode) doc.root());
    }
    if (!problems.isEmpty()) throw new PolicyError(problems);
    return build(merged);
  }

  /** The merged policy as a tree, defaults included: what {@code vetter config show --effective} prints. */
  public ObjectNode effectiveTree(List<YamlSource> layers) {
    load(layers); // validates
    ObjectNode merged = defaultsTree();
    for (YamlSource layer : layers) merge(merged, (ObjectNode) YamlDocument.parse(layer.name(), layer.text()).root());
    return merged;
  }

  /** The built-in defaults as a policy tree. */
  public ObjectNode defaultsTree() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    Policy d = Policy.defaults();
    root.put("filter", d.filter().id());
    root.put("fail-on", d.failOn().id());
    root.put("max-inline-comments", d.maxInlineComments());
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
      if (r.hasOptions()) rule.setAll(OptionsBinder.defaultsTree(r.options()));
    }
    root.putArray("overrides");
    return root;
  }

  /** Merges {@code from} over {@code into} as layers merge: maps key by key, lists replaced, overrides appended. */
  public static void mergeTrees(ObjectNode into, ObjectNode from) {
    merge(into, from);
  }

  static void merge(ObjectNode into, ObjectNode from) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (e.getKey().equals("overrides") && existing instanceof ArrayNode a && e.getValue() instanceof ArrayNode b) {
        a.addAll(b);
      } else if (existing instanceof ObjectNode a && e.getValue() instanceof ObjectNode b) {
        merge(a, b);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private void check(YamlDocument doc, List<PolicyError.Problem> problems) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(doc.problem("", "a policy file must be a mapping of keys such as " + String.join(", ", KEYS)));
      return;
    }
    unknownKeys(doc, "", root, KEYS, "key", problems);
    enumValue(doc, root, "filter", problems, v -> FilterMode.parse(v));
    enumValue(doc, root, "fail-on", problems, v -> v.equals("never") ? null : severityOrNever(v));
    if (root.has("max-inline-comments") && !(root.get("max-inline-comments").canConvertToInt() && root.get("max-inline-comments").isIntegralNumber()
        && root.get("max-inline-comments").intValue() >= 0)) {
      problems.add(doc.problem("/max-inline-comments", "max-inline-comments must be a whole number >= 0"));
    }
    globs(doc, "/include", root.get("include"), problems);
    globs(doc, "/exclude", root.get("exclude"), problems);
    if (root.has("baseline") && !root.get("baseline").isTextual() && !root.get("baseline").isNull()) {
      problems.add(doc.problem("/baseline", "baseline must be a path to a baseline file"));
    }
    JsonNode limits = root.get("limits");
    if (limits != null) {
      if (!limits.isObject()) {
        problems.add(doc.problem("/limits", "limits must be a mapping with " + String.join(", ", LIMIT_KEYS)));
      } else {
        unknownKeys(doc, "/limits", limits, LIMIT_KEYS, "limit", problems);
        for (String k : LIMIT_KEYS) {
          JsonNode v = limits.get(k);
          if (v != null && !(v.isIntegralNumber() && v.longValue() > 0)) problems.add(doc.problem("/limits/" + k, k + " must be a whole number > 0"));
        }
      }
    }
    rules(doc, "/rules", root.get("rules"), problems);
    JsonNode overrides = root.get("overrides");
    if (overrides != null) {
      if (!overrides.isArray()) {
        problems.add(doc.problem("/overrides", "overrides must be a list of {paths, rules} entries"));
      } else {
        for (int i = 0; i < overrides.size(); i++) {
          JsonNode o = overrides.get(i);
          String at = "/overrides/" + i;
          if (!o.isObject()) {
            problems.add(doc.problem(at, "each override must be a mapping with paths and rules"));
            continue;
          }
          unknownKeys(doc, at, o, OVERRIDE_KEYS, "key", problems);
          if (!o.has("paths")) problems.add(doc.problem(at, "an override needs 'paths', the globs it applies to"));
          globs(doc, at + "/paths", o.get("paths"), problems);
          rules(doc, at + "/rules", o.get("rules"), problems);
        }
      }
    }
  }

  private void rules(YamlDocument doc, String at, JsonNode rules, List<PolicyError.Problem> problems) {
    if (rules == null) return;
    if (!rules.isObject()) {
      problems.add(doc.problem(at, "rules must be a mapping from rule id or family to settings"));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String ptr = at + "/" + escape(name);
      if (!registry.knows(name)) {
        problems.add(doc.problem(ptr, "unknown rule or family '" + name + "'" + Suggest.hint(name, registry.names()) + " (see `vetter rules`)"));
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isBoolean()) continue; // shorthand: `hygiene: false`
      if (!v.isObject()) {
        problems.add(doc.problem(ptr, "settings of '" + name + "' must be true, false or a mapping with enabled, severity and the rule's options"));
        continue;
      }
      if (v.has("enabled") && !v.get("enabled").isBoolean()) problems.add(doc.problem(ptr + "/enabled", "enabled must be true or false"));
      enumValue(doc, v, "severity", ptr, problems, Severity::parse);
      ObjectNode options = optionsOf((ObjectNode) v);
      var rule = registry.rule(name);
      if (rule.isEmpty()) {
        // a family: only enabled and severity apply to all its rules
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
          String k = names.next();
          problems.add(doc.problem(ptr + "/" + escape(k), "'" + k + "' is not a setting of a family; families take " + String.join(", ", RULE_KEYS)
              + ", options belong to a rule such as " + registry.rules().stream().filter(r -> r.family().equals(name)).findFirst().map(RuleInfo::id).orElse(name + "/...")));
        }
        continue;
      }
      try {
        OptionsBinder.bindFresh(rule.get().options(), options);
      } catch (OptionsBinder.BindError b) {
        problems.add(doc.problem(b.option() == null ? ptr : ptr + "/" + escape(b.option()), name + ": " + b.getMessage()));
      }
    }
  }

  /** The rule's own options: every key but enabled and severity. */
  static ObjectNode optionsOf(ObjectNode settings) {
    ObjectNode options = settings.deepCopy();
    options.remove(RULE_KEYS);
    return options;
  }

  private static String severityOrNever(String v) {
    try {
      Severity.parse(v);
      return v;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid fail-on '" + v + "', allowed values: [error, warning, notice, never]");
    }
  }

  private static void globs(YamlDocument doc, String at, JsonNode node, List<PolicyError.Problem> problems) {
    if (node == null) return;
    if (!node.isArray()) {
      problems.add(doc.problem(at, "expected a list of path globs"));
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode g = node.get(i);
      if (!g.isTextual()) {
        problems.add(doc.problem(at + "/" + i, "a glob must be a string"));
        continue;
      }
      try {
        Glob.compile(g.asText());
      } catch (IllegalArgumentException e) {
        problems.add(doc.problem(at + "/" + i, e.getMessage()));
      }
    }
  }

  private static void unknownKeys(YamlDocument doc, String at, JsonNode node, List<String> allowed, String what, List<PolicyError.Problem> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problems.add(doc.problem(at + "/" + escape(k), "unknown " + what + " '" + k + "'" + Suggest.hint(k, allowed) + " (allowed: " + String.join(", ", allowed) + ")"));
      }
    }
  }

  private interface Parser {
    Object parse(String value);
  }

  private static void enumValue(YamlDocument doc, JsonNode node, String key, List<PolicyError.Problem> problems, Parser parser) {
    enumValue(doc, node, key, "", problems, parser);
  }

  private static void enumValue(YamlDocument doc, JsonNode node, String key, String at, List<PolicyError.Problem> problems, Parser parser) {
    JsonNode v = node.get(key);
    if (v == null) return;
    try {
      if (!v.isTextual()) throw new IllegalArgumentException(key + " must be a string");
      parser.parse(v.asText());
    } catch (IllegalArgumentException e) {
      problems.add(doc.problem(at + "/" + key, e.getMessage()));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
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
    return new Policy(filter, failOn, maxInline, globList(root.get("include")), globList(root.get("exclude")), baseline, l, ruleMap(root.get("rules")), overrides);
  }

  private static List<Glob> globList(JsonNode node) {
    List<Glob> globs = new ArrayList<>();
    if (node != null) for (JsonNode g : node) globs.add(Glob.compile(g.asText()));
    return globs;
  }

  private static Map<String, Policy.RuleSettings> ruleMap(JsonNode node) {
    Map<String, Policy.RuleSettings> rules = new LinkedHashMap<>();
    if (node == null) return rules;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isBoolean()) {
        rules.put(e.getKey(), new Policy.RuleSettings(v.booleanValue(), null, null));
      } else {
        rules.put(e.getKey(), new Policy.RuleSettings(
            v.has("enabled") ? v.get("enabled").booleanValue() : null,
            v.has("severity") ? Severity.parse(v.get("severity").asText()) : null,
            optionsOf((ObjectNode) v)));
      }
    }
    return rules;
  }

  /** Keys a policy file may use at the top level, for tools that list them. */
  public static Set<String> topLevelKeys() {
    return Set.copyOf(KEYS);
  }
}
