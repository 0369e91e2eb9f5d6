package dev.vetter.checks.owners;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.List;

@CheckInfo(
    id = "owners/syntax",
    category = Category.OWNERSHIP,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    summary = "A CODEOWNERS line that GitHub or GitLab cannot read as intended.",
    rationale = """
        GitHub skips a CODEOWNERS line it cannot parse, silently: the files it was meant to protect \
        then merge without their owners' review. Negation (`!`), `***`, a lone trailing backslash, a \
        malformed section heading or an owner written where the path belongs are such lines.""",
    fix = """
        Rewrite the line as `pattern owner...`: `*.js @org/frontend`. List the paths that do have \
        owners instead of negating; use `*` within a directory and `**` across directories; write a \
        GitLab section heading as `[Name]`, `^[Name]` or `[Name][2]`, optionally followed by owners.""")
public final class CodeOwnersSyntax implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && CodeOwners.LOCATIONS.contains(file.path());
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    return CodeOwners.parse(file.head().text()).problems().stream()
        .filter(p -> p.kind() == CodeOwners.Problem.Kind.SYNTAX)
        .map(p -> file.finding(p.line(), p.message()).withColumn(p.column()))
        .toList();
  }
}
