package dev.vetter.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.Check;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How much the secret rules add to a review of a large change (300 files, 9,000 added lines). Prints
 * timings, asserts nothing about them (wall-clock time is no test verdict); run with {@code -Dvetter.bench=true}.
 */
class SecretsBenchmarkTest {

  @Test
  void largeChange(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("vetter.bench"), "benchmark: run with -Dvetter.bench=true");
    Random random = new Random(1);
    try (TestRepo repo = TestRepo.init(dir.resolve("repo"))) {
      repo.write("README.md", "# bench\n").commit("base");
      repo.branch("feature");
      for (int f = 0; f < 300; f++) repo.write("src/main/java/p" + f % 10 + "/C" + f + ".java", javaFile(random, f));
      repo.commit("large change");
      List<Check> all = BuiltInChecks.all();
      List<Check> secrets = all.stream().filter(c -> Check.info(c).id().startsWith("secrets/")).toList();
      List<Check> others = all.stream().filter(c -> !Check.info(c).id().startsWith("secrets/")).toList();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change change = git.range("main", "feature");
        assertThat(change.files()).hasSize(300);
        assertThat(change.files().stream().mapToInt(x -> x.addedLines().size()).sum()).isEqualTo(9000);
        List<FileContent> contents = change.files().stream().map(ChangedFile::path).map(p -> change.contents().head(p).orElseThrow()).toList();
        long scan = best(() -> contents.forEach(Scanner.BUILT_IN::scanNow));
        long without = best(() -> review(others, git));
        long with = best(() -> review(all, git));
        long alone = best(() -> review(secrets, git));
        System.out.printf("secrets benchmark: 300 files, 9000 added lines; scan alone %d ms; review without secrets %d ms, with %d ms"
            + " (+%d ms); the %d secret rules alone %d ms%n", scan, without, with, with - without, secrets.size(), alone);
      }
    }
  }

  private static void review(List<Check> checks, GitRepository git) {
    try {
      // a fresh change each time: nothing carried over between runs
      new Reviewer(new CheckRegistry(checks), Policy.defaults()).review(git.range("main", "feature"));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long best(Runnable r) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      r.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    return best / 1_000_000;
  }

  private static String javaFile(Random random, int n) {
    StringBuilder sb = new StringBuilder("package p" + n % 10 + ";\n\n");
    String[] lines = {
        "  private final String token = tokenService.issue(user, Duration.ofHours(%d));",
        "  String password = request.getParameter(\"password\"); // %d",
        "  if (line.contains(\"://\")) return URI.create(line + \"/v%d\");",
        "  log.info(\"Connecting to {} as {}\", config.url(), config.user()); // %d",
        "  int total%d = values.stream().mapToInt(Integer::intValue).sum();",
        "  return new Response(200, Map.of(\"status\", \"ok\", \"n\", %d));",
        "  String apiKey = System.getenv(\"API_KEY_%d\");",
        "  // note %d: the secret lookup could be cached instead of asked every time"};
    sb.append("class C").append(n).append(" {\n");
    for (int i = 0; i < 26; i++) sb.append(String.format(lines[random.nextInt(lines.length)], random.nextInt(1000))).append('\n');
    return sb.append("}\n").toString();
  }
}
