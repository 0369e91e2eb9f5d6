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
import java.util.regex.Pattern;

@CheckInfo(
    id = "commits/body-format",
    category = Category.COMMITS,
    severity = Severity.ERROR,
    summary = "A commit body or footer without a blank line before it (warning), or with lines over 100 characters (error).",
    rationale = """
        Git and every tool built on it take the first paragraph of a message as its subject, so a body \
        that follows the header without a blank line becomes part of the subject in `git log --oneline`, \
        `git format-patch` and GitHub. Footers (git trailers such as `Closes #12`, `Signed-off-by:` or \
        `BREAKING CHANGE:`) are only recognised as the last paragraph. Long lines are hard to read in \
        terminals and e-mail. This rule mirrors `@commitlint/config-conventional`: `body-leading-blank` and \
        `footer-leading-blank` are warnings, `body-max-line-length` and `footer-max-line-length` (100, \
        lines containing a URL exempt) are errors. A severity set in the policy applies to all four.""",
    fix = """
        Reword the commit (`git commit --amend`, or `git rebase -i` and `reword`): leave one blank line \
        after the header and one before the trailers, and wrap the body at about 72 characters. A long \
        URL may stay on a line of its own.""",
    options = BodyFormat.Options.class)
public final class BodyFormat implements ChangeCheck<BodyFormat.Options> {

  public record Options(
      @Doc("The longest allowed body and footer line, in UTF-16 code units; lines containing an http(s) URL are exempt. 0 turns the check off.")
      int maxLineLength,
      @Doc("Whether the body and the footer must each follow a blank line (reported as warnings).")
      boolean leadingBlank,
      @Doc("Skip what commitlint skips by default: merge, revert and reapply commits, `fixup!`/`squash!`/`amend!` "
          + "commits, and release commits whose header is a version such as `v1.2.3`.")
      boolean defaultIgnores) {

    public Options() {
      this(100, true, true);
    }

    public Options {
      if (maxLineLength < 0) throw new IllegalArgumentException("maxLineLength must be 0 (off) or more, got " + maxLineLength);
    }
  }

  // commitlint exempts any line with something URL-like, to stay cheap and lenient
  private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9_])https?://" + Js.NOT_S + "+");

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Options o = change.options();
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      ParsedMessage m = Commits.linted(commit, o.defaultIgnores());
      if (m == null) continue;
      String[] raw = Js.lines(m.raw());
      if (o.leadingBlank() && m.hasBody() && !(raw.length > 1 && raw[1].isEmpty())) {
        findings.add(Commits.finding(change, commit, "body-leading-blank", "there is no blank line between the header and the body")
            .withSeverity(Severity.WARNING));
      }
      if (o.leadingBlank() && m.hasFooter() && !footerLeadingBlank(raw, m.footer())) {
        String first = Js.lines(m.footer())[0];
        findings.add(Commits.finding(change, commit, "footer-leading-blank",
            "there is no blank line before the footer, which starts at \"" + Commits.shown(first) + "\"").withSeverity(Severity.WARNING));
      }
      if (o.maxLineLength() > 0 && m.hasBody()) lineLength(change, commit, raw, m.body(), "body", findings);
      if (o.maxLineLength() > 0 && m.hasFooter()) lineLength(change, commit, raw, m.footer(), "footer", findings);
    }
    return findings;
  }

  /**
   * commitlint's footer-leading-blank, quirks included: it looks for the footer's first line among the
   * message's lines and wants the line before it to be empty.
   */
  private static boolean footerLeadingBlank(String[] raw, String footer) {
    String first = Js.lines(footer)[0];
    int offset = -1;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i].equals(first)) {
        offset = i;
        break;
      }
    }
    // JavaScript's rawLines.slice(offset - 1)[0], where a negative start counts from the end
    int start = offset - 1 < 0 ? Math.max(raw.length + offset - 1, 0) : offset - 1;
    return start < raw.length && raw[start].isEmpty();
  }

  private void lineLength(ChangeContext<Options> change, Commit commit, String[] raw, String part, String name, List<Finding> findings) {
    int max = change.options().maxLineLength();
    int longest = 0;
    int count = 0;
    String first = null;
    for (String line : Js.lines(part)) {
      if (line.length() <= max || URL.matcher(line).find()) continue;
      if (first == null) first = line;
      count++;
      longest = Math.max(longest, line.length());
    }
    if (count == 0) return;
    int lineNo = indexOf(raw, first) + 1;
    String where = count == 1
        ? "line " + lineNo + " of the message (in the " + name + ") is " + longest + " characters long"
        : count + " lines of the " + name + " are longer than " + max + " characters, the first is line " + lineNo + " and the longest " + longest;
    findings.add(Commits.finding(change, commit, name + "-max-line-length", where + "; the limit is " + max + " (lines with a URL are exempt)"));
  }

  private static int indexOf(String[] lines, String line) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals(line)) return i;
    }
    return -1;
  }
}
