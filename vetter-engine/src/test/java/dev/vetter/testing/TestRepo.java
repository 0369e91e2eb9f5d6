package dev.vetter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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
