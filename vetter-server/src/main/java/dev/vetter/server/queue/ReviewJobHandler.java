package dev.vetter.server.queue;

/**
 * Does the work of one review job: fetch the pull request from its forge, review it, post the result. Called by a
 * worker with a job it has claimed; its lease is extended in the background while this runs. One instance serves
 * all workers concurrently, so implementations must be thread-safe.
 *
 * <p>Contract: a job may run more than once (a worker can die after posting but before recording the outcome), so
 * whatever is posted must carry a marker the next run can find. Check {@link JobContext#stillCurrent()} right
 * before posting. An exception thrown here counts as {@link Outcome.Retry} with the exception as the error.
 */
@FunctionalInterface
public interface ReviewJobHandler {
  Outcome handle(Job job, JobContext context) throws Exception;
}
