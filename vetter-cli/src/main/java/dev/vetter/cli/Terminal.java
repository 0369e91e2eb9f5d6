package dev.vetter.cli;

import dev.vetter.engine.Progress;
import dev.vetter.engine.UserError;
import java.io.Console;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

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
    return colorWanted(when, toStdout, Invocation.ofProcess());
  }

  /** {@code --color WHEN} for a command typed as {@code where} says: its terminal and its {@code NO_COLOR}. */
  static boolean colorWanted(String when, boolean toStdout, Invocation where) {
    return switch (when) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> toStdout && where.getenv("NO_COLOR") == null && where.terminal();
      default -> throw new UserError("invalid --color '" + when + "', allowed values: [auto, always, never]");
    };
  }

  /** Draws "reviewing n/total" on standard error, only on a terminal and only once the review takes a while. */
  static Progress progress(PrintWriter err, boolean terminal) {
    if (!terminal) return Progress.NONE;
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

  /**
   * A progress bar on standard error for a long job, only on a terminal (nothing otherwise):
   * {@code [#########...............] 1200/4800 commits  310/s  ETA 0:12}. Redrawn at most every 100 ms
   * and at the end; cleared when the job finishes, so the report starts on a clean line.
   */
  static Progress bar(PrintWriter err, String unit) {
    return isTerminal() ? bar(err, unit, System::nanoTime) : Progress.NONE;
  }

  /** {@link #bar(PrintWriter, String)} drawn whatever the terminal, with its own clock (for tests). */
  static Progress bar(PrintWriter err, String unit, LongSupplier nanos) {
    long start = nanos.getAsLong();
    return new Progress() {
      private long last;
      private boolean drawn;

      @Override
      public synchronized void update(int done, int total) {
        long now = nanos.getAsLong();
        if (drawn && done < total && now - last < 100_000_000L) return;
        last = now;
        drawn = true;
        err.print("\r" + line(done, total, unit, now - start) + "\u001b[K");
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

  /** One state of the bar; the rate and ETA once a second has passed (before that they say little). */
  static String line(int done, int total, String unit, long elapsedNanos) {
    int width = 24;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    StringBuilder sb = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ")
        .append(done).append('/').append(total).append(' ').append(unit);
    double seconds = elapsedNanos / 1e9;
    if (seconds >= 1 && done > 0) {
      double rate = done / seconds;
      long eta = Math.round((total - done) / rate);
      sb.append(String.format(java.util.Locale.ROOT, "  %.0f/s  ETA %d:%02d", rate, eta / 60, eta % 60));
    }
    return sb.toString();
  }
}
