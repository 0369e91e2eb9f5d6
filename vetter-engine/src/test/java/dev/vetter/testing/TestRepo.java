package dev.vetter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermission;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository on disk, built step by step by a test. */
public final class TestRepo implements AutoCloseable {
  private final Path dir;
  private final Git git;
  private long clock = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  /** The author and committer of commits unless {@link #author} chose another. */
  public static final String DEFAULT_NAME = "Ada Tester";
  public static final String DEFAULT_EMAIL = "ada@example.com";

  private PersonIdent author = new PersonIdent(DEFAULT_NAME, DEFAULT_EMAIL);

  private TestRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** A new repository in {@code dir} on branch {@code main}. */
  public static TestRepo init(Path dir) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
      return new TestRepo(dir, git);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  public TestRepo author(String name, String email) {
    this.author = new PersonIdent(name, email);
    return this;
  }

  public TestRepo write(String path, String text) {
    return write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public TestRepo write(String path, byte[] bytes) {
    try {
      Path f = dir.resolve(path);
      Files.createDirectories(f.getParent());
      Files.write(f, bytes);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TestRepo delete(String path) {
    try {
      Files.delete(dir.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code path} a symbolic link to {@code target} (which need not exist); git records mode 120000. */
  public TestRepo symlink(String path, String target) {
    try {
      Path f = dir.resolve(path);
      Files.createDirectories(f.getParent());
      Files.deleteIfExists(f);
      Files.createSymbolicLink(f, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets or clears the executable bits of {@code path} (git records 100755 or 100644). */
  public TestRepo executable(String path, boolean executable) {
    try {
      Path f = dir.resolve(path);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
      for (PosixFilePermission p : Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)) {
        if (executable) perms.add(p);
        else perms.remove(p);
      }
      Files.setPosixFilePermissions(f, perms);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stages a submodule entry (a gitlink, mode 160000) at {@code path} pointing at {@code commitId},
   * straight in the index: the commit need not exist here, as in a real superproject. Record it with
   * {@link #commitStaged}, since {@link #commit} stages the working tree, where the path is absent.
   */
  public TestRepo gitlink(String path, String commitId) {
    try {
      DirCache index = git.getRepository().lockDirCache();
      DirCacheEditor editor = index.editor();
      editor.add(new DirCacheEditor.PathEdit(path) {
        @Override
        public void apply(DirCacheEntry entry) {
          entry.setFileMode(FileMode.GITLINK);
          entry.setObjectId(ObjectId.fromString(commitId));
        }
      });
      editor.commit();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages {@code paths} only, leaving other working-tree changes unstaged. */
  public TestRepo stage(String... paths) {
    try {
      var add = git.add();
      for (String p : paths) add.addFilepattern(p);
      add.call();
      var update = git.add().setUpdate(true);
      for (String p : paths) update.addFilepattern(p);
      update.call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next commits are made at {@code when} and then a minute apart (e.g. to make clocks go backwards). */
  public TestRepo clock(Instant when) {
    this.clock = when.getEpochSecond() - 60;
    return this;
  }

  /** Stages everything (additions, modifications, deletions). */
  public TestRepo stageAll() {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stages everything and commits; returns the commit id. */
  public String commit(String message) {
    stageAll();
    return commitStaged(message);
  }

  /** Commits the index as it is (what {@code git commit} without {@code -a} does); returns the commit id. */
  public String commitStaged(String message) {
    try {
      PersonIdent when = new PersonIdent(author, Instant.ofEpochSecond(clock += 60), ZoneOffset.UTC);
      RevCommit c = git.commit().setMessage(message).setAuthor(when).setCommitter(when).setSign(false).call();
      return c.name();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public TestRepo branch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public TestRepo checkout(String name) {
    try {
      git.checkout().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Merges {@code branch} into the current branch without committing and without fast-forward, so
   * that the next {@link #commit} records a merge commit with both parents. Fails on conflicts.
   */
  public TestRepo mergeNoCommit(String branch) {
    try {
      var result = git.merge().include(git.getRepository().resolve(branch))
          .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).setCommit(false).call();
      if (!result.getMergeStatus().isSuccessful()) throw new IllegalStateException("merge of " + branch + " failed: " + result.getMergeStatus());
      return this;
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
