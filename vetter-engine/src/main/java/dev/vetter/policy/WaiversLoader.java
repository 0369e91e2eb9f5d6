package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.check.Glob;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code .vetter/waivers.yml} into checked {@link Waivers}, as strictly as {@link PolicyLoader} reads the policy:
 * every problem at once, each with its file, line and column. The policy's {@link Policy.WaiverLimits} bound how long
 * a waiver may last; a waiver longer than every severity allows is an error here, one longer than a finding's severity
 * allows is told at review time, when the finding's severity is known.
 *
 * <pre>{@code
 * waivers:
 *   - rule: hygiene/trailing-whitespace
 *     path: 'legacy/**'
 *     reason: wont-fix          # false-positive | accepted-risk | wont-fix | test-code
 *     owner: '@platform-team'
 *     created: 2026-01-10
 *     expires: 2026-03-01       # required
 *     note: rewritten in Q2
 * }</pre>
 */
public final class WaiversLoader {
  /** Top-level keys of a waivers file. */
  public static final List<String> KEYS = List.of("waivers");
  /** Keys of one waiver. */
  public static final List<String> ENTRY_KEYS = List.of("fingerprint", "rule", "path", "reason", "owner", "created", "expires", "note");
  /** A finding's fingerprint as reports print it. */
  static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{20}");

  private final CheckRegistry registry;
  private final Policy.WaiverLimits limits;
  private final Set<String> families = new LinkedHashSet<>();

  public WaiversLoader(CheckRegistry registry, Policy.WaiverLimits limits) {
    this.registry = registry;
    this.limits = limits;
    registry.rules().forEach(r -> families.add(r.family()));
  }

  /** Validates one file; returns its problems (empty when it is valid). */
  public List<PolicyError.Problem> validate(String name, String text) {
    try {
      load(new YamlSource(name, text));
      return List.of();
    } catch (PolicyError e) {
      return e.problems();
    }
  }

  /** The waivers of a file's {@code bytes} (strict UTF-8), named {@code name} in messages. Throws {@link PolicyError}. */
  public Waivers load(String name, byte[] bytes) {
    YamlSource source;
    try {
      source = YamlSource.decode(name, bytes);
    } catch (PolicyError e) {
      throw new PolicyError("waivers", e.problems());
    }
    return load(source);
  }

