package dev.vetter.cli;

import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.UserError;
import dev.vetter.filter.FilterMode;
import dev.vetter.git.GitRepository;
import dev.vetter.ingest.Ingest;
import dev.vetter.ingest.InputFormat;
import dev.vetter.ingest.PathResolver;
import dev.vetter.report.ReportSettings;
import dev.vetter.report.Reporter;
import dev.vetter.report.Reporters;
import dev.vetter.review.LocalReview;
import dev.vetter.review.ReviewSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = {
      "Review a change in a git repository.",
      "",
      "With no options: HEAD against its merge-base with the default branch (origin/HEAD, origin/main, main, ... or the upstream).",
      "The policy is .vetter.yml as it is at the base of the change; --config reads another file instead.",
      "Other tools' findings (--input: SARIF, Checkstyle, rdjson, JUnit, errorformat) go through the same diff scoping, suppressions, baseline and outputs."
    },
    sortOptions = false,
    footer = {"", "Examples:",
      "  vetter review                       this branch against the default branch",
      "  vetter review --base origin/main    HEAD from its merge-base with origin/main",
      "  vetter review --staged              what 'git commit' would record",
      "  vetter review --worktree            uncommitted edits to tracked files",
      "  vetter review -f sarif -o vetter.sarif              for GitHub code scanning",
      "  vetter review -f github --report markdown=summary.md",
      "                                      annotations and a summary, one review",
      "  vetter review --coverage target/site/jacoco/jacoco.xml --fail-on warning",
      "",
      "Suppress a finding with a comment 'vetter:ignore RULE reason' on its line or",
      "the line above. Exit codes: 0 nothing at or above the fail severity, 1 findings",
      "at or above it, 2 usage or configuration error, 3 internal error."})
