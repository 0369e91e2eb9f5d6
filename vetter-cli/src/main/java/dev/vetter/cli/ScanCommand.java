package dev.vetter.cli;

import dev.vetter.change.FileContent;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.HistoryScanner;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.git.History;
import dev.vetter.policy.Policy;
import dev.vetter.report.ReportSettings;
import dev.vetter.report.Reporter;
import dev.vetter.report.Reporters;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {
      "Scan the history of a branch for secrets: every commit, each secret reported once, at the commit that introduced it.",
      "",
      "The secrets rules (and custom rules in gitleaks' format from the policy) read the lines each commit adds",
      "against its first parent. The policy is .vetter.yml at the tip of --branch (HEAD with --all);",
      "its include/exclude, rule settings, vetter:ignore comments and baseline apply."
    },
    sortOptions = false,
    footer = {"", "Examples:",
      "  vetter scan --history                  every commit reachable from HEAD",
      "  vetter scan --history --branch main --since v2.0",
      "                                         commits on main since the tag v2.0",
      "  vetter scan --history --all -f sarif -o secrets.sarif",
      "                                         every branch and tag, for code scanning",
      "  vetter scan --history --write-baseline accepted.json",
      "                                         accept what is there today",
      "",
      "A progress bar is drawn on standard error when it is a terminal. Exit codes:",
      "0 nothing at or above the fail severity, 1 findings at or above it, 2 usage",
      "or configuration error, 3 internal error."})
final class ScanCommand implements Callable<Integer> {
  /** Formats whose reports make sense for findings spread over many commits. */
  static final List<String> FORMATS = List.of("text", "json", "sarif");

  /** Values for shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return FORMATS.iterator();
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR", description = "Repository to scan (default: the current directory).")
  Path repo = Path.of(".");

  @Option(names = "--history", required = true, description = "Scan every commit of the branch's history (required: the only kind of scan so far).")
  boolean history;

  @Option(names = "--branch", paramLabel = "REF", description = "Branch, tag or commit whose history is scanned (default: HEAD).")
  String branch;

  @Option(names = "--all", description = "Scan the history of every branch, tag and remote-tracking branch.")
  boolean all;

  @Option(names = "--since", paramLabel = "REF", description = "Leave out the commits REF already has (git log REF..BRANCH).")
  String since;

  @Option(names = "--max-count", paramLabel = "N", description = "Scan at most the N most recent commits.")
  int maxCount;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = Formats.class, description = "Output format: text, json, sarif (default: text).")
  String format = "text";

  @Mixin SharedOptions.Output output;

  @Option(names = "--report", paramLabel = "FORMAT=FILE", description = "Also write the report in FORMAT to FILE; repeatable.")
  List<String> reports = new ArrayList<>();

  @Mixin SharedOptions.FailOn failOn;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file to use instead of .vetter.yml at the tip of the scanned branch.")
  Path config;

  @Mixin SharedOptions.OrgConfig orgConfig;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline of accepted findings (default: the policy's 'baseline', read at the tip of the scanned branch).")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write every finding of this scan to FILE as a baseline, then exit 0.")
  Path writeBaseline;

  @Option(names = "--show-shadow", description = "List the findings of rules in shadow mode in the text report (else only their number).")
  boolean showShadow;

  @Mixin SharedOptions.Color color;

  @Option(names = "--threads", paramLabel = "N", description = "Commits are scanned in parallel on N threads (default: number of processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (all && branch != null) throw new UserError("--all and --branch exclude each other: --all scans every branch already");
    if (maxCount < 0) throw new UserError("--max-count must be 0 (no limit) or more, was " + maxCount);
    CheckRegistry registry = Workspace.registry();
    Reporter reporter = reporter(format, ReportSettings.of(registry, VetterCommand.version(), Terminal.colorWanted(color.when, output.file == null))
        .withShowShadow(showShadow));
    ReportSettings plain = ReportSettings.of(registry, VetterCommand.version(), /* color= */ false);
    ReportWriter writer = ReportWriter.of(reporter, output.file, reports, "sarif=secrets.sarif", name -> reporter(name, plain), path -> path);
    ReviewResult result;
    try (GitRepository git = GitRepository.open(repo)) {
      // the tip of what is scanned is trusted as the base of a review is: a scan is of history you already own
      String rev = all || branch == null ? "HEAD" : branch;
      requireCommit(git, rev);
      ReviewSetup setup = ReviewSetup.of(registry).withOrganisation(Workspace.orgConfig(orgConfig.file, Invocation.ofProcess())).withConfig(config)
          .withBaseline(baseline, baseline == null ? null : baseline.toString()).withFailOn(failOn.severity);
      TrustedFiles atTip = TrustedFiles.at(git, rev);
      Policy policy = setup.withOverrides(setup.policy(atTip));
      Baseline accepted = setup.baseline(atTip, policy);
      Map<String, Optional<FileContent>> trusted = new ConcurrentHashMap<>();
      History.Range range = new History.Range(all ? List.of() : List.of(rev), all, since, maxCount);
      try (History commits = History.of(git, range, policy.limits().maxFileBytes())) {
        HistoryScanner scanner = new HistoryScanner(registry, r -> r.family().equals("secrets"), policy, accepted, Math.max(1, threads),
            Terminal.bar(err, "commits"), path -> trusted.computeIfAbsent(path, p -> git.fileAt(rev, p)));
        result = scanner.scan(commits);
      }
    }
    if (writeBaseline != null) {
      Files.writeString(writeBaseline, Baseline.render(result.findings()), StandardCharsets.UTF_8);
      err.println("vetter: wrote " + result.findings().size() + " fingerprints to " + writeBaseline);
      return Main.OK;
    }
    writer.write(result, out);
    return result.failed() ? Main.FINDINGS : Main.OK;
  }

  private static void requireCommit(GitRepository git, String rev) {
    try {
      if (git.jgit().resolve(rev + "^{commit}") != null) return;
    } catch (java.io.IOException | RuntimeException e) {
      throw new UserError("'" + rev + "' is not a commit: give a branch, tag or commit", e);
    }
    throw new UserError("unknown revision '" + rev + "': no branch, tag or commit has that name here");
  }

  private static Reporter reporter(String name, ReportSettings settings) {
    if (!FORMATS.contains(name)) {
      if (Reporters.NAMES.contains(name)) throw new UserError("vetter scan writes " + String.join(", ", FORMATS) + "; '" + name + "' is for reviews of one change");
      throw new UserError("unknown format '" + name + "', allowed values: " + FORMATS);
    }
    return Reporters.byName(name, settings);
  }
}