  /**
   * The waivers of {@code source} (named {@code .vetter/waivers.yml@REV} in messages); an empty file has none.
   *
   * @throws PolicyError with every problem in the file
   */
  public Waivers load(YamlSource source) {
    YamlDocument doc;
    try {
      doc = YamlDocument.parse(source.name(), source.text());
    } catch (PolicyError e) {
      throw new PolicyError("waivers", e.problems());
    }
    List<PolicyError.Problem> problems = new ArrayList<>();
    List<Waiver> waivers = new ArrayList<>();
    JsonNode root = doc.root();
    String file = source.name().contains("@") ? source.name().substring(0, source.name().lastIndexOf('@')) : source.name();
    if (!root.isObject()) {
      problems.add(doc.problem("", "a waivers file must be a mapping with the key 'waivers' (a list of entries), not " + OptionType.describeValue(root)));
    } else {
      PolicyLoader.unknownKeys(doc, "", root, KEYS, "key", problems);
      JsonNode list = root.get("waivers");
      if (list != null && !list.isNull() && !list.isArray()) {
        problems.add(doc.problem("/waivers", "waivers must be a list of entries, not " + OptionType.describeValue(list)));
      } else if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          Waiver w = entry(doc, "/waivers/" + i, list.get(i), file, problems);
          if (w != null) waivers.add(w);
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(PolicyError.Problem::line).thenComparingInt(PolicyError.Problem::column));
      throw new PolicyError("waivers", problems);
    }
    return new Waivers(waivers);
  }

  /** One entry, or null when it has problems (added to {@code problems}). */
  private Waiver entry(YamlDocument doc, String at, JsonNode e, String file, List<PolicyError.Problem> problems) {
    if (!e.isObject()) {
      problems.add(doc.problem(at, "each waiver must be a mapping with " + String.join(", ", ENTRY_KEYS) + ", not " + OptionType.describeValue(e)));
      return null;
    }
    int before = problems.size();
    PolicyLoader.unknownKeys(doc, at, e, ENTRY_KEYS, "key", problems);
    String fingerprint = text(doc, at, e, "fingerprint", problems);
    if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
      problems.add(doc.problem(at + "/fingerprint", "fingerprint '" + fingerprint + "' is not a finding's fingerprint (20 hexadecimal digits, "
          + "as in the 'fingerprint' of vetter review --format json)"));
    }
    String rule = text(doc, at, e, "rule", problems);
    if (rule != null && !knownRule(rule)) {
      problems.add(doc.problem(at + "/rule", "unknown rule or family '" + rule + "'" + Suggest.hint(rule, registry.names()) + " (see `vetter rules`)"));
    }
    String pathText = text(doc, at, e, "path", problems);
    Glob path = null;
    if (pathText != null) {
      try {
        path = Glob.compile(pathText);
      } catch (IllegalArgumentException x) {
        problems.add(doc.problem(at + "/path", x.getMessage()));
      }
    }
    if (!e.has("fingerprint") && !e.has("rule")) {
      problems.add(doc.keyProblem(at, "a waiver needs 'fingerprint', or 'rule' and 'path': what it waives"));
    } else if (e.has("rule") && !e.has("path")) {
      problems.add(doc.keyProblem(at + "/rule", "a waiver of a rule needs 'path', the glob of the files it applies to ('**' for all)"));
    }
    Waiver.Reason reason = null;
    String reasonText = required(doc, at, e, "reason", "why the findings are waived: one of " + String.join(", ", Waiver.Reason.ids()), problems);
    if (reasonText != null) {
      try {
        reason = Waiver.Reason.parse(reasonText);
      } catch (IllegalArgumentException x) {
        problems.add(doc.problem(at + "/reason", "invalid reason '" + reasonText + "', allowed values: [" + String.join(", ", Waiver.Reason.ids()) + "]"
            + Suggest.hint(reasonText, Waiver.Reason.ids())));
      }
    }
    String owner = required(doc, at, e, "owner", "who answers for it (a person or a team)", problems);
    LocalDate created = date(doc, at, e, "created", "the day it was written", problems);
    LocalDate expires = date(doc, at, e, "expires", "the day it stops applying; every waiver expires", problems);
    if (created != null && expires != null) {
      long days = java.time.temporal.ChronoUnit.DAYS.between(created, expires);
      if (days <= 0) {
        problems.add(doc.problem(at + "/expires", "expires " + expires + " must be after created " + created));
      } else if (days > limits.longest()) {
        problems.add(doc.problem(at + "/expires", "expires " + expires + " is " + days + " days after created " + created
            + "; the policy allows at most " + limits.longest() + " days (waivers.max-days: " + describe(limits) + ")"));
      }
    }
    String note = text(doc, at, e, "note", problems);
    if (problems.size() != before) return null;
    return new Waiver(file, doc.valuePosition(at).line(), fingerprint, rule, path, reason, owner, created, expires, note);
  }

  /** The limits as the policy writes them: {@code error 30, warning 90, notice 365}. */
  public static String describe(Policy.WaiverLimits limits) {
    StringBuilder sb = new StringBuilder();
    for (dev.vetter.check.Severity s : dev.vetter.check.Severity.values()) {
      if (!sb.isEmpty()) sb.append(", ");
      sb.append(s.id()).append(' ').append(limits.maxDays(s));
    }
    return sb.toString();
  }

  private boolean knownRule(String name) {
    if (RuleInfo.isExternal(name)) return RuleInfo.isValidExternal(name);
    return registry.rule(name).isPresent() || families.contains(name) || registry.subRuleParent(name).isPresent();
  }

  /** The string at {@code key}, or null when absent; a problem when it is there but not a non-blank string. */
  private static String text(YamlDocument doc, String at, JsonNode e, String key, List<PolicyError.Problem> problems) {
    JsonNode v = e.get(key);
    if (v == null) return null;
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.add(doc.problem(at + "/" + key, key + " must be a non-empty string, not " + OptionType.describeValue(v)));
      return null;
    }
    return v.asText().strip();
  }

  private static String required(YamlDocument doc, String at, JsonNode e, String key, String what, List<PolicyError.Problem> problems) {
    if (!e.has(key)) {
      problems.add(doc.keyProblem(at, "a waiver needs '" + key + "': " + what));
      return null;
    }
    return text(doc, at, e, key, problems);
  }

  private static LocalDate date(YamlDocument doc, String at, JsonNode e, String key, String what, List<PolicyError.Problem> problems) {
    if (!e.has(key)) {
      problems.add(doc.keyProblem(at, "a waiver needs '" + key + "': " + what + " (YYYY-MM-DD)"));
      return null;
    }
    JsonNode v = e.get(key);
    try {
      if (v.isTextual()) return LocalDate.parse(v.asText().strip());
    } catch (DateTimeParseException x) {
      // reported below, with what was written
    }
    problems.add(doc.problem(at + "/" + key, key + " must be a date, YYYY-MM-DD (e.g. 2026-03-01), not "
        + (v.isTextual() ? "'" + v.asText() + "'" : OptionType.describeValue(v))));
    return null;
  }

}
