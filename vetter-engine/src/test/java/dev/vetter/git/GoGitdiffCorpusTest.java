package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.testing.Corpora;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go-gitdiff patches ({@code ../shared/corpora/diffs/go-gitdiff}), each turned into a real
 * repository: the old side committed on main, the patch applied by {@code git apply} and committed
 * on a branch, then loaded with {@link GitRepository#range} and compared with {@code expected.json}.
 * Where our model deliberately differs, the difference is asserted as documented in
 * {@code src/test/resources/corpus-differences/go-gitdiff.md}.
 */
class GoGitdiffCorpusTest {
  @TempDir Path tmp;

  private static final String TEN = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n";
  private static final String SCRIPT = "#!/bin/bash\necho \"Hello World\"\n";

  /** Patches that add a copy of a file that stays: JGit, like git without --find-copies-harder, sees an added file. */
  private static final Map<String, Integer> COPY_SEEN_AS_ADD = Map.of("copy.patch", 10, "copy_modify.patch", 12);

  @TestFactory
  Stream<DynamicTest> patches() throws Exception {
    Path corpus = Corpora.require("diffs/go-gitdiff");
    GitCli.assumeAvailable();
    JsonNode expected = new ObjectMapper().readTree(corpus.resolve("expected.json").toFile());
    List<String> names = new ArrayList<>();
    expected.fieldNames().forEachRemaining(names::add);
    assertThat(names).hasSize(14);
    assertThat(Files.list(corpus.resolve("string")).map(p -> p.getFileName().toString()).sorted().toList())
        .as("every patch has an expectation").isEqualTo(names.stream().sorted().toList());
    return names.stream().map(name -> DynamicTest.dynamicTest(name, corpus.resolve("string").resolve(name).toUri(),
        () -> check(corpus, name, expected.get(name))));
  }

  private void check(Path corpus, String name, JsonNode want) throws Exception {
    Path patch = corpus.resolve("string").resolve(name);
    // binary_modify_nodata.patch only says "Binary files differ": git cannot apply it. Its twin
    // binary_modify.patch makes the same change (same blob ids, which the test checks below).
    Path applied = name.equals("binary_modify_nodata.patch") ? corpus.resolve("string/binary_modify.patch") : patch;
    try (TestRepo repo = TestRepo.init(tmp.resolve(name))) {
      repo.write(".keep", "");
      String oldName = text(want, "old_name");
      if (oldName != null) {
        byte[] old = oldContent(corpus, text(want, "old_oid_prefix"));
        repo.write(oldName, old);
        if ("100755".equals(text(want, "old_mode"))) repo.executable(oldName, true);
      }
      repo.commit("old side");
      repo.branch("feature");
      GitCli.run(repo.dir(), "apply", applied.toString());
      repo.commit("patch");

      ChangedFile f;
      try (GitRepository git = GitRepository.open(repo.dir())) {
        List<ChangedFile> files = git.range("main", "feature").files();
        assertThat(files).as("one file changed").hasSize(1);
        f = files.getFirst();
      }

      if (COPY_SEEN_AS_ADD.containsKey(name)) {
        // documented difference: the copy's source is unchanged, so the copy is an added file
        assertThat(want.get("is_copy").asBoolean()).isTrue();
        assertThat(f.status()).isEqualTo(FileStatus.ADDED);
        assertThat(f.oldPath()).isNull();
        assertThat(f.newPath()).isEqualTo(text(want, "new_name"));
        assertThat(f.similarity()).isZero();
        int lines = COPY_SEEN_AS_ADD.get(name);
        assertThat(f.hunks()).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0, 1, lines));
        return;
      }

      FileStatus status = want.get("is_new").asBoolean() ? FileStatus.ADDED
          : want.get("is_delete").asBoolean() ? FileStatus.DELETED
          : want.get("is_rename").asBoolean() ? FileStatus.RENAMED
          : want.get("is_copy").asBoolean() ? FileStatus.COPIED
          : FileStatus.MODIFIED;
      assertThat(f.status()).isEqualTo(status);
      assertThat(f.oldPath()).isEqualTo(oldName);
      assertThat(f.newPath()).isEqualTo(text(want, "new_name"));
      assertThat(f.oldMode()).isEqualTo(mode(text(want, "old_mode"), oldName != null));
      assertThat(f.newMode()).isEqualTo(mode(text(want, "new_mode"), text(want, "new_name") != null));
      assertThat(f.binary()).isEqualTo(want.get("is_binary").asBoolean());
      checkId(f.oldBlob(), text(want, "old_oid_prefix"));
      checkId(f.newBlob(), text(want, "new_oid_prefix"));
      if (want.get("similarity_score").isNull()) {
        assertThat(f.similarity()).isZero();
      } else {
        // JGit's rename score agrees with git's here (100 and 77)
        assertThat(f.similarity()).isEqualTo(want.get("similarity_score").asInt());
      }

      JsonNode hunks = want.get("hunks");
      assertThat(f.hunks()).hasSize(hunks.size());
      for (int i = 0; i < hunks.size(); i++) {
        JsonNode h = hunks.get(i);
        Hunk ours = f.hunks().get(i);
        assertThat(List.of(ours.oldStart(), ours.oldCount(), ours.newStart(), ours.newCount())).as("hunk %d of %s", i, name)
            .isEqualTo(List.of(h.get("old_start").asInt(), h.get("old_lines").asInt(), h.get("new_start").asInt(), h.get("new_lines").asInt()));
        assertThat(count(ours, DiffLine.Kind.ADDED)).isEqualTo(h.get("lines_added").asInt());
        assertThat(count(ours, DiffLine.Kind.REMOVED)).isEqualTo(h.get("lines_deleted").asInt());
        assertThat(count(ours, DiffLine.Kind.CONTEXT)).isEqualTo(h.get("context_lines").asInt());
        // section_heading is not part of our model (see corpus-differences/go-gitdiff.md)
      }
    }
  }

  /** The old side's bytes: the blob the patch's index line names, or the ten-line file where it names none. */
  private byte[] oldContent(Path corpus, String oidPrefix) throws Exception {
    List<byte[]> known = new ArrayList<>(List.of(TEN.getBytes(StandardCharsets.UTF_8), SCRIPT.getBytes(StandardCharsets.UTF_8)));
    // the binary file's first version is what binary_new.patch creates
    Path scratch = Files.createTempDirectory(tmp, "binary-source");
    GitCli.run(scratch, "init", "-q");
    GitCli.run(scratch, "apply", corpus.resolve("string/binary_new.patch").toString());
    known.add(Files.readAllBytes(scratch.resolve("file.bin")));
    if (oidPrefix == null) return known.getFirst(); // no index line (pure rename, copy, mode change)
    for (byte[] k : known) {
      if (blobId(k).startsWith(oidPrefix)) return k;
    }
    throw new AssertionError("no known content for blob " + oidPrefix);
  }

  private static void checkId(String ours, String prefix) {
    if (prefix == null) return;
    if (prefix.chars().allMatch(c -> c == '0')) {
      assertThat(ours).isNull();
    } else {
      assertThat(ours).startsWith(prefix);
    }
  }

  private static FileMode mode(String octal, boolean exists) {
    if (!exists) return FileMode.MISSING;
    return octal == null ? FileMode.REGULAR : FileMode.ofBits(Integer.parseInt(octal, 8));
  }

  private static long count(Hunk h, DiffLine.Kind kind) {
    return h.lines().stream().filter(l -> l.kind() == kind).count();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String blobId(byte[] bytes) {
    return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
  }
}
