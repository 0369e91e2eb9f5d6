package dev.vetter.github.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A file from a pinned npm package, fetched once with {@code npm pack} (no install, no scripts run) and kept in
 * {@code ~/.cache/vetter/npm/NAME-VERSION/} (or {@code $VETTER_NPM_CACHE}), shared by every checkout on the
 * machine. When npm or its registry cannot be reached the calling test is skipped, saying so.
 */
public final class NpmPackage {
  private NpmPackage() {}

  /** {@code package/FILE} of {@code NAME@VERSION}, unpacked; aborts (skips) the test when it cannot be fetched. */
  public static Path file(String name, String version, String file) {
    Path dir = cacheRoot().resolve(name.replace("@", "").replace('/', '-') + "-" + version);
    Path target = dir.resolve("package").resolve(file);
    if (Files.isRegularFile(target)) return target;
    String problem = fetch(name, version, file, dir);
    Assumptions.assumeTrue(problem == null && Files.isRegularFile(target),
        () -> "skipped: could not fetch " + name + "@" + version + " with npm (registry unreachable?): " + problem);
    return target;
  }

  static Path cacheRoot() {
    String env = System.getenv("VETTER_NPM_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "vetter", "npm");
  }

  private static synchronized String fetch(String name, String version, String file, Path dir) {
    if (Files.isRegularFile(dir.resolve("package").resolve(file))) return null;
    Path tmp = null;
    try {
      Files.createDirectories(dir.getParent());
      tmp = Files.createTempDirectory(dir.getParent(), ".fetch-");
      String out = run(tmp, "npm", "pack", "--silent", name + "@" + version);
      if (out != null) return out;
      Path tgz;
      try (Stream<Path> s = Files.list(tmp)) {
        tgz = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElse(null);
      }
      if (tgz == null) return "npm pack produced no .tgz";
      out = run(tmp, "tar", "xzf", tgz.getFileName().toString(), "package/" + file);
      if (out != null) return out;
      Files.delete(tgz);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
        // another process got there first, or the directory holds other files of the package: add ours
        Path from = tmp.resolve("package").resolve(file);
        Path to = dir.resolve("package").resolve(file);
        Files.createDirectories(to.getParent());
        if (!Files.exists(to)) Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      }
      return null;
    } catch (IOException | InterruptedException e) {
      return e.toString();
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return command[0] + " is not available: " + e.getMessage();
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", command) + " timed out";
    }
    return p.exitValue() == 0 ? null : String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8).strip();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory in the cache is harmless
    }
  }
}
