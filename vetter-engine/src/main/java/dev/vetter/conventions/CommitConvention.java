package dev.vetter.conventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Mode;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a repository chose Conventional Commits, read at the base: a commitlint configuration, else at least
 * {@link #THRESHOLD} of its recent first-parent commits. The commit-message rules that enforce the convention
 * block where commitlint is configured (it fails the team's own CI), comment where only the history follows it, and
 * stay in shadow everywhere else. Allowed types: the commitlint configuration's {@code type-enum} when it is plain
 * JSON, else config-conventional's plus those the history uses at least twice ({@code deps}, say).
 *
 * <p>Where only the history follows it, the rules stay in shadow too, with the types and cases the history uses: the
 * first-parent history shows what the team writes on its main line (squash titles, merge subjects), not that it holds a
 * pull request's own commits to it. Labelled on googleapis/java-storage, whose main line is 100% Conventional
 * Commits, all 20 sampled findings were noise: fix-up commits of merged branches.
 */
final class CommitConvention {
  /** The rules that enforce Conventional Commits (config-conventional's header, length and body rules). */
  static final List<String> RULES = List.of("commits/conventional-format", "commits/header-length", "commits/body-format");
  static final double THRESHOLD = 0.8;
  static final int HISTORY = 100;
  /** Fewer commits than this say nothing either way. */
  static final int MIN_HISTORY = 10;
  static final List<String> CONFIG_CONVENTIONAL_TYPES =
      List.of("build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test");
  static final List<String> CONFIG_FILES = List.of(".commitlintrc", ".commitlintrc.json", ".commitlintrc.yaml", ".commitlintrc.yml",
      ".commitlintrc.js", ".commitlintrc.cjs", ".commitlintrc.mjs", ".commitlintrc.ts", ".commitlintrc.cts", "commitlint.config.js",
      "commitlint.config.cjs", "commitlint.config.mjs", "commitlint.config.ts", "commitlint.config.cts");

  /** A Conventional Commits header: type, optional scope, optional '!', colon, space, subject (as commitlint's parser reads it). */
  private static final Pattern HEADER = Pattern.compile("^([A-Za-z0-9_]+)(\\(.*\\))?!?: \\S");
  /** What commitlint skips by default: merges, reverts, fixups. */
  private static final Pattern IGNORED = Pattern.compile("^(Merge |Merged |Revert |Reapply |(fixup|squash|amend)! |Automatic merge)");

  private CommitConvention() {}

  static List<Policy.Inferred> infer(Conventions.Base base) {
    Optional<String> config = Optional.empty();
    String configText = null;
    for (String f : CONFIG_FILES) {
      Optional<String> t = base.text(f);
      if (t.isPresent()) {
        config = Optional.of(f);
        configText = t.get();
        break;
      }
    }
    if (config.isEmpty()) {
      Optional<String> pkg = base.text("package.json");
      JsonNode commitlint = pkg.map(Conventions::json).map(j -> j.get("commitlint")).orElse(null);
      if (commitlint != null && commitlint.isObject()) {
        config = Optional.of("package.json");
        configText = commitlint.toString();
      }
    }
    History history = History.of(base.recentMessages(HISTORY));
    if (config.isPresent()) {
      List<String> types = configuredTypes(configText);
      String source = "a commitlint configuration at base (" + config.get() + ")";
      if (types == null) {
        types = history.types(CONFIG_CONVENTIONAL_TYPES);
        source += types.size() > CONFIG_CONVENTIONAL_TYPES.size() ? "; types: config-conventional's and those the history uses" : "";
      } else {
        source += "; types from its type-enum";
      }
      boolean anyCase = history.capitalisesSubjects() && !configured(configText, "subject-case");
      return settings(Mode.BLOCK, types, anyCase, "Conventional Commits chosen by " + source + (anyCase ? CAPITALS : ""));
    }
    if (history.considered() < MIN_HISTORY) {
      return settings(Mode.SHADOW, null, false, "no commitlint configuration at base and " + history.considered()
          + " commits of history to read (at least " + MIN_HISTORY + " needed): Conventional Commits not chosen");
    }
    String share = history.conventional() + " of the last " + history.considered() + " first-parent commits at base ("
        + Math.round(100.0 * history.share()) + "%) follow Conventional Commits";
    if (history.share() >= THRESHOLD) {
      List<String> types = history.types(CONFIG_CONVENTIONAL_TYPES);
      boolean anyCase = history.capitalisesSubjects();
      return settings(Mode.SHADOW, types, anyCase, "inferred: " + share + (types.size() > CONFIG_CONVENTIONAL_TYPES.size()
          ? "; allowed types: config-conventional's plus " + String.join(", ", types.subList(CONFIG_CONVENTIONAL_TYPES.size(), types.size())) : "")
          + (anyCase ? CAPITALS : "") + "; but no commitlint configuration holds a pull request's own commits to it, so in shadow"
          + " (mode: comment posts it)");
    }
    return settings(Mode.SHADOW, null, false, "inferred: only " + share + ", under " + Math.round(100 * THRESHOLD)
        + "%, and there is no commitlint configuration: not the repository's convention");
  }

  private static List<Policy.Inferred> settings(Mode mode, List<String> types, boolean anyCase, String reason) {
    List<Policy.Inferred> out = new ArrayList<>();
    for (String rule : RULES) {
      ObjectNode options = JsonNodeFactory.instance.objectNode();
      if (types != null && rule.equals("commits/conventional-format")) types.forEach(options.putArray("types")::add);
      if (anyCase && rule.equals("commits/conventional-format")) options.putArray("subject-case");
      out.add(new Policy.Inferred(rule, List.of(), new Policy.RuleSettings(null, null, mode, options), reason));
    }
    return out;
  }

  private static final String CAPITALS = "; subjects may start with a capital, as the history's often do";

  /** True when a JSON commitlint configuration sets {@code rule} itself. */
  private static boolean configured(String text, String rule) {
    JsonNode root = Conventions.json(text);
    return root != null && root.path("rules").has(rule);
  }

  /** {@code type-enum}'s list from a JSON commitlint configuration, null when it has none or is not JSON (JavaScript, YAML). */
  static List<String> configuredTypes(String text) {
    JsonNode root = Conventions.json(text);
    JsonNode rule = root == null ? null : root.path("rules").get("type-enum");
    if (rule == null || !rule.isArray() || rule.size() < 3 || !rule.get(2).isArray()) return null;
    if (rule.get(0).asInt(2) == 0) return null; // the rule is switched off: any type goes, as without options
    List<String> types = new ArrayList<>();
    rule.get(2).forEach(t -> {
      if (t.isTextual()) types.add(t.asText());
    });
    return types.isEmpty() ? null : types;
  }


  /** What the recent first-parent history says. */
  record History(int considered, int conventional, int capitalised, Map<String, Integer> typeCounts) {
    static History of(List<String> messages) {
      int considered = 0;
      int conventional = 0;
      int capitalised = 0;
      Map<String, Integer> types = new TreeMap<>();
      for (String m : messages) {
        String header = m.strip().lines().findFirst().orElse("");
        if (header.isEmpty() || IGNORED.matcher(header).find()) continue;
        considered++;
        Matcher h = HEADER.matcher(header);
        if (h.find() && h.group(1).equals(h.group(1).toLowerCase(Locale.ROOT))) {
          conventional++;
          types.merge(h.group(1), 1, Integer::sum);
          String subject = header.substring(header.indexOf(": ") + 2);
          if (!subject.isEmpty() && Character.isUpperCase(subject.codePointAt(0))) capitalised++;
        }
      }
      return new History(considered, conventional, capitalised, types);
    }

    /** True when the team plainly writes subjects that start with a capital ("fix: Update ...") often enough to be its habit. */
    boolean capitalisesSubjects() {
      return conventional > 0 && capitalised >= Math.max(2, 0.1 * conventional);
    }

    double share() {
      return considered == 0 ? 0 : (double) conventional / considered;
    }

    /** {@code defaults} plus every type the history uses at least twice, in that order. */
    List<String> types(List<String> defaults) {
      Set<String> all = new LinkedHashSet<>(defaults);
      typeCounts.forEach((t, n) -> {
        if (n >= 2) all.add(t);
      });
      return List.copyOf(all);
    }
  }
}
