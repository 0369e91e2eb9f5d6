package dev.vetter.cli.daemon;

import dev.vetter.cli.Invocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The review daemon: one JVM that keeps Vetter loaded, compiled and its analyzers built between reviews, and runs
 * {@code vetter review} for clients of the same user on a Unix-domain socket ({@link Wire}). Each review runs as
 * the client typed it ({@link Invocation}: directory, environment, terminal); its output streams back as it is
 * written. A client that goes away (Ctrl-C) interrupts its review. The daemon ends on {@code vetter daemon stop},
 * after {@code idle} without a request, or when {@code outdated} says its code was replaced.
 */
public final class DaemonServer implements AutoCloseable {
  /** Runs one command; returns its exit code. */
  @FunctionalInterface
  public interface Handler {
    int run(String[] args, PrintWriter out, PrintWriter err, Invocation where);
  }

  private final DaemonAddress address;
  private final Duration idle;
  private final BooleanSupplier outdated;
  private final Handler handler;
  private final long started = System.nanoTime();
  /** Reviews whose connection is open: the process waits for them before it exits. */
  private final AtomicInteger active = new AtomicInteger();
  /** Reviews not answered yet, as the status tells them. */
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();
  private boolean closed; // under this object's lock
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private volatile ServerSocketChannel server;
  private volatile boolean stopping;
  private UserPrincipal user;

  public DaemonServer(DaemonAddress address, Duration idle, BooleanSupplier outdated, Handler handler) {
    this.address = address;
    this.idle = idle;
    this.outdated = outdated;
    this.handler = handler;
  }

  /**
   * Binds the socket; afterwards clients can connect, though requests wait for {@link #serve}.
   *
   * @throws IOException when a daemon already answers there, or the folder is not private to this user
   */
  public void bind() throws IOException {
    address.prepareDir();
    user = DaemonAddress.currentUser();
    Path socket = address.socket();
    if (Files.exists(socket)) {
      if (DaemonClient.status(address).isPresent()) throw new IOException("a daemon already runs at " + socket);
      Files.deleteIfExists(socket); // left by a daemon that was killed
    }
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    ch.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    server = ch;
  }

