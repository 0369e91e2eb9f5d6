package dev.vetter.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.queue.Backoff;
import dev.vetter.server.queue.Job;
import dev.vetter.server.queue.JobQueue.Enqueued;
import dev.vetter.server.queue.JobState;
import dev.vetter.server.queue.JobView;
import dev.vetter.server.queue.OpenPullRequestSource;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.queue.QueueSettings;
import dev.vetter.server.queue.Reconciler;
import dev.vetter.server.queue.WorkerPool;
import dev.vetter.server.testing.Faults;
import dev.vetter.server.testing.MutableClock;
import dev.vetter.server.testing.StoreFixture;
import dev.vetter.server.webhook.Forge;
import dev.vetter.server.webhook.ReviewRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's contract, run against every store (the embedded file database and PostgreSQL): the same tests, the
 * same expectations. Time is a {@link MutableClock}, so leases and backoff are tested without waiting.
 */
abstract class QueueContract {
  static final QueueSettings SETTINGS =
      new QueueSettings(3, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(80), 2, 3);
  static final String A = "a".repeat(40), B = "b".repeat(40), C = "c".repeat(40);

  StoreFixture fixture;
  Faults faults = new Faults();
  Database db;
  MutableClock clock = new MutableClock(1_700_000_000_000L);
  JdbcJobQueue queue;
  Inbox inbox;

  abstract StoreFixture newFixture();

  @BeforeEach
  void open() {
    fixture = newFixture();
    db = fixture.open(faults::wrap);
    queue = new JdbcJobQueue(db, SETTINGS, clock, new Random(7));
    inbox = new Inbox(db, queue);
  }

  @AfterEach
  void closeStore() {
    faults.down(false);
    if (db != null) db.close();
    if (fixture != null) fixture.close();
  }

  static ReviewRequest review(String repo, long pr, String head) {
    return new ReviewRequest(Forge.GITHUB, repo.substring(0, repo.indexOf('/')), repo, pr, head, "pull_request.synchronize", false, false);
  }

  /** A push event as the forge orders it: the pull request's time, and the head the push replaced (null: not said). */
  static ReviewRequest push(String repo, long pr, String head, int minute, String before) {
    return new ReviewRequest(Forge.GITHUB, repo.substring(0, repo.indexOf('/')), repo, pr, head, "pull_request.synchronize", false, false,
        at(minute), before);
  }

  static Instant at(int minute) {
    return Instant.parse("2024-05-01T10:00:00Z").plusSeconds(60L * minute);
  }

  static ReviewRequest rerun(String repo, long pr, String head) {
    return new ReviewRequest(Forge.GITHUB, repo.substring(0, repo.indexOf('/')), repo, pr, head, "check_suite.rerequested", false, true);
  }

  JobView job(String repo, long pr, String head) {
    return queue.find(Forge.GITHUB, repo, pr, head).orElseThrow(() -> new AssertionError("no job for " + repo + "#" + pr + "@" + head));
  }

  Inbox.Delivery delivery(String id, byte[] body) {
    return new Inbox.Delivery(Forge.GITHUB, id, "pull_request", "opened", "o/r", 1L, A, clock.instant(), body);
  }

