package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link GitRepository#range} says about each kind of file change, checked on real repositories. */
class FileStatusTest {
  @TempDir Path tmp;

  private static final String TEN = numbered(1, 10);

  /** Lines "line 1" .. "line n", each ended by LF. */
  static String numbered(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  /** Commits {@code base} on main, then {@code head} on a feature branch; returns the change main...feature. */
  private Change change(Consumer<TestRepo> base, Consumer<TestRepo> head) {
    return change(GitRepository.DEFAULT_MAX_DIFF_BYTES, base, head);
  }

  private int repos;

  private Change change(long maxDiffBytes, Consumer<TestRepo> base, Consumer<TestRepo> head) {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo" + repos++))) {
      repo.write(".keep", "");
      base.accept(repo);
      repo.commit("base");
      repo.branch("feature");
      head.accept(repo);
      repo.commit("head");
      // contents a test reads later are read lazily, after this close: JGit reopens what it needs
      try (GitRepository git = GitRepository.open(repo.dir(), maxDiffBytes)) {
        return git.range("main", "feature");
      }
    }
  }

  private static ChangedFile only(Change change) {
    assertThat(change.files()).hasSize(1);
    return change.files().getFirst();
  }

  private static String blobId(byte[] bytes) {
    return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
  }

  private static String blobId(String text) {
    return blobId(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void added() {
    ChangedFile f = only(change(r -> {}, r -> r.write("src/a.txt", "one\ntwo\n")));
    assertThat(f.status()).isEqualTo(FileStatus.ADDED);
    assertThat(f.oldPath()).isNull();
    assertThat(f.newPath()).isEqualTo("src/a.txt");
    assertThat(f.oldMode()).isEqualTo(FileMode.MISSING);
    assertThat(f.newMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.oldBlob()).isNull();
    assertThat(f.newBlob()).isEqualTo(blobId("one\ntwo\n"));
    assertThat(f.newSize()).isEqualTo(8);
    assertThat(f.similarity()).isZero();
    assertThat(f.binary()).isFalse();
    assertThat(f.tooLarge()).isFalse();
    assertThat(f.isReviewableText()).isTrue();
    assertThat(f.hunks()).singleElement().satisfies(h -> {
      assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(0, 0, 1, 2);
      assertThat(h.lines()).containsExactly(
          new DiffLine(DiffLine.Kind.ADDED, 0, 1, "one"), new DiffLine(DiffLine.Kind.ADDED, 0, 2, "two"));
    });
  }

  @Test
  void modified() {
    Change change = change(r -> r.write("a.txt", TEN), r -> r.write("a.txt", TEN.replace("line 5\n", "line five\n")));
    ChangedFile f = only(change);
    assertThat(f.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(f.oldPath()).isEqualTo("a.txt");
    assertThat(f.newPath()).isEqualTo("a.txt");
    assertThat(f.oldMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.newMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.isModeChange()).isFalse();
    assertThat(f.oldBlob()).isEqualTo(blobId(TEN));
    assertThat(f.newBlob()).isEqualTo(change.contents().headId("a.txt").orElseThrow());
    assertThat(f.hunks()).singleElement().satisfies(h -> {
      assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(2, 7, 2, 7);
      assertThat(h.lines()).extracting(DiffLine::kind).containsExactly(
          DiffLine.Kind.CONTEXT, DiffLine.Kind.CONTEXT, DiffLine.Kind.CONTEXT, DiffLine.Kind.REMOVED, DiffLine.Kind.ADDED,
          DiffLine.Kind.CONTEXT, DiffLine.Kind.CONTEXT, DiffLine.Kind.CONTEXT);
      assertThat(h.lines().get(3)).isEqualTo(new DiffLine(DiffLine.Kind.REMOVED, 5, 0, "line 5"));
      assertThat(h.lines().get(4)).isEqualTo(new DiffLine(DiffLine.Kind.ADDED, 0, 5, "line five"));
      assertThat(h.lines().get(7)).isEqualTo(new DiffLine(DiffLine.Kind.CONTEXT, 8, 8, "line 8"));
    });
    assertThat(change.contents().base("a.txt").orElseThrow().text()).isEqualTo(TEN);
  }

  @Test
  void deleted() {
    ChangedFile f = only(change(r -> r.write("gone.txt", "a\nb\n"), r -> r.delete("gone.txt")));
    assertThat(f.status()).isEqualTo(FileStatus.DELETED);
    assertThat(f.isDeleted()).isTrue();
    assertThat(f.oldPath()).isEqualTo("gone.txt");
    assertThat(f.newPath()).isNull();
    assertThat(f.path()).isEqualTo("gone.txt");
    assertThat(f.oldMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.newMode()).isEqualTo(FileMode.MISSING);
    assertThat(f.oldBlob()).isEqualTo(blobId("a\nb\n"));
    assertThat(f.newBlob()).isNull();
    assertThat(f.newSize()).isEqualTo(-1);
    assertThat(f.isReviewableText()).isFalse();
    assertThat(f.hunks()).singleElement().satisfies(h -> {
      assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(1, 2, 0, 0);
      assertThat(h.lines()).containsExactly(
          new DiffLine(DiffLine.Kind.REMOVED, 1, 0, "a"), new DiffLine(DiffLine.Kind.REMOVED, 2, 0, "b"));
    });
  }

  @Test
  void exactRename() {
    ChangedFile f = only(change(r -> r.write("old/name.txt", TEN), r -> r.delete("old/name.txt").write("new/name.txt", TEN)));
    assertThat(f.status()).isEqualTo(FileStatus.RENAMED);
    assertThat(f.oldPath()).isEqualTo("old/name.txt");
    assertThat(f.newPath()).isEqualTo("new/name.txt");
    assertThat(f.similarity()).isEqualTo(100);
    assertThat(f.oldBlob()).isEqualTo(f.newBlob());
    assertThat(f.hunks()).isEmpty();
    assertThat(f.newSize()).isEqualTo(TEN.length());
  }

  @Test
  void renameWithEdits() {
    String edited = TEN.replace("line 3\n", "line three\n").replace("line 8\n", "line eight\n");
    Change change = change(r -> r.write("a.txt", TEN), r -> r.delete("a.txt").write("b.txt", edited));
    ChangedFile f = only(change);
    assertThat(f.status()).isEqualTo(FileStatus.RENAMED);
    assertThat(f.oldPath()).isEqualTo("a.txt");
    assertThat(f.newPath()).isEqualTo("b.txt");
    // JGit scores by hashed line content, git by bytes: both near 80% for two lines in ten
    assertThat(f.similarity()).isBetween(60, 90);
    assertThat(f.removedLines()).extracting(DiffLine::oldNumber, DiffLine::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3, "line 3"), org.assertj.core.groups.Tuple.tuple(8, "line 8"));
    assertThat(f.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3, "line three"), org.assertj.core.groups.Tuple.tuple(8, "line eight"));
    assertThat(change.contents().base("a.txt")).isPresent();
    assertThat(change.contents().head("b.txt").orElseThrow().text()).isEqualTo(edited);
  }

  @Test
  void aRenameTooDifferentIsADeleteAndAnAdd() {
    String rewritten = numbered(1, 3) + "completely\ndifferent\ncontent\nhere\nnow\nyes\nno\n";
    Change change = change(r -> r.write("a.txt", TEN), r -> r.delete("a.txt").write("b.txt", rewritten));
    assertThat(change.files()).extracting(ChangedFile::status, ChangedFile::path).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(FileStatus.DELETED, "a.txt"), org.assertj.core.groups.Tuple.tuple(FileStatus.ADDED, "b.txt"));
  }

