package dev.vetter.checks.commits;

import dev.vetter.change.Commit;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@CheckInfo(
    id = "commits/conventional-format",
    category = Category.COMMITS,
    severity = Severity.ERROR,
    summary = "A commit header not in Conventional Commits form `type(scope)!: subject`, checked as commitlint's config-conventional does.",
    rationale = """
        [Conventional Commits](https://www.conventionalcommits.org/en/v1.0.0/) headers let tools derive \
        changelogs and version bumps from history (`feat` → minor, `!` or `BREAKING CHANGE:` → major) \
        and let readers scan a log by kind of change. This rule applies the header rules of \
        `@commitlint/config-conventional` with its semantics: a known lower-case type, a subject that is \
        not empty, does not start with a capital letter (sentence-, start-, pascal- or upper-case) and \
        does not end with a full stop, and no whitespace around the header. Like commitlint it skips \
        merge, revert, `fixup!`/`squash!`/`amend!` and release-version commits.""",
    fix = """
        Reword the commit: `git commit --amend` for the last one, `git rebase -i` and `reword` for older \
        ones, then force-push. Write the header as `type(scope): subject`, e.g. `fix(parser): handle \
        empty input`, with one of the configured types, the subject in the imperative and starting in \
        lower case, and no full stop.""",
    options = ConventionalFormat.Options.class)
public final class ConventionalFormat implements ChangeCheck<ConventionalFormat.Options> {

  /** The types of {@code @commitlint/config-conventional}. */
  static final List<String> CONVENTIONAL_TYPES =
      List.of("build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test");

  public record Options(
      @Doc("Allowed types, compared exactly (case-sensitive). An empty list allows any type.")
      List<String> types,
      @Doc("Allowed scopes; a scope may list several separated by `/`, `\\\\` or `,`. An empty list allows any scope.")
      List<String> scopes,
      @Doc("Whether every header needs a scope, as in `fix(parser): ...`.")
      boolean requireScope,
      @Doc("Letter cases the subject must not be in: lower-case, upper-case, camel-case, kebab-case, pascal-case, "
          + "sentence-case, snake-case, start-case. Only subjects starting with a letter are checked.")
      List<String> subjectCase,
      @Doc("Skip what commitlint skips by default: merge, revert and reapply commits, `fixup!`/`squash!`/`amend!` "
          + "commits, and release commits whose header is a version such as `v1.2.3`.")
      boolean defaultIgnores) {

    public Options() {
      this(CONVENTIONAL_TYPES, List.of(), false, List.of("sentence-case", "start-case", "pascal-case", "upper-case"), true);
    }

    public Options {
      types = Commits.nonBlank("types", types);
      scopes = Commits.nonBlank("scopes", scopes);
      subjectCase = Commits.nonBlank("subjectCase", subjectCase);
      subjectCase.forEach(TextCase::parse);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Options o = change.options();
    List<TextCase> forbidden = o.subjectCase().stream().map(TextCase::parse).toList();
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      ParsedMessage m = Commits.linted(commit, o.defaultIgnores());
      if (m == null) continue;
      for (Problem p : problems(m, o, forbidden)) findings.add(Commits.finding(change, commit, p.rule(), p.text()));
    }
    return findings;
  }

  /** One broken header rule: commitlint's rule name and what to tell the author. */
  record Problem(String rule, String text) {}

  static List<Problem> problems(ParsedMessage m, Options o, List<TextCase> forbidden) {
    List<Problem> problems = new ArrayList<>();
    String header = m.header();
    if (header != null && !header.isEmpty()) {
      boolean leading = Js.trimStart(header).length() < header.length();
      boolean trailing = Js.trimEnd(header).length() < header.length();
      if (leading || trailing) {
        problems.add(new Problem("header-trim", "the header " + (leading && trailing ? "starts and ends" : leading ? "starts" : "ends")
            + " with whitespace"));
      }
    }
    boolean conventional = m.type() != null || m.subject() != null;
    if (!conventional) {
      problems.add(new Problem("header-format", "the header is not in the form `type(scope): subject`, e.g. `fix(parser): handle empty input`"));
    } else {
      if (m.type() == null) problems.add(new Problem("type-empty", "the header has no type before the colon"));
      if (m.subject() == null) problems.add(new Problem("subject-empty", "the subject after `" + typeAndScope(m) + ": ` is empty"));
    }
    if (m.type() != null && !TextCase.LOWER_CASE.matches(m.type())) {
      problems.add(new Problem("type-case", "the type \"" + Commits.shown(m.type()) + "\" must be lower-case"));
    }
    if (m.type() != null && !o.types().isEmpty() && !o.types().contains(m.type())) {
      problems.add(new Problem("type-enum", "the type \"" + Commits.shown(m.type()) + "\" is not one of " + Commits.list(o.types())));
    }
    if (m.scope() != null && !o.scopes().isEmpty() && !scopeAllowed(m.scope(), o.scopes())) {
      problems.add(new Problem("scope-enum", "the scope \"" + Commits.shown(m.scope()) + "\" is not one of " + Commits.list(o.scopes())));
    }
    if (o.requireScope() && conventional && m.scope() == null) {
      problems.add(new Problem("scope-empty", "the header has no scope, as in `" + (m.type() == null ? "type" : m.type()) + "(scope): ...`"));
    }
    if (m.subject() != null && startsWithCasedLetter(m.subject())) {
      List<String> matched = forbidden.stream().filter(c -> c.matches(m.subject())).map(TextCase::id).toList();
      if (!matched.isEmpty()) {
        problems.add(new Problem("subject-case", "the subject must not be " + String.join(" or ", matched)
            + (matched.contains("upper-case") ? "" : "; start it with a lower-case letter")));
      }
    }
    if (endsWithFullStop(header)) problems.add(new Problem("subject-full-stop", "the header ends with a full stop"));
    return problems;
  }

  private static String typeAndScope(ParsedMessage m) {
    String t = m.type() == null ? "" : m.type();
    return Commits.shown(m.scope() == null ? t : t + "(" + m.scope() + ")");
  }

  /** commitlint's scope-enum: the whole scope, or each part between delimiters, is allowed. */
  static boolean scopeAllowed(String scope, List<String> allowed) {
    if (allowed.contains(scope)) return true;
    return Arrays.stream(scope.split("/|\\\\|, ?", -1)).allMatch(allowed::contains);
  }

  // commitlint checks the case only of subjects that start with a letter that has case; its regex is
  // case-insensitive, so a character that case-folds to such a letter counts too
  private static boolean startsWithCasedLetter(String s) {
    int cp = s.codePointAt(0);
    return isCasedLetter(cp) || isCasedLetter(Character.toLowerCase(Character.toUpperCase(cp)));
  }

  private static boolean isCasedLetter(int cp) {
    int type = Character.getType(cp);
    return type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER || type == Character.TITLECASE_LETTER;
  }

  /** commitlint's subject-full-stop, which looks at the whole header: "." but not "...". */
  private static boolean endsWithFullStop(String header) {
    if (header == null || header.isEmpty()) return false;
    int colon = header.indexOf(':');
    if (colon > 0 && colon == header.length() - 1) return false;
    return header.endsWith(".") && !header.endsWith("...");
  }
}
