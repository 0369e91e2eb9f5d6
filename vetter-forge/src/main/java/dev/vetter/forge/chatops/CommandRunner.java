package dev.vetter.forge.chatops;

import static java.util.Objects.requireNonNull;

import dev.vetter.forge.Marker;
import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Action;
import dev.vetter.policy.ChatOpsPolicy.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Carries out one {@code /vetter} command: the same flow on every forge. Reads the command, asks the forge for the
 * pull request's head, the policy at the base and the commenter's role, decides, appends the decision to the audit
 * log, applies its effect and replies with a receipt. A job run again after its reply was posted does nothing; one run
 * again before that records nothing twice (the audit log keeps one row per comment) and replies once.
 */
public final class CommandRunner {
  /** What a comment carried, as the receiver stored it. */
  public record Incoming(String forge, String repository, long number, String commentId, String actor, String body, String replyTo) {
    public Incoming {
      requireNonNull(forge, "forge == null");
      requireNonNull(repository, "repository == null");
      requireNonNull(commentId, "commentId == null");
      requireNonNull(actor, "actor == null");
    }
  }

  /** What came of it, for the job's outcome and logs. */
  public record Result(String command, String result, String detail) {
    /** Whether the command did something: neither ignored nor already answered by an earlier run. */
    public boolean acted() {
      return !result.equals("done") && !result.equals("ignored");
    }

    @Override
    public String toString() {
      return command + " " + result + (detail == null ? "" : ": " + detail);
    }
  }

  private final Clock clock;

  public CommandRunner(Clock clock) {
    this.clock = requireNonNull(clock, "clock == null");
  }

