package dev.vetter.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileStatus;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.ChangeBuilder;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A review of a Change built from a forge-style file list finds exactly what a review of the git range finds. */
class ForgeChangeTest {
  @TempDir Path tmp;

  @Test
  void reviewThroughForgeFileListEqualsReviewOfTheGitRange() throws Exception {
    GitCli.assumeAvailable();
    TestRepo repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".vetter.yml", "fail-on: warning\nfilter: diff_context\nrules:\n  hygiene/trailing-whitespace: {mode: comment}\n")
        .write("CODEOWNERS", "/src/ @org/core\n")
        .write("src/App.java", "class App {\n  void run() {\n    System.out.println(1);\n  }\n}\n")
        .write("src/Gone.java", "class Gone {}\n")
        .write("docs/guide.md", "# Guide\n\n" + "Line of text that stays the same in the rename.\n".repeat(30))
        .write("img.bin", new byte[] {1, 0, 2, 0, 3})
        .stageAll().commit("initial");
    repo.branch("feature").checkout("feature");
    repo.write("src/App.java", "class App {\n  void run() {   \n    // TODO fix later\n    System.out.println(2);\n    String password = \"hunter2hunter2\";\n  }\n}\n")
        .write("lib/New.java", "class New {\n\tint x;  \n}\n")
        .delete("src/Gone.java")
        .delete("docs/guide.md")
        .write("docs/manual.md", "# Guide\n\n" + "Line of text that stays the same in the rename.\n".repeat(30) + "one more line   \n")
        .write("img.bin", new byte[] {1, 0, 2, 0, 4})
        .write(".vetter.yml", "fail-on: never\nrules:\n  hygiene: {enabled: false}\n")
        .stageAll().commit("feature work\n\nwithout sign-off");
    repo.write("lib/New.java", "class New {\n\tint x;  \n\tint y;\n}\n").stageAll().commit("more");
    // the base moves on after the branch point: the review compares with the merge-base, not main's tip
    repo.checkout("main").write("src/Other.java", "class Other {}\n").stageAll().commit("main moves");
    String mainTip = GitCli.run(repo.dir(), "rev-parse", "main").strip();
    String head = GitCli.run(repo.dir(), "rev-parse", "feature").strip();
    String mergeBase = GitCli.run(repo.dir(), "merge-base", "main", "feature").strip();