final class ReviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  /** Where the command was typed; the review daemon sets its client's. */
  Invocation invocation = Invocation.ofProcess();

  @Option(names = "--repo", paramLabel = "DIR", description = "Repository to review (default: the current directory).")
  Path repo = Path.of(".");

  static final class Target {
    @ArgGroup(exclusive = false)
    Range range;
    @Option(names = "--staged", description = "Review the index against HEAD (pre-commit use).")
    boolean staged;
    @Option(names = "--worktree", description = "Review the working tree against HEAD (tracked files).")
    boolean worktree;
  }

  static final class Range {
    @Option(names = "--base", paramLabel = "REF", description = "Base revision; the change starts at its merge-base with --head (three-dot semantics).")
    String base;
    @Option(names = "--head", paramLabel = "REF", description = "Head revision (default: HEAD).")
    String head;
  }

  @ArgGroup(exclusive = true)
  Target target;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: text).",
      completionCandidates = Reporters.Names.class)
  String format = "text";

  @Mixin SharedOptions.Output output;

  @Option(names = "--report", paramLabel = "FORMAT=FILE", description = "Also write the report in FORMAT to FILE; repeatable. One review, several outputs: "
      + "e.g. --format github --report markdown=summary.md --report sarif=vetter.sarif.")
  List<String> reports = new ArrayList<>();

  @Option(names = "--filter", paramLabel = "MODE", completionCandidates = FilterModes.class, description = "Which findings to report: added, diff_context, file, nofilter (default: from the policy, else added).")
  String filter;

  @Mixin SharedOptions.FailOn failOn;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file to use instead of .vetter.yml at the base of the change.")
  Path config;

  @Mixin SharedOptions.OrgConfig orgConfig;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Baseline of accepted findings (default: the policy's 'baseline', read at the base of the change).")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write every finding of this review (before diff filtering) to FILE as a baseline, then exit 0.")
  Path writeBaseline;

  @Option(names = "--coverage", paramLabel = "FILE", description = "A coverage report (JaCoCo, Cobertura, Clover, LCOV or Go) for the coverage rules; repeatable. "
      + "Without it they look for the files named by their 'reports' option.")
  List<Path> coverage = new ArrayList<>();

  /** One {@code --input} with the format and tool name given next to it. */
  static final class ExternalInput {
    @Option(names = "--input", required = true, paramLabel = "FILE",
        description = "Another tool's findings to review with Vetter's own ('-': standard input); repeatable. See docs/ingest.md.")
    String file;
    @Option(names = "--input-format", paramLabel = "FORMAT", description = "Format of the --input it goes with: sarif, checkstyle, rdjson, rdjsonl, junit, "
        + "errorformat:PRESET (eslint-compact, golangci-lint, flake8, ruff, tsc, javac, shellcheck-gcc) or errorformat:PATTERNS "
        + "(default: auto, told from the content; errorformat must be named).")
    String format;
    @Option(names = "--input-name", paramLabel = "TOOL", description = "The tool's name in the rule ids external/TOOL/RULE of the --input it goes with "
        + "(default: from the input, e.g. SARIF's driver name, else the format's).")
    String name;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<ExternalInput> external = new ArrayList<>();

  @Option(names = "--no-cache", description = "Do not read or write the result cache.")
  boolean noCache;

  @Option(names = "--show-shadow", description = "List the findings of rules in shadow mode in the text report (else only their number); "
      + "JSON always lists them under 'shadow'.")
  boolean showShadow;

  @Mixin SharedOptions.Color color;

  @Option(names = "--threads", paramLabel = "N", description = "Checks run in parallel on N threads (default: number of processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--no-daemon", description = "Review in this process even when a review daemon runs ('vetter daemon start').")
  boolean noDaemon;

  /** Values for shell completion (the parsers give the errors). */
  static final class FilterModes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(FilterMode.values()).map(FilterMode::id).iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckRegistry registry = Workspace.registry();
    Reporter reporter = Reporters.byName(format, ReportSettings.of(registry, VetterCommand.version(),
        Terminal.colorWanted(color.when, output.file == null, invocation)).withShowShadow(showShadow));
    ReportSettings plain = ReportSettings.of(registry, VetterCommand.version(), /* color= */ false);
    ReportWriter reports = ReportWriter.of(reporter, output.file, this.reports, "sarif=vetter.sarif", name -> Reporters.byName(name, plain),
        invocation::resolve);
    ReviewResult result = review(registry, Terminal.progress(err, invocation.terminal()));
    if (writeBaseline != null) {
      var all = new java.util.ArrayList<>(result.findings());
      all.addAll(result.hidden());
      Files.writeString(invocation.resolve(writeBaseline), Baseline.render(all), StandardCharsets.UTF_8);
      err.println("vetter: wrote " + all.size() + " fingerprints to " + writeBaseline);
      return Main.OK;
    }
    reports.write(result, out);
    return result.failed() ? Main.FINDINGS : Main.OK;
  }

  /**
   * The review these options ask for, run by the engine's {@link LocalReview}: the one code path of
   * {@code vetter review} (and of {@code vetter demo}).
   */
  ReviewResult review(CheckRegistry registry, Progress progress) throws InterruptedException, IOException {
    List<Read> reads = readExternal();
    PrintWriter err = spec.commandLine().getErr();
    LocalReview.Options options = new LocalReview.Options(!noCache, threads, progress, inputs(),
        (git, change) -> ingest(reads, git, change, invocation.cwd(), err));
    return new LocalReview(setup(registry), invocation::gitEnv).review(invocation.resolve(repo), target(), options);
  }

  /** The policy, baseline and overrides these options give; waivers as they stand on the invocation's day. */
  private ReviewSetup setup(CheckRegistry registry) {
    return ReviewSetup.of(registry)
        .withOrganisation(Workspace.orgConfig(orgConfig.file, invocation))
        .withConfig(invocation.resolve(config))
        .withBaseline(invocation.resolve(baseline), baseline == null ? null : baseline.toString())
        .withFilter(filter)
        .withFailOn(failOn.severity)
        .withClock(invocation.clock());
  }

  private LocalReview.Target target() {
    if (target != null && target.staged) return new LocalReview.Target.Staged();
    if (target != null && target.worktree) return new LocalReview.Target.Worktree();
    Range range = target == null ? null : target.range;
    return new LocalReview.Target.Range(range == null ? null : range.base, range == null ? null : range.head);
  }

  /** The files given on the command line, read now so that a missing one is a usage error. */
  private List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    for (Path typed : coverage) {
      Path file = invocation.resolve(typed);
      if (!Files.isRegularFile(file)) throw new UserError("the coverage report " + file + " does not exist");
      try {
        inputs.add(Input.of("coverage", file.toString(), Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new UserError("cannot read the coverage report " + file + ": " + e.getMessage(), e);
      }
    }
    return inputs;
  }

  /** An {@code --input} read from disk (or standard input), its format parsed. */
  private record Read(Input input, InputFormat format, String name) {}

  /** The --input files, read and their formats checked before anything else, so a typo fails at once. */
  private List<Read> readExternal() throws IOException {
    List<Read> reads = new ArrayList<>();
    boolean stdin = false;
    for (ExternalInput e : external) {
      InputFormat f = e.format == null ? InputFormat.AUTO : parse(() -> InputFormat.parse(e.format));
      byte[] bytes;
      if (e.file.equals("-")) {
        if (stdin) throw new UserError("standard input ('--input -') can be read only once");
        stdin = true;
        bytes = invocation.stdin().get().readAllBytes();
      } else {
        Path file = invocation.path(e.file);
        if (!Files.isRegularFile(file)) throw new UserError("the input " + e.file + " does not exist");
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException x) {
          throw new UserError("cannot read the input " + e.file + ": " + x.getMessage(), x);
        }
      }
      reads.add(new Read(Input.of("external", e.file, bytes), f, e.name));
    }
    return reads;
  }

  /**
   * The findings of the --input files. Relative paths in them are relative to the current directory
   * when it is inside the repository (where the tool most likely ran), else to the repository root.
   */
  private static List<Finding> ingest(List<Read> reads, GitRepository git, Change change, Path cwd, PrintWriter err) {
    if (reads.isEmpty()) return List.of();
    PathResolver paths = PathResolver.of(git.workTree(), cwd);
    List<Finding> findings = new ArrayList<>();
    for (Read r : reads) {
      Ingest.Result result = Ingest.read(r.input(), r.format(), r.name(), paths, path -> change.contents().head(path));
      findings.addAll(result.findings());
      String from = r.input().name().equals("-") ? "standard input" : r.input().name();
      result.warnings().forEach(w -> err.println("vetter: " + from + ": " + w));
    }
    return findings;
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