  /** Accepts clients until stopped, idle or outdated; then waits for the reviews under way, and removes the socket. */
  public void serve() throws IOException {
    if (server == null) bind();
    Thread watchdog = Thread.ofPlatform().daemon().name("vetter-daemon-watchdog").start(this::watch);
    try {
      while (!stopping) {
        SocketChannel client;
        try {
          client = server.accept();
        } catch (ClosedChannelException e) { // closed by stop()
          break;
        }
        Thread.ofVirtual().name("vetter-daemon-client").start(() -> handle(client));
      }
    } finally {
      stopping = true;
      watchdog.interrupt();
      close();
      // reviews already running finish and get their answer
      while (active.get() > 0) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
  }

  /** Stops accepting clients; {@link #serve} returns once the reviews under way are done. */
  public void stop() {
    stopping = true;
    close();
  }

  /**
   * Removes the socket, then stops listening; once only. In that order, and synchronized so that {@link #serve}
   * returns only after it: a daemon that is going away never deletes the socket of one that started after it.
   */
  @Override
  public synchronized void close() {
    ServerSocketChannel s = server;
    if (s == null || closed) return;
    closed = true;
    try {
      Files.deleteIfExists(address.socket());
    } catch (IOException e) {
      // a stale socket is found and replaced by the next daemon
    }
    try {
      s.close();
    } catch (IOException e) {
      // closing is all that is left to do
    }
  }

  private void watch() {
    while (!stopping) {
      try {
        Thread.sleep(Math.min(5_000, Math.max(10, idle.toMillis() / 4)));
      } catch (InterruptedException e) {
        return;
      }
      boolean idleTooLong = !idle.isZero() && active.get() == 0 && System.nanoTime() - lastActivity.get() > idle.toNanos();
      if (idleTooLong || outdated.getAsBoolean()) stop();
    }
  }

  private void handle(SocketChannel ch) {
    try (ch) {
      // the folder already keeps other users out; the peer's credentials say so again, whatever the folder
      UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (!peer.user().equals(user)) return;
      InputStream in = input(ch);
      Wire.Request request;
      try {
        request = Wire.readRequest(in);
      } catch (IOException e) {
        Wire.writeFrame(ch, Wire.REFUSED, "bad request: " + e.getMessage());
        return;
      }
      lastActivity.set(System.nanoTime());
      switch (request.kind()) {
        case Wire.STATUS -> Wire.writeFrame(ch, Wire.TEXT, status());
        case Wire.STOP -> {
          active.incrementAndGet(); // the process waits for this answer before it exits
          try {
            stop(); // first: once the client has its answer the path is free for a new daemon
            Wire.writeFrame(ch, Wire.TEXT, "stopping (pid " + ProcessHandle.current().pid() + ")");
          } finally {
            active.decrementAndGet();
          }
        }
        case Wire.RUN -> run(ch, in, request);
        default -> Wire.writeFrame(ch, Wire.REFUSED, "unknown request");
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    } finally {
      lastActivity.set(System.nanoTime());
    }
  }

  private void run(SocketChannel ch, InputStream in, Wire.Request request) throws IOException {
    String[] args = request.args().toArray(String[]::new);
    if (stopping || !DaemonClient.served(args)) {
      Wire.writeFrame(ch, Wire.REFUSED, "not served by the daemon");
      return;
    }
    active.incrementAndGet();
    running.incrementAndGet();
    boolean answered = false;
    Thread worker = Thread.currentThread();
    // whichever comes first, the review's end or the client's: a hang-up after the review must not interrupt the
    // writing of its answer (an interrupted channel write throws even when the bytes went out)
    AtomicBoolean settled = new AtomicBoolean();
    // the client sends nothing more: the end of its stream means it is gone, and its review is not wanted
    Thread hangup = Thread.ofVirtual().start(() -> {
      try {
        in.read();
      } catch (IOException e) {
        // gone all the same
      }
      if (settled.compareAndSet(false, true)) worker.interrupt();
    });
    try {
      Invocation where = new Invocation(Path.of(request.cwd()), request.env(),
          () -> new ByteArrayInputStream(new byte[0]), request.terminal());
      PrintWriter out = writer(ch, Wire.OUT);
      PrintWriter err = writer(ch, Wire.ERR);
      int code = handler.run(args, out, err, where);
      out.flush();
      err.flush();
      if (!settled.compareAndSet(false, true)) return; // the client went away: not counted
      // counted before the answer, so that a client holding its exit code sees it counted
      running.decrementAndGet();
      answered = true;
      served.incrementAndGet();
      try {
        Wire.writeExit(ch, code);
      } catch (IOException e) {
        served.decrementAndGet();
        throw e;
      }
    } finally {
      hangup.interrupt();
      Thread.interrupted(); // a hang-up after the answer is not this thread's next task's business
      if (!answered) running.decrementAndGet();
      active.decrementAndGet();
    }
  }

  private String status() {
    Runtime rt = Runtime.getRuntime();
    long upSeconds = (System.nanoTime() - started) / 1_000_000_000L;
    return "pid " + ProcessHandle.current().pid() + ", up " + Duration.ofSeconds(upSeconds).toString().substring(2).toLowerCase()
        + ", " + served.get() + " review" + (served.get() == 1 ? "" : "s") + " served, " + running.get() + " running, "
        + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MiB of heap in use, idle timeout "
        + (idle.isZero() ? "none" : idle.toString().substring(2).toLowerCase()) + ", socket " + address.socket();
  }

  /** A writer whose every flush (or full buffer) becomes one frame of {@code type}. */
  private static PrintWriter writer(SocketChannel ch, byte type) {
    OutputStream frames = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) Wire.writeFrame(ch, type, b, off, len);
      }
    };
    return new PrintWriter(new OutputStreamWriter(frames, StandardCharsets.UTF_8), false);
  }

  /** Reads the channel directly: a stream from {@code Channels} would hold a lock that blocks writes while it waits. */
  private static InputStream input(SocketChannel ch) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        return ch.read(ByteBuffer.wrap(b, off, len));
      }
    };
  }
}
