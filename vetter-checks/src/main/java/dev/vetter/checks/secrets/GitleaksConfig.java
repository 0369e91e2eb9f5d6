package dev.vetter.checks.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret rules in gitleaks' TOML format ({@code [[rules]]} with {@code id}, {@code regex},
 * {@code secretGroup}, {@code entropy}, {@code keywords}, {@code path} and {@code [[rules.allowlists]]};
 * a global {@code [allowlist]} or {@code [[allowlists]]}), compiled with RE2/J. Go's RE2 syntax is
 * RE2/J's, named groups {@code (?P<name>…)} included. Everything wrong with a file is collected into
 * {@link #problems()}, one line per problem, naming the rule and key.
 */
final class GitleaksConfig {
  private static final TomlMapper TOML = new TomlMapper();
  private static final Set<String> TOP_KEYS = Set.of("title", "description", "minVersion", "extend", "rules", "allowlist", "allowlists");
  private static final Set<String> RULE_KEYS = Set.of("id", "description", "regex", "secretGroup", "entropy", "keywords", "path",
      "allowlist", "allowlists", "tags");
  private static final Set<String> ALLOW_KEYS = Set.of("description", "condition", "regexTarget", "regexes", "paths", "stopwords",
      "commits", "targetRules");
  private static final Map<String, GitleaksConfig> CACHE = new ConcurrentHashMap<>();

  /** Where an allow-list regex looks: at the secret (gitleaks' default), the whole match, or the line. */
  enum Target { SECRET, MATCH, LINE }

  /** One allow list; {@code and} means every criterion it has must hold, otherwise any one suffices. */
  record Allowlist(boolean and, Target target, List<Pattern> regexes, List<String> stopwords, List<Pattern> paths, Set<String> targetRules) {

    /** Whether this list lets {@code secret} pass as not a secret. */
    boolean allows(String path, String secret, String match, String line) {
      List<Boolean> results = new ArrayList<>(3);
      if (!regexes.isEmpty()) {
        String text = switch (target) {
          case SECRET -> secret;
          case MATCH -> match;
          case LINE -> line;
        };
        results.add(regexes.stream().anyMatch(p -> p.matcher(text).find()));
      }
      if (!stopwords.isEmpty()) {
        String lower = secret.toLowerCase(Locale.ROOT);
        results.add(stopwords.stream().anyMatch(lower::contains));
      }
      if (!paths.isEmpty()) results.add(paths.stream().anyMatch(p -> p.matcher(path).find()));
      if (results.isEmpty()) return false;
      return and ? !results.contains(false) : results.contains(true);
    }
  }

  /** One rule. {@code regex} is null for a rule that matches files by {@code path} alone. */
  record Rule(String id, String description, Pattern regex, int secretGroup, double entropy, List<String> keywords, Pattern path,
      List<Allowlist> allowlists) {}

  private final List<Rule> rules;
  private final List<Allowlist> global;
  private final List<String> problems;

  private GitleaksConfig(List<Rule> rules, List<Allowlist> global, List<String> problems) {
    this.rules = List.copyOf(rules);
    this.global = List.copyOf(global);
    this.problems = List.copyOf(problems);
  }

  List<Rule> rules() {
    return rules;
  }

  /** Allow lists that apply to every rule, or to the rules they name. */
  List<Allowlist> global() {
    return global;
  }

  /** What could not be loaded, one line per problem; the rules named there are left out of {@link #rules()}. */
  List<String> problems() {
    return problems;
  }

  /** Parses {@code toml}; fails with every problem listed when there is any. Results are cached by text. */
  static GitleaksConfig parse(String source, String toml) {
    GitleaksConfig config = CACHE.get(toml);
    if (config == null) {
      config = load(toml);
      if (CACHE.size() > 64) CACHE.clear();
      CACHE.put(toml, config);
    }
    if (!config.problems.isEmpty()) {
      throw new IllegalArgumentException(source + " is not a usable gitleaks configuration:\n  " + String.join("\n  ", config.problems));
    }
    return config;
  }

  /** Parses {@code toml}, keeping what loads and listing what does not. */
  static GitleaksConfig load(String toml) {
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = TOML.readTree(toml);
    } catch (JsonProcessingException e) {
      return new GitleaksConfig(List.of(), List.of(), List.of("TOML syntax: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
    }
    if (root == null || !root.isObject()) return new GitleaksConfig(List.of(), List.of(), List.of("the file is empty"));
    unknownKeys("the top level", root, TOP_KEYS, problems);
    List<Allowlist> global = new ArrayList<>();
    if (root.has("allowlist")) allowlist("[allowlist]", root.get("allowlist"), global, problems);
    if (root.has("allowlists")) {
      int i = 0;
      for (JsonNode a : array(root.get("allowlists"))) allowlist("[[allowlists]] #" + ++i, a, global, problems);
    }
    List<Rule> rules = new ArrayList<>();
    int n = 0;
    for (JsonNode r : array(root.get("rules"))) {
      n++;
      int before = problems.size();
      String id = r.path("id").asText("");
      String where = "rule #" + n + (id.isEmpty() ? "" : " '" + id + "'");
      if (id.isEmpty()) problems.add(where + ": id is missing");
      unknownKeys(where, r, RULE_KEYS, problems);
      Pattern regex = r.has("regex") ? compile(where + " regex", r.get("regex").asText(), problems) : null;
      Pattern path = r.has("path") ? compile(where + " path", r.get("path").asText(), problems) : null;
      if (!r.has("regex") && !r.has("path")) problems.add(where + ": needs a regex or a path");
      int group = r.path("secretGroup").asInt(0);
      if (regex != null && (group < 0 || group > regex.groupCount())) {
        problems.add(where + ": secretGroup " + group + " but the regex has " + regex.groupCount() + " groups");
      }
      double entropy = r.path("entropy").asDouble(0);
      List<String> keywords = new ArrayList<>();
      for (JsonNode k : array(r.get("keywords"))) {
        String kw = k.asText().toLowerCase(Locale.ROOT);
        if (kw.isEmpty() || !kw.chars().allMatch(c -> c < 128)) problems.add(where + ": keyword '" + kw + "' must be non-empty ASCII");
        else keywords.add(kw);
      }
      List<Allowlist> allowlists = new ArrayList<>();
      if (r.has("allowlist")) allowlist(where + " allowlist", r.get("allowlist"), allowlists, problems);
      int i = 0;
      for (JsonNode a : array(r.get("allowlists"))) allowlist(where + " allowlists #" + ++i, a, allowlists, problems);
      if (problems.size() == before) {
        rules.add(new Rule(id, r.path("description").asText(""), regex, group, entropy, List.copyOf(keywords), path, List.copyOf(allowlists)));
      }
    }
    if (n == 0 && problems.isEmpty()) problems.add("no [[rules]]");
    return new GitleaksConfig(rules, global, problems);
  }

  private static void allowlist(String where, JsonNode a, List<Allowlist> out, List<String> problems) {
    if (!a.isObject()) {
      problems.add(where + ": must be a table");
      return;
    }
    unknownKeys(where, a, ALLOW_KEYS, problems);
    String condition = a.path("condition").asText("OR").toUpperCase(Locale.ROOT);
    if (!condition.equals("OR") && !condition.equals("AND")) problems.add(where + ": condition must be OR or AND, was '" + condition + "'");
    String target = a.path("regexTarget").asText("secret").toLowerCase(Locale.ROOT);
    Target t = switch (target) {
      case "secret", "" -> Target.SECRET;
      case "match" -> Target.MATCH;
      case "line" -> Target.LINE;
      default -> {
        problems.add(where + ": regexTarget must be secret, match or line, was '" + target + "'");
        yield Target.SECRET;
      }
    };
    List<Pattern> regexes = new ArrayList<>();
    int i = 0;
    for (JsonNode r : array(a.get("regexes"))) {
      Pattern p = compile(where + " regexes[" + i++ + "]", r.asText(), problems);
      if (p != null) regexes.add(p);
    }
    List<Pattern> paths = new ArrayList<>();
    i = 0;
    for (JsonNode r : array(a.get("paths"))) {
      Pattern p = compile(where + " paths[" + i++ + "]", r.asText(), problems);
      if (p != null) paths.add(p);
    }
    List<String> stopwords = new ArrayList<>();
    for (JsonNode s : array(a.get("stopwords"))) stopwords.add(s.asText().toLowerCase(Locale.ROOT));
    Set<String> targets = new java.util.HashSet<>();
    for (JsonNode s : array(a.get("targetRules"))) targets.add(s.asText());
    out.add(new Allowlist(condition.equals("AND"), t, List.copyOf(regexes), List.copyOf(stopwords), List.copyOf(paths), Set.copyOf(targets)));
  }

  private static Pattern compile(String where, String regex, List<String> problems) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(where + ": does not compile as RE2: " + e.getMessage());
      return null;
    }
  }

  private static Iterable<JsonNode> array(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return List.of();
    if (node.isArray()) return node;
    return List.of(node);
  }

  private static void unknownKeys(String where, JsonNode node, Set<String> known, List<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) problems.add(where + ": unknown key '" + key + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
    }
  }
}
