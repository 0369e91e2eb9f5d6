package dev.vetter.eval;

import dev.vetter.check.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay of merged pull requests found: each pull request's findings and time, the commits that could not
 * be replayed and why, and the figures made from them, overall and per rule. Immutable.
 *
 * @param repository the repository replayed, as the user named it
 * @param branch the branch whose first-parent history was replayed, as given ({@code HEAD} by default)
 * @param head the commit the branch pointed at
 * @param requested how many first-parent commits were asked for ({@code --last})
 * @param pullRequests the pull requests reviewed, newest first
 * @param skipped the commits among the last {@code requested} that were not reviewed, newest first
 * @param notes what the reader should know about the history (shorter than asked, shallow)
 * @param wallMillis the whole replay, from the walk to the last review
 * @param parallel how many pull requests were reviewed at a time
 * @param invocations check runs over all reviews
 * @param cacheHits check results taken from the cache instead
 */
public record ReplayReport(
    String repository,
    String branch,
    String head,
    int requested,
    List<PullRequest> pullRequests,
    List<Skipped> skipped,
    List<String> notes,
    long wallMillis,
    int parallel,
    int invocations,
    int cacheHits) {

  public ReplayReport {
    pullRequests = List.copyOf(pullRequests);
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  /**
   * A finding of a pull request: posted (a comment; {@code blocks} when it alone would have failed the pull request), or
   * in shadow (computed and counted, never posted, never failing).
   */
  public record Found(Finding finding, boolean blocks, boolean shadow) {
    public Found {
      if (shadow && blocks) throw new IllegalArgumentException("a shadow finding never fails a review");
    }

    public static Found posted(Finding f, boolean blocks) {
      return new Found(f, blocks, false);
    }

    public static Found inShadow(Finding f) {
      return new Found(f, false, true);
    }
  }

  /**
   * Where a pull request's time went.
   *
   * @param changeMillis working out the change (git's diff of the two trees, with rename detection and hunks)
   * @param policyMillis reading the policy and baseline at the base, and inferring the repository's conventions there
   * @param checksMillis the review proper: checks, suppressions, baseline and diff filter
   */
  public record Timing(long changeMillis, long policyMillis, long checksMillis) {
    public long totalMillis() {
      return changeMillis + policyMillis + checksMillis;
    }
  }

  /**
   * One merged pull request, as reviewed.
   *
   * @param commit the first-parent commit (the squash or merge commit)
   * @param parent its first parent, the base of the review
   * @param merge whether the commit is a merge (reviewed against its first parent all the same)
   * @param files the files the change touches
   * @param findings the posted findings, in the review's order
   * @param shadow the findings of rules in shadow mode, in the review's order
   * @param failed whether the review would have failed the pull request
   */
  public record PullRequest(String commit, String parent, String subject, boolean merge, int files, List<Found> findings, List<Found> shadow,
      boolean failed, Timing timing) {
    public PullRequest {
      findings = List.copyOf(findings);
      shadow = List.copyOf(shadow);
    }
  }

  /** A commit among those asked for that was not reviewed, and why (a root commit, a policy that does not load). */
  public record Skipped(String commit, String subject, String reason, boolean internalError) {}

  /**
   * One rule's figures over the replay.
   *
   * @param prs pull requests it posted at least one finding on
   * @param findings findings it posted
   * @param failedPrs pull requests where one of its findings would have failed the review
   * @param medianPerPr median of its findings per replayed pull request (all of them, the ones it was silent on too)
   * @param p90PerPr 90th percentile of the same
   * @param shadowPrs pull requests with at least one of its findings in shadow (counted apart, never in the above)
   * @param shadow its findings in shadow
   */
  public record RuleStats(String rule, int prs, int findings, int failedPrs, double medianPerPr, double p90PerPr, int shadowPrs, int shadow) {}

  /** Pull requests the replay would have failed. */
  public int failed() {
    return (int) pullRequests.stream().filter(PullRequest::failed).count();
  }

  /** The line a reader reads first: {@code would have failed K of N merged pull requests}. */
  public String headline() {
    int n = pullRequests.size();
    return "would have failed " + failed() + " of " + n + " merged pull request" + (n == 1 ? "" : "s");
  }

  public int findings() {
    return pullRequests.stream().mapToInt(p -> p.findings().size()).sum();
  }

  /** Findings in shadow: computed and counted, never posted. */
  public int shadow() {
    return pullRequests.stream().mapToInt(p -> p.shadow().size()).sum();
  }

  /** Findings per replayed pull request, one value per pull request (posted ones: shadow findings never count). */
  public List<Integer> findingsPerPr() {
    return pullRequests.stream().map(p -> p.findings().size()).toList();
  }

  /** Each pull request's time. */
  public List<Long> millisPerPr() {
    return pullRequests.stream().map(p -> p.timing().totalMillis()).toList();
  }

  /** The stages' time summed over the pull requests (change, policy, checks), the largest first. */
  public Map<String, Long> stageMillis() {
    long change = 0, policy = 0, checks = 0;
    for (PullRequest p : pullRequests) {
      change += p.timing().changeMillis();
      policy += p.timing().policyMillis();
      checks += p.timing().checksMillis();
    }
    Map<String, Long> stages = new LinkedHashMap<>();
    List<Map.Entry<String, Long>> list = new ArrayList<>(List.of(Map.entry("checks", checks), Map.entry("change", change), Map.entry("policy", policy)));
    list.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    list.forEach(e -> stages.put(e.getKey(), e.getValue()));
    return stages;
  }

  /** The slowest pull requests, at most {@code n}, the slowest first. */
  public List<PullRequest> slowest(int n) {
    return pullRequests.stream().sorted(Comparator.comparingLong((PullRequest p) -> p.timing().totalMillis()).reversed()).limit(n).toList();
  }

  /** Per rule, the rules that failed most pull requests first, then those that posted most, then those with most in shadow. */
  public List<RuleStats> rules() {
    int n = pullRequests.size();
    Map<String, int[]> perPr = new TreeMap<>(); // rule -> posted findings in each pull request, by index
    Map<String, int[]> shadowPerPr = new TreeMap<>();
    Map<String, Integer> failedPrs = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      PullRequest pr = pullRequests.get(i);
      Map<String, Boolean> blocked = new TreeMap<>();
      for (Found f : pr.findings()) {
        perPr.computeIfAbsent(f.finding().rule(), k -> new int[n])[i]++;
        if (f.blocks()) blocked.put(f.finding().rule(), true);
      }
      for (Found f : pr.shadow()) shadowPerPr.computeIfAbsent(f.finding().rule(), k -> new int[n])[i]++;
      blocked.keySet().forEach(r -> failedPrs.merge(r, 1, Integer::sum));
    }
    TreeMap<String, Boolean> all = new TreeMap<>();
    perPr.keySet().forEach(r -> all.put(r, true));
    shadowPerPr.keySet().forEach(r -> all.put(r, true));
    List<RuleStats> stats = new ArrayList<>();
    for (String rule : all.keySet()) {
      int[] counts = perPr.getOrDefault(rule, new int[n]);
      int[] shadowCounts = shadowPerPr.getOrDefault(rule, new int[n]);
      List<Integer> values = new ArrayList<>(n);
      int prs = 0, total = 0, shadowPrs = 0, shadowTotal = 0;
      for (int i = 0; i < n; i++) {
        values.add(counts[i]);
        if (counts[i] > 0) prs++;
        total += counts[i];
        if (shadowCounts[i] > 0) shadowPrs++;
        shadowTotal += shadowCounts[i];
      }
      stats.add(new RuleStats(rule, prs, total, failedPrs.getOrDefault(rule, 0), Percentile.median(values), Percentile.p90(values), shadowPrs, shadowTotal));
    }
    stats.sort(Comparator.comparingInt(RuleStats::failedPrs).reversed().thenComparing(Comparator.comparingInt(RuleStats::findings).reversed())
        .thenComparing(Comparator.comparingInt(RuleStats::shadow).reversed()).thenComparing(RuleStats::rule));
    return stats;
  }

  /** Whether a commit could not be replayed for a reason that is Vetter's fault (the others are the history's). */
  public boolean hadInternalErrors() {
    return skipped.stream().anyMatch(Skipped::internalError);
  }
}
