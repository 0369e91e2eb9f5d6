package dev.vetter.cli;

import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.java.JavaChecks;
import dev.vetter.policy.Policy;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.FindingCache;
import dev.vetter.policy.YamlSource;
import dev.vetter.review.ReviewSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every command shares: the check registry and how policy layers are found. */
final class Workspace {
  static final String ORG_CONFIG_ENV = "VETTER_ORG_CONFIG";

  private Workspace() {}

  /**
   * The checks, made once per process: checks hold no review's state, and keep what is costly to build (a
   * Checkstyle Checker, PMD's rulesets) for the next review, which the review daemon lives on.
   */
  static CheckRegistry registry() {
    return Registry.INSTANCE;
  }

  private static final class Registry {
    static final CheckRegistry INSTANCE = build();

    private static CheckRegistry build() {
      List<dev.vetter.check.Check> checks = new ArrayList<>(BuiltInChecks.all());
      checks.addAll(JavaChecks.all());
      return CheckRegistry.withPlugins(checks);
    }
  }

  static String readFile(Path file, String what) {
    return ReviewSetup.readFile(file, what);
  }

  /** A policy file from disk; a {@link dev.vetter.policy.PolicyError} (with line and column) when it is not UTF-8. */
  static YamlSource readPolicy(Path file, String what) {
    return ReviewSetup.policyFile(file, what);
  }

  /** The organisation layer: {@code --org-config}, else {@code $VETTER_ORG_CONFIG}, else none. */
  static List<YamlSource> orgLayer(Path orgConfig) {
    return orgLayer(orgConfig, Invocation.ofProcess());
  }

  /** The organisation layer of a command typed as {@code where} says: its {@code $VETTER_ORG_CONFIG}, relative to its directory. */
  static List<YamlSource> orgLayer(Path orgConfig, Invocation where) {
    Path p = orgConfig(orgConfig, where);
    return p == null ? List.of() : List.of(readPolicy(p, "organisation policy"));
  }

  /** The organisation file: {@code --org-config}, else {@code $VETTER_ORG_CONFIG}, relative to where the command was typed; null for none. */
  static Path orgConfig(Path orgConfig, Invocation where) {
    Path p = where.resolve(orgConfig);
    if (p == null) {
      String env = where.getenv(ORG_CONFIG_ENV);
      if (env != null && !env.isBlank()) p = where.path(env);
    }
    return p;
  }

  /**
   * What the conventions of the repository at {@code dir} say at {@code rev}, for a command that shows the policy rather
   * than reviewing ({@code config show --effective}, {@code explain}); empty outside a git repository or before its first
   * commit at HEAD.
   *
   * @throws UserError when {@code rev} is not HEAD and names nothing in the repository
   */
  static List<Policy.Inferred> inferredAt(Path dir, String rev, CheckRegistry registry, Policy policy) throws InterruptedException {
    GitRepository git;
    try {
      git = GitRepository.open(dir);
    } catch (RuntimeException notARepository) {
      return List.of();
    }
    try (git) {
      if (git.jgit().resolve(rev + "^{commit}") == null) {
        if (rev.equals("HEAD")) return List.of(); // a repository without commits yet: nothing to read
        throw new UserError("unknown revision '" + rev + "': no branch, tag or commit has that name here");
      }
      FindingCache cache = DiskCache.shared(git.gitDir().resolve("vetter").resolve("cache"));
      return Conventions.infer(Conventions.of(git, rev), registry, policy, cache);
    } catch (IOException e) {
      return List.of();
    }
  }
}
