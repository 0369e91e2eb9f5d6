package dev.vetter.checks.commits;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The messages commitlint skips unless {@code defaultIgnores: false} ({@code @commitlint/is-ignored}):
 * merges ("Merge pull request", "Merge branch x", "Merge x into y" on any line; "Merged ...",
 * "Merge remote-tracking branch", "Automatic merge", "Auto-merged x into y" at the start), git's
 * reverts and reapplies ("Revert ...", "Reapply ..."), autosquash commits ({@code fixup!},
 * {@code squash!}, {@code amend!}) and release commits whose first line is a semantic version,
 * optionally as {@code chore(release): v1.2.3} or with {@code [skip ci]}.
 */
final class DefaultIgnores {
  private DefaultIgnores() {}

  private static final String D = Js.DOT;
  // JavaScript's ^ and $ in multiline mode: at the ends of the input and around its line terminators
  // (Java's MULTILINE would also split at U+0085)
  private static final String BOL = "(?:\\A|(?<=[\\n\\r\\u2028\\u2029]))";
  private static final String EOL = "(?=[\\n\\r\\u2028\\u2029]|\\z)";
  private static final List<Pattern> WILDCARDS = List.of(
      // commitlint's only multi-line pattern: it matches on any line of the message
      Pattern.compile(BOL + "((Merge pull request)|(Merge (" + D + "*?) into (" + D + "*?)|(Merge branch (" + D + "*?)))(?:\\r?\\n)*" + EOL + ")"),
      Pattern.compile(BOL + "(Merge tag (" + D + "*?))(?:\\r?\\n)*" + EOL),
      Pattern.compile("^(R|r)evert (" + D + "*)"),
      Pattern.compile("^(R|r)eapply (" + D + "*)"),
      Pattern.compile("^(amend|fixup|squash)!"),
      Pattern.compile("^(Merged (" + D + "*?)(in|into) (" + D + "*)|Merged PR (" + D + "*): (" + D + "*))"),
      Pattern.compile("^Merge remote-tracking branch(" + Js.S + "*)(" + D + "*)"),
      Pattern.compile("^Automatic merge(" + D + "*)"),
      Pattern.compile("^Auto-merged (" + D + "*?) into (" + D + "*)"));

  private static final Pattern CHORE_PREFIX = Pattern.compile("^chore(\\([^)]+\\))?:");
  private static final Pattern SKIP_CI_BRACKETS = Pattern.compile("\\[(skip|ci)(-|" + Js.S + ")(ci|skip)\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern SKIP_CI_PARENS = Pattern.compile("\\((skip|ci)(-|" + Js.S + ")(ci|skip)\\)", Pattern.CASE_INSENSITIVE);
  private static final String NUMBER = "(0|[1-9][0-9]*)";
  private static final String PRERELEASE_ID = "(?:[0-9]*[a-zA-Z-][a-zA-Z0-9-]*|0|[1-9][0-9]*)";
  private static final Pattern SEMVER = Pattern.compile("^v?" + NUMBER + "\\." + NUMBER + "\\." + NUMBER
      + "(?:-(" + PRERELEASE_ID + "(?:\\." + PRERELEASE_ID + ")*))?(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))?\\z");
  private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9007199254740991L);

  /** Whether commitlint would skip {@code message} by its default ignores. */
  static boolean ignored(String message) {
    // commitlint matches the message without its trailing whitespace
    String m = Js.trimEnd(message);
    for (Pattern p : WILDCARDS) {
      if (p.matcher(m).find()) return true;
    }
    return isReleaseVersion(m);
  }

  private static boolean isReleaseVersion(String message) {
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    String stripped = CHORE_PREFIX.matcher(first).replaceFirst("");
    stripped = SKIP_CI_BRACKETS.matcher(stripped).replaceFirst("");
    stripped = Js.trim(SKIP_CI_PARENS.matcher(stripped).replaceFirst(""));
    // node-semver's valid(): at most 256 characters, strict grammar, each number a safe integer
    if (stripped.length() > 256) return false;
    var v = SEMVER.matcher(Js.trim(stripped));
    if (!v.find()) return false;
    for (int g = 1; g <= 3; g++) {
      if (new BigInteger(v.group(g)).compareTo(MAX_SAFE_INTEGER) > 0) return false;
    }
    return true;
  }
}