    CheckRegistry registry = new CheckRegistry(BuiltInChecks.all());
    try (GitRepository git = GitRepository.open(repo.dir())) {
      Change cliChange = git.range("main", "feature");
      Policy policy = policyAt(registry, git, "main");
      ReviewResult cli = new Reviewer(registry, policy).review(cliChange);

      // what a forge lists: git's own name-status for base...head (GitHub's three-dot diff), blob ids for heads
      List<ChangeBuilder.Entry> entries = new ArrayList<>();
      for (String line : GitCli.run(repo.dir(), "diff", "--name-status", "-M", mergeBase, head).split("\n")) {
        String[] p = line.split("\t");
        FileStatus status = switch (p[0].charAt(0)) {
          case 'A' -> FileStatus.ADDED;
          case 'D' -> FileStatus.DELETED;
          case 'R' -> FileStatus.RENAMED;
          default -> FileStatus.MODIFIED;
        };
        String oldPath = status == FileStatus.ADDED ? null : p[1];
        String newPath = status == FileStatus.DELETED ? null : p.length > 2 ? p[2] : p[1];
        String blob = newPath == null ? null : GitCli.run(repo.dir(), "rev-parse", head + ":" + newPath).strip();
        entries.add(new ChangeBuilder.Entry(status, oldPath, newPath, blob));
      }
      AtomicInteger reads = new AtomicInteger();
      ForgeChange.Files files = (commit, path, hint) -> {
        reads.incrementAndGet();
        return git.fileAt(commit, path).map(FileContent::bytes);
      };
      Change forgeChange = ForgeChange.of("main", "feature", mergeBase, head, entries, cliChange.commits(), files, policy.limits().maxFileBytes())
          .change();
      ReviewResult forge = new Reviewer(registry, policyAt(registry, git, mainTip)).review(forgeChange);

      assertThat(forgeChange.baseCommit()).isEqualTo(cliChange.baseCommit());
      assertThat(strip(forgeChange.files())).isEqualTo(strip(cliChange.files()));
      assertThat(forge.findings()).isNotEmpty().isEqualTo(cli.findings());
      assertThat(forge.hidden()).isEqualTo(cli.hidden());
      assertThat(forge.failed()).isEqualTo(cli.failed());
      // the policy came from main: the head's .vetter.yml (which turns hygiene off) did not apply
      assertThat(forge.findings()).anyMatch(f -> f.rule().startsWith("hygiene/"));
      assertThat(forge.findings()).anyMatch(f -> f.rule().equals("vetter/policy-changed"));
      assertThat(forgeChange.contents().base("CODEOWNERS")).isPresent();
      assertThat(reads.get()).isPositive();
    }
  }

  private static Policy policyAt(CheckRegistry registry, GitRepository git, String rev) {
    List<YamlSource> layers = new ArrayList<>();
    git.fileAt(rev, Reviewer.POLICY_FILE).ifPresent(c -> layers.add(YamlSource.decode(Reviewer.POLICY_FILE + "@" + rev, c.bytes())));
    return new PolicyLoader(registry).load(layers);
  }

  // rename similarity is not something a forge's file list tells
  private static List<ChangedFile> strip(List<ChangedFile> files) {
    return files.stream().map(f -> new ChangedFile(f.status(), f.oldPath(), f.newPath(), 0, f.oldMode(), f.newMode(), f.oldBlob(), f.newBlob(),
        f.binary(), f.tooLarge(), f.newSize(), f.hunks())).toList();
  }

  @Test
  void readsEachSideOfAPathOnceAndNeverOutsideTheRepository() {
    AtomicInteger reads = new AtomicInteger();
    Change c = ForgeChange.of("main", "pr", "b".repeat(40), "a".repeat(40),
        List.of(new ChangeBuilder.Entry(FileStatus.MODIFIED, "a.txt", "a.txt", null)), List.of(),
        (commit, path, hint) -> {
          reads.incrementAndGet();
          return Optional.of((commit.startsWith("a") ? "new\n" : "old\n").getBytes());
        }, 1 << 20).change();
    assertThat(c.files().get(0).addedLines()).extracting(l -> l.text()).containsExactly("new");
    c.contents().head("a.txt");
    c.contents().base("a.txt");
    assertThat(reads.get()).isEqualTo(2);
    assertThat(c.contents().head("../etc/passwd")).isEmpty();
    assertThat(reads.get()).isEqualTo(2);
  }

  // RELIABILITY.md 26 and 35: a path from a forge's file list that is not a repository path is never read and never
  // reaches a check; the summary says which and why.
  @Test
  void pathsOutsideTheRepositoryAreLeftOutWithTheirReason() {
    List<String> read = new ArrayList<>();
    ForgeChange fc = ForgeChange.of("main", "pr", "b".repeat(40), "a".repeat(40), List.of(
            new ChangeBuilder.Entry(FileStatus.ADDED, null, "../escape.txt", "1".repeat(40)),
            new ChangeBuilder.Entry(FileStatus.ADDED, null, "/etc/passwd", null),
            new ChangeBuilder.Entry(FileStatus.MODIFIED, "a\0b", "a\0b", null),
            new ChangeBuilder.Entry(FileStatus.DELETED, "src/../../x", null, null),
            new ChangeBuilder.Entry(FileStatus.RENAMED, "../old.txt", "src/new.txt", null),
            new ChangeBuilder.Entry(FileStatus.MODIFIED, "ok.txt", "ok.txt", null)),
        List.of(), (commit, path, hint) -> {
          read.add(path);
          return Optional.of("text\n".getBytes());
        }, 1 << 20);
    assertThat(fc.change().files()).extracting(ChangedFile::path, ChangedFile::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ok.txt", FileStatus.MODIFIED), org.assertj.core.groups.Tuple.tuple("src/new.txt", FileStatus.ADDED));
    assertThat(fc.notReviewed()).containsExactly(
        "../escape.txt: not read, the path is outside the repository (it has a .. segment)",
        "/etc/passwd: not read, the path is outside the repository (it is absolute)",
        "a\\x00b: not read, the path is outside the repository (it holds a NUL byte)",
        "src/../../x: not read, the path is outside the repository (it has a .. segment)",
        "src/new.txt: reviewed as a new file, its old path ../old.txt is outside the repository (it has a .. segment)");
    assertThat(fc.listed()).isEqualTo(6);
    assertThat(read).containsOnly("ok.txt", "src/new.txt");
  }
}
