package dev.vetter.server.queue;

import dev.vetter.server.Log;
import dev.vetter.server.telemetry.ReviewRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Workers that claim jobs, run the handler with a heartbeat extending the lease, and record the outcome. A worker
 * that finds nothing sleeps for the poll interval or until {@link #wake()} (the receiver in the same process calls
 * it after queuing). Store failures are waited out: an outcome is kept in memory and recorded once the store
 * answers again, so a database restart mid-job loses nothing and repeats nothing.
 */
public final class WorkerPool implements AutoCloseable {
  private final JobQueue queue;
  private final ReviewJobHandler handler;
  private final int size;
  private final Duration lease;
  private final Duration poll;
  private final String processId = UUID.randomUUID().toString().substring(0, 8);
  private final Semaphore wakeups = new Semaphore(0);
  private final ScheduledExecutorService heartbeats;
  private final List<Thread> threads = new ArrayList<>();
  private final Timer duration;
  private final Timer queueWait;
  private final Timer feedback;
  private final Timer checksPhase;
  private final Timer forgePhase;
  private final MeterRegistry metrics;
  private volatile boolean running;
  private final java.util.function.Function<Job, List<dev.vetter.forge.chatops.AuditEntry>> grants;

  public WorkerPool(JobQueue queue, ReviewJobHandler handler, int size, Duration lease, Duration poll, MeterRegistry metrics) {
    this(queue, handler, size, lease, poll, metrics, job -> List.of());
  }

  /** @param grants the ChatOps overrides and waivers in force for a job's head (see {@link JobContext#grants()}) */
  public WorkerPool(JobQueue queue, ReviewJobHandler handler, int size, Duration lease, Duration poll, MeterRegistry metrics,
      java.util.function.Function<Job, List<dev.vetter.forge.chatops.AuditEntry>> grants) {
    this.grants = grants;
    if (size < 1) throw new IllegalArgumentException("a worker pool needs at least 1 worker, got " + size);
    this.queue = queue;
    this.handler = handler;
    this.size = size;
    this.lease = lease;
    this.poll = poll;
    this.metrics = metrics;
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("vetter-heartbeat").unstarted(r));
    this.duration = Timer.builder("vetter.job").description("Time a handler took per job run").publishPercentiles(0.5, 0.99).register(metrics);
    // buckets at the objectives' thresholds (docs/metrics.md), so attainment is a ratio of two counters
    this.queueWait = Timer.builder("vetter.queue.wait").description("Time from a job run becoming due to a worker claiming it")
        .serviceLevelObjectives(seconds(1), seconds(5), seconds(15), seconds(30), seconds(60), seconds(300)).register(metrics);
    this.feedback = Timer.builder("vetter.delivery.feedback")
        .description("Time from receiving the event that asked for a review to its result being posted (jobs that end done)")
        .serviceLevelObjectives(seconds(5), seconds(15), seconds(30), seconds(60), seconds(120), seconds(300)).register(metrics);
    Duration[] phases = {seconds(1), seconds(5), seconds(15), seconds(30), seconds(60)};
    this.checksPhase = Timer.builder("vetter.review.phase").description("Time of a posted review's phases: checks (the engine), forge (reading and posting)")
        .tag("phase", "checks").serviceLevelObjectives(phases).register(metrics);
    this.forgePhase = Timer.builder("vetter.review.phase").description("Time of a posted review's phases: checks (the engine), forge (reading and posting)")
        .tag("phase", "forge").serviceLevelObjectives(phases).register(metrics);
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  public synchronized void start() {
    if (running) return;
    running = true;
    for (int i = 0; i < size; i++) {
      String id = "worker-" + processId + "-" + i;
      threads.add(Thread.ofVirtual().name(id).start(() -> loop(id)));
    }
  }

  /** Wakes one idle worker, e.g. because a job was just queued in this process. */
  public void wake() {
    if (wakeups.availablePermits() < size) wakeups.release();
  }

