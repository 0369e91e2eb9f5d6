package dev.vetter.conventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Glob;
import dev.vetter.check.Mode;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line length a repository keeps, read at the base from its own tools' settings: ruff, black and flake8 for
 * Python files, ESLint's {@code max-len} (JSON configurations) for JavaScript and TypeScript. Where one is set,
 * {@code hygiene/line-length} comments on those files at that limit; everywhere else it stays in shadow. An
 * {@code .editorconfig} {@code max_line_length} is already enforced by {@code hygiene/editorconfig}, so it leaves
 * this rule in shadow rather than reporting each long line twice.
 */
final class LineLengthConvention {
  static final String RULE = "hygiene/line-length";
  static final List<Glob> PYTHON = List.of(Glob.compile("**/*.py"), Glob.compile("**/*.pyi"));
  static final List<Glob> JAVASCRIPT = List.of(Glob.compile("**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"));

  private static final Pattern TOML_SECTION = Pattern.compile("^\\s*\\[([^\\]]+)\\]\\s*$");
  private static final Pattern LINE_LENGTH = Pattern.compile("^\\s*line-length\\s*=\\s*(\\d+)\\s*(#.*)?$");
  private static final Pattern INI_MAX = Pattern.compile("^\\s*max[-_]line[-_]length\\s*[=:]\\s*(\\d+)\\s*([#;].*)?$");
  private static final Pattern EDITORCONFIG_MAX = Pattern.compile("^\\s*max_line_length\\s*=\\s*(\\d+)\\s*$", Pattern.CASE_INSENSITIVE);

  private LineLengthConvention() {}

  static List<Policy.Inferred> infer(Conventions.Base base) {
    List<Policy.Inferred> out = new ArrayList<>();
    String quiet = "no line length configured at base (ruff, black, flake8, ESLint max-len)";
    Optional<String> editorconfig = base.text(".editorconfig");
    if (editorconfig.isPresent() && editorconfig.get().lines().anyMatch(l -> EDITORCONFIG_MAX.matcher(l).matches())) {
      quiet = ".editorconfig sets max_line_length, which hygiene/editorconfig enforces";
    }
    // under the settings for some files: in shadow everywhere else
    out.add(new Policy.Inferred(RULE, List.of(), new Policy.RuleSettings(null, null, Mode.SHADOW, null), quiet));
    python(base).ifPresent(f -> out.add(limit(PYTHON, f)));
    eslint(base).ifPresent(f -> out.add(limit(JAVASCRIPT, f)));
    return out;
  }

  private record Found(int max, String source) {}

  private static Policy.Inferred limit(List<Glob> paths, Found f) {
    ObjectNode options = JsonNodeFactory.instance.objectNode().put("max", f.max());
    return new Policy.Inferred(RULE, paths, new Policy.RuleSettings(null, null, Mode.COMMENT, options),
        "line length " + f.max() + " from " + f.source() + " at base");
  }

  static Optional<Found> python(Conventions.Base base) {
    for (String file : List.of("ruff.toml", ".ruff.toml")) {
      Optional<Integer> n = base.text(file).flatMap(t -> toml(t, null));
      if (n.isPresent()) return Optional.of(new Found(n.get(), file + " line-length"));
    }
    Optional<String> pyproject = base.text("pyproject.toml");
    for (String section : List.of("tool.ruff", "tool.black")) {
      Optional<Integer> n = pyproject.flatMap(t -> toml(t, section));
      if (n.isPresent()) return Optional.of(new Found(n.get(), "pyproject.toml [" + section + "] line-length"));
    }
    for (String file : List.of(".flake8", "setup.cfg", "tox.ini")) {
      Optional<Integer> n = base.text(file).flatMap(t -> ini(t, "flake8"));
      if (n.isPresent()) return Optional.of(new Found(n.get(), file + " [flake8] max-line-length"));
    }
    return Optional.empty();
  }

  /** {@code line-length = N} at the top of a file ({@code section} null) or in {@code [section]}. */
  static Optional<Integer> toml(String text, String section) {
    String current = null;
    for (String line : text.split("\n", -1)) {
      Matcher s = TOML_SECTION.matcher(line);
      if (s.matches()) {
        current = s.group(1).strip();
        continue;
      }
      if (java.util.Objects.equals(current, section)) {
        Matcher m = LINE_LENGTH.matcher(line);
        if (m.matches()) return positive(m.group(1));
      }
    }
    return Optional.empty();
  }

  static Optional<Integer> ini(String text, String section) {
    boolean in = false;
    for (String line : text.split("\n", -1)) {
      Matcher s = TOML_SECTION.matcher(line);
      if (s.matches()) {
        in = s.group(1).strip().equals(section);
        continue;
      }
      Matcher m = INI_MAX.matcher(line);
      if (in && m.matches()) return positive(m.group(1));
    }
    return Optional.empty();
  }

  static Optional<Found> eslint(Conventions.Base base) {
    for (String file : List.of(".eslintrc.json", ".eslintrc")) {
      Optional<String> text = base.text(file);
      if (text.isEmpty()) continue;
      Optional<Integer> n = maxLen(Conventions.json(text.get()));
      if (n.isPresent()) return Optional.of(new Found(n.get(), file + " max-len"));
    }
    return base.text("package.json").map(Conventions::json).map(j -> j.get("eslintConfig")).flatMap(LineLengthConvention::maxLen)
        .map(n -> new Found(n, "package.json eslintConfig max-len"));
  }

  /** ESLint's {@code max-len}: {@code [level, N]}, {@code [level, {code: N}]} or {@code {code: N}} after the level; off when level is 0/"off". */
  static Optional<Integer> maxLen(JsonNode config) {
    JsonNode rule = config == null ? null : config.path("rules").get("max-len");
    if (rule == null) return Optional.empty();
    JsonNode level = rule.isArray() ? rule.path(0) : rule;
    if (level.asText().equals("off") || level.asText().equals("0")) return Optional.empty();
    if (!rule.isArray()) return Optional.of(80); // ESLint's default code length
    for (int i = 1; i < rule.size(); i++) {
      JsonNode v = rule.get(i);
      if (v.isInt() && v.intValue() > 0) return Optional.of(v.intValue());
      if (v.isObject() && v.path("code").isInt() && v.get("code").intValue() > 0) return Optional.of(v.get("code").intValue());
    }
    return Optional.of(80);
  }

  private static Optional<Integer> positive(String digits) {
    try {
      int n = Integer.parseInt(digits);
      return n > 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

}