  // RELIABILITY 5: several events for the same head SHA -> one review.
  @Test
  void eventsForOneHeadMergeIntoOneJob() {
    assertThat(queue.enqueue(review("o/r", 1, A))).isEqualTo(Enqueued.CREATED);
    assertThat(queue.enqueue(review("o/r", 1, A))).isEqualTo(Enqueued.MERGED);
    assertThat(queue.enqueue(review("o/r", 1, A))).isEqualTo(Enqueued.MERGED);
    assertThat(queue.list()).singleElement().satisfies(j -> {
      assertThat(j.events()).isEqualTo(3);
      assertThat(j.state()).isEqualTo(JobState.QUEUED);
    });
    Job claimed = queue.claim("w1").orElseThrow();
    assertThat(claimed.events()).isEqualTo(3);
    assertThat(queue.enqueue(review("o/r", 1, A))).as("merged into the running job").isEqualTo(Enqueued.MERGED);
    assertThat(queue.claim("w2")).isEmpty();
    assertThat(queue.complete(claimed.id(), "w1", Outcome.done())).isTrue();
    assertThat(queue.enqueue(review("o/r", 1, A))).as("a late event for a reviewed head").isEqualTo(Enqueued.ALREADY_REVIEWED);
    assertThat(queue.claim("w2")).isEmpty();
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.DONE);
  }

  // RELIABILITY 4: the same delivery id again -> acknowledged, no new job.
  @Test
  void redeliveryIsStoredOnceAndQueuesNothing() {
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    Inbox.Receipt first = inbox.accept(delivery("d-1", body), List.of(review("o/r", 1, A)));
    Inbox.Receipt again = inbox.accept(delivery("d-1", body), List.of(review("o/r", 1, A)));
    assertThat(first.duplicate()).isFalse();
    assertThat(first.jobs()).containsExactly(Enqueued.CREATED);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.jobs()).isEmpty();
    assertThat(job("o/r", 1, A).events()).isEqualTo(1);
    assertThat(inbox.count("accepted")).isEqualTo(1);
    assertThat(inbox.keepDead(delivery("d-1", body), "late")).as("a dead copy of a known id").isFalse();
  }

  // RELIABILITY 10: NUL and invalid UTF-8 are stored as raw bytes, exactly.
  @Test
  void payloadBytesAreStoredExactly() {
    byte[] hostile = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF, (byte) 0xFE, '\\', 'u', '0', '0', '0', '0', '"', '}', 0};
    byte[] escaped = "{\"title\":\"nul \\u0000 here\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(inbox.keepDead(delivery("bad-utf8", hostile), "not valid JSON")).isTrue();
    inbox.accept(delivery("escaped-nul", escaped), List.of(review("o/r", 1, A)));
    // descriptive columns that came from a hostile payload must not make the delivery unstorable
    Inbox.Delivery nulMeta = new Inbox.Delivery(Forge.GITHUB, "nul-meta", "pull\0request", "op\0ened", "o/\0r", null, null, clock.instant(), hostile);
    assertThat(inbox.keepDead(nulMeta, "reason with \0 NUL and a lone \uD800 surrogate")).isTrue();

    assertThat(inbox.find(Forge.GITHUB, "bad-utf8").orElseThrow().delivery().body()).isEqualTo(hostile);
    assertThat(inbox.find(Forge.GITHUB, "escaped-nul").orElseThrow().delivery().body()).isEqualTo(escaped);
    Inbox.Stored stored = inbox.find(Forge.GITHUB, "nul-meta").orElseThrow();
    assertThat(stored.delivery().body()).isEqualTo(hostile);
    assertThat(stored.status()).isEqualTo("dead");
    assertThat(stored.reason()).startsWith("reason with ").doesNotContain("\0");
  }

  @Test
  void claimIsExclusiveAmongManyConcurrentWorkers() throws Exception {
    JdbcJobQueue wide = new JdbcJobQueue(db, new QueueSettings(3, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1), 1000, 1000), clock, new Random(1));
    int jobs = 300;
    for (int i = 0; i < jobs; i++) wide.enqueue(review("org" + (i % 7) + "/repo" + (i % 13), i + 1, A));
    Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
    int workers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      String worker = "w" + w;
      results.add(pool.submit(() -> {
        go.await();
        int mine = 0;
        for (Optional<Job> j; (j = wide.claim(worker)).isPresent(); ) {
          claims.computeIfAbsent(j.get().id(), k -> new AtomicInteger()).incrementAndGet();
          assertThat(wide.complete(j.get().id(), worker, Outcome.done())).isTrue();
          mine++;
        }
        return mine;
      }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : results) total += f.get(120, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(total).isEqualTo(jobs);
    assertThat(claims).hasSize(jobs);
    assertThat(claims.values()).allSatisfy(n -> assertThat(n.get()).as("times one job was claimed").isEqualTo(1));
    assertThat(wide.counts().get(JobState.DONE)).isEqualTo(jobs);
  }

  // RELIABILITY 21 (queue side): a worker that dies holds its job only until the lease expires; then it is retried.
  @Test
  void expiredLeaseIsReclaimedAfterBackoff() {
    queue.enqueue(review("o/r", 1, A));
    Job first = queue.claim("dead-worker").orElseThrow();
    assertThat(first.attempt()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(59));
    assertThat(queue.claim("w2")).as("lease still valid").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(queue.claim("w2")).as("reclaimed, but waits out its backoff").isEmpty();
    JobView back = job("o/r", 1, A);
    assertThat(back.state()).isEqualTo(JobState.QUEUED);
    assertThat(back.lastError()).contains("lease expired", "dead-worker");
    long wait = back.runAfter().toEpochMilli() - clock.millis();
    assertThat(wait).isBetween(5_000L, 10_000L);
    clock.advance(Duration.ofMillis(wait));
    Job second = queue.claim("w2").orElseThrow();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(queue.heartbeat(first.id(), "dead-worker")).isFalse();
    assertThat(queue.isCurrent(first.id(), "dead-worker")).isFalse();
    assertThat(queue.complete(first.id(), "dead-worker", Outcome.done())).as("the old owner's late outcome is refused").isFalse();
    assertThat(queue.isCurrent(second.id(), "w2")).isTrue();
    assertThat(queue.complete(second.id(), "w2", Outcome.done())).isTrue();
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void heartbeatKeepsTheLease() {
    queue.enqueue(review("o/r", 1, A));
    Job j = queue.claim("w1").orElseThrow();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(40));
      assertThat(queue.heartbeat(j.id(), "w1")).isTrue();
      assertThat(queue.claim("w2")).isEmpty();
    }
    assertThat(job("o/r", 1, A).leaseOwner()).isEqualTo("w1");
  }

  @Test
  void retriesBackOffExponentiallyWithJitterThenDie() {
    queue.enqueue(review("o/r", 1, A));
    long[] exponential = {10_000, 20_000};
    for (int attempt = 1; attempt <= 2; attempt++) {
      Job j = queue.claim("w").orElseThrow();
      assertThat(j.attempt()).isEqualTo(attempt);
      assertThat(queue.complete(j.id(), "w", Outcome.retry("HTTP 502 #" + attempt))).isTrue();
      JobView v = job("o/r", 1, A);
      assertThat(v.state()).isEqualTo(JobState.QUEUED);
      assertThat(v.lastError()).isEqualTo("HTTP 502 #" + attempt);
      long wait = v.runAfter().toEpochMilli() - clock.millis();
      assertThat(wait).as("delay after attempt " + attempt).isBetween(exponential[attempt - 1] / 2, exponential[attempt - 1]);
      clock.advance(Duration.ofMillis(wait - 1));
      assertThat(queue.claim("w")).as("not before its time").isEmpty();
      clock.advance(Duration.ofMillis(1));
    }
    Job last = queue.claim("w").orElseThrow();
    assertThat(last.attempt()).isEqualTo(3);
    queue.complete(last.id(), "w", Outcome.retry("HTTP 502 #3"));
    JobView dead = job("o/r", 1, A);
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.lastError()).isEqualTo("HTTP 502 #3");
    clock.advance(Duration.ofDays(1));
    assertThat(queue.claim("w")).isEmpty();
  }

  @Test
  void backoffIsCappedAndJittered() {
    Set<Long> seen = new HashSet<>();
    Random random = new Random(3);
    for (int i = 0; i < 50; i++) {
      long d = Backoff.delay(10, SETTINGS, random).toMillis();
      assertThat(d).isBetween(40_000L, 80_000L);
      seen.add(d);
    }
    assertThat(seen).as("jitter spreads retries").hasSizeGreaterThan(10);
  }

  @Test
  void jobWhoseWorkerKeepsDyingEndsDeadWithItsLastError() {
    queue.enqueue(review("o/r", 1, A));
    for (int attempt = 1; attempt <= SETTINGS.maxAttempts(); attempt++) {
      Job j = queue.claim("crashy-" + attempt).orElseThrow();
      assertThat(j.attempt()).isEqualTo(attempt);
      clock.advance(SETTINGS.lease().plusSeconds(1));
      assertThat(queue.claim("w")).as("reclaimed, waiting out its backoff").isEmpty();
      clock.advance(SETTINGS.backoffMax());
    }
    assertThat(queue.claim("w")).isEmpty();
    JobView v = job("o/r", 1, A);
    assertThat(v.state()).isEqualTo(JobState.DEAD);
    assertThat(v.lastError()).contains("lease expired", "crashy-3", "attempt 3 of 3");
  }

  @Test
  void failIsDeadAtOnceAndSkipKeepsItsReason() {
    queue.enqueue(review("o/r", 1, A));
    queue.enqueue(review("o/r", 2, B));
    Job first = queue.claim("w").orElseThrow();
    Job second = queue.claim("w").orElseThrow();
    queue.complete(first.id(), "w", Outcome.fail("422 Unprocessable"));
    queue.complete(second.id(), "w", Outcome.skipped("pull request closed"));
    assertThat(queue.find(Forge.GITHUB, "o/r", first.number(), first.headSha()).orElseThrow())
        .satisfies(v -> assertThat(v.state()).isEqualTo(JobState.DEAD))
        .satisfies(v -> assertThat(v.lastError()).isEqualTo("422 Unprocessable"));
    assertThat(queue.find(Forge.GITHUB, "o/r", second.number(), second.headSha()).orElseThrow())
        .satisfies(v -> assertThat(v.state()).isEqualTo(JobState.SKIPPED))
        .satisfies(v -> assertThat(v.result()).isEqualTo("pull request closed"));
  }

  @Test
  void newerHeadSupersedesQueuedAndRunningJobs() {
    queue.enqueue(push("o/r", 1, A, 0, null));
    queue.enqueue(push("o/r", 2, A, 0, null)); // another pull request: untouched
    Job running = queue.claim("w1").orElseThrow();
    assertThat(running.number()).isEqualTo(1);
    assertThat(queue.enqueue(push("o/r", 1, B, 1, A))).isEqualTo(Enqueued.CREATED);
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(job("o/r", 1, A).result()).contains(B);
    assertThat(queue.isCurrent(running.id(), "w1")).as("stillCurrent() before posting").isFalse();
    assertThat(queue.heartbeat(running.id(), "w1")).isFalse();
    assertThat(queue.complete(running.id(), "w1", Outcome.done())).isFalse();
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.SUPERSEDED);

    assertThat(queue.enqueue(push("o/r", 1, C, 2, B))).isEqualTo(Enqueued.CREATED);
    assertThat(job("o/r", 1, B).state()).as("queued job superseded too").isEqualTo(JobState.SUPERSEDED);
    assertThat(job("o/r", 1, C).state()).isEqualTo(JobState.QUEUED);
    assertThat(job("o/r", 2, A).state()).isEqualTo(JobState.QUEUED);
    List<Long> claimed = new ArrayList<>();
    for (Optional<Job> j; (j = queue.claim("w2")).isPresent(); ) claimed.add(j.get().number());
    assertThat(claimed).containsExactlyInAnyOrder(1L, 2L);
  }

  // 34. The same two pushes, the older one's event arriving last: it changes nothing.
  @Test
  void aLateEventForAnOlderHeadNeitherSupersedesNorDelaysTheNewerOne() {
    queue.enqueue(push("o/r", 1, B, 1, A));
    Job running = queue.claim("w1").orElseThrow();
    assertThat(queue.enqueue(push("o/r", 1, A, 0, null))).isEqualTo(Enqueued.STALE);
    assertThat(queue.isCurrent(running.id(), "w1")).as("the newer head's review goes on").isTrue();
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(job("o/r", 1, A).result()).contains(B, "late event");
    assertThat(queue.claim("w2")).as("the older head is never worked on").isEmpty();
    assertThat(queue.complete(running.id(), "w1", Outcome.done())).isTrue();
    assertThat(queue.enqueue(push("o/r", 1, A, 0, null))).as("redelivered again, after the review").isEqualTo(Enqueued.STALE);
    assertThat(job("o/r", 1, B).state()).isEqualTo(JobState.DONE);
    assertThat(job("o/r", 1, A).events()).isEqualTo(2);

    // a queued (not yet running) newer head is not held up either
    queue.enqueue(push("o/r", 2, B, 1, A));
    assertThat(queue.enqueue(push("o/r", 2, A, 0, null))).isEqualTo(Enqueued.STALE);
    assertThat(queue.claim("w3").orElseThrow().headSha()).isEqualTo(B);
  }

  // GitHub's updated_at has whole seconds: two pushes in one second are ordered by the later push's "before".
  @Test
  void pushesInTheSameSecondAreOrderedByWhatThePushReplaced() {
    queue.enqueue(push("o/r", 1, A, 0, C));
    queue.enqueue(push("o/r", 1, B, 0, A));
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.SUPERSEDED);
    queue.enqueue(push("o/r", 2, B, 0, A));
    assertThat(queue.enqueue(push("o/r", 2, A, 0, C))).isEqualTo(Enqueued.STALE);
    assertThat(job("o/r", 2, B).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void headsWhoseOrderIsUnknownAreLeftToTheLiveHeadCheck() {
    queue.enqueue(push("o/r", 1, A, 0, null));
    assertThat(queue.enqueue(push("o/r", 1, B, 0, null))).as("same second, no push link").isEqualTo(Enqueued.CREATED);
    assertThat(queue.enqueue(review("o/r", 1, C))).as("no time at all").isEqualTo(Enqueued.CREATED);
    assertThat(queue.list()).extracting(JobView::state).containsOnly(JobState.QUEUED);
  }

  @Test
  void aForcePushBackToAnEarlierHeadMakesItCurrentAgain() {
    queue.enqueue(push("o/r", 1, A, 0, null));
    Job a = queue.claim("w").orElseThrow();
    queue.complete(a.id(), "w", Outcome.done());
    queue.enqueue(push("o/r", 1, B, 1, A));
    assertThat(queue.enqueue(push("o/r", 1, A, 2, B))).isEqualTo(Enqueued.ALREADY_REVIEWED);
    assertThat(job("o/r", 1, B).state()).as("the head moved on from B").isEqualTo(JobState.SUPERSEDED);
    assertThat(queue.enqueue(push("o/r", 1, B, 1, A))).as("B's event redelivered").isEqualTo(Enqueued.STALE);
    assertThat(job("o/r", 1, B).state()).isEqualTo(JobState.SUPERSEDED);
  }

  @Test
  void pushesArrivingTogetherLeaveExactlyOneLiveHead() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Enqueued>> all = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= 40; i++) order.add(i);
    java.util.Collections.shuffle(order, new Random(3));
    for (int i : order) {
      String head = String.format("%040x", i);
      all.add(pool.submit(() -> queue.enqueue(push("o/r", 1, head, i, null))));
    }
    for (Future<Enqueued> f : all) assertThat(f.get(60, TimeUnit.SECONDS)).isIn(Enqueued.CREATED, Enqueued.STALE);
    pool.shutdown();
    assertThat(queue.list()).hasSize(40)
        .filteredOn(j -> j.state() == JobState.QUEUED || j.state() == JobState.RUNNING).singleElement()
        .satisfies(j -> assertThat(j.headSha()).as("the newest push, whatever the arrival order").isEqualTo(String.format("%040x", 40)));
  }

  @Test
  void aRerunRequeuesAFinishedHeadAndFollowsARunningOne() {
    queue.enqueue(review("o/r", 1, A));
    Job j = queue.claim("w").orElseThrow();
    queue.complete(j.id(), "w", Outcome.done());
    assertThat(queue.enqueue(rerun("o/r", 1, A))).isEqualTo(Enqueued.REQUEUED);
    Job again = queue.claim("w").orElseThrow();
    assertThat(again.id()).isEqualTo(j.id());
    assertThat(again.attempt()).as("a re-run starts its attempts afresh").isEqualTo(1);
    assertThat(queue.enqueue(rerun("o/r", 1, A))).isEqualTo(Enqueued.MERGED);
    queue.complete(again.id(), "w", Outcome.done());
    assertThat(job("o/r", 1, A).state()).as("the re-run asked while running comes next").isEqualTo(JobState.QUEUED);
    Job third = queue.claim("w").orElseThrow();
    queue.complete(third.id(), "w", Outcome.done());
    assertThat(job("o/r", 1, A).state()).isEqualTo(JobState.DONE);
    assertThat(queue.claim("w")).isEmpty();
  }

  @Test
  void perRepositoryCapHoldsBackFurtherJobs() {
    for (int pr = 1; pr <= 3; pr++) queue.enqueue(review("o/r", pr, A));
    queue.enqueue(review("o/other", 1, A));
    List<Job> running = new ArrayList<>();
    for (Optional<Job> j; (j = queue.claim("w")).isPresent(); ) running.add(j.get());
    assertThat(running).extracting(Job::repository).containsExactlyInAnyOrder("o/r", "o/r", "o/other");
    queue.complete(running.getFirst().id(), "w", Outcome.done());
    assertThat(queue.claim("w")).map(Job::repository).contains("o/r");
  }

  @Test
  void perInstallationCapHoldsBackFurtherJobs() {
    for (int r = 1; r <= 5; r++) queue.enqueue(review("org/repo" + r, 1, A));
    queue.enqueue(review("other/repo", 1, A));
    List<Job> running = new ArrayList<>();
    for (Optional<Job> j; (j = queue.claim("w")).isPresent(); ) running.add(j.get());
    assertThat(running).extracting(Job::installation).containsExactlyInAnyOrder("org", "org", "org", "other");
  }

  @Test
  void concurrentWorkersNeverExceedTheRepositoryCap() throws Exception {
    for (int pr = 1; pr <= 24; pr++) queue.enqueue(review(pr % 2 == 0 ? "a/one" : "b/two", pr, A));
    Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> max = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> all = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "w" + w;
      all.add(pool.submit(() -> {
        int idle = 0;
        while (idle < 200) {
          Optional<Job> j = queue.claim(worker);
          if (j.isEmpty()) {
            if (queue.counts().get(JobState.QUEUED) == 0) return null;
            idle++;
            Thread.sleep(2);
            continue;
          }
          String repo = j.get().repository();
          int running = now.computeIfAbsent(repo, k -> new AtomicInteger()).incrementAndGet();
          max.computeIfAbsent(repo, k -> new AtomicInteger()).accumulateAndGet(running, Math::max);
          Thread.sleep(5);
          now.get(repo).decrementAndGet();
          queue.complete(j.get().id(), worker, Outcome.done());
        }
        return null;
      }));
    }
    for (Future<?> f : all) f.get(120, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(queue.counts().get(JobState.DONE)).isEqualTo(24);
    assertThat(max.values()).allSatisfy(m -> assertThat(m.get()).isLessThanOrEqualTo(SETTINGS.maxPerRepository()));
  }

  // RELIABILITY 22: the database restarts while a job runs: the outcome is recorded once it is back; nothing lost, nothing twice.
  @Test
  void databaseRestartMidJobLosesNothingAndRepeatsNothing() throws Exception {
    queue.enqueue(review("o/r", 1, A));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    WorkerPool pool = new WorkerPool(queue, (job, ctx) -> {
      runs.incrementAndGet();
      started.countDown();
      release.await();
      return Outcome.done();
    }, 1, SETTINGS.lease(), Duration.ofMillis(20), new SimpleMeterRegistry());
    pool.start();
    try {
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      faults.down(true);
      fixture.killConnections(faults);
      release.countDown();
      // the worker is now failing to record its outcome; let it try a few times against the dead store
      Thread.sleep(300);
      assertThat(job("o/r", 1, A).state()).as("read through a fresh connection after the restart").isEqualTo(JobState.RUNNING);
    } catch (dev.vetter.server.store.StoreException expected) {
      // the read above ran while the store was down; fine, keep going
    } finally {
      faults.down(false);
    }
    await(() -> job("o/r", 1, A).state() == JobState.DONE);
    pool.stop(Duration.ofSeconds(5));
    JobView v = job("o/r", 1, A);
    assertThat(v.attempts()).isEqualTo(1);
    assertThat(runs.get()).isEqualTo(1);
  }

  // RELIABILITY 21: a worker process killed mid-job: another takes the job over after the lease, exactly once.
  @Test
  void jobOfAKilledWorkerIsFinishedByAnother() throws Exception {
    queue.enqueue(review("o/r", 1, A));
    queue.claim("killed-worker").orElseThrow(); // claimed, then the process vanished
    clock.advance(SETTINGS.lease().plusSeconds(1));
    assertThat(queue.claim("w")).as("put back, waiting out its backoff").isEmpty();
    clock.advance(SETTINGS.backoffMax());
    List<Job> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    WorkerPool pool = new WorkerPool(queue, (job, ctx) -> {
      seen.add(job);
      return ctx.stillCurrent() ? Outcome.done() : Outcome.skipped("not current");
    }, 2, SETTINGS.lease(), Duration.ofMillis(20), new SimpleMeterRegistry());
    pool.start();
    await(() -> job("o/r", 1, A).state() == JobState.DONE);
    pool.stop(Duration.ofSeconds(5));
    assertThat(seen).singleElement().satisfies(j -> assertThat(j.attempt()).isEqualTo(2));
  }

  @Test
  void reconcilerQueuesOnlyHeadsWithoutAJob() {
    queue.enqueue(review("org/done", 1, A));
    Job d = queue.claim("w").orElseThrow();
    queue.complete(d.id(), "w", Outcome.done());
    queue.enqueue(review("org/dead", 1, A));
    Job x = queue.claim("w").orElseThrow();
    queue.complete(x.id(), "w", Outcome.fail("broken"));
    queue.enqueue(push("org/moved", 1, B, 0, null));
    queue.enqueue(push("org/moved", 1, A, 1, B)); // then a force-push back to B whose event was lost
    assertThat(job("org/moved", 1, B).state()).isEqualTo(JobState.SUPERSEDED);
    queue.enqueue(push("org/race", 1, A, 5, null)); // a push the listing below predates

    OpenPullRequestSource source = new OpenPullRequestSource() {
      @Override
      public List<String> installations() {
        return List.of("org", "broken-installation");
      }

      @Override
      public List<OpenPullRequest> openPullRequests(String installation) throws Exception {
        if (installation.equals("broken-installation")) throw new java.io.IOException("HTTP 502");
        return List.of(
            new OpenPullRequest(Forge.GITHUB, "org", "org/done", 1, A, false),
            new OpenPullRequest(Forge.GITHUB, "org", "org/dead", 1, A, false),
            new OpenPullRequest(Forge.GITHUB, "org", "org/new", 7, C, false),
            new OpenPullRequest(Forge.GITHUB, "org", "org/draft", 2, C, true),
            new OpenPullRequest(Forge.GITHUB, "org", "org/moved", 1, B, false, at(2)),
            new OpenPullRequest(Forge.GITHUB, "org", "org/race", 1, C, false, at(4)));
      }
    };
    Reconciler reconciler = new Reconciler(queue, source, false, new SimpleMeterRegistry());
    Reconciler.Sweep sweep = reconciler.sweep();
    assertThat(sweep).isEqualTo(new Reconciler.Sweep(2, 6, 2, 1));
    assertThat(job("org/new", 7, C).state()).isEqualTo(JobState.QUEUED);
    assertThat(job("org/new", 7, C).trigger()).isEqualTo("reconcile");
    assertThat(job("org/moved", 1, B).state()).as("the live head is current again").isEqualTo(JobState.QUEUED);
    assertThat(job("org/moved", 1, A).state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(job("org/race", 1, A).state()).as("a listing older than the last push changes nothing").isEqualTo(JobState.QUEUED);
    assertThat(job("org/race", 1, C).state()).isEqualTo(JobState.SUPERSEDED);
    assertThat(job("org/done", 1, A).state()).isEqualTo(JobState.DONE);
    assertThat(job("org/dead", 1, A).state()).as("no retry storm from the sweep").isEqualTo(JobState.DEAD);
    assertThat(queue.find(Forge.GITHUB, "org/draft", 2, C)).isEmpty();
    assertThat(reconciler.sweep().enqueued()).as("a second sweep finds nothing new").isZero();
  }

  @Test
  void storeOutageFailsFastAndRecovers() throws Exception {
    faults.down(true);
    fixture.killConnections(faults);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue.enqueue(review("o/r", 1, A))).isInstanceOf(StoreException.class);
    assertThat(db.ping()).isFalse();
    faults.down(false);
    await(db::ping);
    assertThat(queue.enqueue(review("o/r", 1, A))).isEqualTo(Enqueued.CREATED);
  }

  /** Polls until {@code condition} holds (for work done by worker threads); fails after a generous minute. */
  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        if (condition.getAsBoolean()) return;
      } catch (StoreException e) {
        // the store is still coming back
      }
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within a minute");
      Thread.sleep(20);
    }
  }

  static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
