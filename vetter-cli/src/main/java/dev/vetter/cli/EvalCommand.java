package dev.vetter.cli;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.UserError;
import dev.vetter.eval.Labels;
import dev.vetter.eval.Replay;
import dev.vetter.eval.ReplayOutput;
import dev.vetter.eval.ReplayReport;
import dev.vetter.review.ReviewSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vetter eval}: measuring Vetter on real history. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure Vetter on a repository's real history: what it would have said on each merged pull request (docs/eval.md).",
    footer = {"", "Examples:",
      "  vetter eval replay --last 100       what Vetter says on the last 100 PRs",
      "  vetter eval replay --labels eval/labels/mine.jsonl --sample 20",
      "                                      precision, and 20 findings a rule to label"},
    subcommands = {EvalCommand.ReplayCommand.class})
final class EvalCommand {

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {
        "Review each of the last N first-parent commits of a branch against its first parent, as the bot would have reviewed",
        "the pull request it merged: the policy is .vetter.yml at the parent (or --config for every commit). Reports, overall",
        "and per rule, the pull requests it would have failed, findings per pull request and the time; with --labels, precision.",
        "",
        "A root commit, or the last one of a shallow clone, has no parent to compare with: it is listed as not replayed.",
        "A merge commit is reviewed against its first parent. Nothing in the repository is written (unless --cache says where)."
      },
      sortOptions = false,
      footer = {"", "Examples:",
        "  vetter eval replay --repo ../commons-lang --last 100",
        "  vetter eval replay --format markdown -o replay.md",
        "  vetter eval replay --config strict.yml     another policy for every commit",
        "  vetter eval replay --labels labels.jsonl --sample 20 --to-label todo.jsonl",
        "",
        "Label lines are JSON: {\"fingerprint\": ..., \"label\": \"tp|fp|noise|unsure\",",
        "\"note\": ...}, or rule, path and line (and commit) instead of the fingerprint.",
        "A progress bar is drawn on standard error when it is a terminal. Exit codes:",
        "0 the replay ran (whatever it found), 2 usage or configuration error, 3",
        "internal error (the report is still written)."})
  static final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    Invocation invocation = Invocation.ofProcess();

    @Option(names = "--repo", paramLabel = "DIR", description = "Repository to replay (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--last", paramLabel = "N", description = "How many first-parent commits, the most recent (default: 100).")
    int last = 100;

    @Option(names = "--branch", paramLabel = "REF", description = "Branch, tag or commit whose first-parent history is replayed (default: HEAD).")
    String branch = "HEAD";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file to use for every commit instead of .vetter.yml at its parent.")
    Path config;

    @Option(names = "--org-config", paramLabel = "FILE", description = "Organisation defaults merged under the policy (default: $VETTER_ORG_CONFIG).")
    Path orgConfig;

    @Option(names = "--labels", paramLabel = "FILE", description = "Findings labelled by hand, JSON lines (docs/eval.md): adds posting precision and rule correctness.")
    Path labels;

    @Option(names = "--sample", paramLabel = "K", description = "List K findings a rule, drawn at random, to label (those already labelled are left out).")
    int sample;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the --sample draw (default: 1); the same seed draws the same findings.")
    long seed = 1;

    @Option(names = "--to-label", paramLabel = "FILE", description = "Write the findings to label to FILE, as label lines to fill in, instead of listing them in the report.")
    Path toLabel;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = Formats.class, description = "Output format: text, json, markdown (default: text).")
    String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--report", paramLabel = "FORMAT=FILE", description = "Also write the report in FORMAT to FILE; repeatable (e.g. --format markdown --report json=replay.json).")
    List<String> reports = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Check on N threads; up to N pull requests at a time, fewer if the heap is small (default: number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--cache", paramLabel = "DIR", description = "Keep check results in DIR for the next replay (default: in memory, for this replay only).")
    Path cache;

    /** Values for shell completion. */
    static final class Formats implements Iterable<String> {
      @Override
      public Iterator<String> iterator() {
        return ReplayOutput.FORMATS.iterator();
      }
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!ReplayOutput.FORMATS.contains(format)) throw new UserError("unknown format '" + format + "', allowed values: " + ReplayOutput.FORMATS);
      Map<String, String> extra = new LinkedHashMap<>();
      for (String r : reports) {
        int eq = r.indexOf('=');
        if (eq <= 0 || eq == r.length() - 1) throw new UserError("--report takes FORMAT=FILE, e.g. --report json=replay.json; got '" + r + "'");
        String f = r.substring(0, eq);
        if (!ReplayOutput.FORMATS.contains(f)) throw new UserError("unknown format '" + f + "' in --report, allowed values: " + ReplayOutput.FORMATS);
        extra.put(r.substring(eq + 1), f);
      }
      if (sample < 0) throw new UserError("--sample must be 0 (every unlabelled finding) or more, was " + sample);
      // read before the replay, so that a typo in a label file fails at once, not after minutes of reviews
      Labels given = labels == null ? null : Labels.parse(labels.toString(), Workspace.readFile(invocation.resolve(labels), "label file"));
      CheckRegistry registry = Workspace.registry();
      FindingCache store = cache == null ? null : DiskCache.shared(invocation.resolve(cache));
      ReviewSetup setup = ReviewSetup.of(registry).withOrganisation(Workspace.orgConfig(orgConfig, invocation)).withConfig(invocation.resolve(config));
      // --config is loaded now, so that a bad one fails before the first review rather than skip every commit
      if (config != null) setup.validate();
      Replay replay = new Replay(registry, Replay.Setup.of(setup), new Replay.Options(branch, last, threads, store));
      ReplayReport report = replay.run(invocation.resolve(repo), invocation::gitEnv, Terminal.bar(err, "pull requests"));

      Labels.Evaluation evaluation = given == null ? null : given.evaluate(report);
      List<Labels.Item> todo = null;
      if (given != null || sample > 0 || toLabel != null) {
        Labels.Evaluation base = evaluation != null ? evaluation : Labels.parse("", "").evaluate(report);
        todo = Labels.sample(report, base, sample, seed);
      }
      if (toLabel != null) {
        StringBuilder lines = new StringBuilder();
        for (Labels.Item i : todo) lines.append(Labels.todo(i)).append('\n');
        writeFile(invocation.resolve(toLabel), lines.toString());
        err.println("vetter: wrote " + todo.size() + " finding" + (todo.size() == 1 ? "" : "s") + " to label to " + toLabel);
        todo = null;
      }
      ReplayOutput written = new ReplayOutput(report, evaluation, labels == null ? null : labels.toString(), todo, sample, seed);
      String text = written.render(format);
      for (var e : extra.entrySet()) writeFile(invocation.path(e.getKey()), written.render(e.getValue()));
      if (output == null) {
        out.print(text);
        out.flush();
      } else {
        writeFile(invocation.resolve(output), text);
      }
      if (report.hadInternalErrors()) {
        long n = report.skipped().stream().filter(ReplayReport.Skipped::internalError).count();
        err.println("vetter: internal error: " + n + " commit" + (n == 1 ? "" : "s") + " could not be replayed (listed in the report); run with --debug "
            + "and report it");
        return Main.INTERNAL;
      }
      return Main.OK;
    }

    private static void writeFile(Path file, String text) {
      try {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UserError("cannot write " + file + ": its folder does not exist", e);
      } catch (IOException e) {
        throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
