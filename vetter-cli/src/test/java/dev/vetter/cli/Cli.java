package dev.vetter.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process, as {@code vetter ARGS} would from a shell, capturing both streams. */
final class Cli {
  private Cli() {}

  /** What a run printed and its exit code. */
  record Run(int code, String out, String err) {}

  static Run vetter(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs on {@code day} (UTC), as if typed that day: what decides whether a waiver is in force. */
  static Run vetterOn(String day, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse(day + "T12:00:00Z"), java.time.ZoneOffset.UTC);
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Invocation.ofProcess().at(clock));
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs with {@code stdin} as standard input. */
  static Run vetterWithStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return vetter(args);
    } finally {
      System.setIn(saved);
    }
  }
}
