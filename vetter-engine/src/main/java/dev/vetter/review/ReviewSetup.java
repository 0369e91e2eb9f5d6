package dev.vetter.review;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.FileContent;
import dev.vetter.check.Severity;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.filter.FilterMode;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.Waivers;
import dev.vetter.policy.WaiversLoader;
import dev.vetter.policy.YamlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a review is set up with, read the same way wherever it runs ({@code vetter review}, the MCP server's review
 * tool, {@code vetter scan}, {@code vetter eval replay}, the GitHub and GitLab bots): the policy from the organisation
 * layer under {@value Reviewer#POLICY_FILE} at the {@linkplain TrustedFiles trusted revision} (or a policy file given
 * instead), the baseline it names there (or one given instead), the waivers of {@value Waivers#FILE} there (applied as
 * they stand on the day this set-up's clock gives), the conventions inferred at that revision, and the overrides typed
 * on a command line ({@code --filter}, {@code --fail-on}). Immutable and thread-safe; files are read when a review asks
 * for them, so an edit to the organisation file reaches the next review.
 */
public final class ReviewSetup {
  private final CheckRegistry registry;
  private final Path organisation;
  private final Path config;
  private final Path baseline;
  private final String baselineName;
  private final String filter;
  private final String failOn;
  private final Clock clock;

  private ReviewSetup(CheckRegistry registry, Path organisation, Path config, Path baseline, String baselineName, String filter, String failOn,
      Clock clock) {
    this.registry = requireNonNull(registry, "registry == null");
    this.organisation = organisation;
    this.config = config;
    this.baseline = baseline;
    this.baselineName = baselineName;
    this.filter = filter;
    this.failOn = failOn;
    this.clock = requireNonNull(clock, "clock == null");
  }

  /** The policy files at the trusted revision and nothing else: no organisation layer, no overrides. */
  public static ReviewSetup of(CheckRegistry registry) {
    return new ReviewSetup(registry, null, null, null, null, null, null, Clock.systemUTC());
  }

  public CheckRegistry registry() {
    return registry;
  }

  /** This set-up with organisation defaults merged under the policy, read from {@code file} (null: none). */
  public ReviewSetup withOrganisation(Path file) {
    return new ReviewSetup(registry, file, config, baseline, baselineName, filter, failOn, clock);
  }

  /** This set-up reading the policy from {@code file} instead of {@value Reviewer#POLICY_FILE} at the trusted revision (null: that file). */
  public ReviewSetup withConfig(Path file) {
    return new ReviewSetup(registry, organisation, file, baseline, baselineName, filter, failOn, clock);
  }

  /**
   * This set-up reading the accepted findings from {@code file} instead of the baseline the policy names (null: that one).
   *
   * @param name how the file is named in messages (the path as typed)
   */
  public ReviewSetup withBaseline(Path file, String name) {
    return new ReviewSetup(registry, organisation, config, file, name, filter, failOn, clock);
  }

  /** This set-up reporting by the diff filter {@code mode} as typed ({@code added}, ...; null: the policy's). */
  public ReviewSetup withFilter(String mode) {
    return new ReviewSetup(registry, organisation, config, baseline, baselineName, mode, failOn, clock);
  }

  /** This set-up failing at {@code severity} as typed ({@code error}, ..., {@code never}; null: the policy's). */
  public ReviewSetup withFailOn(String severity) {
    return new ReviewSetup(registry, organisation, config, baseline, baselineName, filter, severity, clock);
  }

  /** This set-up applying waivers as they stand on the day {@code clock} gives (tests: a fixed day; default: the system's, in UTC). */
  public ReviewSetup withClock(Clock clock) {
    return new ReviewSetup(registry, organisation, config, baseline, baselineName, filter, failOn, clock);
  }

  /** Today by this set-up's clock: the day a waiver is in force or has expired on. */
  public LocalDate today() {
    return LocalDate.now(clock);
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

  /**
   * What was read at a trusted revision: the policy (before conventions and overrides, unless {@link #read(TrustedFiles,
   * Policy)} was given a completed one), the baseline it names and the waivers.
   */
  public record Trusted(Policy policy, Baseline baseline, Waivers waivers) {
    public Trusted {
      requireNonNull(policy, "policy == null");
      requireNonNull(baseline, "baseline == null");
      requireNonNull(waivers, "waivers == null");
    }
  }

  /**
   * The policy at {@code files} (the defaults when there is no policy file), the baseline it names there and the waivers
   * there.
   *
   * @throws UserError when the policy or the waivers are invalid ({@link dev.vetter.policy.PolicyError}) or the baseline
   *     is missing or not a baseline: the repository's problem, to be reported where the review would go
   */
  public Trusted read(TrustedFiles files) {
    return read(files, policy(files));
  }

  /**
   * The baseline {@code policy} (read at {@code files}, completed or not) names and the waivers, both read at {@code files}.
   *
   * @throws UserError as {@link #read(TrustedFiles)}
   */
  public Trusted read(TrustedFiles files, Policy policy) {
    return new Trusted(policy, baseline(files, policy), waivers(files, policy));
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
   * The waivers of {@value Waivers#FILE} at {@code files}, held to {@code policy}'s {@code waivers.max-days}; none when
   * the file does not exist there. Never read from the head under review, so a change cannot waive its own findings.
   *
   * @throws dev.vetter.policy.PolicyError when the file is invalid
   */
  public Waivers waivers(TrustedFiles files, Policy policy) {
    return files.read(Waivers.FILE)
        .map(bytes -> new WaiversLoader(registry, policy.waivers()).load(Waivers.FILE + "@" + files.revision(), bytes))
        .orElse(Waivers.NONE);
  }

  /**
   * The reviewer of {@code policy} (the {@linkplain Trusted#policy trusted policy}, {@linkplain #complete completed}) with
   * {@code trusted}'s baseline and its waivers as they stand {@linkplain #today today}: every entry point makes its
   * {@link Reviewer} here, so none applies the baseline or the waivers by its own code.
   */
  public Reviewer reviewer(Trusted trusted, Policy policy, FindingCache cache, int parallelism, Progress progress) {
    return new Reviewer(registry, policy, cache, trusted.baseline(), parallelism, progress).withWaivers(trusted.waivers(), today());
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
