package dev.vetter.forge.chatops;

import dev.vetter.engine.RuleInfo;
import dev.vetter.report.MarkdownText;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies Vetter posts to a command: who did what, on which commit, until when, and how to undo it. Each ends with
 * a hidden marker naming the comment it answers ({@code <!-- vetter:receipt comment=123 -->}), so a job run again finds
 * its reply instead of posting a second one.
 */
public final class Receipts {
  private static final Pattern MARKER = Pattern.compile("<!--\\s*vetter:receipt\\s+comment=([0-9A-Za-z_-]{1,64})\\s*-->");

  private Receipts() {}

  /** The marker that ends the reply to comment {@code commentId}. */
  public static String marker(String commentId) {
    return "<!-- vetter:receipt comment=" + commentId + " -->";
  }

  /** The comment id a receipt answers, when {@code body} is one. */
  public static Optional<String> answered(String body) {
    if (body == null) return Optional.empty();
    Matcher m = MARKER.matcher(body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The help text, with {@code problem} first when the command could not be read. */
  /** The answer to {@code /vetter explain RULE}: the rule's summary, why it matters and how to fix it. */
  public static String explanation(RuleInfo info) {
    return "**`" + info.id() + "`** (" + info.severity().id() + "): " + info.summary()
        + (info.rationale() == null || info.rationale().isBlank() ? "" : "\n\n" + info.rationale())
        + (info.fix() == null || info.fix().isBlank() ? "" : "\n\nFix: " + info.fix());
  }

  public static String help(String problem) {
    return (problem == null ? "" : "I could not read that command: " + MarkdownText.inline(problem) + ".\n\n") + """
        Vetter understands these commands, each at the start of a line of a comment on the pull request:

        | Command | What it does | Who may |
        |---|---|---|
        | `/vetter help` | this list | read |
        | `/vetter explain RULE` | what a rule checks and why | read |
        | `/vetter fp [reason]` | reply to one of Vetter's inline comments (or name its fingerprint first) to report a false positive | read |
        | `/vetter recheck` | review the current head again | write |
        | `/vetter waive RULE\\|FINGERPRINT --reason TEXT [--expires 30d]` | accept findings on this pull request, and get the `.vetter/waivers.yml` entry to commit | write; maintain for findings that fail the review |
        | `/vetter override --reason TEXT` | pass Vetter's check on this commit only (a new push clears it) | maintain |
        | `/vetter undo` | withdraw the last override or waiver given here | write |

        Roles are the repository's, as the forge reports them; the `chatops` key of `.vetter.yml` on the base branch can change who may.""";
  }

  public static String denied(String actor, String command, String reason) {
    return "@" + actor + ": `/vetter " + command + "` was not carried out: " + reason + ". Nothing was changed.";
  }

  public static String override(String actor, String sha, String reason) {
    return "@" + actor + " overrode Vetter's check on " + shortSha(sha) + ": " + MarkdownText.inline(reason) + "\n\n"
        + "It applies to this commit only: the next push is reviewed as usual. Undo: `/vetter undo`.";
  }

  public static String waived(String actor, String target, String sha, String reason, LocalDate until, String yaml) {
    return "@" + actor + " waived `" + target + "` on this pull request (given on " + shortSha(sha) + ") until " + until + ": "
        + MarkdownText.inline(reason) + "\n\n"
        + "To keep it beyond this pull request, commit this entry to `.vetter/waivers.yml` (it is reviewed like any change):\n\n"
        + MarkdownText.fence("yaml", yaml) + "\nUndo: `/vetter undo`.";
  }

  public static String falsePositive(String actor, String fingerprint, String rule) {
    return "Recorded @" + actor + "'s report that finding `" + fingerprint + "`" + (rule == null ? "" : " (`" + rule + "`)")
        + " is a false positive; it counts toward the rule's dispute rate. It does not waive the finding: "
        + "`/vetter waive " + fingerprint + " --reason ...` does.";
  }

  public static String recheck(String actor, String sha) {
    return "@" + actor + " asked for a new review of " + shortSha(sha) + "; it is queued.";
  }

  public static String undone(String actor, String what, String by, String sha) {
    return "@" + actor + " withdrew the " + what + " given by @" + by + " on " + shortSha(sha) + ".";
  }

  public static String nothingToUndo(String actor) {
    return "@" + actor + ": there is no override or waiver given on this pull request to undo.";
  }

  /** The {@code .vetter/waivers.yml} entry for a waiver given in a comment (a rule waiver names every path: narrow it). */
  public static String waiverEntry(String target, boolean byFingerprint, String owner, String reason, LocalDate created, LocalDate expires) {
    StringBuilder b = new StringBuilder("waivers:\n");
    if (byFingerprint) b.append("  - fingerprint: ").append(target).append('\n');
    else b.append("  - rule: ").append(target).append('\n').append("    path: \"**\"   # narrow to the files it should cover\n");
    b.append("    reason: accepted-risk   # or false-positive, wont-fix, test-code\n");
    b.append("    owner: ").append(yamlString(owner)).append('\n');
    b.append("    created: ").append(created).append('\n');
    b.append("    expires: ").append(expires).append('\n');
    b.append("    note: ").append(yamlString(reason)).append('\n');
    return b.toString();
  }

  private static String yamlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\p{Cntrl}]", " ") + "\"";
  }

  private static String shortSha(String sha) {
    return "`" + (sha.length() > 12 ? sha.substring(0, 12) : sha) + "`";
  }
}
