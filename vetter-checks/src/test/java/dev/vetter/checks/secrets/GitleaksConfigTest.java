package dev.vetter.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.change.FileContent;
import dev.vetter.check.Finding;
import dev.vetter.testing.Corpora;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gitleaks TOML loader (on gitleaks' own default configuration) and the semantics of custom rules. */
class GitleaksConfigTest {

  @Test
  void gitleaksDefaultConfigLoadsOnRe2j() throws Exception {
    String toml = Files.readString(Corpora.require("secrets/gitleaks").resolve("gitleaks.toml"));
    GitleaksConfig config = GitleaksConfig.load(toml);
    assertThat(config.problems()).as("rules that do not load").isEmpty();
    assertThat(config.rules()).hasSize(222);
    assertThat(config.rules().stream().filter(r -> r.regex() == null).map(GitleaksConfig.Rule::id)).containsExactly("pkcs12-file");
    assertThat(config.global()).hasSize(1);
    GitleaksConfig.Rule sonar = config.rules().stream().filter(r -> r.id().equals("sonar-api-token")).findFirst().orElseThrow();
    assertThat(sonar.secretGroup()).isEqualTo(2);
    assertThat(config.rules().stream().mapToInt(r -> r.allowlists().size()).sum()).isEqualTo(13);
  }

  @Test
  void gitleaksDefaultRulesFindTheirOwnKindOfSecret() throws Exception {
    String toml = Files.readString(Corpora.require("secrets/gitleaks").resolve("gitleaks.toml"));
    String line = "export GITHUB_TOKEN=ghp_" + "Zq3vT8wLm2Xr7KpB9nY4cHd6FjS1aG5eUoQ0";
    List<Finding> findings = run(new CustomSecrets.Options(toml, "", List.of()), "deploy.sh", line);
    assertThat(findings).extracting(Finding::message).anyMatch(m -> m.contains("`github-pat`"));
    assertThat(findings).extracting(Finding::message).noneMatch(m -> m.contains("Zq3vT8wLm2Xr7KpB9nY4cHd6FjS1aG5eUoQ0"));
  }

  @Test
  void problemsNameTheRuleAndKey() {
    GitleaksConfig c = GitleaksConfig.load("""
        [[rules]]
        id = "bad-regex"
        regex = '''(?<!x)abc'''
        [[rules]]
        id = "typo"
        regexx = '''abc'''
        [[rules]]
        id = "group"
        regex = '''(a)(b)'''
        secretGroup = 3
        [[rules]]
        id = "fine"
        regex = '''token_([a-z0-9]{16})'''
        """);
    assertThat(c.problems()).hasSize(4);
    assertThat(c.problems().get(0)).startsWith("rule #1 'bad-regex' regex: does not compile as RE2");
    assertThat(c.problems().get(1)).startsWith("rule #2 'typo': unknown key 'regexx'");
    assertThat(c.problems().get(2)).isEqualTo("rule #2 'typo': needs a regex or a path");
    assertThat(c.problems().get(3)).isEqualTo("rule #3 'group': secretGroup 3 but the regex has 2 groups");
    assertThat(c.rules()).extracting(GitleaksConfig.Rule::id).containsExactly("fine");
    assertThatThrownBy(() -> new CustomSecrets.Options("[[rules]]\nid = 'x'\nregex = '''(?<!x)a'''\n", "", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule #1 'x' regex: does not compile as RE2");
    assertThat(GitleaksConfig.load("rules = [").problems().get(0)).startsWith("TOML syntax:");
  }

  private static final String RULES = """
      [allowlist]
      paths = ['''(?:^|/)fixtures/''']
      [[rules]]
      id = "acme-token"
      description = "ACME API token"
      regex = '''acme[_-]?token\\s*=\\s*"?(acm_[a-zA-Z0-9]{20})'''
      keywords = ["acm_"]
      entropy = 3.0
        [[rules.allowlists]]
        stopwords = ["acm_test"]
        [[rules.allowlists]]
        condition = "AND"
        regexTarget = "line"
        regexes = ['''#\\s*sample''']
        paths = ['''\\.md$''']
      [[rules]]
      id = "group-two"
      regex = '''(user)=(\\w{12,})'''
      secretGroup = 2
      [[rules]]
      id = "keystore"
      path = '''\\.p12$'''
      """;

  @Test
  void customRulesFollowGitleaksSemantics() {
    CustomSecrets.Options options = new CustomSecrets.Options(RULES, "", List.of());
    assertThat(run(options, "app.env", "acme_token = \"acm_Q7rT2mX9kL4vB8nC3zW6\"")).extracting(Finding::message, Finding::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Hard-coded secret matching custom rule `acme-token` `acm_… (24 chars)`.", 15));
    // entropy below 3.0
    assertThat(run(options, "app.env", "acme_token = acm_aaaaaaaaaabbbbbbbbbb")).isEmpty();
    // a stopword in the secret
    assertThat(run(options, "app.env", "acme_token = acm_test7rT2mX9kL4vB8nC")).isEmpty();
    // AND: both the line regex and the path must match
    assertThat(run(options, "notes.md", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6 # sample")).isEmpty();
    assertThat(run(options, "notes.txt", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6 # sample")).hasSize(1);
    assertThat(run(options, "notes.md", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6")).hasSize(1);
    // the global allowlist's paths
    assertThat(run(options, "test/fixtures/app.env", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6")).isEmpty();
    // a rule without keywords runs on every line; secretGroup picks the second group
    assertThat(run(options, "a.txt", "user=Zq3vT8wLm2Xr")).extracting(Finding::column).containsExactly(6);
    // a path-only rule flags the file itself
    assertThat(run(options, "certs/client.p12", "binary-ish")).extracting(Finding::scope).containsExactly(Finding.Scope.FILE);
    // the user's own allow option
    assertThat(run(new CustomSecrets.Options(RULES, "", List.of("^acm_Q7")), "app.env", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6")).isEmpty();
  }

  @Test
  void configFileIsReadAtHeadAndItsEditsAreReported() {
    CustomSecrets.Options options = new CustomSecrets.Options("", ".gitleaks.toml", List.of());
    FileContent config = FileContent.ofText(".gitleaks.toml", RULES);
    var ctx = new InMemory.Context<>(changed("app.env"), FileContent.ofText("app.env", "acme_token = acm_Q7rT2mX9kL4vB8nC3zW6\n"), options,
        Map.of(".gitleaks.toml", config));
    assertThat(new CustomSecrets().check(ctx)).hasSize(1);
    var edit = new InMemory.Context<>(changed(".gitleaks.toml"), config, options, Map.of());
    assertThat(new CustomSecrets().check(edit)).extracting(Finding::message)
        .containsExactly("This change edits .gitleaks.toml, the gitleaks configuration secrets/custom reads at head; its rules as changed here apply to this review.");
    var missing = new InMemory.Context<>(changed("app.env"), FileContent.ofText("app.env", "x\n"), options, Map.of());
    assertThatThrownBy(() -> new CustomSecrets().check(missing)).hasMessage("gitleaks-config '.gitleaks.toml' does not exist at head");
  }

  private static dev.vetter.change.ChangedFile changed(String path) {
    return new dev.vetter.change.ChangedFile(dev.vetter.change.FileStatus.ADDED, null, path, 0, dev.vetter.change.FileMode.MISSING,
        dev.vetter.change.FileMode.REGULAR, null, "0", false, false, 1, List.of());
  }

  private static List<Finding> run(CustomSecrets.Options options, String path, String text) {
    return InMemory.run(List.of(new CustomSecrets()), FileContent.ofText(path, text + "\n"), c -> options);
  }
}
