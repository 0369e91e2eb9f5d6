package dev.vetter.report;

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
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (with the OASIS errata), fetched
 * from the npm registry at a pinned version and checked against a pinned hash. It is not committed:
 * the test downloads it once into {@code target/} and skips, saying why, when npm cannot fetch it.
 */
final class SarifSchema {
  static final String PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0";
  static final String ENTRY = "package/sarif-2.1.0.json";
  static final String SHA256 = "1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c";

  private SarifSchema() {}

  static synchronized Path require() throws IOException, InterruptedException {
    Path dir = Path.of("target", "sarif-schema").toAbsolutePath();
    Path schema = dir.resolve("sarif-2.1.0.json");
    if (Files.exists(schema) && sha256(Files.readAllBytes(schema)).equals(SHA256)) return schema;
    Files.createDirectories(dir);
    Path log = dir.resolve("npm.log");
    Process npm;
    try {
      npm = new ProcessBuilder(List.of("npm", "pack", PACKAGE, "--pack-destination", dir.toString(), "--silent"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      Assumptions.abort("skipped: npm is not available to fetch the SARIF schema (" + PACKAGE + "): " + e.getMessage());
      throw e;
    }
    // a bound on a download, not a test verdict: without the schema the test is skipped
    if (!npm.waitFor(5, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      Assumptions.abort("skipped: npm pack " + PACKAGE + " did not finish in 5 minutes (registry unreachable?)");
    }
    if (npm.exitValue() != 0) {
      Assumptions.abort("skipped: npm pack " + PACKAGE + " failed (registry unreachable?): " + tail(log));
    }
    Path tgz;
    try (var files = Files.list(dir)) {
      tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new IllegalStateException("npm pack wrote no .tgz in " + dir));
    }
    try {
      byte[] bytes = extract(tgz, ENTRY);
      String actual = sha256(bytes);
      if (!actual.equals(SHA256)) {
        throw new IllegalStateException(ENTRY + " of " + PACKAGE + " has sha256 " + actual + ", expected " + SHA256);
      }
      Path tmp = dir.resolve("sarif-2.1.0.json.tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, schema, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return schema;
    } finally {
      Files.deleteIfExists(tgz); // tens of megabytes of binaries we do not need
    }
  }

  /** One file's bytes from a gzipped tar (ustar names, as npm writes them). */
  static byte[] extract(Path tgz, String entry) throws IOException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) break;
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) name = prefix + "/" + name;
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        long padded = (size + 511) / 512 * 512;
        if (name.equals(entry)) return in.readNBytes((int) size);
        in.skipNBytes(padded);
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

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
