package dev.vetter.server.telemetry;

import static java.util.Objects.requireNonNull;

import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.engine.ReviewResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a review posted, as the outcome telemetry keeps it: each finding's fingerprint and rule, the reported ones
 * (modes comment and block) and the shadow ones (computed, never posted). A handler hands it to
 * {@link dev.vetter.server.queue.JobContext#posted(ReviewRecord)} before returning done; the queue stores it with the
 * job's outcome, in the same transaction, so a retried job records it once.
 *
 * @param botLogin who Vetter is on the forge (its comments' author), so its own reviews never count as a person's
 * @param checksMillis how long the engine's checks took, the {@code checks} phase of the review
 */
public record ReviewRecord(String botLogin, List<FindingRecord> findings, long checksMillis) {
  /** One finding; {@code mode} is {@code comment}, {@code block} or {@code shadow}; {@code path} null and {@code line} 0 for a change-level one. */
  public record FindingRecord(String fingerprint, String rule, String category, String severity, String mode, String path, int line) {
    public FindingRecord {
      requireNonNull(fingerprint, "fingerprint == null");
      requireNonNull(rule, "rule == null");
      requireNonNull(mode, "mode == null");
    }
  }

  public ReviewRecord {
    findings = List.copyOf(findings);
  }

  /** The findings of {@code result}: the reported ones with their mode, then the shadow ones. */
  public static ReviewRecord of(String botLogin, ReviewResult result) {
    List<FindingRecord> all = new ArrayList<>();
    for (Finding f : result.findings()) all.add(record(f, f.mode() == null ? Mode.COMMENT.id() : f.mode().id()));
    for (Finding f : result.shadow()) all.add(record(f, Mode.SHADOW.id()));
    return new ReviewRecord(botLogin, all, result.stats() == null ? 0 : result.stats().millis());
  }

  private static FindingRecord record(Finding f, String mode) {
    return new FindingRecord(f.fingerprint() == null ? f.rule() + ":" + f.path() + ":" + f.line() : f.fingerprint(), f.rule(),
        f.category() == null ? null : f.category().id(), f.severity() == null ? null : f.severity().id(), mode, f.path(), f.line());
  }
}
