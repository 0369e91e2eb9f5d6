package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.FileStatus;
import dev.vetter.engine.UserError;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitRepository#range}: GitHub's three-dot semantics, the commit list, and refs that cannot be reviewed. */
class RangeTest {
  @TempDir Path tmp;

  /** main: one commit; feature branches off, then main moves on. */
  private TestRepo forked() {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("shared.txt", "one\ntwo\nthree\n").commit("base");
    repo.branch("feature");
    repo.write("feature.txt", "mine\n").write("shared.txt", "one\ntwo\nthree\nfour\n").commit("feature work");
    repo.checkout("main");
    repo.write("main-only.txt", "theirs\n").write("shared.txt", "zero\none\ntwo\nthree\n").commit("main moved on");
    return repo;
  }

  @Test
  void onlyTheBranchsOwnChangesWhenTheBaseMovedOn() {
    try (TestRepo repo = forked(); GitRepository git = GitRepository.open(repo.dir())) {
      String forkPoint = git.jgit().resolve("main~1").name();
      String tip = git.jgit().resolve("feature").name();

      Change change = git.range("main", "feature");

      assertThat(change.kind()).isEqualTo(Change.Kind.RANGE);
      assertThat(change.base()).isEqualTo("main");
      assertThat(change.head()).isEqualTo("feature");
      assertThat(change.baseCommit()).as("three-dot: compared with the merge-base, not main's tip").isEqualTo(forkPoint);
      assertThat(change.headCommit()).isEqualTo(tip);
      assertThat(change.files()).extracting(ChangedFile::path).containsExactly("feature.txt", "shared.txt");
      ChangedFile shared = change.files().get(1);
      // main's "zero" line is not part of the branch's change: line 4 is the branch's only line
      assertThat(shared.addedLines()).singleElement().satisfies(l -> {
        assertThat(l.newNumber()).isEqualTo(4);
        assertThat(l.text()).isEqualTo("four");
      });
      assertThat(change.contents().base("main-only.txt")).isEmpty();
      assertThat(change.commits()).extracting(Commit::subject).containsExactly("feature work");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void nothingToReviewWhenHeadIsBehindOrEqualToBase() {
    try (TestRepo repo = forked(); GitRepository git = GitRepository.open(repo.dir())) {
      assertThat(git.range("main", "main").files()).isEmpty();
      assertThat(git.range("main", "main").commits()).isEmpty();
      Change behind = git.range("main", "main~1");
      assertThat(behind.files()).isEmpty();
      assertThat(behind.commits()).isEmpty();
    }
  }

  @Test
  void commitsAreOldestFirstWithMergesAndParents() throws Exception {
    try (TestRepo repo = forked()) {
      repo.checkout("feature");
      String c2 = repo.write("two.txt", "2\n").commit("second");
      repo.mergeNoCommit("main");
      String merge = repo.commit("Merge main into feature");
      String c3 = repo.write("three.txt", "3\n").commit("third");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        String c1 = git.jgit().resolve("feature~3").name();
        String mainTip = git.jgit().resolve("main").name();
        Change change = git.range("main", "feature");

        assertThat(change.commits()).extracting(Commit::id).containsExactly(c1, c2, merge, c3);
        Commit m = change.commits().get(2);
        assertThat(m.isMerge()).isTrue();
        assertThat(m.parents()).containsExactly(c2, mainTip);
        assertThat(change.commits().get(0).parents()).containsExactly(git.jgit().resolve("main~1").name());
        assertThat(m.author().name()).isEqualTo(TestRepo.DEFAULT_NAME);
        assertThat(m.author().email()).isEqualTo(TestRepo.DEFAULT_EMAIL);
        assertThat(change.commits().get(3).message()).isEqualTo("third");
        // after merging main in, the merge-base is main's tip: main's own files are not the branch's change
        assertThat(change.baseCommit()).isEqualTo(mainTip);
        assertThat(change.files()).extracting(ChangedFile::path).containsExactly("feature.txt", "shared.txt", "three.txt", "two.txt");
      }
    }
  }

  /**
   * Committer clocks are not trustworthy (rebases, skewed machines): a commit must still come after
   * its parents. Here a side branch's commit is dated before its own parent, which a walk by date
   * alone would list first.
   */
  @Test
  void commitsAreInTopologicalOrderEvenWhenClocksGoBackwards() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("a.txt", "a\n").commit("base");
      repo.branch("feature");
      repo.clock(Instant.parse("2026-03-01T00:00:00Z"));
      String parent = repo.write("b.txt", "b\n").commit("parent");
      repo.branch("side");
      repo.clock(Instant.parse("2026-02-01T00:00:00Z"));
      String early = repo.write("c.txt", "c\n").commit("child dated before its parent");
      repo.checkout("feature");
      repo.clock(Instant.parse("2026-03-02T00:00:00Z"));
      String late = repo.write("d.txt", "d\n").commit("child dated after its parent");
      repo.mergeNoCommit("side");
      String merge = repo.commit("merge side");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        List<String> ids = git.range("main", "feature").commits().stream().map(Commit::id).toList();
        assertThat(ids).containsExactlyInAnyOrder(parent, early, late, merge);
        assertThat(ids.getFirst()).isEqualTo(parent);
        assertThat(ids.getLast()).isEqualTo(merge);
      }
    }
  }

  @Test
  void anUnknownRefIsAUserErrorNamingIt() {
    try (TestRepo repo = forked(); GitRepository git = GitRepository.open(repo.dir())) {
      assertThatThrownBy(() -> git.range("nope", "feature"))
          .isInstanceOf(UserError.class).hasMessageContaining("unknown revision 'nope'").hasMessageNotContaining("git fetch");
      assertThatThrownBy(() -> git.range("main", "nope"))
          .isInstanceOf(UserError.class).hasMessageContaining("'nope'");
      assertThatThrownBy(() -> git.range("origin/main", "HEAD"))
          .isInstanceOf(UserError.class).hasMessageContaining("'origin/main'").hasMessageContaining("git fetch");
    }
  }

  @Test
  void malformedRefsAndNonCommitsAreUserErrors() {
    try (TestRepo repo = forked(); GitRepository git = GitRepository.open(repo.dir())) {
      for (String bad : List.of("", "main^{bogus}", "main..feature", "main~x", "main^{tree}", "main:shared.txt", "..")) {
        assertThatThrownBy(() -> git.range(bad, "feature")).as("base '%s'", bad).isInstanceOf(UserError.class).hasMessageContaining("'" + bad + "'");
      }
      assertThatThrownBy(() -> git.range("main^{tree}", "feature")).hasMessageContaining("names a tree, not a commit");
    }
  }

  @Test
  void unrelatedHistoriesAreAUserError() throws Exception {
    try (TestRepo repo = forked()) {
      repo.git().checkout().setOrphan(true).setName("orphan").call();
      repo.git().rm().addFilepattern("shared.txt").addFilepattern("main-only.txt").call();
      repo.write("other.txt", "x\n").commit("unrelated root");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThatThrownBy(() -> git.range("main", "orphan"))
            .isInstanceOf(UserError.class)
            .hasMessageContaining("main and orphan have no common history")
            .hasMessageContaining("--base");
      }
    }
  }

  /** A CI checkout with {@code fetch-depth: 1}: both tips are there, the fork point is not. */
  @Test
  void aShallowCloneWithoutTheMergeBaseSaysHowToFetchIt() {
    GitCli.assumeAvailable();
    try (TestRepo origin = forked()) {
      Path clone = tmp.resolve("clone");
      GitCli.run(tmp, "clone", "-q", "--depth", "1", "--no-single-branch", origin.dir().toUri().toString(), clone.toString());
      GitCli.run(clone, "checkout", "-q", "feature");
      try (GitRepository git = GitRepository.open(clone)) {
        assertThatThrownBy(() -> git.range("origin/main", "HEAD"))
            .isInstanceOf(UserError.class)
            .hasMessageContaining("shallow clone")
            .hasMessageContaining("git fetch --deepen")
            .hasMessageContaining("fetch-depth: 0");
      }
    }
  }

  @Test
  void aLinkedWorktreeOfAShallowCloneSaysHowToFetch() {
    GitCli.assumeAvailable();
    try (TestRepo origin = forked()) {
      Path clone = tmp.resolve("clone");
      GitCli.run(tmp, "clone", "-q", "--depth", "1", "--no-single-branch", origin.dir().toUri().toString(), clone.toString());
      Path linked = tmp.resolve("linked");
      GitCli.run(clone, "worktree", "add", "-q", linked.toString(), "feature");
      try (GitRepository git = GitRepository.open(linked)) {
        assertThatThrownBy(() -> git.range("origin/main", "HEAD")).isInstanceOf(UserError.class).hasMessageContaining("shallow clone");
      }
    }
  }

  /** A blobless clone ({@code --filter=blob:none}): git fetches blobs on demand, JGit cannot. */
  @Test
  void aPartialCloneMissingBlobsSaysWhatToDo() {
    GitCli.assumeAvailable();
    try (TestRepo origin = forked()) {
      GitCli.run(origin.dir(), "config", "uploadpack.allowFilter", "true");
      Path clone = tmp.resolve("clone");
      GitCli.run(tmp, "clone", "-q", "--filter=blob:none", "--no-checkout", origin.dir().toUri().toString(), clone.toString());
      GitCli.run(clone, "checkout", "-q", "feature");
      try (GitRepository git = GitRepository.open(clone)) {
        assertThatThrownBy(() -> git.range("origin/main", "HEAD"))
            .isInstanceOf(UserError.class)
            .hasMessageContaining("is missing")
            .hasMessageContaining("partial clone")
            .hasMessageContaining("git diff origin/main...HEAD >/dev/null");
      }
      // doing as the message says is enough
      GitCli.run(clone, "diff", "origin/main...HEAD");
      try (GitRepository git = GitRepository.open(clone)) {
        assertThat(git.range("origin/main", "HEAD").files()).extracting(ChangedFile::path).containsExactly("feature.txt", "shared.txt");
      }
    }
  }

  @Test
  void aShallowCloneDeepEnoughToHoldTheMergeBaseWorks() {
    GitCli.assumeAvailable();
    try (TestRepo origin = forked()) {
      Path clone = tmp.resolve("clone");
      GitCli.run(tmp, "clone", "-q", "--depth", "2", "--no-single-branch", origin.dir().toUri().toString(), clone.toString());
      GitCli.run(clone, "checkout", "-q", "feature");
      try (GitRepository git = GitRepository.open(clone)) {
        Change change = git.range("origin/main", "HEAD");
        assertThat(change.files()).extracting(ChangedFile::path).containsExactly("feature.txt", "shared.txt");
        assertThat(change.files()).extracting(ChangedFile::status).containsExactly(FileStatus.ADDED, FileStatus.MODIFIED);
        assertThat(change.commits()).extracting(Commit::subject).containsExactly("feature work");
      }
    }
  }
}
