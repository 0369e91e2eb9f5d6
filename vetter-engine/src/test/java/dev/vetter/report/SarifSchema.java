package dev.vetter.report;

import dev.vetter.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (with the OASIS errata), fetched
 * from the npm registry at a pinned version and checked against a pinned hash ({@link NpmPackages}).
 * It is not committed: the test downloads it once into {@code target/} and skips, saying why, when npm
 * cannot fetch it.
 */
final class SarifSchema {
  static final String PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0";
  static final String ENTRY = "package/sarif-2.1.0.json";
  static final String SHA256 = "1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c";

  private SarifSchema() {}

  static Path require() throws IOException, InterruptedException {
    return NpmPackages.require(PACKAGE, ENTRY, SHA256);
  }
}
