package dev.vetter.checks.owners;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.List;

@CheckInfo(
    id = "owners/invalid-owner",
    category = Category.OWNERSHIP,
    severity = Severity.ERROR,
    summary = "A CODEOWNERS owner that is not @user, @org/team or an email address.",
    rationale = """
        An owner in no known form (`octocat` without `@`, `@org/`, `@a,`) matches no one, so the \
        paths it was meant to protect get no review from it; if it was the only owner, from no one.""",
    fix = """
        Write users as `@login`, teams as `@org/team-name` (GitLab: `@group/subgroup`) and people \
        by an email address their account has verified; separate owners with spaces. Whether the user \
        or team exists and has write access is checked by the forge, not here.""")
public final class InvalidOwner implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && CodeOwners.LOCATIONS.contains(file.path());
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    return CodeOwners.parse(file.head().text()).problems().stream()
        .filter(p -> p.kind() == CodeOwners.Problem.Kind.INVALID_OWNER)
        .map(p -> file.finding(p.line(), p.message()).withColumn(p.column()))
        .toList();
  }
}
