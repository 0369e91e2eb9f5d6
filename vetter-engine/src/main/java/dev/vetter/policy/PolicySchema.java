package dev.vetter.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Doc;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schema (draft-07) of a policy file, generated from the loader's structure and the rules'
 * own metadata (summaries, default severities, options records with their {@link Doc}s and defaults),
 * so it cannot drift from what {@link PolicyLoader} accepts. Editors use it to complete and check
 * {@code .vetter.yml}; {@code vetter config schema} prints it.
 *
 * <p>The loader checks a little more than a schema can say (glob syntax, each rule's own constraints
 * on its options); everything else the two accept alike.
 */
public final class PolicySchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Descriptions of the top-level keys; every key of {@link PolicyLoader#KEYS} must have one. */
  private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("filter", "Which findings are reported, by where they are relative to the diff: added (only on added or modified lines), "
          + "diff_context (anywhere in a hunk, context lines included), file (anywhere in a changed file), nofilter (everywhere). "
          + "Findings about a whole file or the whole change are never filtered by line."),
      Map.entry("fail-on", "The least severe finding that makes the review fail (exit code 1, failing status): error, warning, notice, or never."),
      Map.entry("max-inline-comments", "At most this many findings are posted as inline review comments; the rest are listed in the summary."),
      Map.entry("request-changes", "The GitHub bot submits its review as 'request changes' when the review fails (a finding at or above fail-on); "
          + "by default it only comments and never blocks a merge with a review."),
      Map.entry("include", "If not empty, only paths matching one of these globs are reviewed. Globs follow .gitignore: '*.java' matches at any depth, "
          + "'src/**' everything below src, a leading '/' anchors at the repository root."),
      Map.entry("exclude", "Paths matching any of these globs are not reviewed (applied after include). Same glob syntax as include."),
      Map.entry("baseline", "Path (in the repository) of a baseline file of accepted findings, written by `vetter review --write-baseline FILE`; "
          + "findings in it are not reported. Read from the same revision as the policy."),
      Map.entry("limits", "Size and time limits."),
      Map.entry("rules", "Settings per rule id (e.g. hygiene/trailing-whitespace) or per family (e.g. hygiene). `true`/`false` is short for "
          + "{enabled: true/false}. A family's settings apply to all its rules; a rule's own entry wins over its family's."),
      Map.entry("overrides", "Settings for some paths only: each entry applies its rules settings to files matching any of its paths globs. "
          + "Entries apply in order over the top-level rules, so a later matching entry wins. The organisation file's entries come first."),
      Map.entry("waivers", "Limits on the waivers in .vetter/waivers.yml (read at the base, like this file): max-days gives, per severity, the longest a "
          + "waiver may last from its created to its expires date. A longer waiver does not waive findings of that severity; 0 means they "
          + "cannot be waived."),
      Map.entry("ai", "Optional model wording for summaries (vetter summarize --ai): off by default, and never part of the verdict. "
          + "The model sees Vetter's findings and the changed lines, redacted by the secrets rules; its statements must name a finding or "
          + "a changed line, or they are dropped. The API key comes from the environment (VETTER_AI_API_KEY), never from this file. See docs/ai.md."),
      Map.entry("chatops", "/vetter commands in pull request comments (docs/chatops.md): enabled turns them on or off; roles gives, per command, "
          + "the least role on the repository (read, triage, write, maintain, admin, as the forge's permission API reports it) that may give it. "
          + "waive-blocking is waiving a finding that fails the review."));

  private static final Map<String, String> LIMIT_DESCRIPTIONS = Map.of(
      "max-file-bytes", "Files larger than this (in bytes) are not given to checks.",
      "check-timeout-seconds", "Time budget of one check on one file; a check that runs longer is reported as vetter/internal-error and the others still complete.");

  private static final Map<String, String> AI_DESCRIPTIONS = Map.of(
      "enabled", "Whether summaries may use a model at all. Without one (the default) the summary is the deterministic change map.",
      "model", "The model name, e.g. gpt-4o-mini or llama3.1:8b (default: VETTER_AI_MODEL of whoever runs Vetter).",
      "base-url", "An OpenAI-compatible Chat Completions server (default: VETTER_AI_BASE_URL, else OpenAI). The API key is never sent to a "
          + "server named only here: a policy can point at a keyless local server, not collect the operator's key.",
      "max-input-tokens", "Most tokens sent per review (estimated at three characters a token); hunks are packed by file risk and the "
          + "files that do not fit are named.",
      "max-output-tokens", "Most tokens the model may answer with per call.",
      "max-calls", "Most model calls per review, retries included.",
      "timeout-seconds", "Time budget of one model call; a model that answers late costs the review nothing: the deterministic summary is shown and says why.");

  private static final Map<String, String> OVERRIDE_DESCRIPTIONS = Map.of(
      "paths", "Globs of the files this entry applies to (at least one). Same syntax as include.",
      "rules", "Settings for these paths, as under the top-level rules.");

  private PolicySchema() {}

  /** The top of a JSON schema (draft 7) for a YAML file of Vetter's: an object with only the properties it lists. */
  static ObjectNode document(String title, String description) {
    ObjectNode root = F.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", title);
    root.put("description", description);
    root.put("type", "object");
    root.put("additionalProperties", false);
    return root;
  }

  /** The schema for a policy file reviewed with the rules of {@code registry}. */
  public static ObjectNode of(CheckRegistry registry) {
    PolicyLoader loader = new PolicyLoader(registry);
    ObjectNode defaults = loader.defaultsTree();
    ObjectNode root = document("Vetter policy (.vetter.yml)", "Vetter's review policy. Read from the base of the change, so a change "
        + "cannot weaken its own review. See docs/configuration.md.");
    ObjectNode props = root.putObject("properties");
    for (String key : PolicyLoader.KEYS) {
      ObjectNode p = switch (key) {
        case "filter" -> enumOf(PolicyLoader.FILTERS);
        case "fail-on" -> enumOf(PolicyLoader.FAIL_ON);
        case "max-inline-comments" -> integer(0, Integer.MAX_VALUE);
        case "request-changes" -> F.objectNode().put("type", "boolean");
        case "include", "exclude" -> globs();
        case "baseline" -> {
          ObjectNode b = F.objectNode();
          b.putArray("type").add("string").add("null");
          b.put("pattern", "\\S");
          yield b;
        }
        case "limits" -> limits(defaults.get("limits"));
        case "rules" -> ref("rules");
        case "overrides" -> overrides();
        case "waivers" -> waivers();
        case "ai" -> ai(defaults.get("ai"));
        case "chatops" -> chatops();
        default -> throw new IllegalStateException("PolicySchema does not know the policy key '" + key + "'");
      };
      if (!key.equals("rules")) {
        describe(p, DESCRIPTIONS, key);
        p.set("default", defaults.get(key));
      }
      props.set(key, p);
    }
    root.putObject("definitions").set("rules", rules(loader));
    return root;
  }

  /** The schema as the text of {@code schema/vetter.schema.json}: two-space indented, one line per value, final newline. */
  public static String json(CheckRegistry registry) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("").withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return new ObjectMapper().writer(printer).writeValueAsString(of(registry)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode rules(PolicyLoader loader) {
    ObjectNode rules = F.objectNode();
    rules.put("description", DESCRIPTIONS.get("rules"));
    rules.put("type", "object");
    rules.put("additionalProperties", false);
    Map<String, ObjectNode> entries = new TreeMap<>(); // families sort just before their rules
    for (String family : loader.families()) {
      ObjectNode f = settings();
      f.put("description", "Every rule of the " + family + " family (" + family + "/...): enabled, severity and mode for all of them; "
          + "a rule's own entry wins. Options are set per rule.");
      entries.put(family, f);
    }
    for (RuleInfo r : loader.registry().rules()) {
      ObjectNode s = settings();
      s.put("description", r.summary() + " Default severity: " + r.severity().id() + ", mode: " + r.mode().id() + ". Run `vetter explain " + r.id()
          + "` for details.");
      ObjectNode props = (ObjectNode) s.get("properties");
      ((ObjectNode) props.get("mode")).put("default", r.mode().id());
      ((ObjectNode) props.get("enabled")).put("default", true);
      ((ObjectNode) props.get("severity")).put("default", r.severity().id());
      if (r.hasOptions()) {
        JsonNode optionDefaults = OptionsBinder.defaultsTree(r.options());
        for (RecordComponent c : r.options().getRecordComponents()) {
          ObjectNode o = OptionType.of(c).schema();
          Doc doc = c.getAnnotation(Doc.class);
          String text = doc != null ? doc.value() : "Option " + OptionsBinder.optionName(c) + ".";
          o.put("description", OptionType.of(c).kind() == OptionType.Kind.OTHER ? text + " (type " + c.getGenericType().getTypeName() + ")" : text);
          JsonNode d = optionDefaults.get(OptionsBinder.optionName(c));
          if (d != null) o.set("default", d);
          props.set(OptionsBinder.optionName(c), o);
        }
      }
      entries.put(r.id(), s);
    }
    ObjectNode props = rules.putObject("properties");
    entries.forEach(props::set);
    // rules of other tools (vetter review --input) are known only when their output is read
    ObjectNode external = settings();
    external.put("description", "Findings read from other tools' output (`vetter review --input`): `external` for all of them, "
        + "`external/TOOL` for one tool's, `external/TOOL/RULE` for one rule's. Enabled, severity and mode only.");
    ObjectNode patterns = rules.putObject("patternProperties");
    patterns.set("^external(/[a-z0-9]+([-.][a-z0-9]+)*)*$", external);
    // so are the rules of a tool that a check runs (java/checkstyle/LineLength): the tool's spelling, case included
    for (RuleInfo r : loader.registry().rules()) {
      if (!r.subRules()) continue;
      ObjectNode sub = settings();
      sub.put("description", "One rule of " + r.id() + " by the tool's own name, e.g. `" + r.id() + "/RuleName` (case-sensitive). Enabled, severity and mode only.");
      patterns.set("^" + r.id().replace(".", "\\.") // ids hold [a-z0-9/.-]: only '.' needs escaping
          + "(/[A-Za-z0-9]+([-._][A-Za-z0-9]+)*)+$", sub);
    }
    return rules;
  }

  /** A rule's or family's settings: true, false, or a mapping with enabled and severity (and a rule's options). */
  private static ObjectNode settings() {
    ObjectNode s = F.objectNode();
    s.putArray("type").add("boolean").add("object");
    s.put("additionalProperties", false);
    ObjectNode props = s.putObject("properties");
    props.putObject("enabled").put("description", "false turns the rule(s) off.").put("type", "boolean");
    ObjectNode severity = enumOf(PolicyLoader.SEVERITIES);
    severity.put("description", "Report findings at this severity instead of the rule's own.");
    props.set("severity", severity);
    ObjectNode mode = enumOf(PolicyLoader.MODES);
    mode.put("description", "off: not run; shadow: run and counted, never posted, never failing; comment: posted, never failing; "
        + "block: posted, and failing the review at or above fail-on.");
    props.set("mode", mode);
    return s;
  }

  private static ObjectNode limits(JsonNode defaults) {
    ObjectNode l = F.objectNode();
    l.put("type", "object");
    l.put("additionalProperties", false);
    ObjectNode props = l.putObject("properties");
    for (String key : PolicyLoader.LIMIT_KEYS) {
      ObjectNode p = integer(1, key.equals("check-timeout-seconds") ? Integer.MAX_VALUE : Long.MAX_VALUE);
      describe(p, LIMIT_DESCRIPTIONS, key);
      p.set("default", defaults.get(key));
      props.set(key, p);
    }
    return l;
  }

  private static ObjectNode ai(JsonNode defaults) {
    ObjectNode a = F.objectNode();
    a.put("type", "object");
    a.put("additionalProperties", false);
    ObjectNode props = a.putObject("properties");
    for (String key : PolicyLoader.AI_KEYS) {
      ObjectNode p = switch (key) {
        case "enabled" -> F.objectNode().put("type", "boolean");
        case "model", "base-url" -> {
          ObjectNode t = F.objectNode();
          t.putArray("type").add("string").add("null");
          t.put("pattern", key.equals("base-url") ? "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/]+(/\\S*)?$" : "\\S");
          yield t;
        }
        default -> integer(1, Integer.MAX_VALUE);
      };
      describe(p, AI_DESCRIPTIONS, key);
      p.set("default", defaults.get(key));
      props.set(key, p);
    }
    return a;
  }

  private static ObjectNode overrides() {
    ObjectNode o = F.objectNode();
    o.put("type", "array");
    ObjectNode item = o.putObject("items");
    item.put("type", "object");
    item.put("additionalProperties", false);
    item.putArray("required").add("paths");
    ObjectNode props = item.putObject("properties");
    for (String key : PolicyLoader.OVERRIDE_KEYS) {
      ObjectNode p = switch (key) {
        case "paths" -> globs().put("minItems", 1);
        case "rules" -> ref("rules");
        default -> throw new IllegalStateException("PolicySchema does not know the override key '" + key + "'");
      };
      if (key.equals("paths")) describe(p, OVERRIDE_DESCRIPTIONS, key);
      props.set(key, p);
    }
    return o;
  }

  private static ObjectNode waivers() {
    ObjectNode w = F.objectNode();
    w.put("type", "object");
    w.put("additionalProperties", false);
    ObjectNode maxDays = w.putObject("properties").putObject("max-days");
    maxDays.put("description", "The longest life of a waiver, in days, per severity of the findings it waives.");
    maxDays.put("type", "object");
    maxDays.put("additionalProperties", false);
    ObjectNode props = maxDays.putObject("properties");
    for (String severity : PolicyLoader.SEVERITIES) {
      ObjectNode p = integer(0, PolicyLoader.MAX_WAIVER_DAYS);
      p.put("default", dev.vetter.policy.Policy.WaiverLimits.DEFAULTS.maxDays(dev.vetter.check.Severity.parse(severity)));
      props.set(severity, p);
    }
    return w;
  }

  private static ObjectNode chatops() {
    ObjectNode c = F.objectNode();
    c.put("type", "object");
    c.put("additionalProperties", false);
    ObjectNode props = c.putObject("properties");
    props.putObject("enabled").put("type", "boolean").put("default", true).put("description", "false: commands are ignored.");
    ObjectNode roles = props.putObject("roles");
    roles.put("description", "The least role that may give each command.");
    roles.put("type", "object");
    roles.put("additionalProperties", false);
    ObjectNode each = roles.putObject("properties");
    for (ChatOpsPolicy.Action a : ChatOpsPolicy.Action.values()) {
      ObjectNode r = enumOf(ChatOpsPolicy.Role.ids());
      r.put("default", ChatOpsPolicy.DEFAULTS.required(a).id());
      each.set(a.id(), r);
    }
    return c;
  }

  private static ObjectNode globs() {
    ObjectNode g = F.objectNode();
    g.put("type", "array");
    // non-blank, and no leading '!' (negation is not supported); the rest of the syntax the loader checks
    g.putObject("items").put("type", "string").put("pattern", "^\\s*[^!\\s]");
    return g;
  }

  private static ObjectNode enumOf(List<String> values) {
    ObjectNode e = F.objectNode();
    e.put("type", "string");
    ArrayNode a = e.putArray("enum");
    values.forEach(a::add);
    return e;
  }

  private static ObjectNode integer(long min, long max) {
    return F.objectNode().put("type", "integer").put("minimum", min).put("maximum", max);
  }

  private static ObjectNode ref(String definition) {
    return F.objectNode().put("$ref", "#/definitions/" + definition);
  }

  private static void describe(ObjectNode p, Map<String, String> descriptions, String key) {
    String d = descriptions.get(key);
    if (d == null) throw new IllegalStateException("PolicySchema has no description of the policy key '" + key + "'");
    // description first, so editors and readers see it before the constraints
    ObjectNode copy = p.deepCopy();
    p.removeAll();
    p.put("description", d);
    p.setAll(copy);
  }
}
