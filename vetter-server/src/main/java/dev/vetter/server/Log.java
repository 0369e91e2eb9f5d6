package dev.vetter.server;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One line per event on standard error: time, level, message. Enough for a service run under systemd or a container.
 * Every message passes through {@link Redaction} first: a token, JWT or private key never reaches the output.
 */
public final class Log {
  private static volatile PrintStream out = System.err;
  private static volatile boolean quiet;

  private Log() {}

  public static void info(String message) {
    if (!quiet) write("INFO ", message);
  }

  public static void warn(String message) {
    write("WARN ", message);
  }

  /** Sends log lines to {@code stream} (tests capture them); returns the previous stream. */
  public static synchronized PrintStream output(PrintStream stream) {
    PrintStream previous = out;
    out = java.util.Objects.requireNonNull(stream, "stream == null");
    return previous;
  }

  /** Silences info lines (warnings still show); for benchmarks. */
  public static void quiet(boolean value) {
    quiet = value;
  }

  private static void write(String level, String message) {
    out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + Redaction.redact(message));
  }
}
