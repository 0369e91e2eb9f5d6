package dev.vetter.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Builds a small real repository with a feature branch and reviews it, so a newcomer sees Vetter work in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create a sample git repository with a change on a feature branch, and review it (exits 1: the sample has findings).",
    footer = {"", "Examples:", "  vetter demo",
      "  vetter demo --dir /tmp/sample --format markdown",
      "  cd /tmp/sample && git log --oneline --all     then look around the sample"})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the sample repository (default: a new temporary directory).")
  Path dir;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Output format, as for 'vetter review'.")
  String format = "text";

  @Option(names = "--warm-up", hidden = true,
      description = "Review the sample with every Java analyzer on, twice (filling the cache, then reading it), and print nothing: "
          + "the launcher's start-up cache is trained on this run, and a review daemon runs it before it answers.")
  boolean warmUp;

  @Override
  public Integer call() throws Exception {
    Path repo = dir != null ? dir : Files.createTempDirectory("vetter-demo-");
    List<String> paths = resourceLines("demo/files.txt");
    PersonIdent who = new PersonIdent("Vetter Demo", "demo@vetter.dev");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, paths, "base");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feat: greeter").setAuthor(who).setCommitter(who).setSign(false).call();
      git.checkout().setCreateBranch(true).setName("feature/polite-greetings").call();
      for (String p : paths) Files.deleteIfExists(repo.resolve(p));
      write(repo, paths, "head");
      if (warmUp) write(repo, resourceLines("demo/warm-up.txt"), "warm-up");
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      git.commit().setMessage("feat(greeter): greet everyone politely").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    if (warmUp) return warmUp(repo);
    PrintWriter err = spec.commandLine().getErr();
    err.println("vetter: sample repository at " + repo + " (branch feature/polite-greetings, based on main)");
    err.println("vetter: running: vetter review --repo " + repo + " --base main" + (format.equals("text") ? "" : " --format " + format));
    err.flush();
    CommandLine review = new CommandLine(new ReviewCommand());
    review.setOut(spec.commandLine().getOut());
    review.setErr(err);
    review.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
    return review.execute("--repo", repo.toString(), "--base", "main", "--format", format, "--no-cache");
  }

  /**
   * What a start-up cache or a fresh daemon should have seen: Checkstyle, PMD and the formatter on real Java (each
   * loads and links hundreds of classes on first use, which is most of a one-file review in a new JVM), a review
   * that fills the cache and one that reads it, text and JSON output. The policy lies outside the work tree.
   */
  private int warmUp(Path repo) throws IOException {
    Path policy = repo.resolve(".git").resolve("vetter-warm-up.yml");
    Files.writeString(policy, """
        fail-on: never
        rules:
          java/checkstyle: {config: google}
          java/pmd: {rulesets: [quickstart]}
          java/format: {style: google}
        """);
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    int exit = 0;
    for (String format : List.of("text", "json")) {
      CommandLine review = new CommandLine(new ReviewCommand());
      review.setOut(none);
      review.setErr(none);
      exit = Math.max(exit, review.execute("--repo", repo.toString(), "--base", "main", "--config", policy.toString(), "--format", format));
    }
    return exit;
  }

  private static void write(Path repo, List<String> paths, String side) throws IOException {
    for (String p : paths) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + side + "/" + p)) {
        if (in == null) continue;
        Path target = repo.resolve(p);
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      }
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var r = new BufferedReader(new InputStreamReader(DemoCommand.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) if (!l.isBlank() && !l.startsWith("#")) lines.add(l.strip());
    }
    return lines;
  }
}
