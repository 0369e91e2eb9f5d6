package dev.vetter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on {@code parallelism} worker threads that pull from one queue, each task within a time
 * budget. A task over its budget is interrupted and reported as timed out; its thread may stay busy
 * (Java cannot stop a thread that ignores interrupts), so a fresh worker takes its place and the other
 * tasks still complete. Pulling from a queue keeps the cost per task to a few hundred nanoseconds, which
 * matters: a review runs one task per (check, file), tens of thousands on a large change.
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

    /** How many budgets the task may take: one per file for a batch of files. */
    long budgetUnits() {
      return 1;
    }

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
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    LinkedBlockingQueue<Task> finished = new LinkedBlockingQueue<>();
    List<Task> running = new ArrayList<>();
    AtomicInteger threadNo = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    Runnable worker = () -> {
      for (Task task; (task = queue.poll()) != null; ) {
        task.thread = Thread.currentThread();
        task.startedAt = System.nanoTime(); // before it is visible to the watchdog, which measures from it
        synchronized (running) {
          running.add(task);
        }
        task.run();
        synchronized (running) {
          running.remove(task);
        }
        Thread.interrupted(); // an interrupt meant for a task that overran must not hit the next one
        if (task.settled.compareAndSet(false, true)) finished.add(task);
        else return; // this thread was given up on and replaced: leave the rest to the others
      }
    };
    int workerCount = Math.min(parallelism, tasks.size());
    for (int i = 0; i < workerCount; i++) workers.add(start(worker, threadNo));
    int done = 0;
    try {
      while (done < tasks.size()) {
        Task t = finished.poll(20, TimeUnit.MILLISECONDS);
        while (t != null) {
          done++;
          progress.update(done, tasks.size());
          t = finished.poll();
        }
        int expired = expireOverdue(running);
        for (int i = 0; i < expired; i++) workers.add(start(worker, threadNo));
        done += expired;
      }
    } finally {
      queue.clear();
      progress.finish();
    }
  }

  private static Thread start(Runnable worker, AtomicInteger threadNo) {
    Thread t = new Thread(worker, "vetter-check-" + threadNo.incrementAndGet());
    t.setDaemon(true);
    t.start();
    return t;
  }

  private int expireOverdue(List<Task> running) {
    long now = System.nanoTime();
    int expired = 0;
    synchronized (running) {
      for (var it = running.iterator(); it.hasNext(); ) {
        Task t = it.next();
        if (now - t.startedAt > budgetNanos * t.budgetUnits() && t.settled.compareAndSet(false, true)) {
          t.timedOut = true;
          Thread th = t.thread;
          if (th != null) th.interrupt();
          it.remove();
          expired++;
        }
      }
    }
    return expired;
  }
}
