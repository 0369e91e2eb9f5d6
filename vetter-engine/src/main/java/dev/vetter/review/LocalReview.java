package dev.vetter.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewInputs;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reviews a change of a local git repository: the one code path of {@code vetter review} and of the MCP server's
 * review tool, so both find the same. The change is read, the policy is read at its {@linkplain
 * ReviewSetup#trustedRevision trusted revision} through the {@link ReviewSetup}, the change is read again when the
 * policy's {@code limits.max-file-bytes} is not the default, and the {@link Reviewer} runs with the result cache, the
 * baseline and the waivers (both read at the trusted revision), the inputs and other tools' findings.
 */
public final class LocalReview {
  /** Which change: a range (three-dot, from the merge-base), the index, or the working tree, each against HEAD. */
  public sealed interface Target {
    /** {@code head} (null: HEAD) from its merge-base with {@code base} (null: the repository's default branch). */
    record Range(String base, String head) implements Target {}

    /** The index against HEAD, what {@code git commit} would record. */
    record Staged() implements Target {}

    /** The working tree (tracked files) against HEAD. */
    record Worktree() implements Target {}
  }

  /** Other tools' findings ({@code --input}), read once the repository and the change are known. */
  @FunctionalInterface
  public interface External {
    List<Finding> findings(GitRepository git, Change change);

    External NONE = (git, change) -> List.of();
  }

  /**
   * How to run it.
   *
   * @param cache whether to read and write the result cache in {@code .git/vetter/cache}
   * @param threads checks run in parallel on this many threads
   * @param inputs files from outside the repository's history for the change checks ({@code --coverage})
   */
  public record Options(boolean cache, int threads, Progress progress, List<Input> inputs, External external) {
    public Options {
      requireNonNull(progress, "progress == null");
      inputs = List.copyOf(inputs);
      requireNonNull(external, "external == null");
    }

    /** No cache, no inputs, one thread a processor, no progress shown. */
    public static Options plain() {
      return new Options(false, Runtime.getRuntime().availableProcessors(), Progress.NONE, List.of(), External.NONE);
    }
  }

  private final ReviewSetup setup;
  private final UnaryOperator<String> env;

  /** @param env git's environment ({@code GIT_DIR}, ...), null for this process's */
  public LocalReview(ReviewSetup setup, UnaryOperator<String> env) {
    this.setup = requireNonNull(setup, "setup == null");
    this.env = env;
  }

  /** Reviews {@code target} in the repository containing {@code dir}. */
  public ReviewResult review(Path dir, Target target, Options options) throws InterruptedException {
    GitRepository git = GitRepository.open(dir, GitRepository.DEFAULT_MAX_DIFF_BYTES, env);
    try {
      Change change = change(git, target);
      TrustedFiles trusted = TrustedFiles.at(git, ReviewSetup.trustedRevision(change));
      Policy policy = setup.policy(trusted);
      if (policy.limits().maxFileBytes() != GitRepository.DEFAULT_MAX_DIFF_BYTES) {
        // the size limit is part of the policy, which lives in the repository: read the change again with it
        git.close();
        git = GitRepository.open(dir, policy.limits().maxFileBytes(), env);
        change = change(git, target);
        trusted = TrustedFiles.at(git, ReviewSetup.trustedRevision(change));
      }
      FindingCache cache = options.cache() ? DiskCache.shared(git.gitDir().resolve("vetter").resolve("cache")) : FindingCache.NONE;
      policy = setup.complete(policy, Conventions.of(git, trusted.revision()), cache);
      // the baseline and the waivers at the trusted revision, never the change's own
      Reviewer reviewer = setup.reviewer(setup.read(trusted, policy), policy, cache, Math.max(1, options.threads()), options.progress())
          .withInputs(ReviewInputs.of(options.inputs(), git.workTree()))
          .withExternalFindings(options.external().findings(git, change));
      return reviewer.review(change);
    } finally {
      git.close();
    }
  }

  private static Change change(GitRepository git, Target target) {
    return switch (target) {
      case Target.Staged s -> git.staged();
      case Target.Worktree w -> git.worktree();
      case Target.Range r -> git.range(r.base() != null ? r.base() : git.defaultBase(), r.head() != null ? r.head() : "HEAD");
    };
  }
}
