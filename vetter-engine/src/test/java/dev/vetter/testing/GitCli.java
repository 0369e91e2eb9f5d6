package dev.vetter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code git} command, to compare our change model with what git itself says. The
 * user's and the system's git configuration are ignored, so output does not depend on the machine.
 */
public final class GitCli {
  private GitCli() {}

  /** What a git command printed, and its exit code. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private static volatile Boolean available;

  /** Skips the calling test, saying why, when no {@code git} is on the PATH. */
  public static void assumeAvailable() {
    Boolean a = available;
    if (a == null) {
      try {
        a = exec(Path.of("."), null, "--version").exitCode() == 0;
      } catch (UncheckedIOException e) {
        a = false;
      }
      available = a;
    }
    Assumptions.assumeTrue(a, "skipped: the git command is not installed, and this test compares with it");
  }

  /** Runs {@code git args...} in {@code dir}; fails the test when git exits with an error. */
  public static String run(Path dir, String... args) {
    Result r = exec(dir, null, args);
    if (r.exitCode() != 0) throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.stderr());
    return r.stdout();
  }

  /** Runs {@code git args...} in {@code dir} with {@code stdin} (may be null) as its input. */
  public static Result exec(Path dir, byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    var env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_AUTHOR_NAME", TestRepo.DEFAULT_NAME);
    env.put("GIT_AUTHOR_EMAIL", TestRepo.DEFAULT_EMAIL);
    env.put("GIT_COMMITTER_NAME", TestRepo.DEFAULT_NAME);
    env.put("GIT_COMMITTER_EMAIL", TestRepo.DEFAULT_EMAIL);
    env.put("LC_ALL", "C");
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (var in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin);
      }
      int code = p.waitFor();
      return new Result(code, new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in; var buf = new ByteArrayOutputStream()) {
      in.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
