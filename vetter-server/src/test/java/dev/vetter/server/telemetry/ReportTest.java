package dev.vetter.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.telemetry.Report.Outcomes;
import dev.vetter.server.telemetry.Report.RuleOutcomes;
import dev.vetter.server.telemetry.Report.Span;
import dev.vetter.server.telemetry.TelemetryData.Event;
import dev.vetter.server.telemetry.TelemetryData.Found;
import dev.vetter.server.telemetry.TelemetryData.PrKey;
import dev.vetter.server.telemetry.TelemetryData.Review;
import dev.vetter.server.webhook.TimelineEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's definitions (docs/metrics.md) on timelines worked out by hand. Times are minutes after T0. */
class ReportTest {
  static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  static final Instant SINCE = T0, UNTIL = T0.plusSeconds(86_400 * 30);

  final List<Event> events = new ArrayList<>();
  final List<Review> reviews = new ArrayList<>();

  static PrKey pr(long n) {
    return new PrKey("github", "octo/repo", n);
  }

  static long min(long m) {
    return T0.toEpochMilli() + m * 60_000;
  }

  void event(long n, Kind kind, long minute, String actor) {
    events.add(new Event(pr(n), kind, min(minute), actor, false, false, null));
  }

  void event(long n, Kind kind, long minute, String actor, boolean bot, boolean byAuthor, String head) {
    events.add(new Event(pr(n), kind, min(minute), actor, bot, byAuthor, head));
  }

  void review(long n, String head, long minute, Found... found) {
    reviews.add(new Review(pr(n), head, min(minute), min(minute), "vetter-bot", List.of(found)));
  }

  static Found posted(String fp, String rule) {
    return new Found(fp, rule, "comment");
  }

  static Found shadow(String fp, String rule) {
    return new Found(fp, rule, "shadow");
  }

  Report report() {
    events.sort(java.util.Comparator.comparingLong(Event::at));
    return Report.compute(new TelemetryData(events, reviews, Set.of("github/vetter-bot")), SINCE, UNTIL, null);
  }

