package dev.vetter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vetter.ai.Summarizer;
import dev.vetter.ai.Summary;
import dev.vetter.ai.SummaryCache;
import dev.vetter.ai.SummaryOutput;
import dev.vetter.ai.grounding.Scrubber;
import dev.vetter.ai.model.OpenAiCompatibleModel;
import dev.vetter.ai.model.Provider;
import dev.vetter.ai.prompt.PullRequestText;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.review.LocalReview;
import dev.vetter.review.ReviewSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "summarize", mixinStandardHelpOptions = true,
    description = {
      "Summarize a change for its reviewers: the change map (areas touched, files by risk with",
      "the reasons, lockfiles, vendored and generated files collapsed, dependency and ownership",
      "changes), from the same review as 'vetter review'.",
      "",
      "With --ai and the policy's 'ai: {enabled: true}', a model adds a short walkthrough held to",
      "Vetter's findings and the changed lines (docs/ai.md). The summary never changes the review's",
      "verdict: it always exits 0 (2 on usage or configuration errors)."
    },
    sortOptions = false,
    footer = {"", "Examples:",
      "  vetter summarize                    this branch against the default branch",
      "  vetter summarize --base origin/main --format json",
      "  vetter summarize --ai --body-file pr.md   with a model, if allowed",
      "",
      "The model's key is VETTER_AI_API_KEY; VETTER_AI_BASE_URL and VETTER_AI_MODEL",
      "name the server and the model (--base-url and --model override them)."})
final class SummarizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  Invocation invocation = Invocation.ofProcess();

  @Option(names = "--repo", paramLabel = "DIR", description = "Repository to review (default: the current directory).")
  Path repo = Path.of(".");

  static final class Target {
    @ArgGroup(exclusive = false)
    ReviewCommand.Range range;
    @Option(names = "--staged", description = "Summarize the index against HEAD.")
    boolean staged;
    @Option(names = "--worktree", description = "Summarize the working tree against HEAD (tracked files).")
    boolean worktree;
  }

  @ArgGroup(exclusive = true)
  Target target;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = Formats.class, description = "Output format: markdown, json (default: markdown).")
  String format = "markdown";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the summary to FILE instead of standard output.")
  Path output;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file to use instead of .vetter.yml at the base of the change.")
  Path config;

  @Option(names = "--ai", description = "Ask the model for a walkthrough, if the policy's 'ai' section enables it (default: the change map only).")
  boolean ai;

  @Option(names = "--model", paramLabel = "NAME", description = "The model (default: the policy's ai.model, else $VETTER_AI_MODEL).")
  String model;

  @Option(names = "--base-url", paramLabel = "URL", description = "An OpenAI-compatible server (default: $VETTER_AI_BASE_URL, else the policy's, else OpenAI).")
  String baseUrl;

  @Option(names = "--title", paramLabel = "TEXT", description = "The pull request's title, for the model (sent fenced as data).")
  String title;

  @Option(names = "--body-file", paramLabel = "FILE", description = "A file with the pull request's description, for the model (sent fenced as data).")
  Path bodyFile;

  @Option(names = "--no-cache", description = "Do not read or write the result caches.")
  boolean noCache;

  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("markdown", "json").iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("markdown", "json").contains(format)) throw new UserError("unknown format '" + format + "', allowed values: [markdown, json]");
    PullRequestText pr = new PullRequestText(title, bodyFile == null ? null : Workspace.readFile(invocation.resolve(bodyFile), "pull request description"));
    CheckRegistry registry = Workspace.registry();
    PrintWriter err = spec.commandLine().getErr();
    // the review 'vetter review' runs on the same options, through the same use case, never a re-parsed command line
    ReviewSetup setup = ReviewSetup.of(registry)
        .withOrganisation(Workspace.orgConfig(null, invocation))
        .withConfig(invocation.resolve(config))
        .withClock(invocation.clock());
    LocalReview.Options options = new LocalReview.Options(!noCache, Runtime.getRuntime().availableProcessors(),
        Terminal.progress(err, invocation.terminal()), List.of(), LocalReview.External.NONE);
    ReviewResult result = new LocalReview(setup, invocation::gitEnv).review(invocation.resolve(repo), target(), options);

    Summary summary = summarizer(result).summarize(result, pr, Scrubber.strict());
    String text = "json".equals(format)
        ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(SummaryOutput.json(summary)) + "\n"
        : SummaryOutput.markdown(summary);
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      try {
        Files.writeString(invocation.resolve(output), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError("cannot write the summary to " + output + ": " + e.getMessage(), e);
      }
    }
    return Main.OK;
  }

  /** The summarizer these options ask for: the change map only, unless --ai and the policy allow a model. */
  private Summarizer summarizer(ReviewResult result) {
    Policy.Ai allowed = result.policy().ai();
    if (!ai) return Summarizer.deterministic();
    if (!allowed.enabled()) {
      spec.commandLine().getErr().println("vetter: --ai: the policy does not enable ai (ai: {enabled: true} in .vetter.yml); the change map only");
      return Summarizer.deterministic();
    }
    Map<String, String> env = new HashMap<>(invocation.env());
    if (baseUrl != null) env.put("VETTER_AI_BASE_URL", baseUrl);
    Policy.Ai settings = model == null ? allowed
        : new Policy.Ai(true, model, allowed.baseUrl(), allowed.maxInputTokens(), allowed.maxOutputTokens(), allowed.maxCalls(), allowed.timeoutSeconds());
    Provider provider;
    try {
      provider = Provider.resolve(settings, env);
    } catch (IllegalArgumentException e) {
      throw new UserError("--ai: " + e.getMessage(), e);
    }
    SummaryCache cache = noCache ? SummaryCache.NONE : SummaryCache.inDirectory(cacheDir());
    return new Summarizer(new OpenAiCompatibleModel(provider, settings.maxOutputTokens(), settings.timeoutSeconds()), cache, new SecureRandom());
  }

  /** Beside the review's own cache: {@code vetter/cache/ai} in the git directory (a linked worktree's own). */
  private Path cacheDir() {
    try (GitRepository git = GitRepository.open(invocation.resolve(repo), GitRepository.DEFAULT_MAX_DIFF_BYTES, invocation::gitEnv)) {
      return git.gitDir().resolve("vetter").resolve("cache").resolve("ai");
    }
  }

  private LocalReview.Target target() {
    if (target != null && target.staged) return new LocalReview.Target.Staged();
    if (target != null && target.worktree) return new LocalReview.Target.Worktree();
    ReviewCommand.Range range = target == null ? null : target.range;
    return new LocalReview.Target.Range(range == null ? null : range.base, range == null ? null : range.head);
  }

}
