package dev.vetter.cli;

import dev.vetter.cli.daemon.DaemonClient;
import dev.vetter.engine.UserError;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;

/** Entry point: runs a command and maps failures to exit codes (2 usage/config, 3 internal), never a bare stack trace. */
public final class Main {
  /** Exit codes, as documented in the README. */
  public static final int OK = 0, FINDINGS = 1, USAGE = 2, INTERNAL = 3;

  private Main() {}

  public static void main(String[] args) {
    Invocation here = Invocation.ofProcess();
    // a review daemon of this build, when one runs, has everything loaded and warm ('vetter daemon start')
    OptionalInt forwarded = DaemonClient.forward(args, here);
    System.exit(forwarded.isPresent() ? forwarded.getAsInt() : run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), here));
  }

  /** Runs {@code args} with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Invocation.ofProcess());
  }

  /** Runs {@code args} as typed {@code where} (a daemon's client), with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Invocation where) {
    VetterCommand root = new VetterCommand();
    CommandLine cmd = new CommandLine(root, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof ReviewCommand review) review.invocation = where;
        if (made instanceof WaiversCommand.Check check) check.invocation = where;
        if (made instanceof WaiversCommand.Add add) add.invocation = where;
        return made;
      }
    });
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExitCodeExceptionMapper(e -> e instanceof UserError ? USAGE : INTERNAL);
    cmd.setParameterExceptionHandler((ex, a) -> {
      err.println("vetter: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
      boolean debug = root.debug;
      if (ex instanceof UserError) {
        err.println("vetter: " + ex.getMessage());
        if (debug) ex.printStackTrace(err);
        return USAGE;
      }
      err.println("vetter: internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse("")));
      if (debug) ex.printStackTrace(err);
      else err.println("Run again with --debug to see where it happened, and report it with that output.");
      return INTERNAL;
    });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