  /**
   * JGit reports a copy only when one deleted file matches several added ones (the first is the
   * rename, the others copies); a copy of a file that stays is an add, as in {@code git diff -M}.
   */
  @Test
  void copies() {
    Change moved = change(r -> r.write("a.txt", TEN), r -> r.delete("a.txt").write("b.txt", TEN).write("c.txt", TEN));
    assertThat(moved.files()).extracting(ChangedFile::status, ChangedFile::oldPath, ChangedFile::newPath, ChangedFile::similarity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(FileStatus.RENAMED, "a.txt", "b.txt", 100),
            org.assertj.core.groups.Tuple.tuple(FileStatus.COPIED, "a.txt", "c.txt", 100));
    assertThat(moved.files()).allSatisfy(f -> assertThat(f.hunks()).isEmpty());

    Change kept = change(r -> r.write("a.txt", TEN), r -> r.write("b.txt", TEN));
    ChangedFile f = only(kept);
    assertThat(f.status()).isEqualTo(FileStatus.ADDED);
    assertThat(f.addedLines()).hasSize(10);
  }

  @Test
  void modeChangeOnly() {
    ChangedFile f = only(change(r -> r.write("run.sh", "echo hi\n"), r -> r.executable("run.sh", true)));
    assertThat(f.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(f.oldMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.newMode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(f.isModeChange()).isTrue();
    assertThat(f.oldBlob()).isEqualTo(f.newBlob());
    assertThat(f.hunks()).isEmpty();
    assertThat(f.isReviewableText()).isTrue();
  }

  @Test
  void modeChangeWithEdits() {
    ChangedFile f = only(change(r -> r.write("run.sh", "#!/bin/sh\necho hi\n").executable("run.sh", true),
        r -> r.write("run.sh", "#!/bin/sh\necho bye\n").executable("run.sh", false)));
    assertThat(f.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(f.oldMode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(f.newMode()).isEqualTo(FileMode.REGULAR);
    assertThat(f.isModeChange()).isTrue();
    assertThat(f.hunks()).singleElement().satisfies(h ->
        assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(1, 2, 1, 2));
  }

  @Test
  void addedExecutable() {
    ChangedFile f = only(change(r -> {}, r -> r.write("bin/tool", "#!/bin/sh\n").executable("bin/tool", true)));
    assertThat(f.status()).isEqualTo(FileStatus.ADDED);
    assertThat(f.newMode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(f.isModeChange()).as("an added file has no old mode to change from").isFalse();
  }

  @Test
  void binaryAddedAndModified() {
    byte[] v1 = {'P', 'N', 'G', 0, 1, 2, 3, '\n', 4};
    byte[] v2 = {'P', 'N', 'G', 0, 1, 2, 3, '\n', 5, 6};
    ChangedFile added = only(change(r -> {}, r -> r.write("img.png", v1)));
    assertThat(added.status()).isEqualTo(FileStatus.ADDED);
    assertThat(added.binary()).isTrue();
    assertThat(added.hunks()).isEmpty();
    assertThat(added.newSize()).isEqualTo(v1.length);
    assertThat(added.newBlob()).isEqualTo(blobId(v1));
    assertThat(added.isReviewableText()).isFalse();

    Change change = change(r -> r.write("img.png", v1), r -> r.write("img.png", v2));
    ChangedFile modified = only(change);
    assertThat(modified.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(modified.binary()).isTrue();
    assertThat(modified.hunks()).isEmpty();
    assertThat(modified.newSize()).isEqualTo(v2.length);
    assertThat(change.contents().head("img.png").orElseThrow().bytes()).isEqualTo(v2);
  }

  @Test
  void textBecomingBinaryIsBinary() {
    ChangedFile f = only(change(r -> r.write("data", "text\n"), r -> r.write("data", new byte[] {'t', 0, '\n'})));
    assertThat(f.binary()).isTrue();
    assertThat(f.hunks()).isEmpty();
  }

  /** A NUL after git's 8000-byte probe does not make a file binary, for git or for us. */
  @Test
  void aNulBeyondTheProbeIsText() {
    byte[] bytes = new byte[9000];
    Arrays.fill(bytes, (byte) 'x');
    bytes[99] = '\n';
    bytes[8500] = 0;
    ChangedFile f = only(change(r -> {}, r -> r.write("late-nul.txt", bytes)));
    assertThat(f.binary()).isFalse();
    assertThat(f.hunks()).singleElement().satisfies(h -> assertThat(h.newCount()).isEqualTo(2));
  }

  @Test
  void symlinkIsItsTargetTextAndIsNeverFollowed() throws Exception {
    Path outside = tmp.resolve("outside-secret.txt");
    java.nio.file.Files.writeString(outside, "SECRET\n");
    Change change = change(r -> r.write("real.txt", "real content\n"),
        r -> r.symlink("link", "real.txt").symlink("escape", outside.toString()).symlink("dangling", "no/such/file"));
    assertThat(change.files()).extracting(ChangedFile::path).containsExactly("dangling", "escape", "link");
    for (ChangedFile f : change.files()) {
      assertThat(f.status()).isEqualTo(FileStatus.ADDED);
      assertThat(f.newMode()).isEqualTo(FileMode.SYMLINK);
      assertThat(f.isSymlink()).isTrue();
      assertThat(f.isReviewableText()).isFalse();
    }
    ChangedFile escape = change.files().get(1);
    assertThat(escape.newSize()).isEqualTo(outside.toString().length());
    assertThat(escape.newBlob()).isEqualTo(blobId(outside.toString()));
    FileContent content = change.contents().head("escape").orElseThrow();
    assertThat(content.text()).isEqualTo(outside.toString()).doesNotContain("SECRET");
    assertThat(change.contents().head("link").orElseThrow().text()).isEqualTo("real.txt");
    // git shows the link text as one line without a newline at the end
    assertThat(change.files().get(2).hunks()).singleElement().satisfies(h ->
        assertThat(h.lines()).containsExactly(new DiffLine(DiffLine.Kind.ADDED, 0, 1, "real.txt")));
  }

  @Test
  void symlinkRetargeted() {
    ChangedFile f = only(change(r -> r.symlink("link", "a.txt"), r -> r.symlink("link", "b.txt")));
    assertThat(f.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(f.oldMode()).isEqualTo(FileMode.SYMLINK);
    assertThat(f.newMode()).isEqualTo(FileMode.SYMLINK);
    assertThat(f.removedLines()).extracting(DiffLine::text).containsExactly("a.txt");
    assertThat(f.addedLines()).extracting(DiffLine::text).containsExactly("b.txt");
  }

  /** A file replaced by a symlink is a type change: as in git, the old file goes and a link comes. */
  @Test
  void fileReplacedBySymlink() {
    Change change = change(r -> r.write("config", "value\n"), r -> r.delete("config").symlink("config", "elsewhere"));
    assertThat(change.files()).extracting(ChangedFile::status, ChangedFile::oldMode, ChangedFile::newMode).containsExactly(
        org.assertj.core.groups.Tuple.tuple(FileStatus.DELETED, FileMode.REGULAR, FileMode.MISSING),
        org.assertj.core.groups.Tuple.tuple(FileStatus.ADDED, FileMode.MISSING, FileMode.SYMLINK));
  }

  private static final String SUB_V1 = "1111111111111111111111111111111111111111";
  private static final String SUB_V2 = "2222222222222222222222222222222222222222";

  /** The submodule's commits are not in this repository: nothing may try to read them. */
  @Test
  void submoduleAddedUpdatedRemoved() {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("README", "x\n").commit("base");
      repo.branch("feature");
      repo.gitlink("lib/sub", SUB_V1).commitStaged("add submodule");
      repo.gitlink("lib/sub", SUB_V2).commitStaged("update submodule");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        ChangedFile added = only(git.range("main", "feature~1"));
        assertThat(added.status()).isEqualTo(FileStatus.ADDED);
        assertThat(added.newMode()).isEqualTo(FileMode.SUBMODULE);
        assertThat(added.isSubmodule()).isTrue();
        assertThat(added.isReviewableText()).isFalse();
        assertThat(added.newBlob()).isEqualTo(SUB_V1);
        assertThat(added.hunks()).isEmpty();
        assertThat(added.binary()).isFalse();

        Change update = git.range("feature~1", "feature");
        ChangedFile updated = only(update);
        assertThat(updated.status()).isEqualTo(FileStatus.MODIFIED);
        assertThat(updated.oldMode()).isEqualTo(FileMode.SUBMODULE);
        assertThat(updated.oldBlob()).isEqualTo(SUB_V1);
        assertThat(updated.newBlob()).isEqualTo(SUB_V2);
        assertThat(updated.hunks()).isEmpty();
        assertThat(update.contents().head("lib/sub")).isEmpty();
        assertThat(update.contents().base("lib/sub")).isEmpty();
        assertThat(update.contents().headId("lib/sub")).isEmpty();
      }
      repo.git().rm().addFilepattern("lib/sub").setCached(true).call();
      repo.commitStaged("remove submodule");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        Change change = git.range("feature~1", "feature");
        ChangedFile removed = only(change);
        assertThat(removed.status()).isEqualTo(FileStatus.DELETED);
        assertThat(removed.oldMode()).isEqualTo(FileMode.SUBMODULE);
        assertThat(removed.oldBlob()).isEqualTo(SUB_V2);
        assertThat(change.contents().base("lib/sub")).isEmpty();
      }
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void overTheSizeLimit() {
    String big = numbered(1, 200);
    Change change = change(1000, r -> r.write("big.txt", numbered(1, 150)).write("small.txt", "a\n"),
        r -> r.write("big.txt", big).write("small.txt", "b\n").write("new-big.txt", big));
    assertThat(change.files()).extracting(ChangedFile::path).containsExactly("big.txt", "new-big.txt", "small.txt");
    ChangedFile modified = change.files().get(0);
    assertThat(modified.tooLarge()).isTrue();
    assertThat(modified.hunks()).isEmpty();
    assertThat(modified.newSize()).isEqualTo(big.length());
    assertThat(modified.newBlob()).isEqualTo(blobId(big));
    assertThat(modified.binary()).isFalse();
    assertThat(modified.isReviewableText()).isFalse();
    ChangedFile added = change.files().get(1);
    assertThat(added.tooLarge()).isTrue();
    assertThat(added.hunks()).isEmpty();
    assertThat(added.newSize()).isEqualTo(big.length());
    assertThat(change.files().get(2).tooLarge()).isFalse();
    assertThat(change.files().get(2).hunks()).hasSize(1);
  }

  /** A large binary is still known to be binary, from its first bytes. */
  @Test
  void aLargeBinaryIsBinary() {
    byte[] big = new byte[5000];
    Arrays.fill(big, (byte) 'x');
    big[10] = 0;
    Change change = change(1000, r -> r.write("text.txt", numbered(1, 300)), r -> r.write("blob.bin", big).write("text.txt", numbered(1, 301)));
    assertThat(change.files()).extracting(ChangedFile::path, ChangedFile::tooLarge, ChangedFile::binary).containsExactly(
        org.assertj.core.groups.Tuple.tuple("blob.bin", true, true), org.assertj.core.groups.Tuple.tuple("text.txt", true, false));
  }

  /** A file that shrinks below the limit is still too large: its old side is. */
  @Test
  void shrinkingBelowTheLimitIsStillTooLarge() {
    ChangedFile f = only(change(1000, r -> r.write("big.txt", numbered(1, 200)), r -> r.write("big.txt", "small\n")));
    assertThat(f.tooLarge()).isTrue();
    assertThat(f.newSize()).isEqualTo(6);
    assertThat(f.hunks()).isEmpty();
  }

  /**
   * The size limit is decided from the object header, and the binary test from the first 8000
   * bytes. The blob here claims 5 MB but holds 8000 bytes, so reading it whole would fail: the change
   * loads only if nothing tries.
   */
  @Test
  void aHugeBlobIsMarkedTooLargeWithoutReadingIt() throws Exception {
    String fakeId = "3333333333333333333333333333333333333333";
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("a.txt", "a\n").commit("base");
      repo.branch("feature");
      Path loose = repo.dir().resolve(".git/objects/33/" + fakeId.substring(2));
      java.nio.file.Files.createDirectories(loose.getParent());
      try (var out = new java.util.zip.DeflaterOutputStream(java.nio.file.Files.newOutputStream(loose))) {
        // 8000 bytes of text (git's binary probe looks that far), then the object just ends
        out.write(("blob 5000000\0" + "text\n".repeat(1600)).getBytes(StandardCharsets.US_ASCII));
      }
      stageBlob(repo, "huge.bin", fakeId);
      repo.commitStaged("add a huge file");
      try (GitRepository git = GitRepository.open(repo.dir())) {
        ChangedFile f = only(git.range("main", "feature"));
        assertThat(f.status()).isEqualTo(FileStatus.ADDED);
        assertThat(f.tooLarge()).isTrue();
        assertThat(f.newSize()).isEqualTo(5_000_000);
        assertThat(f.newBlob()).isEqualTo(fakeId);
        assertThat(f.binary()).isFalse();
        assertThat(f.hunks()).isEmpty();
      }
    }
  }

  private static void stageBlob(TestRepo repo, String path, String id) throws java.io.IOException {
    var index = repo.git().getRepository().lockDirCache();
    var editor = index.editor();
    editor.add(new org.eclipse.jgit.dircache.DirCacheEditor.PathEdit(path) {
      @Override
      public void apply(org.eclipse.jgit.dircache.DirCacheEntry entry) {
        entry.setFileMode(org.eclipse.jgit.lib.FileMode.REGULAR_FILE);
        entry.setObjectId(org.eclipse.jgit.lib.ObjectId.fromString(id));
      }
    });
    editor.commit();
  }

  /** Two files with the same bytes share a blob, but each content knows its own path. */
  @Test
  void identicalFilesKeepTheirOwnPaths() {
    Change change = change(r -> {}, r -> r.write("a/same.txt", "same\n").write("b/same.txt", "same\n").write("c/same.txt", "same\n"));
    assertThat(change.files()).hasSize(3);
    for (String path : List.of("a/same.txt", "b/same.txt", "c/same.txt")) {
      assertThat(change.contents().head(path).orElseThrow().path()).isEqualTo(path);
    }
  }

  @Test
  void emptyFiles() {
    ChangedFile added = only(change(r -> {}, r -> r.write("empty.txt", "")));
    assertThat(added.status()).isEqualTo(FileStatus.ADDED);
    assertThat(added.newSize()).isZero();
    assertThat(added.newBlob()).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    assertThat(added.hunks()).isEmpty();
    assertThat(added.binary()).isFalse();

    ChangedFile filled = only(change(r -> r.write("f.txt", ""), r -> r.write("f.txt", "a\nb\n")));
    assertThat(filled.hunks()).singleElement().satisfies(h ->
        assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(0, 0, 1, 2));

    ChangedFile emptied = only(change(r -> r.write("f.txt", "a\nb\n"), r -> r.write("f.txt", "")));
    assertThat(emptied.status()).isEqualTo(FileStatus.MODIFIED);
    assertThat(emptied.newSize()).isZero();
    assertThat(emptied.hunks()).singleElement().satisfies(h ->
        assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(1, 2, 0, 0));
  }

  @Test
  void crlfLines() {
    Change change = change(r -> r.write("win.txt", "a\r\nb\r\nc\r\n"), r -> r.write("win.txt", "a\r\nB\r\nc\r\nd\n"));
    ChangedFile f = only(change);
    assertThat(f.hunks()).singleElement().satisfies(h -> {
      assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(1, 3, 1, 4);
      assertThat(h.lines()).containsExactly(
          new DiffLine(DiffLine.Kind.CONTEXT, 1, 1, "a"),
          new DiffLine(DiffLine.Kind.REMOVED, 2, 0, "b"),
          new DiffLine(DiffLine.Kind.ADDED, 0, 2, "B"),
          new DiffLine(DiffLine.Kind.CONTEXT, 3, 3, "c"),
          new DiffLine(DiffLine.Kind.ADDED, 0, 4, "d"));
    });
    FileContent head = change.contents().head("win.txt").orElseThrow();
    assertThat(head.lines()).extracting(FileContent.Line::ending).containsExactly(
        FileContent.LineEnding.CRLF, FileContent.LineEnding.CRLF, FileContent.LineEnding.CRLF, FileContent.LineEnding.LF);
  }

  /** Only the line ending changed: the line is removed and added, with the same text (as git shows it). */
  @Test
  void lineEndingOnlyChange() {
    ChangedFile f = only(change(r -> r.write("f.txt", "a\nb\nc\n"), r -> r.write("f.txt", "a\nb\r\nc\n")));
    assertThat(f.removedLines()).extracting(DiffLine::oldNumber, DiffLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "b"));
    assertThat(f.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "b"));
  }

  @Test
  void noNewlineAtEndOfFile() {
    Change change = change(r -> r.write("f.txt", "a\nb"), r -> r.write("f.txt", "a\nb\nc"));
    ChangedFile f = only(change);
    // git: @@ -1,2 +1,3 @@ / a / -b / \ No newline / +b / +c / \ No newline
    assertThat(f.hunks()).singleElement().satisfies(h -> {
      assertThat(h).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount).containsExactly(1, 2, 1, 3);
      assertThat(h.lines()).containsExactly(
          new DiffLine(DiffLine.Kind.CONTEXT, 1, 1, "a"),
          new DiffLine(DiffLine.Kind.REMOVED, 2, 0, "b"),
          new DiffLine(DiffLine.Kind.ADDED, 0, 2, "b"),
          new DiffLine(DiffLine.Kind.ADDED, 0, 3, "c"));
    });
    FileContent head = change.contents().head("f.txt").orElseThrow();
    assertThat(head.lines()).hasSize(3);
    assertThat(head.line(3).ending()).isEqualTo(FileContent.LineEnding.NONE);
    assertThat(head.endsWithNewline()).isFalse();

    ChangedFile fixed = only(change(r -> r.write("f.txt", "a\nb"), r -> r.write("f.txt", "a\nb\n")));
    assertThat(fixed.removedLines()).extracting(DiffLine::oldNumber).containsExactly(2);
    assertThat(fixed.addedLines()).extracting(DiffLine::newNumber).containsExactly(2);
  }

  @Test
  void invalidUtf8IsTextWithReplacementCharacters() {
    byte[] latin1 = "caf\u00e9\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);
    Change change = change(r -> r.write("legacy.txt", "cafe\n"), r -> r.write("legacy.txt", latin1));
    ChangedFile f = only(change);
    assertThat(f.binary()).isFalse();
    FileContent head = change.contents().head("legacy.txt").orElseThrow();
    assertThat(head.isValidUtf8()).isFalse();
    assertThat(head.lines()).extracting(FileContent.Line::text).containsExactly("caf\uFFFD", "na\uFFFDve");
    assertThat(f.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "caf\uFFFD"), org.assertj.core.groups.Tuple.tuple(2, "na\uFFFDve"));
    assertThat(head.bytes()).isEqualTo(latin1);
  }

  /** A truncated multi-byte sequence right before a newline must not swallow the newline. */
  @Test
  void invalidUtf8BeforeANewlineKeepsLineNumbers() {
    byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82, '\n', 'b', '\n', (byte) 0xF0, '\n'};
    ChangedFile f = only(change(r -> {}, r -> r.write("x.txt", bytes)));
    assertThat(f.addedLines()).extracting(DiffLine::newNumber).containsExactly(1, 2, 3);
    assertThat(f.addedLines().get(1).text()).isEqualTo("b");
  }

