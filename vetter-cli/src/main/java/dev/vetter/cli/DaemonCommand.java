package dev.vetter.cli;

import dev.vetter.cli.daemon.DaemonAddress;
import dev.vetter.cli.daemon.DaemonClient;
import dev.vetter.cli.daemon.DaemonServer;
import dev.vetter.engine.UserError;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vetter daemon start|stop|status|run}: a warm process that runs this user's reviews ({@link DaemonServer}). */
@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = {
      "Keep Vetter loaded between reviews, so that a re-review takes a fraction of a second instead of seconds.",
      "",
      "While a daemon runs, 'vetter review' hands itself over to it, as typed: its directory, environment and terminal.",
      "It runs only reviews of this user's (a private Unix-domain socket) with this build of Vetter, and stops after",
      "--idle-timeout without one, or when Vetter is rebuilt. 'vetter review --no-daemon' or VETTER_DAEMON=off reviews",
      "in its own process; so does a review reading standard input (--input -)."
    },
    footer = {"", "Examples:",
      "  vetter daemon start                 start one in the background",
      "  vetter daemon status                is one running, and for how long",
      "  vetter daemon stop",
      "",
      "Exit codes: 0 done ('status': one runs), 1 'status': none runs, 2 usage error,",
      "3 the daemon could not start."},
    subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class, DaemonCommand.Run.class})
final class DaemonCommand {
  static final String DEFAULT_IDLE = "3h";

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a review daemon in the background; nothing to do when one runs.")
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "Stop after this long without a review, e.g. 90m, 8h; 0: never (default: "
        + DEFAULT_IDLE + ").")
    String idle = DEFAULT_IDLE;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      idleTimeout(idle); // a typo fails here, not in the background
      DaemonAddress address = DaemonAddress.of(System.getenv());
      Optional<String> running = DaemonClient.status(address);
      if (running.isPresent()) {
        out.println("vetter: a review daemon already runs: " + running.get());
        return Main.OK;
      }
      Path jar = DaemonAddress.codeSource();
      if (jar == null || !jar.toString().endsWith(".jar")) {
        throw new UserError("'vetter daemon start' starts Vetter's jar in the background, and this Vetter runs from " + jar
            + "; run 'vetter daemon run' in the background yourself instead");
      }
      try {
        address.prepareDir();
      } catch (IOException e) {
        throw new UserError("cannot use the daemon's folder: " + e.getMessage(), e);
      }
      ProcessBuilder pb = new ProcessBuilder(command(jar, idle))
          .directory(address.dir().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(address.log().toFile()));
      // git's locations are the client's to give with each review, never the daemon's
      pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
      Process p = pb.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Optional<String> status = DaemonClient.status(address);
        if (status.isPresent()) {
          out.println("vetter: review daemon started: " + status.get());
          out.println("vetter: 'vetter review' now runs in it; 'vetter daemon stop' ends it");
          return Main.OK;
        }
        if (!p.isAlive()) break;
        Thread.sleep(100);
      }
      p.destroy();
      err.println("vetter: the review daemon did not start; the end of its log, " + address.log() + ":");
      logTail(address.log()).forEach(l -> err.println("  " + l));
      return Main.INTERNAL;
    }

    /** This JVM with its options (minus those for short runs), on the jar, as {@code daemon run}; out of the terminal's session where it can be. */
    private static List<String> command(Path jar, String idle) {
      List<String> cmd = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid"); // no hang-up or Ctrl-C from this terminal
      cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        // a daemon lives for hours: the default compilers and collector, as for 'vetter serve'; never a training run's output
        if (a.startsWith("-XX:TieredStopAtLevel") || a.equals("-XX:+UseSerialGC") || a.equals("-XX:+UseParallelGC") || a.startsWith("-Xmn")
            || a.startsWith("-XX:AOTCacheOutput")
            || a.startsWith("-XX:AOTMode") || a.equals("-XX:+AutoCreateSharedArchive")) {
          continue;
        }
        cmd.add(a);
      }
      cmd.addAll(List.of("-cp", jar.toString(), Main.class.getName(), "daemon", "run", "--idle-timeout", idle));
      return cmd;
    }

    private static List<String> logTail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
      } catch (IOException e) {
        return List.of("(" + e.getMessage() + ")");
      }
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the review daemon, once the reviews it is running are done.")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DaemonAddress address = DaemonAddress.of(System.getenv());
      Optional<String> answer = DaemonClient.stop(address);
      spec.commandLine().getOut().println(answer.map(a -> "vetter: review daemon " + a).orElse("vetter: no review daemon runs"));
      return Main.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Tell whether a review daemon runs: its pid, age, reviews and memory.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DaemonAddress address = DaemonAddress.of(System.getenv());
      Optional<String> status = DaemonClient.status(address);
      spec.commandLine().getOut().println(status.map(s -> "vetter: a review daemon runs: " + s)
          .orElse("vetter: no review daemon runs (it would listen on " + address.socket() + ")"));
      return status.isPresent() ? Main.OK : Main.FINDINGS;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a review daemon in the foreground (what 'start' runs; for a service manager).")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "Stop after this long without a review, e.g. 90m, 8h; 0: never (default: "
        + DEFAULT_IDLE + ").")
    String idle = DEFAULT_IDLE;

    @Override
    public Integer call() throws IOException {
      Duration timeout = idleTimeout(idle);
      DaemonAddress address = DaemonAddress.of(System.getenv());
      DaemonServer server = new DaemonServer(address, timeout, () -> !DaemonAddress.buildId().equals(address.build()), Main::run);
      try {
        server.bind();
      } catch (IOException e) {
        throw new UserError("the review daemon cannot listen: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // a killed daemon leaves no socket behind
      PrintWriter err = spec.commandLine().getErr();
      warmUp();
      err.println("vetter: review daemon " + ProcessHandle.current().pid() + " listening on " + address.socket());
      err.flush();
      server.serve();
      err.println("vetter: review daemon " + ProcessHandle.current().pid() + " stopped");
      return Main.OK;
    }
  }

  /**
   * Runs {@code vetter demo --warm-up} (the sample change with every Java analyzer on, reviewed into the cache and
   * from it), output discarded, before the first client is answered: it loads and compiles Checkstyle's, PMD's and the
   * formatter's code paths, so the first real review does not pay for that. Clients that connect meanwhile wait;
   * {@code daemon start} returns once this is done.
   */
  private static void warmUp() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vetter-daemon-warm-up-");
      PrintWriter none = new PrintWriter(Writer.nullWriter());
      Main.run(new String[] {"demo", "--warm-up", "--dir", dir.resolve("repo").toString()}, none, none);
    } catch (IOException | RuntimeException e) {
      // a daemon that could not warm up is only slower on its first review
    } finally {
      if (dir != null) deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 8h}, {@code 2d}, or {@code 0} for none. */
  static Duration idleTimeout(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) return Duration.ZERO;
    if (t.length() >= 2 && t.length() <= 10 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's': return Duration.ofSeconds(n);
        case 'm': return Duration.ofMinutes(n);
        case 'h': return Duration.ofHours(n);
        case 'd': return Duration.ofDays(n);
        default: break;
      }
    }
    throw new UserError("invalid --idle-timeout '" + text + "': a number with s, m, h or d (e.g. 90m, 8h), or 0 for none");
  }
}
