package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

@CheckInfo(
    id = "secrets/custom",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    summary = "A secret matched by one of the repository's own rules, written in gitleaks' TOML format.",
    rationale = SecretRule.RATIONALE + " Custom rules cover the organisation's own credentials, which no built-in rule knows.",
    fix = "Revoke or rotate the credential with the system that issued it. " + SecretRule.FIX,
    options = CustomSecrets.Options.class)
public final class CustomSecrets implements FileCheck<CustomSecrets.Options> {

  /** Where the custom rules come from; with neither option set the rule does nothing. */
  public record Options(
      @Doc("gitleaks-format TOML with [[rules]] (and optional allow lists), written in the policy itself; read from the base revision like the rest of the policy")
      String rules,
      @Doc("path of a gitleaks-format TOML file in the repository, read at the head of the change (so the change under review can edit it; prefer `rules`)")
      String gitleaksConfig,
      @Doc("RE2 patterns for accepted secrets; a secret any of them finds a match in is not reported") List<String> allow)
      implements SecretRule.Allowing {

    public Options {
      rules = rules == null ? "" : rules;
      gitleaksConfig = gitleaksConfig == null ? "" : gitleaksConfig.strip();
      allow = AllowPatterns.validate("allow", allow);
      if (!rules.isBlank()) GitleaksConfig.parse("rules", rules); // a bad inline rule fails when the policy loads
      if (gitleaksConfig.startsWith("/") || gitleaksConfig.contains("..") || gitleaksConfig.contains("\\")) {
        throw new IllegalArgumentException("gitleaks-config must be a path relative to the repository root, was '" + gitleaksConfig + "'");
      }
    }

    public Options() {
      this("", "", List.of());
    }
  }

  // rules that match by path alone are meant for binaries (keystores), so binaries are let in
  @Override
  public boolean accepts(ChangedFile file) {
    return !file.isDeleted() && !file.isSymlink() && !file.isSubmodule() && !file.tooLarge();
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Options options = file.options();
    List<Finding> findings = new ArrayList<>();
    List<GitleaksConfig> configs = new ArrayList<>();
    if (!options.rules().isBlank()) configs.add(GitleaksConfig.parse("rules", options.rules()));
    String configPath = options.gitleaksConfig();
    if (!configPath.isEmpty()) {
      if (file.path().equals(configPath)) {
        // its rules, as edited by this change, govern this review: make that visible
        boolean edited = file.base().map(b -> !b.text().equals(file.head().text())).orElse(true);
        if (edited) {
          findings.add(file.fileFinding("This change edits " + configPath + ", the gitleaks configuration secrets/custom reads at head; "
              + "its rules as changed here apply to this review.").withSeverity(Severity.WARNING));
        }
        return findings;
      }
      Optional<FileContent> text = file.readHead(configPath);
      if (text.isEmpty()) throw new IllegalStateException("gitleaks-config '" + configPath + "' does not exist at head");
      configs.add(GitleaksConfig.parse(configPath, text.get().text()));
    }
    FileContent head = file.head();
    for (GitleaksConfig config : configs) scan(file, config, head, options, findings);
    return findings;
  }

  private static void scan(FileContext<Options> file, GitleaksConfig config, FileContent head, Options options, List<Finding> findings) {
    String path = file.path();
    for (GitleaksConfig.Allowlist a : config.global()) {
      if (a.targetRules().isEmpty() && a.regexes().isEmpty() && a.stopwords().isEmpty() && a.allows(path, "", "", "")) return;
    }
    List<GitleaksConfig.Rule> lineRules = new ArrayList<>();
    for (GitleaksConfig.Rule r : config.rules()) {
      if (r.path() != null && !r.path().matcher(path).find()) continue;
      if (r.regex() == null) {
        if (!allowed(config, r, path, "", "", "")) findings.add(file.fileFinding("File matches custom secret rule `" + r.id() + "`.").withKey("custom:" + r.id()));
      } else {
        lineRules.add(r);
      }
    }
    if (lineRules.isEmpty() || head.isBinary()) return;
    var byKeyword = AhoCorasick.byKeyword(lineRules, GitleaksConfig.Rule::keywords);
    List<String> keywords = new ArrayList<>(byKeyword.keySet());
    AhoCorasick automaton = keywords.isEmpty() ? null : new AhoCorasick(keywords);
    List<GitleaksConfig.Rule> always = lineRules.stream().filter(r -> r.keywords().isEmpty()).toList();
    for (FileContent.Line line : head.lines()) {
      String text = line.text();
      List<GitleaksConfig.Rule> run = new ArrayList<>(always);
      BitSet hits = automaton == null ? null : automaton.find(text);
      if (hits != null) {
        for (int k = hits.nextSetBit(0); k >= 0; k = hits.nextSetBit(k + 1)) {
          for (GitleaksConfig.Rule r : byKeyword.get(keywords.get(k))) if (!run.contains(r)) run.add(r);
        }
      }
      for (GitleaksConfig.Rule r : run) match(file, config, r, line, options, findings);
    }
  }

  private static void match(FileContext<Options> file, GitleaksConfig config, GitleaksConfig.Rule r, FileContent.Line line, Options options,
      List<Finding> findings) {
    String text = line.text();
    Matcher m = r.regex().matcher(text);
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      from = m.end() > m.start() ? m.end() : m.end() + 1;
      int g = r.secretGroup();
      if (g == 0) {
        // gitleaks: without secretGroup, the first group that matched, else the whole match
        for (int i = 1; i <= m.groupCount(); i++) {
          if (m.group(i) != null && !m.group(i).isEmpty()) {
            g = i;
            break;
          }
        }
      }
      String secret = m.group(g);
      if (secret == null || secret.isEmpty()) continue;
      if (r.entropy() > 0 && Secrets.entropy(secret) < r.entropy()) continue;
      if (allowed(config, r, file.path(), secret, m.group(), text) || AllowPatterns.allows(options.allow(), secret)) continue;
      findings.add(file.finding(line.number(), "Hard-coded secret matching custom rule `" + r.id() + "` `" + Secrets.mask(secret) + "`.")
          .withColumn(m.start(g) + 1)
          .withKey(Secrets.key("secrets/custom/" + r.id(), secret)));
    }
  }

  private static boolean allowed(GitleaksConfig config, GitleaksConfig.Rule r, String path, String secret, String match, String line) {
    for (GitleaksConfig.Allowlist a : r.allowlists()) if (a.allows(path, secret, match, line)) return true;
    for (GitleaksConfig.Allowlist a : config.global()) {
      if ((a.targetRules().isEmpty() || a.targetRules().contains(r.id())) && a.allows(path, secret, match, line)) return true;
    }
    return false;
  }
}