  @Test
  void byteOrderMark() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] v1 = concat(bom, "first\nsecond\n".getBytes(StandardCharsets.UTF_8));
    byte[] v2 = concat(bom, "first!\nsecond\n".getBytes(StandardCharsets.UTF_8));
    Change change = change(r -> r.write("bom.txt", v1), r -> r.write("bom.txt", v2));
    ChangedFile f = only(change);
    FileContent head = change.contents().head("bom.txt").orElseThrow();
    assertThat(head.hasBom()).isTrue();
    assertThat(head.isValidUtf8()).isTrue();
    assertThat(head.line(1).text()).isEqualTo("first!");
    assertThat(f.newSize()).isEqualTo(v2.length);
    // the BOM belongs to no line's text, so a rule never sees it as stray characters
    assertThat(f.hunks()).singleElement().satisfies(h -> assertThat(h.lines()).containsExactly(
        new DiffLine(DiffLine.Kind.REMOVED, 1, 0, "first"),
        new DiffLine(DiffLine.Kind.ADDED, 0, 1, "first!"),
        new DiffLine(DiffLine.Kind.CONTEXT, 2, 2, "second")));
  }

  /** Adding a BOM changes line 1 for git; it does for us too, though both texts read the same. */
  @Test
  void addingAByteOrderMarkChangesLineOne() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    ChangedFile f = only(change(r -> r.write("f.txt", "x\ny\n"), r -> r.write("f.txt", concat(bom, "x\ny\n".getBytes(StandardCharsets.UTF_8)))));
    assertThat(f.removedLines()).extracting(DiffLine::oldNumber, DiffLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "x"));
    assertThat(f.addedLines()).extracting(DiffLine::newNumber, DiffLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "x"));
  }

  @Test
  void pathsWithSpacesAndUnicode() {
    Change change = change(r -> {}, r -> r.write("dir with space/na\u00efve \u2013 file.txt", "x\n"));
    assertThat(only(change).path()).isEqualTo("dir with space/na\u00efve \u2013 file.txt");
    assertThat(change.contents().head("dir with space/na\u00efve \u2013 file.txt")).isPresent();
  }

  /** Our statuses and paths agree with {@code git diff --name-status -M} for a mixed change. */
  @Test
  void statusesAgreeWithGit() {
    GitCli.assumeAvailable();
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("keep.txt", TEN).write("edit.txt", TEN).write("gone.txt", "bye\n").write("move.txt", numbered(1, 20))
          .write("mode.sh", "echo\n").commit("base");
      repo.branch("feature");
      repo.write("edit.txt", TEN.replace("line 2", "LINE 2")).delete("gone.txt").delete("move.txt")
          .write("moved/move.txt", numbered(1, 20).replace("line 7", "line seven")).executable("mode.sh", true)
          .write("new.txt", "hello\n").commit("head");
      String git = GitCli.run(repo.dir(), "diff", "--name-status", "-M", "main...feature");
      List<String> expected = git.lines().map(l -> l.replaceFirst("^R\\d+", "R")).sorted().toList();
      try (GitRepository g = GitRepository.open(repo.dir())) {
        List<String> ours = g.range("main", "feature").files().stream().map(f -> switch (f.status()) {
          case ADDED -> "A\t" + f.newPath();
          case MODIFIED -> "M\t" + f.newPath();
          case DELETED -> "D\t" + f.oldPath();
          case RENAMED -> "R\t" + f.oldPath() + "\t" + f.newPath();
          case COPIED -> "C\t" + f.oldPath() + "\t" + f.newPath();
        }).sorted().toList();
        assertThat(ours).isEqualTo(expected);
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
