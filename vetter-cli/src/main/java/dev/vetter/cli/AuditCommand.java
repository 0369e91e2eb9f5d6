package dev.vetter.cli;

import dev.vetter.engine.UserError;
import dev.vetter.forge.chatops.AuditEntry;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.chatops.AuditOutput;
import dev.vetter.server.store.ChatOpsStore;
import dev.vetter.server.store.StoreException;
import dev.vetter.server.telemetry.TelemetryStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the ChatOps audit log of {@code vetter serve}'s store: every {@code /vetter} command, who gave it, on which commit, and what came of it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {
      "Print the ChatOps audit log: every /vetter command given in a pull request comment (override, waive, fp, recheck, undo, ...),",
      "who gave it with which role, on which head commit, why, and whether it was accepted, denied or invalid.",
      "Reads the store vetter serve uses (--data-dir or --database, or VETTER_DATA_DIR / VETTER_DATABASE_URL), read-only."
    },
    footer = {"", "The commands and who may give them: docs/chatops.md."})
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreQuery query = new StoreQuery();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = Formats.class, description = "text (default), json or csv.")
  String format = "text";

  @Override
  public Integer call() {
    if (!AuditOutput.FORMATS.contains(format)) {
      throw new UserError("unknown format '" + format + "', allowed values: " + String.join(", ", AuditOutput.FORMATS));
    }
    Instant from = query.from(Instant.now());
    ServerConfig.StoreLocation where = query.location();
    List<AuditEntry> rows;
    try (Connection c = TelemetryStore.openReadOnly(where)) {
      rows = ChatOpsStore.read(c, query.repo, from);
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    } catch (SQLException e) {
      throw new UserError("cannot read the store " + TelemetryStore.describe(where) + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(AuditOutput.write(rows, format));
    out.flush();
    return Main.OK;
  }

  /** The formats, for shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return AuditOutput.FORMATS.iterator();
    }
  }
}
