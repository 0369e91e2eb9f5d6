package dev.vetter.forge.chatops;

import dev.vetter.engine.UserError;
import dev.vetter.forge.Marker;
import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Role;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import java.util.Optional;

/**
 * What a forge does for one command on one pull request: read, never decide. GitHub and GitLab each implement it; a
 * failed call throws (the command's job is then retried or ends, as the forge's failures do for reviews).
 */
public interface ChatForge {
  /** The pull request as it is now: its head is what a command binds to. */
  record PullRequest(String headSha, boolean open) {}

  PullRequest pullRequest();

  /** The ChatOps policy of {@code .vetter.yml} at the base (its defaults when the file says nothing). */
  ChatOpsPolicy policy();

  /**
   * The ChatOps policy {@code setup} reads at {@code base}; with a broken policy there, the defaults, which are the
   * strictest a policy could be expected to loosen.
   */
  static ChatOpsPolicy policyAt(ReviewSetup setup, TrustedFiles base) {
    try {
      return setup.policy(base).chatops();
    } catch (UserError e) {
      return ChatOpsPolicy.DEFAULTS;
    }
  }

  /** {@code user}'s role on the repository from the forge's permission API; {@link Role#NONE} when they have none. */
  Role role(String user);

  /** The marker of the Vetter comment {@code replyTo} names (a thread or discussion the command answers), if it is one. */
  Optional<Marker> finding(String replyTo);

  /** Whether Vetter already replied to comment {@code commentId} (its receipt carries the marker). */
  boolean replied(String commentId);

  /** Posts {@code body} as the reply to the command (in its thread where the forge has one). */
  void reply(String body);

  /** What rule {@code rule} checks, in Markdown, when Vetter knows the rule. */
  Optional<String> explain(String rule);
}
