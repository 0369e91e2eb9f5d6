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
import java.util.Locale;

@CheckInfo(
    id = "commits/wip",
    category = Category.COMMITS,
    severity = Severity.WARNING,
    summary = "A commit marked as work in progress (`WIP`, `[WIP]`, `work in progress`, `do not merge`, `DNM`).",
    rationale = """
        A work-in-progress commit says, in its own words, that it is not ready: it may not build, its \
        message describes nothing, and merged as is it stays in the history for good, where `git bisect` \
        and `git blame` readers trip over it.""",
    fix = """
        Finish the work, then squash the WIP commits into meaningful ones (`git rebase -i`, `squash` or \
        `fixup`) and force-push. If the pull request is not ready, mark it as a draft instead of marking \
        its commits.""",
    options = WipCommit.Options.class)
public final class WipCommit implements ChangeCheck<WipCommit.Options> {

  public record Options(
      @Doc("Markers that make a commit work in progress, matched case-insensitively as whole words at the start of the "
          + "header or of its Conventional Commits subject, bare or in `[...]` or `(...)`.")
      List<String> markers) {

    public Options() {
      this(List.of("WIP", "work in progress", "do not merge", "DNM"));
    }

    public Options {
      markers = Commits.nonBlank("markers", markers);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      String header = Js.trim(Commits.firstLine(commit.message()));
      String subject = header.isEmpty() ? null : ParsedMessage.parse(header).subject();
      for (String marker : change.options().markers()) {
        if (startsWith(header, marker) || subject != null && startsWith(Js.trim(subject), marker)) {
          findings.add(Commits.finding(change, commit, "wip", "it is marked as work in progress (\"" + Commits.shown(marker) + "\")"));
          break;
        }
      }
    }
    return findings;
  }

  /** Whether {@code text} starts with {@code marker} as a whole word, bare or in brackets or parentheses. */
  static boolean startsWith(String text, String marker) {
    String t = text.toLowerCase(Locale.ROOT);
    String m = marker.toLowerCase(Locale.ROOT);
    if (t.startsWith("[" + m + "]") || t.startsWith("(" + m + ")")) return true;
    if (!t.startsWith(m)) return false;
    if (t.length() == m.length()) return true;
    int next = t.codePointAt(m.length());
    return !Character.isLetterOrDigit(next) && next != '_';
  }
}
