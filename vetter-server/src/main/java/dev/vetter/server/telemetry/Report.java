package dev.vetter.server.telemetry;

import dev.vetter.eval.Percentile;
import dev.vetter.eval.Wilson;
import dev.vetter.server.telemetry.TelemetryData.Event;
import dev.vetter.server.telemetry.TelemetryData.Found;
import dev.vetter.server.telemetry.TelemetryData.PrKey;
import dev.vetter.server.telemetry.TelemetryData.Review;
import dev.vetter.server.webhook.TimelineEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of {@code vetter report}, computed from {@link TelemetryData} for the period {@code [since, until)}. Every
 * definition is in docs/metrics.md; in short, a span counts in the period in which it ends, a finding's outcome in the
 * period in which its pull request closed, and every figure carries its count.
 *
 * @param repository the repository the report is limited to, or null for all
 */
public record Report(
    Instant since, Instant until, String repository, PullRequests pullRequests, List<Span> phases, Ratio commentToMerge,
    Outcomes posted, Outcomes shadow, List<RuleOutcomes> rules) {

  /** Pull requests whose life ended (merged or closed) in the period, and those merged without a person's review. */
  public record PullRequests(int opened, int merged, int closed, int mergedWithoutHumanReview, int mergedWithoutApproval, int withoutOpenedEvent) {}

  /**
   * A phase's durations, in seconds, over the pull requests where it ended in the period.
   *
   * @param negative spans that ended before they started (clock skew, events out of order): counted here, left out of
   *     the percentiles
   */
  public record Span(String name, String from, String to, int count, double medianSeconds, double p90Seconds, int negative) {}

  /** {@code part} of {@code whole}, with its Wilson 95% interval. */
  public record Ratio(int part, int whole, Wilson interval) {
    static Ratio of(int part, int whole) {
      return new Ratio(part, whole, Wilson.of(part, whole));
    }
  }

  /** What became of findings; disputed counts {@code /vetter fp} reports, waived stays 0 until waivers are read. */
  public record Outcomes(int findings, int fixed, int ignored, int abandoned, int disputed, int waived, int open, int unknown) {
    /** fixed / (fixed + disputed + ignored): how often a finding was acted on where it was seen through to the end. */
    public Ratio precision() {
      return Ratio.of(fixed, fixed + disputed + ignored);
    }

    /** fixed / every finding whose pull request closed (fixed, ignored, abandoned, disputed, waived). */
    public Ratio fixRate() {
      return Ratio.of(fixed, fixed + ignored + abandoned + disputed + waived);
    }

    Outcomes plus(FindingOutcome o) {
      return new Outcomes(findings + 1, fixed + (o == FindingOutcome.FIXED ? 1 : 0), ignored + (o == FindingOutcome.IGNORED ? 1 : 0),
          abandoned + (o == FindingOutcome.ABANDONED ? 1 : 0), disputed + (o == FindingOutcome.DISPUTED ? 1 : 0), waived,
          open + (o == FindingOutcome.OPEN ? 1 : 0),
          unknown + (o == FindingOutcome.UNKNOWN ? 1 : 0));
    }

    static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** One rule's outcomes, posted ({@code shadow} false) or shadow. */
  public record RuleOutcomes(String rule, boolean shadow, Outcomes outcomes) {}

  /** What became of one finding. */
  public enum FindingOutcome {
    /** Gone at the head the pull request closed or merged at (a later head than the one it was found on). */
    FIXED,
    /** Still there when the pull request merged. */
    IGNORED,
    /** Still there when the pull request was closed without merging. */
    ABANDONED,
    /** Still there when the pull request closed, and reported as a false positive with {@code /vetter fp}. */
    DISPUTED,
    /** The pull request is still open. */
    OPEN,
    /** The pull request closed at a head Vetter did not review, so whether the finding was still there is not known. */
    UNKNOWN
  }

  private static final String[][] PHASES = {
    {"cycle", "opened", "merged"},
    {"pickup", "opened or ready for review", "first human review"},
    {"review", "first human review", "first approval"},
    {"merge", "first approval", "merged"},
  };

  /** Computes the report of {@code data} for {@code [since, until)}. */
  public static Report compute(TelemetryData data, Instant since, Instant until, String repository) {
    long from = since.toEpochMilli(), to = until.toEpochMilli();
    Map<PrKey, List<Event>> timelines = new LinkedHashMap<>();
    for (Event e : data.events()) timelines.computeIfAbsent(e.pr(), k -> new ArrayList<>()).add(e);
    Map<PrKey, List<Review>> reviews = new LinkedHashMap<>();
    for (Review r : data.reviews()) reviews.computeIfAbsent(r.pr(), k -> new ArrayList<>()).add(r);

    Map<String, List<Double>> spans = new LinkedHashMap<>();
    Map<String, Integer> negative = new HashMap<>();
    for (String[] p : PHASES) spans.put(p[0], new ArrayList<>());
    int opened = 0, merged = 0, closed = 0, withoutReview = 0, withoutApproval = 0, withoutOpened = 0;
    Map<PrKey, Life> lives = new HashMap<>();
    for (Map.Entry<PrKey, List<Event>> t : timelines.entrySet()) {
      Life life = Life.of(t.getValue(), data);
      lives.put(t.getKey(), life);
      if (in(life.opened, from, to)) opened++;
      if (life.state == Kind.CLOSED && in(life.closedAt, from, to)) closed++;
      if (life.state == Kind.MERGED && in(life.closedAt, from, to)) {
        merged++;
        if (life.firstReview == null) withoutReview++;
        if (life.firstApproval == null) withoutApproval++;
        if (life.opened == null) withoutOpened++;
        span(spans, negative, "cycle", life.opened, life.closedAt);
        span(spans, negative, "merge", life.firstApproval, life.closedAt);
      }
      if (in(life.firstReview, from, to)) span(spans, negative, "pickup", life.ready, life.firstReview);
      if (in(life.firstApproval, from, to)) span(spans, negative, "review", life.firstReview, life.firstApproval);
    }
    List<Span> phases = new ArrayList<>();
    for (String[] p : PHASES) {
      List<Double> s = spans.get(p[0]);
      phases.add(new Span(p[0], p[1], p[2], s.size(), Percentile.median(s), Percentile.p90(s), negative.getOrDefault(p[0], 0)));
    }

    Outcomes posted = Outcomes.NONE, shadow = Outcomes.NONE;
    int fixedBeforeMerge = 0, postedOnMerged = 0;
    Map<String, Outcomes> perRule = new TreeMap<>();
    for (Map.Entry<PrKey, List<Review>> e : reviews.entrySet()) {
      Life life = lives.getOrDefault(e.getKey(), Life.UNKNOWN);
      for (Map.Entry<String, Classified> f : classify(e.getValue(), life, e.getKey(), data.disputed()).entrySet()) {
        Classified c = f.getValue();
        // decided findings count when their pull request closed; open ones when first posted
        long when = c.outcome == FindingOutcome.OPEN ? c.firstSeen : life.closedAt == null ? c.firstSeen : life.closedAt;
        if (!in(when, from, to)) continue;
        if (c.found.shadow()) shadow = shadow.plus(c.outcome);
        else posted = posted.plus(c.outcome);
        perRule.merge((c.found.shadow() ? "1" : "0") + c.found.rule(), Outcomes.NONE.plus(c.outcome), Report::add);
        if (!c.found.shadow() && life.state == Kind.MERGED && (c.outcome == FindingOutcome.FIXED || c.outcome == FindingOutcome.IGNORED)) {
          postedOnMerged++;
          if (c.outcome == FindingOutcome.FIXED) fixedBeforeMerge++;
        }
      }
    }
    List<RuleOutcomes> rules = new ArrayList<>();
    for (Map.Entry<String, Outcomes> r : perRule.entrySet()) {
      rules.add(new RuleOutcomes(r.getKey().substring(1), r.getKey().charAt(0) == '1', r.getValue()));
    }
    return new Report(since, until, repository, new PullRequests(opened, merged, closed, withoutReview, withoutApproval, withoutOpened), phases,
        Ratio.of(fixedBeforeMerge, postedOnMerged), posted, shadow, rules);
  }

  private static Outcomes add(Outcomes a, Outcomes b) {
    return new Outcomes(a.findings() + b.findings(), a.fixed() + b.fixed(), a.ignored() + b.ignored(), a.abandoned() + b.abandoned(),
        a.disputed() + b.disputed(), a.waived() + b.waived(), a.open() + b.open(), a.unknown() + b.unknown());
  }

  private static boolean in(Long at, long from, long to) {
    return at != null && at >= from && at < to;
  }

  private static void span(Map<String, List<Double>> spans, Map<String, Integer> negative, String name, Long start, Long end) {
    if (start == null || end == null) return;
    if (end < start) negative.merge(name, 1, Integer::sum);
    else spans.get(name).add((end - start) / 1000.0);
  }

  /** A finding of a pull request with its outcome. */
  private record Classified(Found found, long firstSeen, FindingOutcome outcome) {}

  /**
   * Every finding Vetter reported on one pull request (by fingerprint, with the mode of its latest review), with its
   * outcome: compared at the head the pull request closed at, or for an open one, left open.
   */
  private static Map<String, Classified> classify(List<Review> reviews, Life life, PrKey pr, java.util.Set<String> disputed) {
    Map<String, Classified> all = new LinkedHashMap<>();
    Map<String, Review> byHead = new HashMap<>();
    Review latest = null;
    for (Review r : reviews) {
      byHead.put(r.headSha(), r);
      if (latest == null || r.reviewedAt() >= latest.reviewedAt()) latest = r;
      for (Found f : r.findings()) {
        Classified before = all.get(f.fingerprint());
        all.put(f.fingerprint(), new Classified(f, before == null ? r.reviewedAt() : before.firstSeen(), null));
      }
    }
    Review last = life.state == Kind.MERGED || life.state == Kind.CLOSED
        ? (life.closedHead == null ? latest : byHead.get(life.closedHead))
        : latest;
    java.util.Set<String> present = new java.util.HashSet<>();
    if (last != null) for (Found f : last.findings()) present.add(f.fingerprint());
    Map<String, Classified> out = new LinkedHashMap<>();
    for (Map.Entry<String, Classified> e : all.entrySet()) {
      FindingOutcome o;
      if (life.state != Kind.MERGED && life.state != Kind.CLOSED) o = FindingOutcome.OPEN;
      else if (last == null) o = FindingOutcome.UNKNOWN;
      else if (!present.contains(e.getKey())) o = FindingOutcome.FIXED;
      // reported as a false positive and left in: disputed, not ignored (a fix wins over a dispute)
      else if (disputed.contains(TelemetryData.disputeKey(pr, e.getKey()))) o = FindingOutcome.DISPUTED;
      else o = life.state == Kind.MERGED ? FindingOutcome.IGNORED : FindingOutcome.ABANDONED;
      out.put(e.getKey(), new Classified(e.getValue().found(), e.getValue().firstSeen(), o));
    }
    return out;
  }

  /**
   * One pull request's life read from its timeline (events in time order): when it opened and became ready, its first
   * review and approval by a person (never a bot, Vetter or the author), and how it ended.
   *
   * @param state MERGED, CLOSED, or null while open (a reopen after a close makes it open again)
   */
  record Life(Long opened, Long ready, Long firstReview, Long firstApproval, Kind state, Long closedAt, String closedHead) {
    static final Life UNKNOWN = new Life(null, null, null, null, null, null, null);

    static Life of(List<Event> events, TelemetryData data) {
      Long opened = null, ready = null, review = null, approval = null, closedAt = null;
      boolean draft = false;
      Kind state = null;
      String closedHead = null;
      for (Event e : events) {
        switch (e.kind()) {
          case OPENED, OPENED_DRAFT -> {
            if (opened == null) {
              opened = e.at();
              draft = e.kind() == Kind.OPENED_DRAFT;
              if (!draft) ready = e.at();
            }
          }
          case READY -> {
            if (ready == null) ready = e.at();
          }
          case MERGED, CLOSED -> {
            state = e.kind();
            closedAt = e.at();
            closedHead = e.headSha();
          }
          case REOPENED -> {
            state = null;
            closedAt = null;
            closedHead = null;
          }
          default -> {
            if (e.kind().isReview() && isPerson(e, data)) {
              if (review == null) review = e.at();
              if (e.kind() == Kind.APPROVED && approval == null) approval = e.at();
            }
          }
        }
      }
      return new Life(opened, ready, review, approval, state, closedAt, closedHead);
    }

    /** A review or comment by a person other than the author: bots by the forge's word, and Vetter's own account, never count. */
    private static boolean isPerson(Event e, TelemetryData data) {
      return !e.actorBot() && !e.byAuthor() && e.actor() != null && !data.isVetter(e.pr().forge(), e.actor());
    }
  }
}
