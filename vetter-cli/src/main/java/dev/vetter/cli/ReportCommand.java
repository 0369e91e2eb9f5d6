package dev.vetter.cli;

import dev.vetter.engine.UserError;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.store.StoreException;
import dev.vetter.server.telemetry.Report;
import dev.vetter.server.telemetry.ReportOutput;
import dev.vetter.server.telemetry.TelemetryData;
import dev.vetter.server.telemetry.TelemetryStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the outcome telemetry of {@code vetter serve}'s store: PR cycle-time phases and what became of findings (docs/metrics.md). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
      "Report what the bot's store recorded: pull request cycle time and its phases, the comment-to-merge ratio,",
      "and per rule how many findings were fixed, ignored or abandoned, with precision and its 95% interval.",
      "Reads the store vetter serve uses (--data-dir or --database, or VETTER_DATA_DIR / VETTER_DATABASE_URL), read-only."
    },
    footer = {"", "Every figure, its formula and its denominator: docs/metrics.md."})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreQuery query = new StoreQuery();

  @Option(names = "--until", paramLabel = "WHEN", description = "End of the period (exclusive), as --since; default: now.")
  String until;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = Formats.class, description = "text (default), json, csv, markdown or html (the Cockpit's page, one self-contained file).")
  String format = "text";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  java.nio.file.Path output;

  @Override
  public Integer call() {
    if (!ReportOutput.FORMATS.contains(format)) {
      throw new UserError("unknown format '" + format + "', allowed values: " + String.join(", ", ReportOutput.FORMATS));
    }
    Instant now = Instant.now();
    Instant from = query.from(now);
    Instant to = until == null ? now : StoreQuery.when("--until", until, now);
    if (!from.isBefore(to)) throw new UserError("--since " + query.since + " is not before " + (until == null ? "now" : "--until " + until));
    ServerConfig.StoreLocation where = query.location();
    TelemetryData data;
    try {
      data = TelemetryStore.read(where, from, query.repo);
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
    String text = ReportOutput.write(Report.compute(data, from, to, query.repo), format);
    if (output != null) {
      try {
        java.nio.file.Files.writeString(output, text, java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new UserError("cannot write the report to " + output + ": " + e.getMessage());
      }
      return Main.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return Main.OK;
  }

  /** The formats, for shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ReportOutput.FORMATS.iterator();
    }
  }

}
