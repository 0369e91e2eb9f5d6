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
    id = "commits/header-length",
    category = Category.COMMITS,
    severity = Severity.ERROR,
    summary = "A commit header (the first line of the message) longer than the limit, 100 characters by default.",
    rationale = """
        The header is what `git log --oneline`, GitHub's commit lists, changelogs and e-mail subjects \
        show, and they cut it off when it is long. A short header forces a summary; details belong in the \
        body. The default limit is `@commitlint/config-conventional`'s `header-max-length` of 100, counted \
        as commitlint counts it (UTF-16 code units, so most emoji count as two).""",
    fix = """
        Shorten the header to a summary and move the details into the body, after a blank line: \
        `git commit --amend` for the last commit, `git rebase -i` and `reword` for older ones.""",
    options = HeaderLength.Options.class)
public final class HeaderLength implements ChangeCheck<HeaderLength.Options> {

  public record Options(
      @Doc("The longest allowed header, in UTF-16 code units as commitlint counts; at least 1.")
      int max,
      @Doc("Skip what commitlint skips by default: merge, revert and reapply commits, `fixup!`/`squash!`/`amend!` "
          + "commits, and release commits whose header is a version such as `v1.2.3`.")
      boolean defaultIgnores) {

    public Options() {
      this(100, true);
    }

    public Options {
      if (max < 1) throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      ParsedMessage m = Commits.linted(commit, change.options().defaultIgnores());
      if (m == null) continue;
      if (m.header() == null) {
        // commitlint fails header-max-length when there is no header at all
        findings.add(Commits.finding(change, commit, "header-max-length", "the message has no header: its first line is empty or a `gpg:` line"));
      } else if (m.header().length() > change.options().max()) {
        findings.add(Commits.finding(change, commit, "header-max-length",
            "the header is " + m.header().length() + " characters long; the limit is " + change.options().max()));
      }
    }
    return findings;
  }
}
