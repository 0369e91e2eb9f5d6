package dev.vetter.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of request bodies held in memory at once, over all requests. A body must be read whole before its
 * signature can be checked, so without a bound a flood of large unauthenticated requests could exhaust the heap;
 * past the bound the receiver answers 503 and the sender retries later. Bodies are charged as their bytes arrive,
 * not as declared, so declaring a large body and sending it slowly holds next to nothing.
 */
final class BodyBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  BodyBudget(long limit) {
    this.limit = limit;
  }

  /** The default: a quarter of the heap, at most 512 MB, and never less than one maximal body. */
  static BodyBudget forHeap(int maxBody) {
    return new BodyBudget(Math.max(maxBody, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4)));
  }

  /** Takes {@code bytes} from the budget; false (nothing taken) when that would pass the limit. */
  boolean reserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > limit) return false;
      if (used.compareAndSet(now, now + bytes)) return true;
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  /** Bytes taken now. */
  long used() {
    return used.get();
  }
}
