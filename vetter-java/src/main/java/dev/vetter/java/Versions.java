package dev.vetter.java;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The versions of the tools in use, part of each check's cache key, and hashing. */
final class Versions {
  static final String CHECKSTYLE = version("com.puppycrawl.tools", "checkstyle");
  static final String PMD = version("net.sourceforge.pmd", "pmd-java");
  static final String GOOGLE_JAVA_FORMAT = version("com.google.googlejavaformat", "google-java-format");

  private Versions() {}

  /** The version Maven recorded in the artifact's jar (kept by the shaded vetter.jar too). */
  private static String version(String group, String artifact) {
    try (var in = Versions.class.getClassLoader().getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) return "unknown";
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
