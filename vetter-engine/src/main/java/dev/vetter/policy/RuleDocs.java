package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.check.Doc;
import dev.vetter.engine.RuleInfo;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** A rule's documentation in Markdown, from its own metadata: used by {@code vetter explain} and docs/rules.md. */
public final class RuleDocs {
  private RuleDocs() {}

  public static String markdown(RuleInfo r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## ").append(r.id()).append("\n\n");
    sb.append(r.summary()).append("\n\n");
    sb.append("Category: ").append(r.category().id()).append(" · default severity: ").append(r.severity().id())
        .append(" · default mode: ").append(r.mode().id()).append(modeNote(r)).append("\n\n");
    sb.append("**Why it matters.** ").append(r.rationale().strip()).append("\n\n");
    sb.append("**How to fix.** ").append(r.fix().strip()).append("\n\n");
    if (r.hasOptions()) {
      sb.append("**Options** (under `rules: {").append(r.id()).append(": {...}}` in `.vetter.yml`):\n\n");
      JsonNode defaults = OptionsBinder.defaultsTree(r.options());
      for (RecordComponent c : r.options().getRecordComponents()) {
        Doc doc = c.getAnnotation(Doc.class);
        sb.append("- `").append(OptionsBinder.optionName(c)).append("` (default `").append(defaults.get(OptionsBinder.optionName(c))).append("`)");
        if (doc != null) sb.append(": ").append(doc.value());
        sb.append('\n');
      }
      sb.append('\n');
    }
    sb.append("**Suppress.** A finding on a line: a comment `vetter:ignore ").append(r.id())
        .append(" <reason>` on the line or the line above. For paths: `overrides: [{paths: [...], rules: {").append(r.id())
        .append(": false}}]`. Everywhere: `rules: {").append(r.id()).append(": false}`. Existing findings: a baseline (`vetter review --write-baseline`).\n");
    return sb.toString();
  }

  /** The rules whose default mode is decided per repository from its conventions (dev.vetter.conventions). */
  private static final List<String> INFERRED = List.of("commits/conventional-format", "commits/header-length", "commits/body-format",
      "hygiene/line-length", "java/checkstyle", "java/pmd");

  private static String modeNote(RuleInfo r) {
    if (r.id().startsWith("commits/") && INFERRED.contains(r.id())) {
      return " (block where a commitlint configuration is at the base, else shadow; the history's types and cases "
          + "shape its options)";
    }
    if (r.id().equals("hygiene/line-length")) return " (comment at the limit the repository's ruff, black, flake8 or ESLint sets, else shadow)";
    if (r.id().equals("secrets/private-key") || r.id().equals("secrets/gcp-service-account")) return " (comment under test sources)";
    if (r.subRules()) return  " (each of its rules in shadow where it already fires on a quarter of the sampled files of the kind at the base)";
    return "";
  }

  /** Why each default mode is what it is: the head of the rule reference. */
  static final String MODES = """
      ## Default modes

      Every rule has a mode (see [configuration.md](configuration.md#modes)): `off`, `shadow` (computed and counted, never
      posted, never failing), `comment` (posted, never failing) or `block` (posted, failing the review at or above
      `fail-on`). The defaults follow confidence, measured by replaying real merged pull requests
      ([eval.md](eval.md)):

      - **block**: only findings that are almost never wrong and always worth stopping a merge for: conflict markers,
        credentials in a provider's documented format and private keys (`secrets/*` but the keyword-anchored
        ones below), vulnerable dependency versions (`deps/vulnerable`), a CODEOWNERS file that does not parse, patch
        coverage under the threshold (only when the team feeds coverage reports in), and other tools' findings read
        with `--input` (the team chose the tool).
      - **comment**: the repository's own `.editorconfig` (`hygiene/editorconfig`), the rest of hygiene (line endings,
        binary and large files), ownership and commit hygiene (`commits/wip`, `commits/fixup`), Vetter's own
        notices (an internal error included: a failure of Vetter's never blocks a merge), and the keyword-anchored secret
        rules (`secrets/generic-assignment`, `secrets/jwt`, `secrets/basic-auth-url`, `secrets/database-url`,
        `secrets/mailgun-api-key`), whose matches are right less often.
      - **shadow**: heuristics whose findings, labelled by hand on the evaluation set's merged pull requests, were rarely
        worth raising: `tests/missing-tests` (18 of 110), `smells/complexity` (7 of 57), `hygiene/debug-statement` (0 of
        35), `deps/added` (13 of 31), `deps/prerelease` (0 of 20), `deps/unpinned` (0 of 14),
        `hygiene/todo-without-issue` (0 of 5); the whitespace rules `hygiene/trailing-whitespace` (1 of 15),
        `hygiene/mixed-indentation` (2 of 42) and `hygiene/final-newline` (0 of 3), since a repository that keeps
        whitespace tidy says so in its `.editorconfig` (`trim_trailing_whitespace`, `indent_style`,
        `insert_final_newline`), which `hygiene/editorconfig` enforces, and one that has none never chose it; and
        `size/pr-size`, a label that fired on 6% to 44% of each repository's merged pull requests. `mode: comment` posts
        any of them; `vetter eval replay` shows what that would say.
      - **per repository**: conventions a repository must have chosen. `java/pmd` runs PMD's quickstart in shadow unless
        the build runs PMD (maven-pmd-plugin, Gradle's pmd plugin) or the policy names rulesets. The commit-message rules of Conventional
        Commits block where a commitlint configuration is at the base and stay in shadow everywhere else (a history
        that follows it shapes their types and cases); `hygiene/line-length` comments at the
        limit the repository's own ruff, black, flake8 or ESLint sets and stays in shadow elsewhere; a Checkstyle or
        PMD rule that fires on a quarter or more of the sampled files of its kind at the base goes to shadow for that
        kind of file; `secrets/private-key` and `secrets/gcp-service-account` comment instead of blocking under test
        sources (`tests/`, `testdata/`, `src/test/`, ...), where every blocking secret of the evaluation set's
        histories was a test suite's own key.
        `vetter config show --effective` and `vetter explain` say what was inferred and from what.

      No style rule fails a review by default, and a written `mode`, `enabled: true` or `enabled: false` in
      `.vetter.yml` always wins over what was inferred.

      """;

  /** The whole rule reference. */
  public static String reference(List<RuleInfo> rules) {
    StringBuilder sb = new StringBuilder("# Rule reference\n\n<!-- Generated from the rules' own metadata by RuleDocsTest; do not edit by hand. -->\n\n");
    sb.append(MODES);
    sb.append("| rule | category | severity | mode | finds |\n|---|---|---|---|---|\n");
    for (RuleInfo r : rules) {
      sb.append("| [").append(r.id()).append("](#").append(r.id().replaceAll("[^a-z0-9-]", "")).append(") | ")
          .append(r.category().id()).append(" | ").append(r.severity().id()).append(" | ")
          .append(INFERRED.contains(r.id()) ? "inferred" : r.mode().id()).append(" | ").append(r.summary()).append(" |\n");
    }
    sb.append('\n');
    for (RuleInfo r : rules) sb.append(markdown(r)).append('\n');
    return sb.toString();
  }
}
