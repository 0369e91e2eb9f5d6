package dev.vetter.cli;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where and when a command was typed: its working directory, environment, standard input, whether it talks to a
 * terminal, and the clock that says which day it is (whether a waiver has expired). Usually this process's own; in the review daemon, the client's ({@code dev.vetter.cli.daemon}),
 * so that relative paths, {@code NO_COLOR}, {@code VETTER_ORG_CONFIG} and a hook's {@code GIT_INDEX_FILE}
 * mean what they mean in the shell that ran {@code vetter review}.
 */
public record Invocation(Path cwd, Map<String, String> env, Supplier<InputStream> stdin, boolean terminal, Clock clock) {
  /** The variables of git's whose values are paths (or lists of paths) relative to the working directory; JGit reads them. */
  private static final Set<String> GIT_PATHS = Set.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
      "GIT_COMMON_DIR", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES");

  public Invocation {
    cwd = cwd.toAbsolutePath().normalize();
    env = Map.copyOf(env);
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  public Invocation(Path cwd, Map<String, String> env, Supplier<InputStream> stdin, boolean terminal) {
    this(cwd, env, stdin, terminal, Clock.systemUTC());
  }

  /** This invocation on another clock (tests: a fixed day). */
  public Invocation at(Clock clock) {
    return new Invocation(cwd, env, stdin, terminal, clock);
  }

  /** Today, by the invocation's clock: the day waivers are in force or expired on. */
  LocalDate today() {
    return LocalDate.now(clock);
  }

  /** This process: its directory, environment, standard input and terminal. */
  public static Invocation ofProcess() {
    return new Invocation(Path.of("").toAbsolutePath(), System.getenv(), () -> System.in, Terminal.isTerminal());
  }

  /** {@code path} as the shell that typed it meant it; unchanged (relative) when that shell is this process. */
  Path resolve(Path path) {
    if (path == null || path.isAbsolute() || cwd.equals(Path.of("").toAbsolutePath())) return path;
    return cwd.resolve(path);
  }

  /** {@code path} typed as text, resolved as {@link #resolve(Path)} does. */
  Path path(String path) {
    return resolve(Path.of(path));
  }

  /** An environment variable, or null. */
  String getenv(String name) {
    return env.get(name);
  }

  /**
   * An environment variable as git reads it: a path variable ({@code GIT_DIR}, {@code GIT_INDEX_FILE}, ...) made
   * absolute against the working directory, as it would be in the shell's own process.
   */
  String gitEnv(String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty() || !GIT_PATHS.contains(name)) return value;
    return Arrays.stream(value.split(File.pathSeparator, -1))
        .map(p -> p.isEmpty() ? p : cwd.resolve(p).toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
