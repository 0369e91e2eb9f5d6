package dev.vetter.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import dev.vetter.testing.GitCli;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our hunks against {@code git diff -U3} on the same repository: starts, counts, and every line's
 * kind, numbers and text. Git's output is what GitHub shows, and review comments must land on it.
 */
class HunksAgainstGitTest {
  @TempDir static Path tmp;

  /** An edit: the file on main and on the feature branch. */
  record Case(String name, String base, String head) {}

  static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  static String replace(String text, int line, String with) {
    List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
    l.set(line - 1, with);
    return String.join("\n", l);
  }

  private static final String TWENTY = lines(1, 20);

  private static final String CLASS = """
      class Greeter {
        private final String name;

        Greeter(String name) {
          this.name = name;
        }

        String greet() {
          return "Hello, " + name;
        }
      }
      """;

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("edit-first-line", TWENTY, replace(TWENTY, 1, "FIRST")));
    c.add(new Case("edit-last-line", TWENTY, replace(TWENTY, 20, "LAST")));
    c.add(new Case("insert-at-start", TWENTY, "new 0\n" + TWENTY));
    c.add(new Case("append-at-end", TWENTY, TWENTY + "new 21\nnew 22\n"));
    c.add(new Case("delete-first-line", TWENTY, lines(2, 20)));
    c.add(new Case("delete-last-lines", TWENTY, lines(1, 17)));
    // lines 4..9 unchanged between the edits: 6 lines, within twice the context, so one hunk
    c.add(new Case("gap-of-6-one-hunk", TWENTY, replace(replace(TWENTY, 3, "THREE"), 10, "TEN")));
    // lines 4..10 unchanged: 7 lines, so two hunks
    c.add(new Case("gap-of-7-two-hunks", TWENTY, replace(replace(TWENTY, 3, "THREE"), 11, "ELEVEN")));
    c.add(new Case("pure-deletion", TWENTY, lines(1, 8) + lines(12, 20)));
    c.add(new Case("pure-addition", TWENTY, lines(1, 10) + "added a\nadded b\n" + lines(11, 20)));
    c.add(new Case("from-empty", "", "a\nb\nc\n"));
    c.add(new Case("to-empty", "a\nb\nc\n", ""));
    c.add(new Case("whole-file-replaced", lines(1, 5), "x\ny\n"));
    c.add(new Case("one-line-no-newline", "a", "b"));
    c.add(new Case("newline-added-at-eof", "a\nb\nc", "a\nb\nc\n"));
    c.add(new Case("newline-removed-at-eof", "a\nb\nc\n", "a\nb\nc"));
    c.add(new Case("append-to-file-without-newline", lines(1, 5) + "six", lines(1, 5) + "six\nseven"));
    c.add(new Case("crlf-edit", "a\r\nb\r\nc\r\nd\r\n", "a\r\nB\r\nc\r\nd\r\ne\r\n"));
    c.add(new Case("line-ending-only", "a\nb\nc\n", "a\r\nb\nc\n"));
    c.add(new Case("invalid-utf8", "caf\u00e9\nok\n", "caf\u00e9!\nok\n"));
    c.add(new Case("scattered-edits", lines(1, 60), replace(replace(replace(replace(lines(1, 60), 2, "two"), 9, "nine"), 30, "thirty"), 59, "fifty-nine")));
    // a run of equal lines can slide; git picks a place by fixed rules, and so must we
    c.add(new Case("duplicate-line-inserted", "a\nb\nb\nc\n", "a\nb\nb\nb\nc\n"));
    c.add(new Case("duplicate-block-removed", "x\n}\n\n}\n\ny\n", "x\n}\n\ny\n"));
    c.add(new Case("method-inserted-between-methods", CLASS, CLASS.replace(
        "  String greet() {\n",
        "  String shout() {\n    return greet().toUpperCase();\n  }\n\n  String greet() {\n")));
    c.add(new Case("method-appended-at-end-of-class", CLASS, CLASS.replace(
        "    return \"Hello, \" + name;\n  }\n",
        "    return \"Hello, \" + name;\n  }\n\n  String bye() {\n    return \"Bye, \" + name;\n  }\n")));
    c.add(new Case("method-removed", CLASS, CLASS.replace("  Greeter(String name) {\n    this.name = name;\n  }\n\n", "")));
    c.add(new Case("duplicate-statement-inserted",
        "  @Override\n  public void update(int done) {\n    if (early()) return;\n    drawn = true;\n    print(done);\n  }\n",
        "  @Override\n  public void update(int done) {\n    if (early()) return;\n    if (early()) return;\n    drawn = true;\n    print(done);\n  }\n"));
    c.add(new Case("blank-line-after-block", "a {\n  b\n}\n\nc {\n  d\n}\n", "a {\n  b\n}\n\n\nc {\n  d\n}\n"));
    c.add(new Case("nested-block-closed", "  if (a) {\n    if (b) {\n      x();\n    }\n  }\n",
        "  if (a) {\n    if (b) {\n      x();\n    }\n    if (c) {\n      y();\n    }\n  }\n"));
    c.add(new Case("if-block-inserted-before-same", "  f();\n  if (x) {\n    g();\n  }\n  h();\n",
        "  f();\n  if (x) {\n    g();\n  }\n  if (x) {\n    g();\n  }\n  h();\n"));
    c.add(new Case("comment-block-duplicated", "/**\n * A.\n */\nclass A {}\n\n/**\n * B.\n */\nclass B {}\n",
        "/**\n * A.\n */\nclass A {}\n\n/**\n * C.\n */\nclass C {}\n\n/**\n * B.\n */\nclass B {}\n"));
    c.add(new Case("blank-lines-added", CLASS, CLASS.replace("\n\n", "\n\n\n")));
    c.add(new Case("tab-indented", "if (a) {\n\tx();\n}\n\nif (b) {\n\ty();\n}\n",
        "if (a) {\n\tx();\n}\n\nif (c) {\n\tz();\n}\n\nif (b) {\n\ty();\n}\n"));
    c.add(new Case("wrap-in-block", "a();\nb();\nc();\n", "a();\nif (x) {\n  b();\n}\nc();\n"));
    return c;
  }

  private static Map<String, Case> byPath;
  private static Map<String, ChangedFile> ours;

  /** One repository holding every case as its own file: main has the bases, feature the heads. */
  private static synchronized void build() {
    if (ours != null) return;
    GitCli.assumeAvailable();
    byPath = new LinkedHashMap<>();
    List<Case> all = cases();
    for (int i = 0; i < all.size(); i++) byPath.put(String.format("%02d-%s.txt", i, all.get(i).name()), all.get(i));
    try (TestRepo repo = TestRepo.init(tmp.resolve("cases"))) {
      byPath.forEach((path, c) -> repo.write(path, bytes(c.base())));
      repo.commit("bases");
      repo.branch("feature");
      byPath.forEach((path, c) -> repo.write(path, bytes(c.head())));
      repo.commit("heads");
      ours = new LinkedHashMap<>();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        for (ChangedFile f : git.range("main", "feature").files()) ours.put(f.path(), f);
      }
      gitOutput = GitDiffOutput.byFile(GitCli.run(repo.dir(), "diff", "-U3", "--no-color", "--no-ext-diff", "--no-renames", "main...feature"));
    }
  }

  private static Map<String, String> gitOutput;

  // invalid UTF-8 on purpose: é as one ISO-8859-1 byte
  private static byte[] bytes(String s) {
    return s.contains("caf\u00e9") ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest> sameHunksAsGit() {
    build();
    return byPath.keySet().stream().map(path -> DynamicTest.dynamicTest(path, () -> {
      List<Hunk> expected = GitDiffOutput.hunks(gitOutput.getOrDefault(path, ""));
      List<Hunk> actual = ours.containsKey(path) ? ours.get(path).hunks() : List.of();
      assertEquals(GitDiffOutput.render(expected), GitDiffOutput.render(actual), path);
      assertThat(actual).isEqualTo(expected);
    }));
  }

  /** The grouping rules, spelled out (the test above holds them against git too). */
  @Test
  void groupingAndEmptySides() {
    build();
    assertThat(ours.get("06-gap-of-6-one-hunk.txt").hunks()).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 13, 1, 13));
    assertThat(ours.get("07-gap-of-7-two-hunks.txt").hunks()).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 6, 1, 6), org.assertj.core.groups.Tuple.tuple(8, 7, 8, 7));
    assertThat(ours.get("10-from-empty.txt").hunks()).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0, 1, 3));
    assertThat(ours.get("11-to-empty.txt").hunks()).extracting(Hunk::oldStart, Hunk::oldCount, Hunk::newStart, Hunk::newCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3, 0, 0));
    // git puts a new method after the blank line that separates it from the previous one
    assertThat(ours.get("23-method-inserted-between-methods.txt").addedLines()).extracting(DiffLine::text)
        .containsExactly("  String shout() {", "    return greet().toUpperCase();", "  }", "");
  }

  /**
   * Random edits to code-shaped text, where lines repeat and runs can slide. We diff with JGit's
   * histogram algorithm, git with Myers; both are right, and they sometimes match repeated lines
   * differently. Every one of our diffs must be a correct diff, and nearly all must be git's.
   * (Without git's placement rules, GitCompaction, about one in six differ.)
   */
  @Test
  void randomEditsToCodeMostlyMatchGit() {
    GitCli.assumeAvailable();
    String[] vocabulary = {"{", "}", "", "  return x;", "  int a = 1;", "foo()", "\tbar();", "// comment", "}", "", "    }", "  if (x) {"};
    Random random = new Random(20260101);
    int n = 300;
    List<String> bases = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> a = new ArrayList<>();
      int length = 5 + random.nextInt(50);
      for (int k = 0; k < length; k++) a.add(vocabulary[random.nextInt(vocabulary.length)]);
      List<String> b = new ArrayList<>(a);
      for (int e = 1 + random.nextInt(4); e > 0; e--) {
        int at = random.nextInt(b.size() + 1);
        int count = 1 + random.nextInt(4);
        switch (random.nextInt(3)) {
          case 0 -> {
            for (int k = 0; k < count; k++) b.add(at, vocabulary[random.nextInt(vocabulary.length)]);
          }
          case 1 -> b.subList(Math.min(at, b.size()), Math.min(at + count, b.size())).clear();
          default -> b.add(at, "changed " + e);
        }
      }
      bases.add(String.join("\n", a) + "\n");
      heads.add(String.join("\n", b) + (b.isEmpty() ? "" : "\n"));
    }
    try (TestRepo repo = TestRepo.init(tmp.resolve("random"))) {
      for (int i = 0; i < n; i++) repo.write(String.format("r%03d.txt", i), bases.get(i));
      repo.commit("bases");
      repo.branch("feature");
      for (int i = 0; i < n; i++) repo.write(String.format("r%03d.txt", i), heads.get(i));
      repo.commit("heads");
      Map<String, ChangedFile> mine = new LinkedHashMap<>();
      try (GitRepository git = GitRepository.open(repo.dir())) {
        for (ChangedFile f : git.range("main", "feature").files()) mine.put(f.path(), f);
      }
      Map<String, String> theirs = GitDiffOutput.byFile(
          GitCli.run(repo.dir(), "diff", "-U3", "--no-color", "--no-ext-diff", "--no-renames", "main...feature"));
      List<String> differing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String path = String.format("r%03d.txt", i);
        List<Hunk> ourHunks = mine.containsKey(path) ? mine.get(path).hunks() : List.of();
        assertThat(apply(bases.get(i), ourHunks)).as("our hunks turn the base of %s into its head", path).isEqualTo(heads.get(i));
        if (!ourHunks.equals(GitDiffOutput.hunks(theirs.getOrDefault(path, "")))) differing.add(path);
      }
      System.out.println("random edits placed differently from git: " + differing.size() + "/" + n);
      assertThat(differing.size()).as("cases where git placed lines differently: %s", differing).isLessThanOrEqualTo(n * 8 / 100);
    }
  }

  /** Applies hunks to {@code base}, checking their context and removed lines against it. */
  static String apply(String base, List<Hunk> hunks) {
    List<String> in = base.isEmpty() ? List.of() : List.of(base.split("\n", -1)).subList(0, base.split("\n", -1).length - 1);
    List<String> out = new ArrayList<>();
    int next = 1; // next base line to copy
    for (Hunk h : hunks) {
      int start = h.oldCount() == 0 ? h.oldStart() + 1 : h.oldStart();
      while (next < start) out.add(in.get(next++ - 1));
      for (DiffLine l : h.lines()) {
        switch (l.kind()) {
          case CONTEXT -> {
            assertThat(l.oldNumber()).isEqualTo(next);
            assertThat(l.newNumber()).isEqualTo(out.size() + 1);
            assertThat(in.get(next++ - 1)).isEqualTo(l.text());
            out.add(l.text());
          }
          case REMOVED -> {
            assertThat(l.oldNumber()).isEqualTo(next);
            assertThat(in.get(next++ - 1)).isEqualTo(l.text());
          }
          case ADDED -> {
            assertThat(l.newNumber()).isEqualTo(out.size() + 1);
            out.add(l.text());
          }
        }
      }
    }
    while (next <= in.size()) out.add(in.get(next++ - 1));
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }
}
