package dev.vetter.forge.chatops;

import dev.vetter.check.Glob;
import dev.vetter.policy.Waiver;
import dev.vetter.policy.Waivers;
import dev.vetter.report.MarkdownText;
import dev.vetter.review.ReviewSetup;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the overrides and waivers given in comments on a head ({@link Ledger#active}) do to its review: waivers join
 * those of {@code .vetter/waivers.yml} for this review only, an override passes a failing check, and the summary names
 * every one. Pure.
 */
public final class Grants {
  private Grants() {}

  /** {@code trusted} with the waivers in {@code grants} added to the file's. */
  public static ReviewSetup.Trusted withWaivers(ReviewSetup.Trusted trusted, List<AuditEntry> grants) {
    List<Waiver> added = new ArrayList<>();
    for (AuditEntry g : grants) {
      if (!"waive".equals(g.command()) || g.target() == null || g.expiresAt() == null) continue;
      LocalDate created = LocalDate.ofInstant(g.at(), ZoneOffset.UTC);
      LocalDate expires = LocalDate.ofInstant(g.expiresAt(), ZoneOffset.UTC);
      if (!expires.isAfter(created)) continue;
      boolean fingerprint = CommandParser.isFingerprint(g.target());
      added.add(new Waiver("/vetter waive by @" + g.actor() + " (comment " + g.commentId() + ")", 0, fingerprint ? g.target() : null,
          fingerprint ? null : g.target(), fingerprint ? null : Glob.compile("**"), Waiver.Reason.ACCEPTED_RISK, g.actor(), created, expires, g.reason()));
    }
    if (added.isEmpty()) return trusted;
    List<Waiver> all = new ArrayList<>(trusted.waivers().entries());
    all.addAll(added);
    return new ReviewSetup.Trusted(trusted.policy(), trusted.baseline(), new Waivers(all));
  }

  /** The latest override among {@code grants}, if any. */
  public static Optional<AuditEntry> override(List<AuditEntry> grants) {
    return grants.stream().filter(g -> "override".equals(g.command())).reduce((a, b) -> b);
  }

  /** A summary section naming each override and waiver in force, or "" when there is none. */
  public static String summary(List<AuditEntry> grants) {
    if (grants.isEmpty()) return "";
    StringBuilder b = new StringBuilder("\n\n### Overrides and waivers given in comments\n\n");
    for (AuditEntry g : grants) {
      b.append("- ").append("override".equals(g.command()) ? "**Override**" : "**Waiver** of `" + MarkdownText.inline(g.target()) + "`")
          .append(" by @").append(g.actor()).append(" on `").append(g.headSha().substring(0, Math.min(12, g.headSha().length()))).append('`');
      if (g.expiresAt() != null) b.append(", until ").append(LocalDate.ofInstant(g.expiresAt(), ZoneOffset.UTC));
      if (g.reason() != null) b.append(": ").append(MarkdownText.inline(g.reason()));
      b.append('\n');
    }
    b.append("\nThey apply to this commit only. `/vetter undo` withdraws the latest.");
    return b.toString();
  }
}
