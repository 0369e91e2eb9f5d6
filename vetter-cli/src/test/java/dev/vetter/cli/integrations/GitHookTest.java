package dev.vetter.cli.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.cli.integrations.Processes.Result;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vetter hook install} on a real repository, and real {@code git commit}s through the hook it
 * writes, which runs this build's Vetter. Prints how long the hook takes on a typical commit (the
 * figure is for people: no test depends on time).
 */
class GitHookTest {
  @TempDir Path tmp;
  Map<String, String> env;
  Path vetter;
  TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    env = Processes.cleanEnvironment(Files.createDirectories(tmp.resolve("home")));
    vetter = BuiltVetter.command(tmp.resolve("bin"));
    repo = TestRepo.init(tmp.resolve("repo"));
    for (int i = 0; i < 20; i++) repo.write("src/main/java/app/Service" + i + ".java", service(i, ""));
    repo.write("README.md", "# app\n").commit("feat: start");
  }

  static String service(int i, String extra) {
    return "package app;\n\nclass Service" + i + " {\n  int size() {\n    return " + i + ";\n  }\n" + extra + "}\n";
  }

  Result vetter(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = vetter.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Processes.run(repo.dir(), env, cmd);
  }

  Result git(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Processes.run(repo.dir(), env, cmd);
  }

  String head() throws Exception {
    return Processes.check(repo.dir(), env, "git", "rev-parse", "HEAD").strip();
  }

  Path hook() {
    return repo.dir().resolve(".git/hooks/pre-commit");
  }

  @Test
  void theHookStopsACommitWithAConflictMarkerAndLetsACleanOneThrough() throws Exception {
    Result install = vetter("hook", "install");
    assertThat(install.code()).as(install.transcript()).isZero();
    assertThat(install.out()).contains("installed the pre-commit hook: " + hook());
    // the hook runs this Vetter by absolute path: git may run it with another PATH
    assertThat(Files.readString(hook())).contains("'" + vetter + "' \"$@\"");
    assertThat(Files.isExecutable(hook())).isTrue();

    // a typical commit: a few files edited; timed with and without the hook
    List<Duration> withHook = new ArrayList<>();
    List<Duration> without = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 3; i++) repo.write("src/main/java/app/Service" + i + ".java", service(i, "  int round" + round + "() {\n    return " + round + ";\n  }\n"));
      git("add", "-A");
      Result clean = git("commit", "-q", "-m", "feat: round " + round);
      assertThat(clean.code()).as(clean.transcript()).isZero();
      withHook.add(clean.took());
      repo.write("notes-" + round + ".txt", "round " + round + "\n");
      git("add", "-A");
      Result skipped = git("commit", "-q", "--no-verify", "-m", "docs: notes " + round);
      assertThat(skipped.code()).as(skipped.transcript()).isZero();
      without.add(skipped.took());
    }
    System.out.printf("pre-commit hook timing: git commit of 3 edited files took %s ms with Vetter's hook, %s ms with --no-verify%n",
        millis(withHook), millis(without));

    String before = head();
    repo.write("src/main/java/app/Service4.java", service(4, "<<<<<<< HEAD\n"));
    git("add", "-A");
    Result refused = git("commit", "-q", "-m", "fix: merge");
    assertThat(refused.code()).as(refused.transcript()).isEqualTo(1);
    assertThat(refused.err()).contains("src/main/java/app/Service4.java", "hygiene/conflict-marker", "commit stopped by the findings above");
    assertThat(head()).isEqualTo(before);

    // 'git commit -a' stages into a temporary index that only the hook's GIT_INDEX_FILE names
    git("reset", "-q");
    Result all = git("commit", "-q", "-a", "-m", "fix: merge");
    assertThat(all.code()).as(all.transcript()).isEqualTo(1);
    assertThat(all.err()).contains("hygiene/conflict-marker");
    assertThat(head()).isEqualTo(before);
  }

  static List<Long> millis(List<Duration> durations) {
    return durations.stream().map(Duration::toMillis).toList();
  }

  @Test
  void installIsIdempotentAndLeavesOtherHooksAlone() throws Exception {
    assertThat(vetter("hook", "install").code()).isZero();
    String ours = Files.readString(hook());
    Result again = vetter("hook", "install");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already installed");
    assertThat(Files.readString(hook())).isEqualTo(ours);

    Result removed = vetter("hook", "uninstall");
    assertThat(removed.code()).as(removed.transcript()).isZero();
    assertThat(hook()).doesNotExist();
    assertThat(vetter("hook", "uninstall").out()).contains("no pre-commit hook to remove");

    String foreign = "#!/bin/sh\necho lint\n";
    Files.writeString(hook(), foreign);
    Result refused = vetter("hook", "install");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("is another pre-commit hook, not Vetter's", "--force").doesNotContain("Exception");
    assertThat(Files.readString(hook())).isEqualTo(foreign);
    assertThat(vetter("hook", "uninstall").code()).isEqualTo(2);
    assertThat(Files.readString(hook())).isEqualTo(foreign);

    Result forced = vetter("hook", "install", "--force");
    assertThat(forced.code()).as(forced.transcript()).isZero();
    assertThat(Files.readString(hook())).isEqualTo(ours);
    assertThat(Files.readString(repo.dir().resolve(".git/hooks/pre-commit.before-vetter"))).isEqualTo(foreign);
    assertThat(vetter("hook", "uninstall").out()).contains("put back the previous pre-commit hook");
    assertThat(Files.readString(hook())).isEqualTo(foreign);

    Files.writeString(hook(), "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n");
    Result framework = vetter("hook", "install");
    assertThat(framework.code()).isEqualTo(2);
    assertThat(framework.err()).contains("the pre-commit framework's", ".pre-commit-config.yaml");
  }

  @Test
  void installFollowsCoreHooksPath() throws Exception {
    Processes.check(repo.dir(), env, "git", "config", "core.hooksPath", ".githooks");
    Result r = vetter("hook", "install", "--command", "vetter");
    assertThat(r.code()).as(r.transcript()).isZero();
    assertThat(Files.readString(repo.dir().resolve(".githooks/pre-commit"))).contains("  vetter \"$@\"");
    assertThat(hook()).doesNotExist();
  }

  @Test
  void outsideARepositoryIsAUsageError() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Result r = Processes.run(plain, env, vetter.toString(), "hook", "install");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not inside a git repository").doesNotContain("Exception");
  }
}
