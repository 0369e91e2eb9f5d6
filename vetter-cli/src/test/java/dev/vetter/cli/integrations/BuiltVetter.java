package dev.vetter.cli.integrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Vetter under test as a command that scripts, CI templates and git hooks can run: the launcher
 * or jar named by {@code VETTER_TEST_BIN} (e.g. {@code ./vetter}, to test a packaged build), else a
 * small script that runs this build's classes with the test class path (the shaded jar is made only
 * after the tests, in Maven's package phase).
 */
final class BuiltVetter {
  static final String ENV = "VETTER_TEST_BIN";

  private BuiltVetter() {}

  /** A path to run as {@code vetter}; writes the script into {@code dir} when needed. */
  static Path command(Path dir) throws IOException {
    String given = System.getenv(ENV);
    if (given != null && !given.isBlank()) return Path.of(given).toAbsolutePath();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path script = dir.resolve("vetter");
    Files.createDirectories(dir);
    // the same JVM settings as the ./vetter launcher: reviews are short-lived
    Files.writeString(script, "#!/bin/sh\nexec " + quote(java.toString()) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "
        + quote(classPath) + " dev.vetter.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** {@code s} as one word for sh. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
