package dev.vetter.policy;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may give which {@code /vetter} command ({@code chatops:} in {@code .vetter.yml}, read at the base like the rest
 * of the policy): for each action, the least {@link Role} on the forge that may take it. Roles come from the forge's
 * permission API, never from what a webhook payload says of the commenter.
 *
 * @param enabled false: commands are ignored (no reply)
 * @param minimum the least role per action; actions not named keep their {@link #DEFAULTS default}
 */
public record ChatOpsPolicy(boolean enabled, Map<Action, Role> minimum) {
  /** Anyone who can read: help, explain, fp; write: recheck, waive non-blocking, undo; maintain: waive blocking, override. */
  public static final ChatOpsPolicy DEFAULTS = new ChatOpsPolicy(true, Map.of(
      Action.HELP, Role.READ, Action.EXPLAIN, Role.READ, Action.FP, Role.READ, Action.RECHECK, Role.WRITE, Action.WAIVE, Role.WRITE,
      Action.WAIVE_BLOCKING, Role.MAINTAIN, Action.OVERRIDE, Role.MAINTAIN, Action.UNDO, Role.WRITE));

  public ChatOpsPolicy {
    EnumMap<Action, Role> all = new EnumMap<>(Action.class);
    if (DEFAULTS != null) all.putAll(DEFAULTS.minimum);
    all.putAll(requireNonNull(minimum, "minimum == null"));
    for (Action a : Action.values()) if (!all.containsKey(a)) throw new IllegalArgumentException("no role for " + a.id());
    minimum = Map.copyOf(all);
  }

  /** The least role that may take {@code action}. */
  public Role required(Action action) {
    return minimum.get(action);
  }

  /** A permission level on the forge, lowest first. GitHub's {@code role_name}s; GitLab's access levels map onto them. */
  public enum Role {
    NONE, READ, TRIAGE, WRITE, MAINTAIN, ADMIN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
      return compareTo(other) >= 0;
    }

    public static List<String> ids() {
      return Arrays.stream(values()).filter(r -> r != NONE).map(Role::id).toList();
    }

    public static Role parse(String id) {
      for (Role r : values()) if (r != NONE && r.id().equals(id)) return r;
      throw new IllegalArgumentException("unknown role '" + id + "', allowed values: " + ids());
    }
  }

  /** What a command does, as the policy names it ({@code waive-blocking}: waive a finding that fails the review). */
  public enum Action {
    HELP, EXPLAIN, FP, RECHECK, WAIVE, WAIVE_BLOCKING, OVERRIDE, UNDO;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<String> ids() {
      return Arrays.stream(values()).map(Action::id).toList();
    }

    public static Action parse(String id) {
      for (Action a : values()) if (a.id().equals(id)) return a;
      throw new IllegalArgumentException("unknown action '" + id + "', allowed values: " + ids());
    }
  }
}
