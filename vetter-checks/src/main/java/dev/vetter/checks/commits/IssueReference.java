package dev.vetter.checks.commits;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
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
    id = "commits/issue-reference",
    category = Category.COMMITS,
    severity = Severity.ERROR,
    summary = "A commit (or a whole change) that references no issue matching the configured pattern; off until `pattern` is set.",
    rationale = """
        Teams that track work in an issue tracker want each change linked to its ticket, so that the \
        history explains why something changed and the tracker shows what was done. Trackers differ \
        (`#123`, `JIRA-123`, a URL), so this rule reports nothing until its option `pattern` is set to a \
        regular expression (RE2 syntax) that an issue reference matches, e.g. `[A-Z]+-[0-9]+` or `#[0-9]+`. \
        Merge commits are not checked.""",
    fix = """
        Mention the issue in the commit message, e.g. in a footer `Refs: PROJ-123` or `Closes #123`: \
        `git commit --amend`, or `git rebase -i` and `reword` for older commits, then force-push.""",
    options = IssueReference.Options.class)
public final class IssueReference implements ChangeCheck<IssueReference.Options> {

  public record Options(
      @Doc("A regular expression (RE2 syntax) found somewhere in a message that references an issue, e.g. `[A-Z]+-[0-9]+`. "
          + "Empty (the default) turns the rule off.")
      String pattern,
      @Doc("`true`: every commit except merges must reference an issue; `false`: at least one commit of the change must.")
      boolean everyCommit) {

    public Options() {
      this("", true);
    }

    public Options {
      if (pattern == null) throw new IllegalArgumentException("pattern must be a string");
      compile(pattern);
    }
  }

  static Pattern compile(String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern is not a valid RE2 regular expression: " + e.getMessage());
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Options o = change.options();
    if (o.pattern().isEmpty()) return List.of();
    Pattern pattern = compile(o.pattern());
    List<Commit> commits = change.change().commits().stream().filter(c -> !c.isMerge()).toList();
    List<Commit> missing = commits.stream().filter(c -> !pattern.matcher(c.message()).find()).toList();
    if (o.everyCommit()) {
      List<Finding> findings = new ArrayList<>();
      for (Commit c : missing) {
        findings.add(Commits.finding(change, c, "issue-reference", "it references no issue (nothing matches `" + o.pattern() + "`)"));
      }
      return findings;
    }
    if (commits.isEmpty() || missing.size() < commits.size()) return List.of();
    return List.of(change.changeFinding("No commit of this change references an issue (nothing matches `" + o.pattern() + "`).")
        .withKey("issue-reference"));
  }
}
