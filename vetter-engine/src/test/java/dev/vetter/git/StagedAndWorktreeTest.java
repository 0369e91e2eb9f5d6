package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.engine.UserError;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitRepository#staged} (the index against HEAD, as {@code git diff --cached}) and
 * {@link GitRepository#worktree} (tracked files on disk against HEAD, as {@code git diff HEAD}).
 */
class StagedAndWorktreeTest {
  @TempDir Path tmp;

  private TestRepo committed() {
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("a.txt", "one\ntwo\nthree\n").write("b.txt", "bee\n").write("c.txt", "sea\n").commit("base");
    return repo;
  }

  private static String blobId(String text) {
    return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)).name();
  }

  @Test
  void stagedSeesTheIndexAndWorktreeSeesTheDisk() {
    try (TestRepo repo = committed()) {
      repo.write("a.txt", "one\nTWO\nthree\n").stage("a.txt");
      repo.write("a.txt", "one\nTWO\nthree\nfour\n"); // a further, unstaged edit
      repo.write("b.txt", "BEE\n"); // unstaged only
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change staged = git.staged();
        assertThat(staged.kind()).isEqualTo(Change.Kind.STAGED);
        assertThat(staged.baseCommit()).isEqualTo(git.jgit().resolve("HEAD").name());
        assertThat(staged.headCommit()).isNull();
        assertThat(staged.commits()).isEmpty();
        assertThat(staged.files()).extracting(ChangedFile::path).containsExactly("a.txt");
        ChangedFile a = staged.files().getFirst();
        assertThat(a.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(tuple(2, "TWO"));
        assertThat(a.newBlob()).isEqualTo(blobId("one\nTWO\nthree\n"));
        assertThat(staged.contents().head("a.txt").orElseThrow().text()).isEqualTo("one\nTWO\nthree\n");
        assertThat(staged.contents().headId("a.txt")).contains(blobId("one\nTWO\nthree\n"));
        assertThat(staged.contents().base("a.txt").orElseThrow().text()).isEqualTo("one\ntwo\nthree\n");

        Change work = git.worktree();
        assertThat(work.kind()).isEqualTo(Change.Kind.WORKTREE);
        assertThat(work.files()).extracting(ChangedFile::path).containsExactly("a.txt", "b.txt");
        ChangedFile wa = work.files().getFirst();
        assertThat(wa.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(tuple(2, "TWO"), tuple(4, "four"));
        assertThat(wa.newBlob()).isEqualTo(blobId("one\nTWO\nthree\nfour\n"));
        assertThat(wa.newSize()).isEqualTo(19);
        assertThat(work.contents().head("a.txt").orElseThrow().text()).isEqualTo("one\nTWO\nthree\nfour\n");
        assertThat(work.contents().headId("a.txt")).contains(blobId("one\nTWO\nthree\nfour\n"));
        assertThat(work.contents().head("a.txt").orElseThrow().blobId()).isEqualTo(wa.newBlob());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Untracked files are not part of {@code git diff HEAD}, so not of {@code vetter review
   * --worktree} either: {@code git add} (or {@code git add -N}) a new file to have it reviewed.
   */
  @Test
  void untrackedFilesAreNotInTheWorktreeChange() {
    try (TestRepo repo = committed()) {
      repo.write("untracked.txt", "new\n").write("new-dir/deep/file.txt", "new\n");
      repo.write("added.txt", "staged new\n").stage("added.txt");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.ADDED, "added.txt"));
        assertThat(git.staged().files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.ADDED, "added.txt"));
      }
    }
  }

  @Test
  void aFileDeletedOnDiskIsDeletedInTheWorktreeOnly() {
    try (TestRepo repo = committed()) {
      repo.delete("b.txt");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change work = git.worktree();
        assertThat(work.files()).extracting(ChangedFile::status, ChangedFile::oldPath, ChangedFile::newPath)
            .containsExactly(tuple(FileStatus.DELETED, "b.txt", null));
        assertThat(work.files().getFirst().newSize()).isEqualTo(-1);
        assertThat(work.contents().head("b.txt")).isEmpty();
        assertThat(work.contents().headId("b.txt")).isEmpty();
        assertThat(git.staged().files()).isEmpty();
      }
    }
  }

  /**
   * {@code mv a.txt z.txt} without {@code git add}: git diff HEAD shows a.txt deleted, nothing more.
   * An untracked file must not become the target of a rename.
   */
  @Test
  void anUnstagedMoveIsADeletionNotARenameToAnUntrackedFile() throws Exception {
    try (TestRepo repo = committed()) {
      Files.move(repo.dir().resolve("a.txt"), repo.dir().resolve("z.txt"));
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::status, ChangedFile::path)
            .containsExactly(tuple(FileStatus.DELETED, "a.txt"));
      }
      repo.stage("a.txt", "z.txt");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::status, ChangedFile::oldPath, ChangedFile::newPath)
            .containsExactly(tuple(FileStatus.RENAMED, "a.txt", "z.txt"));
        assertThat(git.staged().files()).extracting(ChangedFile::status, ChangedFile::oldPath, ChangedFile::newPath)
            .containsExactly(tuple(FileStatus.RENAMED, "a.txt", "z.txt"));
      }
    }
  }

  /** Ignored build output is neither reviewed nor read. */
  @Test
  void ignoredFilesAreLeftAlone() {
    try (TestRepo repo = committed()) {
      repo.write(".gitignore", "target/\n*.log\n").commit("ignore");
      repo.write("target/classes/A.class", new byte[] {0, 1, 2}).write("build.log", "log\n").write("c.txt", "SEA\n");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::path).containsExactly("c.txt");
      }
    }
  }

  @Test
  void aRepositoryWithoutCommits() {
    try (TestRepo repo = TestRepo.init(tmp.resolve("fresh"))) {
      repo.write("first.txt", "hello\n").write("second.txt", "world\n").stage("first.txt");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change staged = git.staged();
        assertThat(staged.baseCommit()).isNull();
        assertThat(staged.files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.ADDED, "first.txt"));
        assertThat(staged.files().getFirst().addedLines()).extracting(DiffLine::text).containsExactly("hello");
        assertThat(staged.contents().base("first.txt")).isEmpty();
        assertThat(staged.contents().head("first.txt").orElseThrow().text()).isEqualTo("hello\n");
        // there is no HEAD to compare with: the index's files are all new, the untracked one is not there
        Change work = git.worktree();
        assertThat(work.baseCommit()).isNull();
        assertThat(work.files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.ADDED, "first.txt"));
        assertThatThrownBy(() -> git.range("main", "HEAD")).isInstanceOf(UserError.class);
        assertThatThrownBy(git::defaultBase).isInstanceOf(UserError.class).hasMessageContaining("first commit");
      }
    }
  }

  @Test
  void symlinksOnDiskAreNeverFollowed() throws Exception {
    try (TestRepo repo = committed()) {
      Path outside = tmp.resolve("secret.txt");
      Files.writeString(outside, "SECRET ".repeat(1000));
      repo.symlink("link", "a.txt").commit("link");
      repo.symlink("link", outside.toString()).symlink("dangling", "does/not/exist").stage("dangling");
      try (GitRepository git = GitRepository.open(repo.dir(), 100)) {
        Change work = git.worktree();
        assertThat(work.files()).extracting(ChangedFile::path, ChangedFile::status, ChangedFile::newMode).containsExactly(
            tuple("dangling", FileStatus.ADDED, FileMode.SYMLINK), tuple("link", FileStatus.MODIFIED, FileMode.SYMLINK));
        ChangedFile link = work.files().get(1);
        assertThat(link.newSize()).as("the link's own size, not its target's").isEqualTo(outside.toString().length());
        assertThat(link.tooLarge()).isFalse();
        assertThat(link.newBlob()).isEqualTo(blobId(outside.toString()));
        assertThat(link.addedLines()).extracting(DiffLine::text).containsExactly(outside.toString());
        assertThat(work.contents().head("link").orElseThrow().text()).isEqualTo(outside.toString());
        assertThat(work.files().getFirst().newSize()).isEqualTo("does/not/exist".length());
      }
    }
  }

  @Test
  void aLargeFileOnDiskIsTooLargeAndIdentifiedLikeGitDoes() {
    String big = "x".repeat(5000) + "\n";
    try (TestRepo repo = committed()) {
      repo.write("c.txt", big);
      try (GitRepository git = GitRepository.open(repo.dir(), 1000)) {
        Change work = git.worktree();
        ChangedFile c = work.files().getFirst();
        assertThat(c.tooLarge()).isTrue();
        assertThat(c.hunks()).isEmpty();
        assertThat(c.newSize()).isEqualTo(big.length());
        assertThat(c.newBlob()).isEqualTo(blobId(big));
        assertThat(work.contents().headId("c.txt")).contains(blobId(big));
        assertThat(c.binary()).isFalse();
      }
    }
  }

  @Test
  void aFileReplacedByADirectory() {
    try (TestRepo repo = committed()) {
      repo.delete("b.txt").write("b.txt/inner.txt", "inner\n");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.DELETED, "b.txt"));
      }
      repo.stageAll();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).extracting(ChangedFile::status, ChangedFile::path)
            .containsExactlyInAnyOrder(tuple(FileStatus.DELETED, "b.txt"), tuple(FileStatus.ADDED, "b.txt/inner.txt"));
        assertThat(git.staged().files()).extracting(ChangedFile::status, ChangedFile::path)
            .containsExactlyInAnyOrder(tuple(FileStatus.DELETED, "b.txt"), tuple(FileStatus.ADDED, "b.txt/inner.txt"));
      }
    }
  }

  /** A checked-out submodule is a directory with its own .git: no content read, nothing crashes. */
  @Test
  void aCheckedOutSubmodule() {
    try (TestRepo repo = committed()) {
      String subCommit;
      try (TestRepo sub = TestRepo.init(repo.dir().resolve("lib"))) {
        subCommit = sub.write("s.txt", "s\n").commit("sub");
      }
      repo.gitlink("lib", subCommit).commitStaged("add submodule");
      try (TestRepo sub = TestRepo.init(repo.dir().resolve("lib"))) {
        sub.write("s.txt", "changed\n").commit("moved on");
      }
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change work = git.worktree();
        for (ChangedFile f : work.files()) {
          assertThat(f.path()).isEqualTo("lib");
          assertThat(f.isSubmodule()).isTrue();
          assertThat(f.hunks()).isEmpty();
        }
        assertThat(work.contents().head("lib")).isEmpty();
        assertThat(git.staged().files()).isEmpty();
      }
    }
  }

  /** After a clone without --recurse-submodules a submodule is an empty directory: not a change. */
  @Test
  void aSubmoduleNotCheckedOut() throws Exception {
    try (TestRepo repo = committed()) {
      repo.gitlink("lib", "1111111111111111111111111111111111111111").commitStaged("add submodule");
      Files.createDirectories(repo.dir().resolve("lib"));
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).isEmpty();
        assertThat(git.staged().files()).isEmpty();
      }
    }
  }

  /** A tracked directory replaced by a link to somewhere else: its files are gone, never read through the link. */
  @Test
  void aDirectoryReplacedByASymlinkIsNotFollowed() throws Exception {
    try (TestRepo repo = committed()) {
      repo.write("conf/app.yml", "a: 1\n").commit("conf");
      Path elsewhere = tmp.resolve("elsewhere");
      Files.createDirectories(elsewhere);
      Files.writeString(elsewhere.resolve("app.yml"), "SECRET\n");
      repo.delete("conf/app.yml");
      Files.delete(repo.dir().resolve("conf"));
      repo.symlink("conf", elsewhere.toString());
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change work = git.worktree();
        assertThat(work.files()).extracting(ChangedFile::status, ChangedFile::path).containsExactly(tuple(FileStatus.DELETED, "conf/app.yml"));
        assertThat(work.contents().head("conf/app.yml")).isEmpty();
        assertThat(work.contents().headId("conf/app.yml")).isEmpty();
      }
    }
  }

  /** With core.filemode=false (e.g. a checkout on a FAT disk) a changed executable bit on disk is no change, as in git. */
  @Test
  void executableBitIgnoredWhenTheRepositorySaysSo() throws Exception {
    try (TestRepo repo = committed()) {
      var config = repo.git().getRepository().getConfig();
      config.setBoolean("core", null, "filemode", false);
      config.save();
      repo.write("deep/dir/run.sh", "echo\n").commit("script");
      repo.executable("a.txt", true).executable("deep/dir/run.sh", true);
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(git.worktree().files()).isEmpty();
      }
    }
  }

  /**
   * During a conflicted merge the index holds up to three versions of a path: staged() says so
   * rather than review one of them; worktree() shows the file with its conflict markers.
   */
  @Test
  void aConflictedMerge() throws Exception {
    try (TestRepo repo = committed()) {
      repo.branch("other");
      repo.write("a.txt", "one\nOTHER\nthree\n").commit("other");
      repo.checkout("main");
      repo.write("a.txt", "one\nMAIN\nthree\n").commit("main");
      var result = repo.git().merge().include(repo.git().getRepository().resolve("other")).call();
      assertThat(result.getMergeStatus().isSuccessful()).isFalse();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        // nothing in the index is what will be committed; git diff --cached shows no diff either
        assertThatThrownBy(git::staged).isInstanceOf(UserError.class)
            .hasMessageContaining("unresolved merge conflicts (a.txt)").hasMessageContaining("--worktree");
        Change work = git.worktree();
        assertThat(work.files()).extracting(ChangedFile::path).containsExactly("a.txt");
        assertThat(work.files().getFirst().addedLines()).extracting(DiffLine::text).contains("<<<<<<< HEAD", "=======", "OTHER");
      }
    }
  }

  @Test
  void aBareRepositoryHasNoIndexOrWorktree() {
    GitCli.assumeAvailable();
    try (TestRepo repo = committed()) {
      Path bare = tmp.resolve("bare.git");
      GitCli.run(tmp, "clone", "-q", "--bare", repo.dir().toUri().toString(), bare.toString());
      try (GitRepository git = GitRepository.open(bare)) {
        assertThatThrownBy(git::worktree).isInstanceOf(UserError.class).hasMessageContaining("bare");
        assertThatThrownBy(git::staged).isInstanceOf(UserError.class).hasMessageContaining("bare");
        assertThat(git.range("main", "main").files()).isEmpty();
      }
    }
  }

  /** A checkout made with {@code git worktree add}: its .git is a file pointing into the main repository. */
  @Test
  void aLinkedWorktree() throws Exception {
    GitCli.assumeAvailable();
    try (TestRepo repo = committed()) {
      Path linked = tmp.resolve("linked");
      GitCli.run(repo.dir(), "worktree", "add", "-q", "-b", "topic", linked.toString());
      Files.writeString(linked.resolve("a.txt"), "one\ntwo\nthree\nfour\n");
      GitCli.run(linked, "add", "a.txt");
      GitCli.run(linked, "commit", "-q", "-m", "topic work");
      Files.writeString(linked.resolve("b.txt"), "BEE\n");
      try (GitRepository git = GitRepository.open(linked.resolve("."))) {
        assertThat(git.workTree()).isEqualTo(linked.toRealPath());
        Change range = git.range("main", "HEAD");
        assertThat(range.files()).extracting(ChangedFile::path).containsExactly("a.txt");
        assertThat(range.commits()).extracting(c -> c.subject()).containsExactly("topic work");
        assertThat(git.worktree().files()).extracting(ChangedFile::path).containsExactly("b.txt");
        assertThat(git.staged().files()).isEmpty();
        assertThat(git.defaultBase()).isEqualTo("main");
      }
    }
  }

  /** Statuses and paths as {@code git diff --cached} and {@code git diff HEAD} list them. */
  @Test
  void agreesWithGit() {
    GitCli.assumeAvailable();
    try (TestRepo repo = committed()) {
      repo.write("d.txt", "d\n".repeat(20)).write("src/main/App.java", "class App {}\n").write("src/main/Lib.java", "class Lib {}\n")
          .write("src/test/T.java", "class T {}\n").commit("more");
      repo.write("a.txt", "one\n").delete("b.txt").write("new.txt", "n\n").write("src/main/New.java", "class New {}\n")
          .stage("a.txt", "b.txt", "new.txt", "src/main/New.java");
      repo.write("c.txt", "changed\n").delete("d.txt").write("e.txt", "d\n".repeat(20)).write("untracked.txt", "u\n")
          .write("src/main/App.java", "class App { }\n").executable("src/main/Lib.java", true).delete("src/test/T.java")
          .write("src/other/Untracked.java", "x\n");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        assertThat(nameStatus(git.staged())).isEqualTo(gitNameStatus(repo.dir(), "--cached"));
        assertThat(nameStatus(git.worktree())).isEqualTo(gitNameStatus(repo.dir(), "HEAD"));
      }
    }
  }

  private static List<String> gitNameStatus(Path dir, String what) {
    return GitCli.run(dir, "diff", "--name-status", "-M", what).lines().map(l -> l.replaceFirst("^R\\d+", "R")).sorted().toList();
  }

  private static List<String> nameStatus(Change change) {
    return change.files().stream().map(f -> switch (f.status()) {
      case ADDED -> "A\t" + f.newPath();
      case MODIFIED -> "M\t" + f.newPath();
      case DELETED -> "D\t" + f.oldPath();
      case RENAMED -> "R\t" + f.oldPath() + "\t" + f.newPath();
      case COPIED -> "C\t" + f.oldPath() + "\t" + f.newPath();
    }).sorted().toList();
  }
}
