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
import java.util.List;

@CheckInfo(
    id = "commits/merge-commit",
    category = Category.COMMITS,
    severity = Severity.WARNING,
    summary = "A merge commit inside the change, for repositories that keep a linear history (off unless `allow: false`).",
    rationale = """
        Teams that keep a linear history (rebase-and-merge, or branch protection's "require linear \
        history") want a change to be a straight line of commits on top of its base: merges of the base \
        branch into a feature branch make the history harder to read, bisect and revert. Many teams merge \
        freely, so this rule reports nothing until its option `allow` is set to `false`.""",
    fix = """
        Rebase the branch onto its base instead of merging the base into it: \
        `git fetch origin && git rebase origin/main`, then force-push. `git pull --rebase` (or \
        `git config pull.rebase true`) avoids new merge commits.""",
    options = MergeCommit.Options.class)
public final class MergeCommit implements ChangeCheck<MergeCommit.Options> {

  public record Options(
      @Doc("Whether merge commits are allowed; the default `true` turns the rule off, `false` reports every merge commit.")
      boolean allow) {

    public Options() {
      this(true);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    if (change.options().allow()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      if (commit.isMerge()) {
        findings.add(Commits.finding(change, commit, "merge",
            "it is a merge commit (" + commit.parents().size() + " parents); rebase onto the base branch instead"));
      }
    }
    return findings;
  }
}
