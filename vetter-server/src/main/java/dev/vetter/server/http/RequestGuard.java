package dev.vetter.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what a client can hold by sending slowly: every request has a read deadline, and each client address may
 * have only so many webhook requests in progress at once. One per server; thread-safe.
 *
 * <p><b>The deadline</b> runs from the moment the JDK server hands a connection's first bytes of a request to a
 * thread until the request, body included, has been read ({@link #requestRead}); a request still arriving then is cut
 * off: its thread is interrupted, which closes the connection (the JDK server reads requests through interruptible
 * channels). It covers headers too, because the JDK server reads them on the same thread, before any handler runs. A
 * handler must call {@link #requestRead} before it works with anything an interrupt would break (the store);
 * answering without reading the body leaves the deadline running, so the JDK's drain of the unread body cannot hold
 * the thread either.
 *
 * <p><b>The per-address cap</b> counts webhook requests between {@link #admit} and the end of their answer, so a
 * burst from one address (a forge delivering many events) waits a moment for a free slot instead of being refused;
 * a request that finds none within {@link #SLOT_WAIT} is answered 429. Connections that have not sent a whole request
 * head yet hold no slot, but they are bounded by the deadline.
 */
public final class RequestGuard implements AutoCloseable {
  /** How long a request over its address's cap waits for a slot before it is refused. */
  static final Duration SLOT_WAIT = Duration.ofSeconds(1);

  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  private final long timeoutNanos;
  private final int perClient;
  private final ScheduledThreadPoolExecutor timer;
  private final Counter exceeded;
  private final ConcurrentHashMap<InetAddress, Slots> clients = new ConcurrentHashMap<>();

  /**
   * @param timeout the read deadline of one request, headers and body
   * @param perClient webhook requests one client address may have in progress; 0 for no cap
   */
  public RequestGuard(Duration timeout, int perClient, MeterRegistry metrics) {
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    if (perClient < 0) throw new IllegalArgumentException("perClient must be 0 (no cap) or more, got " + perClient);
    this.timeoutNanos = timeout.toNanos();
    this.perClient = perClient;
    this.timer = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("vetter-request-deadlines").unstarted(r));
    timer.setRemoveOnCancelPolicy(true);
    this.exceeded = Counter.builder("vetter.http.deadline.exceeded")
        .description("Requests cut off because their headers and body had not arrived within the read deadline").register(metrics);
  }

  /**
   * {@code delegate} with a deadline for each task: the JDK server runs one request per task, from reading its first
   * line to the end of its handler.
   */
  public Executor executor(Executor delegate) {
    requireNonNull(delegate, "delegate == null");
    return task -> delegate.execute(() -> {
      Deadline d = new Deadline(Thread.currentThread());
      d.timeout = timer.schedule(d::expire, timeoutNanos, TimeUnit.NANOSECONDS);
      CURRENT.set(d);
      try {
        task.run();
      } finally {
        d.finish();
        CURRENT.remove();
        // an interrupt that arrived as the task ended must not outlive it
        Thread.interrupted();
      }
    });
  }

  /**
   * Marks the current request as read: its deadline no longer applies. Throws when the deadline passed first (the
   * connection is then closed already and nothing can be answered). A thread outside {@link #executor} has no
   * deadline.
   */
  static void requestRead() throws IOException {
    Deadline d = CURRENT.get();
    if (d != null && !d.disarm()) throw new IOException("request deadline passed");
  }

  /** What is left of the current request's deadline, in nanoseconds ({@code Long.MAX_VALUE} without one). */
  static long remainingNanos() {
    Deadline d = CURRENT.get();
    return d == null ? Long.MAX_VALUE : d.end - System.nanoTime();
  }

  /**
   * {@code handler} for routes that take no request body (health, readiness, metrics): a request without one is
   * marked read and handled; one that sends a body is refused with 400, the deadline still bounding it.
   */
  public static HttpHandler bodiless(HttpHandler handler) {
    requireNonNull(handler, "handler == null");
    return exchange -> {
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      boolean body = exchange.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.strip().equals("0"));
      if (body) {
        exchange.getResponseHeaders().set("Connection", "close");
        Http.respond(exchange, 400, "this route takes no request body");
        return;
      }
      requestRead();
      handler.handle(exchange);
    };
  }

  /** A slot of one client address, to close when the answer has been sent. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private static final Slot NO_CAP = () -> {};

  /**
   * A slot for a request from {@code exchange}'s client address, waiting up to {@link #SLOT_WAIT} (and never past
   * the request's deadline) for one to free; null when none did.
   */
  Slot admit(HttpExchange exchange) throws IOException {
    if (perClient == 0 || exchange.getRemoteAddress() == null) return NO_CAP;
    InetAddress address = exchange.getRemoteAddress().getAddress();
    // holders and waiters are counted so that the entry of an address is dropped once nobody uses it
    Slots slots = clients.compute(address, (a, s) -> {
      Slots v = s == null ? new Slots(perClient) : s;
      v.users++;
      return v;
    });
    boolean acquired = false;
    try {
      acquired = slots.permits.tryAcquire(Math.min(SLOT_WAIT.toNanos(), Math.max(0, remainingNanos())), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // the deadline passed while waiting: the connection is being closed
      Thread.currentThread().interrupt();
      throw new IOException("request deadline passed while waiting for a slot", e);
    } finally {
      if (!acquired) leave(address);
    }
    if (!acquired) return null;
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() != 0) return;
      slots.permits.release();
      leave(address);
    };
  }

  private void leave(InetAddress address) {
    clients.computeIfPresent(address, (a, s) -> --s.users == 0 ? null : s);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static final class Slots {
    final Semaphore permits;
    int users; // guarded by the map's compute

    Slots(int cap) {
      this.permits = new Semaphore(cap, true);
    }
  }

  /** One request's deadline: armed until the request is read, the task ends, or it expires. */
  private final class Deadline {
    static final int ARMED = 0, DISARMED = 1, EXPIRED = 2;
    final Thread thread;
    final long end = System.nanoTime() + timeoutNanos;
    final AtomicInteger state = new AtomicInteger(ARMED);
    volatile ScheduledFuture<?> timeout;

    Deadline(Thread thread) {
      this.thread = thread;
    }

    boolean disarm() {
      boolean done = state.compareAndSet(ARMED, DISARMED) || state.get() == DISARMED;
      ScheduledFuture<?> t = timeout;
      if (done && t != null) t.cancel(false);
      return done;
    }

    void finish() {
      state.compareAndSet(ARMED, DISARMED);
      ScheduledFuture<?> t = timeout;
      if (t != null) t.cancel(false);
    }

    void expire() {
      if (!state.compareAndSet(ARMED, EXPIRED)) return;
      exceeded.increment();
      // interrupting a thread blocked on an interruptible channel closes the channel: the connection is cut
      thread.interrupt();
    }
  }
}
