package dev.vetter.cli.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Where the review daemon of one build of Vetter listens for one user: a Unix-domain socket named after the build,
 * in a folder only that user can enter ({@code $VETTER_DAEMON_DIR}, else {@code $XDG_RUNTIME_DIR/vetter}, else
 * {@code ~/.cache/vetter/daemon}). A rebuilt Vetter has another name, so it never talks to a daemon running old code.
 */
public record DaemonAddress(Path dir, String build) {
  public static final String DIR_ENV = "VETTER_DAEMON_DIR";

  public Path socket() {
    return dir.resolve(build + ".sock");
  }

  /** The daemon's own output (start-up failures, a library printing to standard error). */
  public Path log() {
    return dir.resolve(build + ".log");
  }

  /** The address of the running build for a user with environment {@code env}. */
  public static DaemonAddress of(Map<String, String> env) {
    return new DaemonAddress(dirFor(env), buildId());
  }

  static Path dirFor(Map<String, String> env) {
    String own = env.get(DIR_ENV);
    if (own != null && !own.isBlank()) return Path.of(own).toAbsolutePath();
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) return Path.of(runtime, "vetter");
    return Path.of(System.getProperty("user.home"), ".cache", "vetter", "daemon");
  }

  /** Where this build's classes are (the jar, in an installed Vetter). */
  public static Path codeSource() {
    try {
      return Path.of(DaemonAddress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** This build: its jar's path, size and time, hashed (a classes folder in development). */
  public static String buildId() {
    return buildId(codeSource());
  }

  /** The build of the code at {@code code}; the launcher's scripts/daemon-address.sh computes the same. */
  static String buildId(Path code) {
    String stamp = "unknown";
    if (code != null) {
      try {
        stamp = code + "\0" + Files.size(code) + "\0" + Files.getLastModifiedTime(code).toMillis();
      } catch (IOException e) {
        stamp = code.toString();
      }
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(stamp.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This process's user, as a Unix-domain peer's credentials name it. */
  static UserPrincipal currentUser() throws IOException {
    return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
  }

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  /**
   * Makes the folder, or checks it: it must belong to this user and let nobody else in, so that no other user can
   * reach the socket, nor put one of their own in its place.
   *
   * @throws IOException with a message for the user when it is someone else's or cannot be made private
   */
  public void prepareDir() throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir);
    }
    UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(currentUser())) {
      throw new IOException("the daemon's folder " + dir + " belongs to " + owner.getName() + ", not to " + System.getProperty("user.name"));
    }
    if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
  }
}
