package dev.vetter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared third-party corpora ({@code ../shared/corpora} beside the project root). */
public final class Corpora {
  private Corpora() {}

  public static Path projectRoot() {
    String root = System.getProperty("vetter.projectRoot");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("run-tests"))) p = p.getParent();
    return p == null ? Path.of("").toAbsolutePath() : p;
  }

  /** The corpus folder {@code name}; the test is skipped, saying why, when it is absent. */
  public static Path require(String name) {
    Path dir = projectRoot().resolveSibling("shared").resolve("corpora").resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: corpus " + dir + " is not present (see ../shared/corpora/README.md)");
    return dir;
  }
}
