package dev.vetter.cli.integrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Vetter under test as a command named {@code vetter} that scripts, CI templates and git hooks can
 * run. By default a small script that runs this build's classes with the test class path (the shaded
 * jar is made only after the tests, in Maven's package phase); {@code VETTER_TEST_BIN} names another
 * Vetter to test instead: a launcher such as {@code ./vetter}, or a jar.
 */
final class BuiltVetter {
  static final String ENV = "VETTER_TEST_BIN";

  private BuiltVetter() {}

  /** Writes {@code dir/vetter} and returns its path. */
  static Path command(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String given = System.getenv(ENV);
    String exec;
    if (given != null && !given.isBlank()) {
      Path bin = Path.of(given).toAbsolutePath();
      exec = bin.toString().endsWith(".jar") ? quote(java.toString()) + " -jar " + quote(bin.toString()) : quote(bin.toString());
    } else {
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      // the JVM settings of the ./vetter launcher (reviews are short-lived); like it, tell Vetter its own
      // path, which 'vetter hook install' writes into the hook
      exec = "VETTER_LAUNCHER=\"$0\" && export VETTER_LAUNCHER\nexec " + quote(java.toString())
          + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto " + String.join(" ", dev.vetter.java.JavaChecks.jvmOptions()) + " -cp " + quote(classPath) + " dev.vetter.cli.Main";
    }
    Path script = dir.resolve("vetter");
    Files.writeString(script, "#!/bin/sh\n" + (exec.startsWith("VETTER_LAUNCHER") ? "" : "exec ") + exec + " \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** {@code s} as one word for sh. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
