package dev.vetter.forge.chatops;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the append-only audit log: who gave which command, when, on which head, why, and what came of it.
 *
 * @param id the row's id once stored (0 before)
 * @param role the role the forge reported for {@code actor} ({@code none} when it could not be confirmed)
 * @param command {@code override}, {@code waive}, {@code fp}, {@code recheck}, {@code undo}, {@code explain},
 *     {@code help} or {@code invalid}
 * @param target what it names: a rule or fingerprint (waive, fp, explain), the undone row's id (undo); null otherwise
 * @param headSha the pull request's head when the command was carried out: overrides and waivers apply to it only
 * @param result {@code accepted}, {@code denied} or {@code invalid}
 * @param detail why it was denied or invalid, or what it did; null when nothing to add
 * @param expiresAt when a waiver stops applying; null for everything else
 * @param undoes for an undo, the id of the row it withdraws; else 0
 * @param commentId the comment that carried the command: one row per comment, so a job run again records nothing twice
 */
public record AuditEntry(long id, String forge, String repository, long number, Instant at, String actor, String role, String command,
    String target, String headSha, String reason, String result, String detail, Instant expiresAt, long undoes, String commentId) {
  public static final String ACCEPTED = "accepted", DENIED = "denied", INVALID = "invalid";

  public AuditEntry {
    requireNonNull(forge, "forge == null");
    requireNonNull(repository, "repository == null");
    requireNonNull(at, "at == null");
    requireNonNull(actor, "actor == null");
    requireNonNull(command, "command == null");
    requireNonNull(result, "result == null");
    requireNonNull(commentId, "commentId == null");
  }

  public boolean accepted() {
    return ACCEPTED.equals(result);
  }

  /** The same row as stored under {@code id}. */
  public AuditEntry withId(long newId) {
    return new AuditEntry(newId, forge, repository, number, at, actor, role, command, target, headSha, reason, result, detail, expiresAt, undoes,
        commentId);
  }
}
