package dev.vetter.cli.integrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs as a CI runner or git would: in a directory, with a controlled environment, output captured. */
final class Processes {
  private Processes() {}

  record Result(int code, String out, String err, Duration took) {
    /** For assertion messages: everything the process said. */
    String transcript() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /**
   * This process's environment without anything that could make a test depend on where it runs: no
   * CI variables (the tests may themselves run in GitHub Actions or GitLab CI), no git variables, no
   * Vetter settings; HOME is {@code home}, so no global git configuration (a hooks path, signing) applies.
   */
  static Map<String, String> cleanEnvironment(Path home) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("RUNNER_") || k.startsWith("CI_") || k.startsWith("GITLAB_")
        || k.startsWith("GIT_") || k.startsWith("VETTER_") || k.equals("CI") || k.equals("NO_COLOR"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Ada Tester");
    env.put("GIT_AUTHOR_EMAIL", "ada@example.com");
    env.put("GIT_COMMITTER_NAME", "Ada Tester");
    env.put("GIT_COMMITTER_EMAIL", "ada@example.com");
    return env;
  }

  static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("proc", ".out");
    Path err = Files.createTempFile("proc", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().clear();
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      // a guard against a hung process, not a verdict on speed
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes; output so far:\n" + Files.readString(out) + Files.readString(err));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), took);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs a command that must succeed (test set-up, e.g. git clone); returns its standard output. */
  static String check(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    Result r = run(dir, env, command);
    if (r.code() != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + r.transcript());
    return r.out();
  }
}
