package dev.vetter.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import dev.vetter.check.Severity;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.filter.FilterMode;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a review is set up with, read the same way wherever it runs ({@code vetter review}, the MCP server's review
 * tool, {@code vetter scan}, {@code vetter eval replay}, the GitHub and GitLab bots): the policy from the organisation
 * layer under {@value Reviewer#POLICY_FILE} at the {@linkplain TrustedFiles trusted revision} (or a policy file given
 * instead), the baseline it names there (or one given instead), the conventions inferred at that revision, and the
 * overrides typed on a command line ({@code --filter}, {@code --fail-on}). Immutable and thread-safe; files are read
 * when a review asks for them, so an edit to the organisation file reaches the next review.
 */
public final class ReviewSetup {
  private final CheckRegistry registry;
  private final Path organisation;
  private final Path config;
  private final Path baseline;
  private final String baselineName;
  private final String filter;
  private final String failOn;

  private ReviewSetup(CheckRegistry registry, Path organisation, Path config, Path baseline, String baselineName, String filter, String failOn) {
    this.registry = requireNonNull(registry, "registry == null");
    this.organisation = organisation;
    this.config = config;
    this.baseline = baseline;
    this.baselineName = baselineName;
    this.filter = filter;
    this.failOn = failOn;
  }

  /** The policy files at the trusted revision and nothing else: no organisation layer, no overrides. */
  public static ReviewSetup of(CheckRegistry registry) {
    return new ReviewSetup(registry, null, null, null, null, null, null);
  }

  public CheckRegistry registry() {
    return registry;
  }

  /** This set-up with organisation defaults merged under the policy, read from {@code file} (null: none). */
  public ReviewSetup withOrganisation(Path file) {
    return new ReviewSetup(registry, file, config, baseline, baselineName, filter, failOn);
  }

  /** This set-up reading the policy from {@code file} instead of {@value Reviewer#POLICY_FILE} at the trusted revision (null: that file). */
  public ReviewSetup withConfig(Path file) {
    return new ReviewSetup(registry, organisation, file, baseline, baselineName, filter, failOn);
  }

  /**
   * This set-up reading the accepted findings from {@code file} instead of the baseline the policy names (null: that one).
   *
   * @param name how the file is named in messages (the path as typed)
   */
  public ReviewSetup withBaseline(Path file, String name) {
    return new ReviewSetup(registry, organisation, config, file, name, filter, failOn);
  }

  /** This set-up reporting by the diff filter {@code mode} as typed ({@code added}, ...; null: the policy's). */
  public ReviewSetup withFilter(String mode) {
    return new ReviewSetup(registry, organisation, config, baseline, baselineName, mode, failOn);
  }

  /** This set-up failing at {@code severity} as typed ({@code error}, ..., {@code never}; null: the policy's). */
  public ReviewSetup withFailOn(String severity) {
    return new ReviewSetup(registry, organisation, config, baseline, baselineName, filter, severity);
  }

  /**
   * Loads the files that do not depend on the revision (the organisation layer, a policy file given instead of
   * {@value Reviewer#POLICY_FILE}) now, so that a bad one stops a server or a long run before its first review.
   *
   * @throws UserError when one is missing, unreadable or invalid ({@link dev.vetter.policy.PolicyError})
   */
  public ReviewSetup validate() {
    List<YamlSource> layers = new ArrayList<>(organisationLayer());
    if (config != null) layers.add(policyFile(config, "policy file"));
    if (!layers.isEmpty()) new PolicyLoader(registry).load(layers);
    return this;
  }

  /** The policy and the baseline read at a trusted revision, before conventions and overrides. */
  public record Trusted(Policy policy, Baseline baseline) {}

  /**
   * The policy at {@code files} (the defaults when there is no policy file) and the baseline it names there.
   *
   * @throws UserError when the policy is invalid ({@link dev.vetter.policy.PolicyError}) or the baseline is missing or
   *     not a baseline: the repository's problem, to be reported where the review would go
   */
  public Trusted read(TrustedFiles files) {
    Policy policy = policy(files);
    return new Trusted(policy, baseline(files, policy));
  }

  /** The organisation layer, then the policy file given instead, else {@value Reviewer#POLICY_FILE} at {@code files}. */
  public Policy policy(TrustedFiles files) {
    List<YamlSource> layers = new ArrayList<>(organisationLayer());
    if (config != null) {
      layers.add(policyFile(config, "policy file"));
    } else {
      files.read(Reviewer.POLICY_FILE).ifPresent(bytes -> layers.add(YamlSource.decode(Reviewer.POLICY_FILE + "@" + files.revision(), bytes)));
    }
    return new PolicyLoader(registry).load(layers);
  }

  /** The baseline given instead, else the one {@code policy} names, read at {@code files}; none when it names none. */
  public Baseline baseline(TrustedFiles files, Policy policy) {
    if (baseline != null) return Baseline.parse(baselineName, readFile(baseline, "baseline"));
    if (policy.baseline() == null) return Baseline.EMPTY;
    byte[] bytes = files.read(policy.baseline())
        .orElseThrow(() -> new UserError("the policy names the baseline " + policy.baseline() + ", which does not exist " + files.where()));
    return Baseline.parse(policy.baseline() + "@" + files.revision(), new FileContent(policy.baseline(), null, bytes).text());
  }

  /**
   * {@code policy} over what the repository's conventions at the trusted revision say (commit convention, line length,
   * analyzer rules it does not follow), then the overrides; {@code cache} keeps what inferring them computes.
   */
  public Policy complete(Policy policy, Conventions.Base conventions, FindingCache cache) throws InterruptedException {
    return withOverrides(policy.withInferred(Conventions.infer(conventions, registry, policy, cache)));
  }

  /** {@code policy} with the diff filter and fail severity this set-up overrides. */
  public Policy withOverrides(Policy policy) {
    FilterMode mode = filter == null ? policy.filter() : parse(() -> FilterMode.parse(filter));
    Severity fail = failOn == null ? policy.failOn() : failOn.equalsIgnoreCase("never") ? null : parse(() -> Severity.parse(failOn));
    return policy.withFilter(mode).withFailOn(fail);
  }

  /**
   * The revision trusted files are read from for a local change: the tip of the base branch for a range, HEAD for the
   * index and the working tree. Never the head under review.
   */
  public static String trustedRevision(Change change) {
    return change.kind() == Change.Kind.RANGE ? change.base() : "HEAD";
  }

  private List<YamlSource> organisationLayer() {
    return organisation == null ? List.of() : List.of(policyFile(organisation, "organisation policy"));
  }

  /** A policy file from disk; a {@link dev.vetter.policy.PolicyError} (with line and column) when it is not UTF-8. */
  public static YamlSource policyFile(Path file, String what) {
    try {
      return YamlSource.decode(file.toString(), Files.readAllBytes(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** A UTF-8 text file from disk, {@code what} naming it in the error when it cannot be read. */
  public static String readFile(Path file, String what) {
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

  private static <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
