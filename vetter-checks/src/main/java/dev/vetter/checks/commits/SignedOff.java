package dev.vetter.checks.commits;

import dev.vetter.change.Commit;
import dev.vetter.change.Person;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@CheckInfo(
    id = "commits/signed-off",
    category = Category.COMMITS,
    severity = Severity.ERROR,
    summary = "A commit without a `Signed-off-by:` trailer of its author (Developer Certificate of Origin); off unless `required: true`.",
    rationale = """
        Projects under the [Developer Certificate of Origin](https://developercertificate.org/) (the \
        Linux kernel, CNCF projects, ...) require every contributor to certify each commit with a \
        `Signed-off-by: Name <email>` line naming themselves. As the DCO GitHub app does, a sign-off \
        counts when its name and e-mail (ignoring case) are the commit's author's or committer's; merge \
        commits need none. Most projects do not use the DCO, so this rule reports nothing until its option \
        `required` is `true`.""",
    fix = """
        Sign off with `git commit -s` (or `--signoff`); for existing commits run \
        `git rebase --signoff <base>` and force-push. The name and e-mail come from `git config user.name` \
        and `user.email`, so they must match the commit's author.""",
    options = SignedOff.Options.class)
public final class SignedOff implements ChangeCheck<SignedOff.Options> {

  public record Options(
      @Doc("Whether every commit except merges must be signed off; the default `false` turns the rule off.")
      boolean required) {

    public Options() {
      this(false);
    }
  }

  // as the DCO app reads sign-offs: any line of the message, the key in any case
  private static final Pattern SIGN_OFF = Pattern.compile("^Signed-off-by: (" + Js.DOT + "*) <(" + Js.DOT + "*)>$",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  record SignOff(String name, String email) {
    @Override
    public String toString() {
      return name + " <" + email + ">";
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    if (!change.options().required()) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (Commit commit : change.change().commits()) {
      if (commit.isMerge()) continue;
      List<SignOff> signOffs = signOffs(commit.message());
      Person author = commit.author();
      String expected = Commits.shown(author.name() + " <" + author.email() + ">");
      if (signOffs.isEmpty()) {
        findings.add(Commits.finding(change, commit, "signed-off", "it has no `Signed-off-by: " + expected + "` line"));
      } else if (signOffs.stream().noneMatch(s -> matches(s, commit))) {
        String got = String.join(", ", signOffs.stream().map(s -> "\"" + Commits.shown(s.toString()) + "\"").toList());
        findings.add(Commits.finding(change, commit, "signed-off",
            "it is signed off by " + got + " but not by its author \"" + expected + "\""));
      }
    }
    return findings;
  }

  static List<SignOff> signOffs(String message) {
    List<SignOff> result = new ArrayList<>();
    Matcher m = SIGN_OFF.matcher(message);
    while (m.find()) result.add(new SignOff(m.group(1), m.group(2)));
    return result;
  }

  private static boolean matches(SignOff s, Commit commit) {
    String name = lower(s.name());
    String email = lower(s.email());
    return (name.equals(lower(commit.author().name())) || name.equals(lower(commit.committer().name())))
        && (email.equals(lower(commit.author().email())) || email.equals(lower(commit.committer().email())));
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