  public Result run(Incoming in, ChatForge forge, Ledger ledger) {
    if (forge.replied(in.commentId())) return new Result("-", "done", "already answered");
    Optional<Command> parsed = CommandParser.parse(in.body());
    if (parsed.isEmpty()) return new Result("-", "ignored", "no command");
    Command command = parsed.get();
    ChatForge.PullRequest pr = forge.pullRequest();
    if (!pr.open()) return new Result(command.name(), "ignored", "the pull request is closed");
    ChatOpsPolicy policy = forge.policy();
    if (!policy.enabled()) return new Result(command.name(), "ignored", "chatops is disabled by the policy");
    Role role = forge.role(in.actor());
    Instant now = clock.instant();
    String sha = pr.headSha();

    // a false positive names its finding, or answers one of Vetter's inline comments
    if (command instanceof Command.FalsePositive fp && fp.fingerprint() == null) {
      Optional<Marker> m = in.replyTo() == null ? Optional.empty() : forge.finding(in.replyTo());
      command = m.<Command>map(marker -> new Command.FalsePositive(marker.fingerprint(), fp.reason()))
          .orElse(new Command.Invalid(in.body(), "/vetter fp answers one of Vetter's inline comments, or names a fingerprint: /vetter fp FINGERPRINT [reason]"));
    }
    AuditEntry undone = null;
    Authorization auth;
    if (command instanceof Command.Undo) {
      undone = ledger.active(sha, now).stream().reduce((a, b) -> b).orElse(null);
      // undoing needs what giving it needed: a writer cannot lift a maintainer's override by undoing it
      Action original = undone == null ? Action.UNDO : "override".equals(undone.command()) ? Action.OVERRIDE
          : ledger.blocking(undone.target()) ? Action.WAIVE_BLOCKING : Action.WAIVE;
      auth = Authorization.decide(policy, command, role, false);
      if (auth.allowed() && original != Action.UNDO) {
        Authorization again = Authorization.decide(policy, original == Action.OVERRIDE ? new Command.Override("-")
            : new Command.Waive(undone.target(), "-", 1), role, original == Action.WAIVE_BLOCKING);
        if (!again.allowed()) auth = again;
      }
    } else {
      boolean blocking = command instanceof Command.Waive w && ledger.blocking(w.target());
      auth = Authorization.decide(policy, command, role, blocking);
    }
    Entry entry = new Entry(in, now, role, sha);
    if (!auth.allowed()) {
      ledger.record(entry.of(command, AuditEntry.DENIED, auth.reason(), null, 0));
      reply(forge, in, Receipts.denied(in.actor(), command.name(), auth.reason()));
      return new Result(command.name(), AuditEntry.DENIED, auth.reason());
    }
    String body;
    switch (command) {
      case Command.Invalid i -> {
        ledger.record(entry.of(command, AuditEntry.INVALID, i.problem(), null, 0));
        body = Receipts.help(i.problem());
      }
      case Command.Help h -> body = Receipts.help(null);
      case Command.Explain e -> body = forge.explain(e.rule()).orElse("Vetter knows no rule `" + e.rule() + "`. `vetter rules` lists them.");
      case Command.Recheck r -> {
        ledger.record(entry.of(command, AuditEntry.ACCEPTED, null, null, 0));
        ledger.recheck(sha);
        body = Receipts.recheck(in.actor(), sha);
      }
      case Command.FalsePositive fp -> {
        ledger.record(entry.of(command, AuditEntry.ACCEPTED, null, null, 0));
        body = Receipts.falsePositive(in.actor(), fp.fingerprint(), ledger.ruleOf(fp.fingerprint()).orElse(null));
      }
      case Command.Override o -> {
        ledger.record(entry.of(command, AuditEntry.ACCEPTED, null, null, 0));
        ledger.recheck(sha);
        body = Receipts.override(in.actor(), sha, o.reason());
      }
      case Command.Waive w -> {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate until = today.plusDays(w.days());
        ledger.record(entry.of(command, AuditEntry.ACCEPTED, null, until.atStartOfDay(ZoneOffset.UTC).toInstant(), 0));
        ledger.recheck(sha);
        body = Receipts.waived(in.actor(), w.target(), sha, w.reason(), until,
            Receipts.waiverEntry(w.target(), w.byFingerprint(), in.actor(), w.reason(), today, until));
      }
      case Command.Undo u -> {
        if (undone == null) {
          ledger.record(entry.of(command, AuditEntry.INVALID, "nothing to undo", null, 0));
          body = Receipts.nothingToUndo(in.actor());
        } else {
          ledger.record(entry.of(command, AuditEntry.ACCEPTED, undone.command() + " #" + undone.id(), null, undone.id()));
          ledger.recheck(sha);
          body = Receipts.undone(in.actor(), undone.command() + (undone.target() == null ? "" : " of `" + undone.target() + "`"), undone.actor(),
              undone.headSha());
        }
      }
    }
    reply(forge, in, body);
    return new Result(command.name(), command instanceof Command.Invalid ? AuditEntry.INVALID : AuditEntry.ACCEPTED, null);
  }

  private static void reply(ChatForge forge, Incoming in, String body) {
    forge.reply(body + "\n\n" + Receipts.marker(in.commentId()));
  }

  /** The parts of an audit row every command shares. */
  private record Entry(Incoming in, Instant at, Role role, String sha) {
    AuditEntry of(Command c, String result, String detail, Instant expires, long undoes) {
      String target = switch (c) {
        case Command.Waive w -> w.target();
        case Command.FalsePositive f -> f.fingerprint();
        case Command.Explain e -> e.rule();
        case Command.Undo u -> undoes == 0 ? null : String.valueOf(undoes);
        default -> null;
      };
      String reason = switch (c) {
        case Command.Waive w -> w.reason();
        case Command.Override o -> o.reason();
        case Command.FalsePositive f -> f.reason().isEmpty() ? null : f.reason();
        default -> null;
      };
      return new AuditEntry(0, in.forge(), in.repository(), in.number(), at.truncatedTo(ChronoUnit.MILLIS), in.actor(), role.id(), c.name(), target,
          sha, reason, result, detail, expires, undoes, in.commentId());
    }
  }
}
