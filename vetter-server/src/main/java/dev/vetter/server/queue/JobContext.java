package dev.vetter.server.queue;

import dev.vetter.server.telemetry.ReviewRecord;

/** What a handler may ask the queue while it works on a job. One per claimed job; safe to call from any thread. */
public interface JobContext {
  /**
   * Whether this worker still owns the job and its head is still the one to review: false once a newer push
   * superseded it, or its lease was lost (the job may then be running elsewhere). Call it right before posting
   * anything; when it is false, post nothing and return {@link Outcome#skipped}. Reads the store each time and
   * throws an unchecked exception when the store cannot answer (the job is then retried, never posted blind).
   */
  boolean stillCurrent();

  /** The worker's id, as stored in the job's lease (useful in markers and logs). */
  String workerId();

  /**
   * Tells what the review posted, for the outcome telemetry (docs/metrics.md): call it once the result is posted,
   * then return {@link Outcome#done()}. It is stored with the job's outcome, in the same transaction, and only when the
   * job ends done; the last call wins.
   */
  default void posted(ReviewRecord review) {}

  /**
   * The ChatOps overrides and waivers in force for this job's head ({@code /vetter override}, {@code /vetter waive}
   * given on it, not undone, not expired), oldest first; empty where ChatOps is not set up. Reads the store.
   */
  default java.util.List<dev.vetter.forge.chatops.AuditEntry> grants() {
    return java.util.List.of();
  }
}
