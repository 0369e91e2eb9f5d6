package dev.vetter.cli;

import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.UserError;
import dev.vetter.report.Reporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Writes one result of {@code vetter review} or {@code vetter scan}: in the chosen format to standard output or to
 * {@code -o FILE}, and in each {@code --report FORMAT=FILE}. Paths are resolved as the command was typed.
 */
final class ReportWriter {
  /** One {@code --report FORMAT=FILE}. */
  private record Extra(Reporter reporter, Path file) {}

  private final Reporter reporter;
  private final Path output;
  private final List<Extra> extra;
  private final UnaryOperator<Path> resolve;

  private ReportWriter(Reporter reporter, Path output, List<Extra> extra, UnaryOperator<Path> resolve) {
    this.reporter = reporter;
    this.output = output;
    this.extra = extra;
    this.resolve = resolve;
  }

  /**
   * Parses the {@code --report} options now, so that a typo fails at once, not after a long review.
   *
   * @param output {@code -o FILE}, null for standard output
   * @param example a {@code FORMAT=FILE} shown when one is malformed
   * @param byName the reporter of a format, for the {@code --report} options
   */
  static ReportWriter of(Reporter reporter, Path output, List<String> reports, String example, Function<String, Reporter> byName,
      UnaryOperator<Path> resolve) {
    List<Extra> extra = new ArrayList<>();
    for (String spec : reports) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new UserError("--report takes FORMAT=FILE, e.g. --report " + example + "; got '" + spec + "'");
      }
      extra.add(new Extra(byName.apply(spec.substring(0, eq)), Path.of(spec.substring(eq + 1))));
    }
    return new ReportWriter(reporter, output, extra, resolve);
  }

  /** Writes {@code result} everywhere it was asked for. */
  void write(ReviewResult result, PrintWriter out) throws IOException {
    if (output == null) {
      reporter.write(result, out);
      out.flush();
    } else {
      write(reporter, result, resolve.apply(output));
    }
    for (Extra r : extra) write(r.reporter(), result, resolve.apply(r.file()));
  }

  private static void write(Reporter reporter, ReviewResult result, Path file) throws IOException {
    StringWriter buffer = new StringWriter();
    reporter.write(result, buffer);
    try {
      Files.writeString(file, buffer.toString(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot write the report to " + file + ": its folder does not exist", e);
    } catch (IOException e) {
      throw new UserError("cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
