package dev.vetter.cli;

import dev.vetter.engine.Progress;
import dev.vetter.engine.UserError;
import java.io.Console;
import java.io.PrintWriter;

/** What the terminal can do: colour, and a progress line on standard error for long reviews. */
final class Terminal {
  private static final long PROGRESS_AFTER_NANOS = 400_000_000L;

  private Terminal() {}

  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) return false;
    try {
      // Java 22+ returns a console even when redirected; isTerminal() tells the truth there
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a console exists only when attached to a terminal
    }
  }

  static boolean colorWanted(String when, boolean toStdout) {
    return switch (when) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> toStdout && System.getenv("NO_COLOR") == null && isTerminal();
      default -> throw new UserError("invalid --color '" + when + "', allowed values: [auto, always, never]");
    };
  }

  /** Draws "reviewing n/total" on standard error, only on a terminal and only once the review takes a while. */
  static Progress progress(PrintWriter err) {
    if (!isTerminal()) return Progress.NONE;
    long start = System.nanoTime();
    return new Progress() {
      private volatile boolean drawn;

      @Override
      public synchronized void update(int done, int total) {
        if (System.nanoTime() - start < PROGRESS_AFTER_NANOS) return;
        drawn = true;
        err.print("\rreviewing: " + done + "/" + total + " checks");
        err.flush();
      }

      @Override
      public synchronized void finish() {
        if (drawn) {
          err.print("\r\u001b[K");
          err.flush();
        }
      }
    };
  }
}
