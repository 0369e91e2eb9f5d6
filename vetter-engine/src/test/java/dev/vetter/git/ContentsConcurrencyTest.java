package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks read contents from many threads at once (the runner is parallel): each must get its own file's bytes. */
class ContentsConcurrencyTest {
  @TempDir Path tmp;

  private static final int FILES = 200;

  private static String base(int i) {
    return "file " + i + "\n" + "shared line\n".repeat(i % 7) + (i % 3 == 0 ? "same\n" : "base " + i + "\n");
  }

  private static String unchanged(int i) {
    return i % 2 == 0 ? "even\n" : "odd " + i + "\n";
  }

  private static String head(int i) {
    return "file " + i + "\n" + "shared line\n".repeat(i % 7) + (i % 3 == 0 ? "same\n" : "head " + i + "\n") + "tail\n";
  }

  @Test
  void rangeContentsFromManyThreads() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      for (int i = 0; i < FILES; i++) repo.write("d" + (i % 10) + "/f" + i + ".txt", base(i)).write("u/u" + i + ".txt", unchanged(i));
      repo.commit("base");
      repo.branch("feature");
      for (int i = 0; i < FILES; i++) repo.write("d" + (i % 10) + "/f" + i + ".txt", head(i));
      repo.commit("head");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        hammer(() -> git.range("main", "feature"), true);
      }
    }
  }

  @Test
  void worktreeContentsFromManyThreads() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      for (int i = 0; i < FILES; i++) repo.write("d" + (i % 10) + "/f" + i + ".txt", base(i)).write("u/u" + i + ".txt", unchanged(i));
      repo.commit("base");
      for (int i = 0; i < FILES; i++) repo.write("d" + (i % 10) + "/f" + i + ".txt", head(i));
      try (GitRepository git = GitRepository.open(repo.dir())) {
        hammer(git::worktree, true);
        repo.stageAll();
        hammer(git::staged, true);
      }
    }
  }

  /**
   * A fresh change per round, read by 8 threads in different orders: the changed files (loaded
   * while the change was built) and unchanged ones a check might read, loaded here for the first time.
   */
  private static void hammer(Supplier<Change> changes, boolean withBase) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 3; round++) {
        Change change = changes.get();
        assertThat(change.files()).hasSize(FILES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = round * 31L + t;
          futures.add(pool.submit(() -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < FILES; i++) order.add(i);
            Collections.shuffle(order, new Random(seed));
            start.await();
            for (int i : order) {
              String path = "d" + (i % 10) + "/f" + i + ".txt";
              FileContent h = change.contents().head(path).orElseThrow();
              assertThat(h.path()).isEqualTo(path);
              assertThat(h.text()).isEqualTo(head(i));
              assertThat(change.contents().headId(path)).contains(h.blobId());
              if (withBase) assertThat(change.contents().base(path).orElseThrow().text()).isEqualTo(base(i));
              String other = "u/u" + i + ".txt";
              FileContent u = change.contents().head(other).orElseThrow();
              assertThat(u.path()).isEqualTo(other);
              assertThat(u.text()).isEqualTo(unchanged(i));
              assertThat(change.contents().base(other).orElseThrow().text()).isEqualTo(unchanged(i));
              assertThat(change.contents().headId(other)).contains(u.blobId());
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
