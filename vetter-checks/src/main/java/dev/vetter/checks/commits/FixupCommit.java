package dev.vetter.checks.commits;

import dev.vetter.change.Commit;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "commits/fixup",
    category = Category.COMMITS,
    severity = Severity.WARNING,
    summary = "A `fixup!`, `squash!` or `amend!` commit left in the change.",
    rationale = """
        `git commit --fixup`/`--squash` make commits meant to be folded into an earlier one by \
        `git rebase -i --autosquash` before merging. Left in, they put half-changes into the history, \
        and their header only repeats another commit's. commitlint skips them, so nothing else catches \
        them; on repositories that squash every pull request into one commit they do no harm, so this is \
        a warning.""",
    fix = """
        Fold them into their targets: `git rebase -i --autosquash <base>` (or set \
        `git config rebase.autoSquash true`), then force-push.""")
public final class FixupCommit implements ChangeCheck<NoOptions> {

  @Override
  public List<Finding> check(ChangeContext<NoOptions> change) {
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      String header = Commits.firstLine(commit.message());
      for (String kind : List.of("fixup!", "squash!", "amend!")) {
        if (header.startsWith(kind)) {
          findings.add(Commits.finding(change, commit, "fixup",
              "this " + kind + " commit should be folded into its target with `git rebase -i --autosquash` before merging"));
          break;
        }
      }
    }
    return findings;
  }
}