  private void loop(String worker) {
    Duration pause = poll;
    while (running) {
      Optional<Job> job;
      try {
        job = queue.claim(worker);
        pause = poll;
      } catch (RuntimeException e) {
        Log.warn(worker + ": cannot claim a job (store unavailable?): " + e.getMessage());
        job = Optional.empty();
        pause = Duration.ofMillis(Math.min(Math.max(pause.toMillis() * 2, 200), 10_000));
      }
      if (job.isPresent()) {
        run(worker, job.get());
        continue;
      }
      try {
        wakeups.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void run(String worker, Job job) {
    Context context = new Context(job, worker);
    long period = Math.max(lease.toMillis() / 3, 10);
    ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> context.beat(), period, period, TimeUnit.MILLISECONDS);
    Outcome outcome;
    long start = System.nanoTime();
    long waited = Duration.between(job.dueAt(), job.claimedAt()).toMillis();
    // a clock stepped backwards between the two reads would make the wait negative: counted as none rather than dropped
    queueWait.record(Math.max(0, waited), TimeUnit.MILLISECONDS);
    try {
      outcome = handler.handle(job, context);
      if (outcome == null) outcome = Outcome.retry("the handler returned no outcome");
    } catch (Exception | LinkageError | AssertionError e) {
      outcome = Outcome.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } finally {
      beat.cancel(false);
      duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    long ran = System.nanoTime() - start;
    ReviewRecord posted = context.posted;
    if (record(worker, job, outcome, posted) && outcome instanceof Outcome.Done) {
      feedback.record(Math.max(0, Duration.between(job.queuedAt(), job.claimedAt()).toNanos()) + ran, TimeUnit.NANOSECONDS);
      if (posted != null) {
        long checks = Math.min(TimeUnit.MILLISECONDS.toNanos(posted.checksMillis()), ran);
        checksPhase.record(checks, TimeUnit.NANOSECONDS);
        forgePhase.record(ran - checks, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Records the outcome, waiting out store failures; gives up only when the pool stops (the lease then expires and the
   * job is retried). Whether it was recorded as this worker's.
   */
  private boolean record(String worker, Job job, Outcome outcome, ReviewRecord posted) {
    long backoff = 100;
    while (true) {
      try {
        boolean held = queue.complete(job.id(), worker, outcome, posted);
        count(held ? outcomeName(outcome) : "lost");
        return held;
      } catch (RuntimeException e) {
        if (!running) {
          Log.warn(worker + ": stopping with the outcome of job " + job.id() + " unrecorded; it will be retried after its lease");
          return false;
        }
        Log.warn(worker + ": cannot record the outcome of job " + job.id() + ", will retry: " + e.getMessage());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          return false;
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private static String outcomeName(Outcome o) {
    return switch (o) {
      case Outcome.Done d -> "done";
      case Outcome.Skipped s -> "skipped";
      case Outcome.Retry r -> "retry";
      case Outcome.Fail f -> "failed";
    };
  }

  private void count(String outcome) {
    Counter.builder("vetter.jobs").description("Job runs by outcome (lost: the job was superseded or reclaimed meanwhile)")
        .tag("outcome", outcome).register(metrics).increment();
  }

  /** Stops claiming, lets running jobs finish for up to {@code grace}, then leaves the rest to lease expiry. */
  public void stop(Duration grace) {
    running = false;
    wakeups.release(size);
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread t : threads) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) t.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread t : threads) t.interrupt();
    heartbeats.shutdownNow();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private final class Context implements JobContext {
    private final Job job;
    private final long jobId;
    private final String worker;
    private volatile boolean lost;
    private volatile ReviewRecord posted;

    Context(Job job, String worker) {
      this.job = job;
      this.jobId = job.id();
      this.worker = worker;
    }

    @Override
    public List<dev.vetter.forge.chatops.AuditEntry> grants() {
      return grants.apply(job);
    }

    void beat() {
      if (lost) return;
      try {
        if (!queue.heartbeat(jobId, worker)) lost = true;
      } catch (RuntimeException e) {
        // The store is briefly unreachable; the lease is long enough to try again at the next beat.
        Log.warn(worker + ": heartbeat for job " + jobId + " failed: " + e.getMessage());
      }
    }

    @Override
    public boolean stillCurrent() {
      if (lost) return false;
      boolean current = queue.isCurrent(jobId, worker);
      if (!current) lost = true;
      return current;
    }

    @Override
    public String workerId() {
      return worker;
    }

    @Override
    public void posted(ReviewRecord review) {
      this.posted = review;
    }
  }
}
