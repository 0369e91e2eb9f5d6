package dev.vetter.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher decides from scripts/daemon-address.sh whether a daemon will take a review (and then starts its JVM
 * without the start-up cache, which only a local review uses); it must find the socket the Java client connects to.
 */
class DaemonAddressScriptTest {
  static final Path SCRIPT = Path.of("../scripts/daemon-address.sh").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private String bash(Map<String, String> env, String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", ". " + SCRIPT + "; " + script)).directory(tmp.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip() + (p.exitValue() == 0 ? "" : " (exit " + p.exitValue() + ")");
  }

  @Test
  void theScriptNamesTheSocketTheJavaClientUses() throws Exception {
    Path jar = Files.createDirectories(tmp.resolve("a dir with spaces")).resolve("vetter.jar");
    Files.write(jar, new byte[12_345]);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_765_000_123_456L));
    Path runtime = Files.createDirectories(tmp.resolve("run"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    List<Map<String, String>> envs = List.of(
        Map.of("HOME", home.toString(), DaemonAddress.DIR_ENV, tmp.resolve("own").toString()),
        Map.of("HOME", home.toString(), DaemonAddress.DIR_ENV, "relative/dir"),
        Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString()),
        Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", tmp.resolve("missing").toString()),
        Map.of("HOME", home.toString()));
    for (Map<String, String> env : envs) {
      Map<String, String> withPath = new HashMap<>(env);
      withPath.put("PATH", System.getenv("PATH"));
      // Java's relative folder is against the process's directory, which the script sees as $PWD
      Map<String, String> javaEnv = new HashMap<>(env);
      javaEnv.computeIfPresent(DaemonAddress.DIR_ENV, (k, v) -> tmp.resolve(v).toString());
      String expected = new DaemonAddress(DaemonAddress.dirFor(javaEnv), DaemonAddress.buildId(jar)).socket().toString()
          .replace(System.getProperty("user.home") + "/.cache", home + "/.cache");
      assertThat(bash(withPath, "vetter_daemon_socket '" + jar + "'")).as("environment %s", env).isEqualTo(expected);
    }
  }

  @Test
  void theScriptServesWhatTheClientForwards() throws Exception {
    List<List<String>> cases = List.of(
        List.of("review"), List.of("review", "--base", "main"), List.of("--no-color", "review"), List.of("review", "--no-daemon"),
        List.of("review", "--input", "-"), List.of("review", "--input=-"), List.of("scan"), List.of("daemon", "status"),
        List.of("explain", "review"), List.of());
    for (List<String> args : cases) {
      String quoted = String.join(" ", args.stream().map(a -> "'" + a + "'").toList());
      String script = "vetter_daemon_serves " + quoted + " && echo yes || echo no";
      assertThat(bash(Map.of("PATH", System.getenv("PATH")), script)).as("vetter %s", args)
          .isEqualTo(DaemonClient.served(args.toArray(String[]::new)) ? "yes" : "no");
    }
  }
}
