package dev.vetter.cli;

import dev.vetter.change.Change;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.java.JavaChecks;
import dev.vetter.policy.Policy;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.FindingCache;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.Waivers;
import dev.vetter.policy.WaiversLoader;
import dev.vetter.policy.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UserError(what + " " + file + " is not UTF-8 text");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** A policy file from disk; a {@link dev.vetter.policy.PolicyError} (with line and column) when it is not UTF-8. */
  static YamlSource readPolicy(Path file, String what) {
    try {
      return YamlSource.decode(file.toString(), Files.readAllBytes(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The organisation layer: {@code --org-config}, else {@code $VETTER_ORG_CONFIG}, else none. */
  static List<YamlSource> orgLayer(Path orgConfig) {
    return orgLayer(orgConfig, Invocation.ofProcess());
  }

  /** The organisation layer of a command typed as {@code where} says: its {@code $VETTER_ORG_CONFIG}, relative to its directory. */
  static List<YamlSource> orgLayer(Path orgConfig, Invocation where) {
    Path p = where.resolve(orgConfig);
    if (p == null) {
      String env = where.getenv(ORG_CONFIG_ENV);
      if (env != null && !env.isBlank()) p = where.path(env);
    }
    return p == null ? List.of() : List.of(readPolicy(p, "organisation policy"));
  }

  /**
   * The revision trusted files (policy, baseline) are read from: the tip of the base branch for a
   * range, HEAD for the index and the working tree. Never the head under review, so a change cannot
   * weaken the policy that reviews it.
   */
  static String trustedRevision(Change change) {
    return change.kind() == Change.Kind.RANGE ? change.base() : "HEAD";
  }

  /** Policy layers: the organisation file, then {@code --config} from disk if given, else {@code .vetter.yml} at the trusted revision. */
  static List<YamlSource> layersFor(GitRepository git, Change change, Path config, Path orgConfig, Invocation where) {
    List<YamlSource> layers = new ArrayList<>(orgLayer(orgConfig, where));
    if (config != null) {
      layers.add(readPolicy(where.resolve(config), "policy file"));
    } else {
      String rev = trustedRevision(change);
      git.fileAt(rev, Reviewer.POLICY_FILE).ifPresent(c -> layers.add(YamlSource.decode(Reviewer.POLICY_FILE + "@" + rev, c.bytes())));
    }
    return layers;
  }

  /** The baseline {@code policy} names, read at the trusted revision of {@code change}; none when it names none. */
  static Baseline baselineAt(GitRepository git, Change change, Policy policy) {
    if (policy.baseline() == null) return Baseline.EMPTY;
    String rev = trustedRevision(change);
    return git.fileAt(rev, policy.baseline())
        .map(c -> Baseline.parse(policy.baseline() + "@" + rev, c.text()))
        .orElseThrow(() -> new UserError("the policy names the baseline " + policy.baseline() + ", which does not exist at " + rev));
  }

  /**
   * The waivers of {@value Waivers#FILE} at the trusted revision of {@code change}, checked against {@code policy}'s
   * limits; none when the file does not exist there. Never from the head under review, so a change cannot waive its own findings.
   */
  static Waivers waiversAt(GitRepository git, Change change, CheckRegistry registry, Policy policy) {
    return waiversAt(git, trustedRevision(change), registry, policy);
  }

  /** The waivers of {@value Waivers#FILE} at {@code rev}; none when the file does not exist there. Throws {@link dev.vetter.policy.PolicyError}. */
  static Waivers waiversAt(GitRepository git, String rev, CheckRegistry registry, Policy policy) {
    return git.fileAt(rev, Waivers.FILE)
        .map(c -> new WaiversLoader(registry, policy.waivers()).load(Waivers.FILE + "@" + rev, c.bytes()))
        .orElse(Waivers.NONE);
  }

  static Policy load(CheckRegistry registry, List<YamlSource> layers) {
    return new PolicyLoader(registry).load(layers);
  }

  /**
   * {@code policy} over what the repository's conventions at the trusted revision say (commit convention, line length,
   * analyzer rules it does not follow), as {@code vetter review}, {@code config show --effective} and {@code explain} see them.
   */
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

  static Policy withConventions(Policy policy, GitRepository git, Change change, CheckRegistry registry, FindingCache cache)
      throws InterruptedException {
    return policy.withInferred(Conventions.infer(Conventions.of(git, trustedRevision(change)), registry, policy, cache));
  }
}
