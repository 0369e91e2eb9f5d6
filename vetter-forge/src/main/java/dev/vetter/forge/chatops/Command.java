package dev.vetter.forge.chatops;

import static java.util.Objects.requireNonNull;

import dev.vetter.policy.ChatOpsPolicy.Action;

/** One {@code /vetter} command as {@link CommandParser} read it from a comment. */
public sealed interface Command {
  /** The command's name as typed ({@code override}), for receipts and the audit log. */
  String name();

  /** {@code /vetter help}. */
  record Help() implements Command {
    public String name() {
      return "help";
    }
  }

  /** {@code /vetter recheck}: review the head again. */
  record Recheck() implements Command {
    public String name() {
      return "recheck";
    }
  }

  /** {@code /vetter explain RULE}. */
  record Explain(String rule) implements Command {
    public Explain {
      requireNonNull(rule, "rule == null");
    }

    public String name() {
      return "explain";
    }
  }

  /**
   * {@code /vetter fp [FINGERPRINT] [reason]}: the finding is a false positive. {@code fingerprint} is null when the
   * command is a reply to one of Vetter's inline comments (the finding is that comment's); {@code reason} may be empty.
   */
  record FalsePositive(String fingerprint, String reason) implements Command {
    public FalsePositive {
      requireNonNull(reason, "reason == null");
    }

    public String name() {
      return "fp";
    }
  }

  /** {@code /vetter waive RULE|FINGERPRINT --reason TEXT [--expires 30d]}: {@code target} is a rule id or a fingerprint. */
  record Waive(String target, String reason, int days) implements Command {
    public Waive {
      requireNonNull(target, "target == null");
      requireNonNull(reason, "reason == null");
      if (days < 1) throw new IllegalArgumentException("a waiver lasts at least a day, got " + days);
    }

    /** Whether {@link #target} is a fingerprint (hex) rather than a rule id. */
    public boolean byFingerprint() {
      return CommandParser.isFingerprint(target);
    }

    public String name() {
      return "waive";
    }
  }

  /** {@code /vetter override --reason TEXT}: pass the check on this head only. */
  record Override(String reason) implements Command {
    public Override {
      requireNonNull(reason, "reason == null");
    }

    public String name() {
      return "override";
    }
  }

  /** {@code /vetter undo}: withdraw the last override or waiver given on this pull request. */
  record Undo() implements Command {
    public String name() {
      return "undo";
    }
  }

  /** A {@code /vetter} line that is not a valid command; {@code problem} says why (answered with the help text). */
  record Invalid(String text, String problem) implements Command {
    public Invalid {
      requireNonNull(problem, "problem == null");
    }

    public String name() {
      return "invalid";
    }
  }

  /** What the policy must allow for this command; {@code blocking}: a waiver's finding fails the review. */
  static Action action(Command c, boolean blocking) {
    return switch (c) {
      case Help h -> Action.HELP;
      case Invalid i -> Action.HELP;
      case Recheck r -> Action.RECHECK;
      case Explain e -> Action.EXPLAIN;
      case FalsePositive f -> Action.FP;
      case Waive w -> blocking ? Action.WAIVE_BLOCKING : Action.WAIVE;
      case Override o -> Action.OVERRIDE;
      case Undo u -> Action.UNDO;
    };
  }
}
