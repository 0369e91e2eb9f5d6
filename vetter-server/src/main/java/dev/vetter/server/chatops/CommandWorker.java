package dev.vetter.server.chatops;

import dev.vetter.server.Log;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.store.ChatOpsStore;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One worker that claims command jobs and runs the handler: commands are few and quick (a permission lookup, a row, a
 * reply), so they do not wait behind reviews in the review workers' queue. Sleeps for the poll interval or until
 * {@link #wake()}.
 */
public final class CommandWorker implements AutoCloseable {
  private final ChatOpsStore store;
  private final CommandHandler handler;
  private final Duration poll;
  private final String id = "commands-" + UUID.randomUUID().toString().substring(0, 8);
  private final Semaphore wakeups = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  public CommandWorker(ChatOpsStore store, CommandHandler handler, Duration poll) {
    this.store = store;
    this.handler = handler;
    this.poll = poll;
  }

  public synchronized void start() {
    if (running) return;
    running = true;
    thread = Thread.ofVirtual().name(id).start(this::loop);
  }

  public void wake() {
    if (wakeups.availablePermits() < 1) wakeups.release();
  }

  private void loop() {
    Duration pause = poll;
    while (running) {
      Optional<CommandJob> job;
      try {
        job = store.claim(id);
        pause = poll;
      } catch (RuntimeException e) {
        Log.warn(id + ": cannot claim a command (store unavailable?): " + e.getMessage());
        job = Optional.empty();
        pause = Duration.ofMillis(Math.min(Math.max(pause.toMillis() * 2, 200), 10_000));
      }
      if (job.isPresent()) {
        run(job.get());
        continue;
      }
      try {
        wakeups.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void run(CommandJob job) {
    CommandRequest r = job.request();
    Outcome outcome;
    try {
      outcome = handler.handle(job, store.ledger(r.forge(), r.installation(), r.repository(), r.number()));
    } catch (Exception | LinkageError | AssertionError e) {
      outcome = Outcome.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (outcome instanceof Outcome.Retry || outcome instanceof Outcome.Fail) {
      Log.warn(id + ": command in comment " + r.commentId() + " of " + r.repository() + "#" + r.number() + ": " + outcome);
    }
    try {
      store.complete(job, id, outcome);
    } catch (RuntimeException e) {
      // the lease expires and the command runs again; its receipt marker keeps the reply single
      Log.warn(id + ": cannot record the outcome of command " + job.id() + ": " + e.getMessage());
    }
  }

  public void stop(Duration grace) {
    running = false;
    wakeups.release();
    Thread t = thread;
    if (t == null) return;
    try {
      t.join(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    t.interrupt();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