  static Span phase(Report r, String name) {
    return r.phases().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void phasesOfOnePullRequest() {
    event(1, Kind.OPENED, 0, "alice", false, true, "a");
    event(1, Kind.COMMENTED, 30, "alice", false, true, null); // the author's own comment: no pickup
    event(1, Kind.COMMENTED, 60, "bob");
    event(1, Kind.APPROVED, 180, "carol");
    event(1, Kind.MERGED, 240, "alice", false, true, "a");
    Report r = report();
    assertThat(phase(r, "cycle")).extracting(Span::count, Span::medianSeconds).containsExactly(1, 240 * 60.0);
    assertThat(phase(r, "pickup").medianSeconds()).isEqualTo(60 * 60.0);
    assertThat(phase(r, "review").medianSeconds()).isEqualTo(120 * 60.0);
    assertThat(phase(r, "merge").medianSeconds()).isEqualTo(60 * 60.0);
    assertThat(r.pullRequests().merged()).isEqualTo(1);
    assertThat(r.pullRequests().mergedWithoutHumanReview()).isZero();
  }

  @Test
  void botsVetterAndTheAuthorNeverPickUpAPullRequest() {
    event(1, Kind.OPENED, 0, "alice");
    event(1, Kind.COMMENTED, 1, "vetter-bot"); // Vetter with a plain token: a User by GitHub's word, known from its reviews
    event(1, Kind.COMMENTED, 2, "dependabot[bot]", true, false, null);
    event(1, Kind.APPROVED, 3, "renovate[bot]", true, false, null);
    event(1, Kind.COMMENTED, 4, "alice", false, true, null);
    event(1, Kind.MERGED, 10, "alice");
    Report r = report();
    assertThat(phase(r, "pickup").count()).isZero();
    assertThat(phase(r, "review").count()).isZero();
    assertThat(phase(r, "merge").count()).as("a bot's approval is no approval").isZero();
    assertThat(r.pullRequests().mergedWithoutHumanReview()).isEqualTo(1);
    assertThat(r.pullRequests().mergedWithoutApproval()).isEqualTo(1);
  }

  @Test
  void aDraftIsPickedUpFromWhenItWasMarkedReady() {
    event(1, Kind.OPENED_DRAFT, 0, "alice");
    event(1, Kind.DRAFT, 5, "alice");
    event(1, Kind.READY, 100, "alice");
    event(1, Kind.DRAFT, 110, "alice");
    event(1, Kind.READY, 200, "alice"); // the first time it was ready counts
    event(1, Kind.COMMENTED, 130, "bob");
    event(1, Kind.MERGED, 300, "alice");
    Report r = report();
    assertThat(phase(r, "pickup").medianSeconds()).isEqualTo(30 * 60.0);
    assertThat(phase(r, "cycle").medianSeconds()).as("cycle time includes the draft time").isEqualTo(300 * 60.0);
  }

  @Test
  void negativeSpansAreCountedNotDropped() {
    event(1, Kind.OPENED, 100, "alice");
    event(1, Kind.COMMENTED, 50, "bob"); // a reviewer's clock, or an event older than the opening we saw
    event(2, Kind.OPENED, 0, "alice");
    event(2, Kind.COMMENTED, 10, "bob");
    Report r = report();
    assertThat(phase(r, "pickup")).extracting(Span::count, Span::negative, Span::medianSeconds).containsExactly(1, 1, 600.0);
  }

  @Test
  void medianAndP90OverSeveralPullRequests() {
    // pickup of 10, 20, ..., 100 minutes: median 55, p90 91 (linear interpolation, numpy's default)
    for (int n = 1; n <= 10; n++) {
      event(n, Kind.OPENED, 0, "alice");
      event(n, Kind.COMMENTED, n * 10L, "bob");
    }
    Span pickup = phase(report(), "pickup");
    assertThat(pickup.count()).isEqualTo(10);
    assertThat(pickup.medianSeconds()).isEqualTo(55 * 60.0);
    assertThat(pickup.p90Seconds()).isEqualTo(91 * 60.0);
  }

  @Test
  void aReopenedPullRequestIsOpenUntilItClosesAgain() {
    event(1, Kind.OPENED, 0, "alice");
    event(1, Kind.CLOSED, 10, "alice", false, true, "a");
    event(1, Kind.REOPENED, 20, "alice");
    review(1, "a", 5, posted("f1", "r/one"));
    Report r = report();
    assertThat(r.pullRequests().closed()).isZero();
    assertThat(r.posted().open()).isEqualTo(1);
  }

  @Test
  void findingOutcomesAcrossPushes() {
    // PR 1: f1 fixed at the second head, f2 still there at merge (ignored); merged at head b
    event(1, Kind.OPENED, 0, "alice");
    review(1, "a", 1, posted("f1", "r/one"), posted("f2", "r/two"), shadow("s1", "r/shadowed"));
    review(1, "b", 10, posted("f2", "r/two"));
    event(1, Kind.MERGED, 20, "alice", false, true, "b");
    // PR 2: closed unmerged with f3 still there (abandoned), f4 fixed before closing
    event(2, Kind.OPENED, 0, "alice");
    review(2, "c", 1, posted("f3", "r/one"), posted("f4", "r/one"));
    review(2, "d", 2, posted("f3", "r/one"));
    event(2, Kind.CLOSED, 30, "alice", false, true, "d");
    // PR 3: merged at a head Vetter never reviewed: unknown, not counted as fixed
    event(3, Kind.OPENED, 0, "alice");
    review(3, "e", 1, posted("f5", "r/one"));
    event(3, Kind.MERGED, 30, "alice", false, true, "f");
    Report r = report();
    Outcomes posted = r.posted();
    assertThat(posted.findings()).isEqualTo(5);
    assertThat(posted).extracting(Outcomes::fixed, Outcomes::ignored, Outcomes::abandoned, Outcomes::unknown, Outcomes::disputed)
        .containsExactly(2, 1, 1, 1, 0);
    assertThat(r.shadow()).extracting(Outcomes::findings, Outcomes::fixed).containsExactly(1, 1);
    // comment-to-merge: of posted findings on merged PRs with a known end (f1, f2), one was fixed
    assertThat(r.commentToMerge().part()).isEqualTo(1);
    assertThat(r.commentToMerge().whole()).isEqualTo(2);
    RuleOutcomes one = r.rules().stream().filter(x -> x.rule().equals("r/one") && !x.shadow()).findFirst().orElseThrow();
    assertThat(one.outcomes()).extracting(Outcomes::findings, Outcomes::fixed, Outcomes::abandoned, Outcomes::unknown).containsExactly(4, 2, 1, 1);
    // precision = fixed / (fixed + disputed + ignored) = 2/2; the Wilson interval of 2/2 is [0.34, 1]
    assertThat(one.outcomes().precision().part()).isEqualTo(2);
    assertThat(one.outcomes().precision().whole()).isEqualTo(2);
    assertThat(one.outcomes().precision().interval().low()).isBetween(0.342, 0.343);
    assertThat(one.outcomes().fixRate().whole()).as("fix rate counts abandoned findings too").isEqualTo(3);
    assertThat(r.rules()).extracting(RuleOutcomes::rule, RuleOutcomes::shadow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("r/one", false), org.assertj.core.groups.Tuple.tuple("r/two", false),
            org.assertj.core.groups.Tuple.tuple("r/shadowed", true));
  }

  @Test
  void aFindingThatComesBackIsNotFixed() {
    event(1, Kind.OPENED, 0, "alice");
    review(1, "a", 1, posted("f1", "r/one"));
    review(1, "b", 2);
    review(1, "c", 3, posted("f1", "r/one"));
    event(1, Kind.MERGED, 10, "alice", false, true, "c");
    assertThat(report().posted().ignored()).isEqualTo(1);
  }

  @Test
  void outcomesCountInThePeriodTheirPullRequestClosed() {
    event(1, Kind.OPENED, -100_000, "alice");
    review(1, "a", -99_000, posted("f1", "r/one"));
    event(1, Kind.MERGED, -90_000, "alice", false, true, "a"); // merged before the period: not counted
    event(2, Kind.OPENED, -100_000, "alice");
    review(2, "b", -99_000, posted("f2", "r/one"));
    event(2, Kind.MERGED, 10, "alice", false, true, "b"); // opened long before, merged in the period: counted
    Report r = report();
    assertThat(r.posted().findings()).isEqualTo(1);
    assertThat(r.pullRequests().merged()).isEqualTo(1);
    assertThat(r.pullRequests().opened()).isZero();
  }

  @Test
  void everyFormatCarriesTheCounts() {
    event(1, Kind.OPENED, 0, "alice");
    event(1, Kind.COMMENTED, 60, "bob");
    review(1, "a", 1, posted("f1", "r/one"));
    event(1, Kind.MERGED, 120, "alice", false, true, "a");
    Report r = report();
    assertThat(ReportOutput.write(r, "text")).contains("pickup", "60.0m", "r/one", "- 0/0");
    assertThat(ReportOutput.write(r, "markdown")).contains("| pickup | opened or ready for review | first human review | 1 | 60.0m | 60.0m | 0 |");
    assertThat(ReportOutput.write(r, "csv")).contains("phase,pickup,,median_seconds,3600\r\n", "rule,r/one,posted,ignored,1\r\n");
    assertThat(ReportOutput.write(r, "json")).contains("\"medianSeconds\" : 3600.0", "\"rule\" : \"r/one\"");
  }

  @Test
  void aFalsePositiveReportLeftInIsDisputedAndAFixWinsOverIt() {
    event(1, Kind.OPENED, 0, "alice", false, true, "a");
    review(1, "a", 1, posted("f1", "hygiene/tabs"), posted("f2", "hygiene/tabs"), posted("f3", "hygiene/tabs"));
    review(1, "b", 10, posted("f1", "hygiene/tabs"), posted("f3", "hygiene/tabs"));
    event(1, Kind.MERGED, 20, "alice", false, true, "b");
    // /vetter fp on f1 (left in) and f2 (fixed anyway); f3 left in without a report
    Set<String> disputed = Set.of(TelemetryData.disputeKey(pr(1), "f1"), TelemetryData.disputeKey(pr(1), "f2"));
    events.sort(java.util.Comparator.comparingLong(Event::at));
    Report r = Report.compute(new TelemetryData(events, reviews, Set.of("github/vetter-bot"), disputed), SINCE, UNTIL, null);
    Report.Outcomes o = r.posted();
    assertThat(o.disputed()).isEqualTo(1);
    assertThat(o.fixed()).isEqualTo(1);
    assertThat(o.ignored()).isEqualTo(1);
    assertThat(o.precision().part()).isEqualTo(1);
    assertThat(o.precision().whole()).isEqualTo(3);
  }
}
