package dev.vetter.server.queue;

import dev.vetter.server.Log;
import dev.vetter.server.webhook.ReviewRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Periodically asks the forge for every open pull request and queues a review for each head that has no job: the
 * safety net for deliveries that were refused (database down → 503), lost, or never sent. Never revives finished
 * or dead jobs, so a sweep cannot start a retry storm. Safe to run in several processes at once.
 */
public final class Reconciler {
  private final JobQueue queue;
  private final OpenPullRequestSource source;
  private final boolean reviewDrafts;
  private final Counter enqueued;
  private final Counter errors;

  /** What one sweep did. */
  public record Sweep(int installations, int pullRequests, int enqueued, int errors) {}

  public Reconciler(JobQueue queue, OpenPullRequestSource source, boolean reviewDrafts, MeterRegistry metrics) {
    this.queue = queue;
    this.source = source;
    this.reviewDrafts = reviewDrafts;
    this.enqueued = Counter.builder("vetter.reconcile.enqueued").description("Reviews queued by the reconciler for heads that had no job").register(metrics);
    this.errors = Counter.builder("vetter.reconcile.errors").description("Installations or pull requests the reconciler could not sweep").register(metrics);
  }

  /** One pass over every installation; a failing installation is counted and the others still swept. */
  public Sweep sweep() {
    int installations = 0, prs = 0, queued = 0, failed = 0;
    java.util.List<String> all;
    try {
      all = source.installations();
    } catch (Exception e) {
      errors.increment();
      Log.warn("reconciler: cannot list installations: " + e);
      return new Sweep(0, 0, 0, 1);
    }
    for (String installation : all) {
      installations++;
      try {
        for (OpenPullRequestSource.OpenPullRequest pr : source.openPullRequests(installation)) {
          prs++;
          if (pr.draft() && !reviewDrafts) continue;
          ReviewRequest request = new ReviewRequest(pr.forge(), pr.installation(), pr.repository(), pr.number(), pr.headSha(), "reconcile", pr.draft(),
              false, pr.updatedAt(), null);
          if (queue.enqueueIfAbsent(request)) {
            queued++;
            enqueued.increment();
          }
        }
      } catch (Exception e) {
        failed++;
        errors.increment();
        Log.warn("reconciler: installation " + installation + ": " + e);
      }
    }
    if (queued > 0) Log.info("reconciler: queued " + queued + " review(s) for heads that had no job");
    return new Sweep(installations, prs, queued, failed);
  }
}
