package dev.vetter.engine;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.policy.Policy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a review found.
 *
 * @param findings the reported findings, sorted by path, line and rule
 * @param hidden findings the diff filter left out (outside the changed lines); kept for summaries
 * @param introducedBy for a scan of history, the commit that introduced each finding, by fingerprint; empty for a review
 */
public record ReviewResult(Change change, Policy policy, List<Finding> findings, List<Finding> hidden, int suppressed, int baselined, Stats stats,
    Map<String, Commit> introducedBy) {

  /** How much work the review did. */
  public record Stats(int checks, int files, int invocations, int cacheHits, long millis) {}

  public ReviewResult {
    findings = List.copyOf(findings);
    hidden = List.copyOf(hidden);
    introducedBy = Map.copyOf(introducedBy);
  }

  /** A review's result, whose findings have no commit of their own. */
  public ReviewResult(Change change, Policy policy, List<Finding> findings, List<Finding> hidden, int suppressed, int baselined, Stats stats) {
    this(change, policy, findings, hidden, suppressed, baselined, stats, Map.of());
  }

  /** The commit that introduced {@code f} (a scan of history), else empty. */
  public Optional<Commit> introducedBy(Finding f) {
    return f.fingerprint() == null ? Optional.empty() : Optional.ofNullable(introducedBy.get(f.fingerprint()));
  }

  /** True for the result of a scan of history ({@code vetter scan --history}) rather than a review of one change. */
  public boolean isHistory() {
    return change.kind() == Change.Kind.HISTORY;
  }

  /** True when a reported finding is at or above the policy's fail severity. */
  public boolean failed() {
    Severity failOn = policy.failOn();
    return failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
  }

  public Map<Severity, Integer> countBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) counts.put(s, 0);
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    return counts;
  }

  public Map<Category, Integer> countByCategory() {
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    findings.forEach(f -> counts.merge(f.category(), 1, Integer::sum));
    return counts;
  }
}
