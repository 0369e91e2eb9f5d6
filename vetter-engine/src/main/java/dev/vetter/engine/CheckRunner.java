package dev.vetter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on at most {@code parallelism} threads, each within a time budget. A task over its
 * budget is interrupted and reported as timed out; its thread may stay busy (Java cannot stop a
 * thread that ignores interrupts), but its slot is given back so the other tasks still complete.
 */
final class CheckRunner {
  private final int parallelism;
  private final long budgetNanos;

  /** A unit of work and what happened to it. */
  abstract static class Task implements Runnable {
    volatile long startedAt;
    volatile Thread thread;
    volatile Throwable failure;
    volatile boolean timedOut;
    final AtomicBoolean settled = new AtomicBoolean();

    abstract void execute() throws Exception;

    @Override
    public final void run() {
      try {
        execute();
      } catch (Throwable t) {
        failure = t;
      }
    }
  }

  CheckRunner(int parallelism, long budgetMillis) {
    this.parallelism = Math.max(1, parallelism);
    this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
  }

  void runAll(List<? extends Task> tasks, Progress progress) throws InterruptedException {
    if (tasks.isEmpty()) return;
    AtomicInteger threadNo = new AtomicInteger();
    // a cached pool: a thread stuck in a runaway check is replaced rather than starving the rest
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "vetter-check-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Semaphore slots = new Semaphore(parallelism);
    LinkedBlockingQueue<Task> finished = new LinkedBlockingQueue<>();
    List<Task> running = new ArrayList<>();
    int done = 0;
    try {
      int next = 0;
      while (done < tasks.size()) {
        while (next < tasks.size() && slots.tryAcquire()) {
          Task task = tasks.get(next++);
          synchronized (running) {
            running.add(task);
          }
          pool.execute(() -> {
            task.thread = Thread.currentThread();
            task.startedAt = System.nanoTime();
            task.run();
            if (task.settled.compareAndSet(false, true)) {
              slots.release();
              finished.add(task);
            }
          });
        }
        Task t = finished.poll(20, TimeUnit.MILLISECONDS);
        while (t != null) {
          synchronized (running) {
            running.remove(t);
          }
          done++;
          progress.update(done, tasks.size());
          t = finished.poll();
        }
        done += expireOverdue(running, slots);
      }
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
  }

  private int expireOverdue(List<Task> running, Semaphore slots) {
    long now = System.nanoTime();
    int expired = 0;
    synchronized (running) {
      for (var it = running.iterator(); it.hasNext(); ) {
        Task t = it.next();
        if (t.startedAt != 0 && now - t.startedAt > budgetNanos && t.settled.compareAndSet(false, true)) {
          t.timedOut = true;
          Thread th = t.thread;
          if (th != null) th.interrupt();
          slots.release();
          it.remove();
          expired++;
        }
      }
    }
    return expired;
  }
}
