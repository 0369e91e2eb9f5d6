package dev.vetter.cli.daemon;

import dev.vetter.cli.Invocation;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import jdk.net.ExtendedSocketOptions;

/**
 * The client side of the review daemon: {@code vetter review} hands itself to a daemon of the same build when one
 * runs, and otherwise (no daemon, a daemon that refuses or dies before answering) reviews in its own process as
 * always. Only what the daemon can do exactly as the client would is handed over: see {@link #served}.
 */
public final class DaemonClient {
  /** {@code VETTER_DAEMON=off} keeps every review in its own process. */
  public static final String ENV = "VETTER_DAEMON";

  private DaemonClient() {}

  /**
   * Whether {@code args} are a command the daemon runs as the client would: {@code vetter review}, without
   * {@code --no-daemon} and without standard input as an input ({@code --input -}), which stays with the client.
   */
  public static boolean served(String[] args) {
    String command = null;
    for (String a : args) {
      if (command == null && !a.startsWith("-")) command = a;
      if (a.equals("--no-daemon") || a.equals("-") || a.equals("--input=-")) return false;
    }
    return "review".equals(command);
  }

  /**
   * Runs {@code args} in this build's daemon, if one runs and takes them, writing its output to this process's
   * standard streams; the exit code, or empty when this process must run the command itself.
   */
  public static OptionalInt forward(String[] args, Invocation where) {
    if ("off".equalsIgnoreCase(where.env().get(ENV)) || !served(args)) return OptionalInt.empty();
    DaemonAddress address = DaemonAddress.of(where.env());
    if (!Files.exists(address.socket())) return OptionalInt.empty();
    return forward(address, args, where, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
  }

  /** {@link #forward(String[], Invocation)} to {@code address}, with the given streams. */
  static OptionalInt forward(DaemonAddress address, String[] args, Invocation where, OutputStream out, OutputStream err) {
    boolean answered = false;
    try (SocketChannel ch = connect(address)) {
      if (ch == null) return OptionalInt.empty();
      OutputStream requestStream = Channels.newOutputStream(ch);
      Wire.writeRequest(requestStream, new Wire.Request(Wire.RUN, where.cwd().toString(), List.of(args), where.env(), where.terminal()));
      InputStream in = Channels.newInputStream(ch);
      for (Wire.Frame f; (f = Wire.readFrame(in)) != null; ) {
        switch (f.type()) {
          case Wire.OUT -> {
            answered = true;
            out.write(f.bytes());
            out.flush();
          }
          case Wire.ERR -> {
            answered = true;
            err.write(f.bytes());
            err.flush();
          }
          case Wire.EXIT -> {
            return OptionalInt.of(f.exitCode());
          }
          default -> {
            return OptionalInt.empty(); // refused: this process reviews
          }
        }
      }
    } catch (IOException e) {
      // fall through: the daemon went away
    }
    if (!answered) return OptionalInt.empty();
    // half a report was written: running again here would print it twice
    new PrintStream(err, true).println("vetter: the review daemon stopped during this review; run it again, or with --no-daemon");
    return OptionalInt.of(3);
  }

  /** The daemon's status line, or empty when none answers at {@code address}. */
  public static Optional<String> status(DaemonAddress address) {
    return ask(address, Wire.STATUS);
  }

  /** Asks the daemon at {@code address} to stop; its answer, or empty when none answers. */
  public static Optional<String> stop(DaemonAddress address) {
    return ask(address, Wire.STOP);
  }

  private static Optional<String> ask(DaemonAddress address, byte kind) {
    try (SocketChannel ch = connect(address)) {
      if (ch == null) return Optional.empty();
      Wire.writeRequest(Channels.newOutputStream(ch), new Wire.Request(kind, null, List.of(), Map.of(), false));
      Wire.Frame f = Wire.readFrame(Channels.newInputStream(ch));
      return f != null && f.type() == Wire.TEXT ? Optional.of(f.text()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A connection to a daemon of this user's, or null when none listens (or another user's does). */
  private static SocketChannel connect(DaemonAddress address) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(address.socket()));
      // whoever listens must be this user: a socket placed by someone else gets no arguments, no environment
      if (!ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(DaemonAddress.currentUser())) {
        ch.close();
        return null;
      }
      return ch;
    } catch (IOException e) {
      ch.close();
      return null; // no daemon: a socket left by one that was killed, or none at all
    }
  }
}
