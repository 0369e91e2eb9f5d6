package dev.vetter.conventions;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a repository chose, read at the base of a change: whether its commits follow Conventional Commits, what
 * line length it keeps, which analyzer rules it plainly does not follow; and where its test sources are, whose keys
 * are fixtures more often than leaks ({@link TestKeys}). The answers become {@link Policy.Inferred}
 * settings, under whatever the policy files write, so that a rule the team never chose stays in shadow (computed
 * and counted, never posted) and says why in {@code vetter explain} and {@code vetter config show --effective}.
 * Nothing here runs code or tools configured by the repository; configuration files are only parsed.
 */
public final class Conventions {
  private Conventions() {}

  /** The base of a change, as the inference reads it. */
  public interface Base {
    /** A file's text at the base, empty when it does not exist (or cannot be read). */
    Optional<String> text(String path);

    /** Up to {@code max} commit messages on the first-parent line ending at the base, newest first; empty when unknown. */
    List<String> recentMessages(int max);

    /** Every file at the base, path to blob id; empty when unknown (then no analyzer rule is sampled). */
    Map<String, String> files();

    /** A blob's bytes by id. */
    Optional<byte[]> blob(String id);
  }

  /** {@code text} as JSON, null when it is not (a JavaScript or YAML configuration, a broken file): only parsed, never run. */
  static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  /** The base {@code rev} of a local repository. */
  public static Base of(GitRepository git, String rev) {
    return new Base() {
      private Map<String, String> files;

      @Override
      public Optional<String> text(String path) {
        return git.fileAt(rev, path).filter(c -> !c.isBinary()).map(c -> c.text());
      }

      @Override
      public List<String> recentMessages(int max) {
        return git.firstParentMessages(rev, max);
      }

      @Override
      public synchronized Map<String, String> files() {
        if (files == null) files = git.filesAt(rev);
        return files;
      }

      @Override
      public Optional<byte[]> blob(String id) {
        return git.blob(id);
      }
    };
  }

  /**
   * The base of {@code change} as a forge's API gives it: files at the base, read through the change; no history and
   * no file listing, so the commit convention is read from a commitlint configuration only and no analyzer rule is
   * sampled (both stay at their quiet defaults).
   */
  public static Base of(dev.vetter.change.Change change) {
    return new Base() {
      @Override
      public Optional<String> text(String path) {
        return change.contents().base(path).filter(c -> !c.isBinary()).map(c -> c.text());
      }

      @Override
      public List<String> recentMessages(int max) {
        return List.of();
      }

      @Override
      public Map<String, String> files() {
        return Map.of();
      }

      @Override
      public Optional<byte[]> blob(String id) {
        return Optional.empty();
      }
    };
  }

  /**
   * Every inference for a review under {@code policy} (as loaded from the policy files) at {@code base}; analyzer
   * rules are sampled with {@code registry}'s checks, their results cached in {@code cache}.
   */
  public static List<Policy.Inferred> infer(Base base, CheckRegistry registry, Policy policy, FindingCache cache) throws InterruptedException {
    List<Policy.Inferred> all = new ArrayList<>();
    all.addAll(CommitConvention.infer(base));
    all.addAll(LineLengthConvention.infer(base));
    all.addAll(TestKeys.infer(registry));
    List<Policy.Inferred> build = registry.rule(BuildAnalyzers.PMD).isPresent() ? BuildAnalyzers.infer(base, policy) : List.of();
    all.addAll(build);
    // an analyzer already in shadow as a whole need not be sampled
    all.addAll(AnalyzerConventions.infer(base, registry, policy, cache, build.stream().map(Policy.Inferred::rule).collect(java.util.stream.Collectors.toSet())));
    return List.copyOf(all);
  }
}
