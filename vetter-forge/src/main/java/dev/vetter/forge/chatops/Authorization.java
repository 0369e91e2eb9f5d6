package dev.vetter.forge.chatops;

import static java.util.Objects.requireNonNull;

import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Action;
import dev.vetter.policy.ChatOpsPolicy.Role;

/**
 * Whether a person may give a command: their {@link Role} on the forge (from its permission API; an unknown or failed
 * lookup is {@link Role#NONE}, so a failure refuses) against the least role the policy asks for the command's action.
 *
 * @param reason why not, in a sentence for the receipt; null when allowed
 */
public record Authorization(boolean allowed, Action action, Role required, Role actual, String reason) {
  public Authorization {
    requireNonNull(action, "action == null");
    requireNonNull(required, "required == null");
    requireNonNull(actual, "actual == null");
  }

  /** Decides {@code command} for a person with {@code role}; {@code blocking}: the finding a waiver names fails the review. */
  public static Authorization decide(ChatOpsPolicy policy, Command command, Role role, boolean blocking) {
    Action action = Command.action(command, blocking);
    Role required = policy.required(action);
    if (role.atLeast(required) && role != Role.NONE) return new Authorization(true, action, required, role, null);
    String what = action == Action.WAIVE_BLOCKING ? "waiving a finding that fails the review" : "/vetter " + command.name();
    String have = role == Role.NONE ? "no role Vetter could confirm" : "the " + role.id() + " role";
    return new Authorization(false, action, required, role,
        what + " needs the " + required.id() + " role or higher on this repository (policy key chatops.roles." + action.id() + "); you have " + have);
  }
}
