package dev.vetter.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.cli.Invocation;
import dev.vetter.cli.Main;
import dev.vetter.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review daemon over a real Unix-domain socket, with real reviews of real repositories: a review handed to it
 * finds and prints what the same review in-process does, as the client typed it (its directory, environment), and
 * everything it cannot do that way stays with the client.
 */
class DaemonTest {
  @TempDir Path tmp;
  TestRepo repo;
  DaemonAddress address;
  DaemonServer server;
  Thread serving;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    // a team that chose hygiene/trailing-whitespace (in shadow by default)
    repo.write("README.md", "# demo\n").write(".vetter.yml", "rules:\n  hygiene/trailing-whitespace: {mode: comment}\n").commit("docs: start");
    repo.branch("feature");
    repo.write("README.md", "# demo\nnew line   \n").write("notes.txt", "<<<<<<< HEAD\n").commit("docs: more");
    address = new DaemonAddress(tmp.resolve("d"), "test");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (server != null) server.stop();
    if (serving != null) serving.join(30_000);
  }

  private void start(Duration idle, java.util.function.BooleanSupplier outdated, DaemonServer.Handler handler) throws IOException {
    server = new DaemonServer(address, idle, outdated, handler);
    server.bind();
    serving = Thread.ofPlatform().start(() -> {
      try {
        server.serve();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private void start() throws IOException {
    start(Duration.ZERO, () -> false, Main::run);
  }

  /** What a run printed and its exit code. */
  record Run(OptionalInt code, String out, String err) {}

  private Run viaDaemon(Path cwd, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OptionalInt code = DaemonClient.forward(address, args, new Invocation(cwd, env, () -> new ByteArrayInputStream(new byte[0]), false), out, err);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(OptionalInt.of(code), out.toString(), err.toString());
  }

  @Test
  void aReviewInTheDaemonPrintsWhatTheSameReviewInProcessPrints() throws IOException {
    start();
    // typed in the repository, with no --repo: the client's directory, not the daemon's, is the repository
    Run daemon = viaDaemon(repo.dir(), Map.of(), "review", "--base", "main", "--fail-on", "notice", "--no-cache");
    Run local = inProcess("review", "--repo", repo.dir().toString(), "--base", "main", "--fail-on", "notice", "--no-cache");
    assertThat(local.out()).contains("README.md", "hygiene/trailing-whitespace", "notes.txt");
    assertThat(daemon.out()).isEqualTo(local.out());
    assertThat(daemon.err()).isEqualTo(local.err());
    assertThat(daemon.code()).hasValue(1).isEqualTo(local.code());
    assertThat(DaemonClient.status(address)).hasValueSatisfying(s -> assertThat(s).contains("1 review served", "0 running"));
  }

  @Test
  void relativePathsAndEnvironmentAreTheClients() throws IOException {
    start();
    Path work = Files.createDirectories(tmp.resolve("work"));
    // the organisation layer named by the client's environment, relative to the client's directory, makes a blocking rule comment
    Files.writeString(work.resolve("org.yml"), "rules:\n  hygiene/conflict-marker: {mode: comment}\n");
    Run r = viaDaemon(work, Map.of("VETTER_ORG_CONFIG", "org.yml"), "review", "--repo", "../repo", "--base", "main", "--no-cache",
        "--format", "json", "-o", "out/report.json", "--report", "sarif=report.sarif");
    assertThat(r.err()).contains("cannot write the report to").contains("out/report.json"); // its folder does not exist, in the client's directory
    assertThat(r.code()).hasValue(2);
    Files.createDirectories(work.resolve("out"));
    r = viaDaemon(work, Map.of("VETTER_ORG_CONFIG", "org.yml"), "review", "--repo", "../repo", "--base", "main", "--no-cache",
        "--format", "json", "-o", "out/report.json", "--report", "sarif=report.sarif");
    assertThat(r.code()).as("the conflict marker only comments under the organisation layer").hasValue(0);
    assertThat(r.out()).isEmpty();
    String report = Files.readString(work.resolve("out/report.json"));
    assertThat(report).contains("notes.txt", "hygiene/conflict-marker", "hygiene/trailing-whitespace");
    assertThat(work.resolve("report.sarif")).isRegularFile();
  }

  @Test
  void gitsEnvironmentIsTheClientsWithItsPathsRelativeToTheClient() throws IOException {
    start();
    repo.checkout("feature");
    // the index git names in a hook's GIT_INDEX_FILE, relative to the hook's directory, is the one reviewed
    Files.copy(repo.dir().resolve(".git/index"), repo.dir().resolve(".git/before-staging"));
    repo.write("staged.txt", "trailing   \n").stage("staged.txt");
    Run staged = viaDaemon(repo.dir(), Map.of(), "review", "--staged", "--no-cache");
    assertThat(staged.out()).contains("staged.txt");
    Run other = viaDaemon(repo.dir(), Map.of("GIT_INDEX_FILE", ".git/before-staging"), "review", "--staged", "--no-cache");
    assertThat(other.code()).hasValue(0);
    assertThat(other.out()).doesNotContain("staged.txt");
    Run local = inProcess("review", "--repo", repo.dir().toString(), "--staged", "--no-cache");
    assertThat(staged.out()).isEqualTo(local.out());
  }

  @Test
  void onlyReviewsThatNeedNothingOfTheClientsProcessAreHandedOver() {
    assertThat(DaemonClient.served(new String[] {"review"})).isTrue();
    assertThat(DaemonClient.served(new String[] {"--debug", "review", "--base", "main"})).isTrue();
    assertThat(DaemonClient.served(new String[] {"review", "--no-daemon"})).isFalse();
    assertThat(DaemonClient.served(new String[] {"review", "--input", "-"})).isFalse();
    assertThat(DaemonClient.served(new String[] {"review", "--input=-"})).isFalse();
    assertThat(DaemonClient.served(new String[] {"scan", "--history"})).isFalse();
    assertThat(DaemonClient.served(new String[] {"daemon", "stop"})).isFalse();
    assertThat(DaemonClient.served(new String[] {})).isFalse();
  }

  @Test
  void theDaemonRefusesWhatItDoesNotServeAndTheClientRunsItItself() throws IOException {
    AtomicBoolean ran = new AtomicBoolean();
    start(Duration.ZERO, () -> false, (args, out, err, where) -> {
      ran.set(true);
      return 0;
    });
    // a client of another version of the rules (or a forged request) asking for something else
    Run r = viaDaemon(repo.dir(), Map.of(), "scan", "--history");
    assertThat(r.code()).isEmpty();
    assertThat(r.out()).isEmpty();
    assertThat(ran).isFalse();
  }

  @Test
  void noDaemonOrAStaleSocketMeansTheClientReviewsItself() throws IOException {
    Run none = viaDaemon(repo.dir(), Map.of(), "review");
    assertThat(none.code()).isEmpty();
    // a socket file left behind by a daemon that was killed: nobody listens
    Files.createDirectories(address.dir());
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(address.socket()));
    }
    assertThat(address.socket()).exists();
    assertThat(viaDaemon(repo.dir(), Map.of(), "review").code()).isEmpty();
    assertThat(DaemonClient.status(address)).isEmpty();
    // and a new daemon takes its place
    start();
    assertThat(DaemonClient.status(address)).isPresent();
  }

  @Test
  void aSecondDaemonAtTheSameAddressDoesNotStart() throws IOException {
    start();
    DaemonServer second = new DaemonServer(address, Duration.ZERO, () -> false, Main::run);
    org.assertj.core.api.Assertions.assertThatThrownBy(second::bind).isInstanceOf(IOException.class).hasMessageContaining("already runs");
    assertThat(DaemonClient.status(address)).isPresent();
  }

  @Test
  void stopEndsTheDaemonAndRemovesItsSocket() throws Exception {
    start();
    assertThat(DaemonClient.stop(address)).hasValueSatisfying(s -> assertThat(s).startsWith("stopping"));
    serving.join(30_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(address.socket()).doesNotExist();
    assertThat(DaemonClient.status(address)).isEmpty();
  }

  @Test
  void anIdleOrOutdatedDaemonStopsByItself() throws Exception {
    start(Duration.ofMillis(100), () -> false, Main::run);
    serving.join(30_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(address.socket()).doesNotExist();

    AtomicBoolean replaced = new AtomicBoolean();
    start(Duration.ZERO, replaced::get, Main::run);
    assertThat(DaemonClient.status(address)).isPresent();
    replaced.set(true); // e.g. Vetter was rebuilt: its jar is not the one this daemon loaded
    serving.join(30_000);
    assertThat(serving.isAlive()).isFalse();
  }

  @Test
  void aClientThatGoesAwayInterruptsItsReview() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    start(Duration.ZERO, () -> false, (args, out, err, where) -> {
      running.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return 0;
    });
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(address.socket()))) {
      Wire.writeRequest(Channels.newOutputStream(ch), new Wire.Request(Wire.RUN, repo.dir().toString(), List.of("review"), Map.of(), false));
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    } // Ctrl-C: the client's end closes
    assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    // the daemon counts the review as done just after the handler returns
    String status = "";
    for (int i = 0; i < 300 && !status.contains("0 running"); i++) {
      Thread.sleep(10);
      status = DaemonClient.status(address).orElse("");
    }
    assertThat(status).contains("0 running", "0 reviews served");
  }

  @Test
  void aDaemonThatDiesHalfwayIsReportedNotRepeated() throws Exception {
    // a daemon that printed part of a report and went away: the client must not print it all again itself
    Files.createDirectories(address.dir());
    try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      fake.bind(UnixDomainSocketAddress.of(address.socket()));
      Thread t = Thread.ofPlatform().start(() -> {
        try (SocketChannel c = fake.accept()) {
          Wire.readRequest(Channels.newInputStream(c));
          byte[] half = "README.md:2:9".getBytes(StandardCharsets.UTF_8);
          Wire.writeFrame(c, Wire.OUT, half, 0, half.length);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Run r = viaDaemon(repo.dir(), Map.of(), "review");
      t.join(30_000);
      assertThat(r.code()).hasValue(3);
      assertThat(r.out()).isEqualTo("README.md:2:9");
      assertThat(r.err()).contains("the review daemon stopped during this review");
    }
  }

  @Test
  void theFolderIsMadePrivateToItsUser() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("open"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    new DaemonAddress(dir, "x").prepareDir();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(new DaemonAddress(tmp.resolve("new/deeper"), "x")).satisfies(a -> {
      try {
        a.prepareDir();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.dir()))).isEqualTo("rwx------");
    });
  }

  @Test
  void theSocketDirectoryFollowsTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_RUNTIME_DIR", tmp.toString());
    assertThat(DaemonAddress.dirFor(env)).isEqualTo(tmp.resolve("vetter"));
    env.put(DaemonAddress.DIR_ENV, tmp.resolve("mine").toString());
    assertThat(DaemonAddress.dirFor(env)).isEqualTo(tmp.resolve("mine"));
    assertThat(DaemonAddress.dirFor(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "vetter", "daemon"));
  }
}
