package dev.vetter.server.queue;

import dev.vetter.server.telemetry.ReviewRecord;

import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.ReviewRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable queue of review jobs, keyed by (forge, repository, pull request, head SHA). Thread-safe; any number of
 * processes may share one (PostgreSQL). Every method throws an unchecked exception when the store cannot be reached.
 */
public interface JobQueue {
  /** What {@link #enqueue} did. */
  enum Enqueued {
    /** A new job. */
    CREATED,
    /** Merged into a job for the same head that is queued or running. */
    MERGED,
    /** A finished or superseded job for this head was queued again (a re-run, or the head became current again). */
    REQUEUED,
    /** This head was already reviewed (done, skipped or dead); nothing to do. */
    ALREADY_REVIEWED,
    /**
     * A late event: the pull request already has a newer head, so this one is kept as superseded (if it had no job)
     * and nothing else changes.
     */
    STALE
  }

  /**
   * Asks for a review of {@code request}'s head. Heads of one pull request are ordered by what the events say, never
   * by arrival: by the forge's {@link ReviewRequest#eventAt time}, and between equal times by a push's
   * {@link ReviewRequest#previousHead}. Queued and running jobs of heads known to be older are marked superseded; a
   * request for a head older than one already known is {@link Enqueued#STALE}. Heads whose order is unknown are left
   * alone: the handler compares each with the pull request's live head before reviewing.
   */
  Enqueued enqueue(ReviewRequest request);

  /**
   * Like {@link #enqueue}, but only when the head has no job at all (or only a superseded one): the reconciler's way,
   * which never revives finished or dead jobs. Returns whether a job was queued.
   */
  boolean enqueueIfAbsent(ReviewRequest request);

  /**
   * Claims the next job that is due, respecting the per-repository and per-installation caps, for {@code worker}
   * with a fresh lease; jobs whose lease expired are first put back (or parked dead at the attempt limit). No job is
   * ever held by two workers at once.
   */
  Optional<Job> claim(String worker);

  /** Extends the lease of a running job; false when the worker no longer holds it (superseded or reclaimed). */
  boolean heartbeat(long jobId, String worker);

  /** Whether {@code worker} still holds the job and it was not superseded. */
  boolean isCurrent(long jobId, String worker);

  /**
   * Records the outcome of a run. False when the worker no longer held the job (it was superseded or its lease was
   * reclaimed), in which case nothing changes.
   */
  boolean complete(long jobId, String worker, Outcome outcome);

  /**
   * Like {@link #complete(long, String, Outcome)}, and when the outcome is done, stores what the review posted
   * ({@code posted}, may be null) in the same transaction.
   */
  default boolean complete(long jobId, String worker, Outcome outcome, ReviewRecord posted) {
    return complete(jobId, worker, outcome);
  }

  /** The job for one head, if any. */
  Optional<JobView> find(Forge forge, String repository, long number, String headSha);

  /** Every job, oldest first (for tests and small installations; not paged). */
  List<JobView> list();

  /** Number of jobs in each state (absent states are 0). */
  Map<JobState, Long> counts();
}
