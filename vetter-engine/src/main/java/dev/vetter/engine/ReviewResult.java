package dev.vetter.engine;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.policy.Policy;
import dev.vetter.policy.Waiver;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a review (or a scan of history) found. Findings outside the diff are counted at once but only listed
 * (fingerprinted, checked against suppressions and the baseline) when {@link #hidden()} is first asked for: a
 * linter run on whole files can report tens of thousands of them, and most reviews only show their number.
 */
public final class ReviewResult {
  private final Change change;
  private final Policy policy;
  private final List<Finding> findings;
  private final List<Finding> shadow;
  private final int hiddenCount;
  private final Supplier<List<Finding>> hiddenList;
  private volatile List<Finding> hidden;
  private final int suppressed;
  private final int baselined;
  private final List<Waived> waived;
  private final Stats stats;
  private final Map<String, Commit> introducedBy;

  /** How much work the review did. */
  public record Stats(int checks, int files, int invocations, int cacheHits, long millis) {}

  /** A finding inside the diff that a waiver of {@code .vetter/waivers.yml} waives: kept and reported, never posted, never failing. */
  public record Waived(Finding finding, Waiver waiver) {}

  /**
   * @param findings the reported findings (comment and block modes), sorted by path, line and rule
   * @param shadow the findings of rules in shadow mode that the diff filter, suppressions and baseline let through:
   *     counted, never posted, never failing
   * @param hiddenCount how many findings the diff filter left out (outside the changed lines)
   * @param hidden lists those of them that are neither suppressed nor baselined, when asked
   * @param suppressed reported findings silenced by {@code vetter:ignore}
   * @param baselined reported findings accepted by the baseline
   * @param waived reported findings waived by a waiver in force, with the waiver, sorted like {@code findings}
   * @param introducedBy for a scan of history, the commit that introduced each finding, by fingerprint; empty for a review
   */
  ReviewResult(Change change, Policy policy, List<Finding> findings, List<Finding> shadow, int hiddenCount, Supplier<List<Finding>> hidden,
      int suppressed, int baselined, List<Waived> waived, Stats stats, Map<String, Commit> introducedBy) {
    this.change = change;
    this.policy = policy;
    this.findings = List.copyOf(findings);
    this.shadow = List.copyOf(shadow);
    this.hiddenCount = hiddenCount;
    this.hiddenList = Objects.requireNonNull(hidden, "hidden == null");
    this.suppressed = suppressed;
    this.baselined = baselined;
    this.waived = List.copyOf(waived);
    this.stats = stats;
    this.introducedBy = Map.copyOf(introducedBy);
  }

  /** A result whose findings outside the diff are already listed (tests, summaries built by hand). */
  public ReviewResult(Change change, Policy policy, List<Finding> findings, List<Finding> hidden, int suppressed, int baselined, Stats stats) {
    this(change, policy, findings, List.of(), hidden.size(), () -> hidden, suppressed, baselined, List.of(), stats, Map.of());
  }

  /** A result with shadow findings too (tests, replays built by hand). */
  public ReviewResult(Change change, Policy policy, List<Finding> findings, List<Finding> shadow, List<Finding> hidden, int suppressed,
      int baselined, Stats stats) {
    this(change, policy, findings, shadow, hidden.size(), () -> hidden, suppressed, baselined, List.of(), stats, Map.of());
  }

  public Change change() {
    return change;
  }

  public Policy policy() {
    return policy;
  }

  /** The reported findings (rules in comment and block modes), sorted by path, line and rule. */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * The findings of rules in shadow mode, inside the diff and neither suppressed nor baselined, sorted like
   * {@link #findings}: recorded and counted, never posted and never failing the review.
   */
  public List<Finding> shadow() {
    return shadow;
  }

  /** How many findings the diff filter left out: the "outside the diff" of summaries. */
  public int hiddenCount() {
    return hiddenCount;
  }

  /**
   * The findings outside the diff that are neither suppressed nor baselined, with fingerprints (what
   * {@code --write-baseline} records besides the reported ones); worked out on first call.
   */
  public List<Finding> hidden() {
    List<Finding> h = hidden;
    if (h == null) {
      synchronized (this) {
        if (hidden == null) hidden = List.copyOf(hiddenList.get());
        h = hidden;
      }
    }
    return h;
  }

  /** Findings inside the diff silenced by {@code vetter:ignore}. */
  public int suppressed() {
    return suppressed;
  }

  /** Findings inside the diff accepted by the baseline. */
  public int baselined() {
    return baselined;
  }

  /**
   * The findings inside the diff that a waiver in force waives (shadow ones excepted), each with its waiver: not in
   * {@link #findings}, so never posted and never failing, but kept for reports (JSON {@code waived}, SARIF suppressions).
   */
  public List<Waived> waived() {
    return waived;
  }

  public Stats stats() {
    return stats;
  }

  /** The commit that introduced {@code f} (a scan of history), else empty. */
  public Optional<Commit> introducedBy(Finding f) {
    return f.fingerprint() == null ? Optional.empty() : Optional.ofNullable(introducedBy.get(f.fingerprint()));
  }

  /** True for the result of a scan of history ({@code vetter scan --history}) rather than a review of one change. */
  public boolean isHistory() {
    return change.kind() == Change.Kind.HISTORY;
  }

  /** True when a reported finding blocks: a rule in block mode, at or above the policy's fail severity. */
  public boolean failed() {
    Severity failOn = policy.failOn();
    return failOn != null && findings.stream().anyMatch(f -> f.blocks(failOn));
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
