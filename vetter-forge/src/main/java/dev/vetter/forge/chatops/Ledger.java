package dev.vetter.forge.chatops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What ChatOps keeps for one pull request: the audit log, and through it the overrides and waivers in force. The
 * server's store implements it; every method may throw an unchecked exception when the store cannot answer (the
 * command's job is then retried).
 */
public interface Ledger {
  /** Appends {@code entry}; a second entry for the same comment is not added, and the first one is returned. */
  AuditEntry record(AuditEntry entry);

  /** Overrides and waivers accepted for {@code headSha} that were not undone and, for waivers, have not expired at {@code now}. */
  List<AuditEntry> active(String headSha, Instant now);

  /** Whether the finding {@code target} (a fingerprint, or a rule's findings) fails the latest review; unknown counts as failing. */
  boolean blocking(String target);

  /** The rule of the finding with this fingerprint in the latest review, if it is known. */
  Optional<String> ruleOf(String fingerprint);

  /** Queues a new review of {@code headSha} (a recheck, or after an override or waiver changed what it should say). */
  void recheck(String headSha);
}
