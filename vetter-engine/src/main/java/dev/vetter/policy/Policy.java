package dev.vetter.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Glob;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.filter.FilterMode;
import java.util.List;
import java.util.Map;

/**
 * The review policy, parsed and checked at load time: globs compiled, severities and modes typed,
 * rule names known. Built by {@link PolicyLoader} from defaults, an organisation file and the
 * repository's {@code .vetter.yml}.
 *
 * @param failOn the least severe finding that fails the run; null means never fail
 * @param requestChanges whether the forge bots submit their review as "request changes" when the review fails
 *     (off by default: a bot's review then only comments)
 * @param rules settings per rule id or family name, family entries applying first
 * @param overrides per-path settings, applied in order (later entries win)
 * @param inferred settings Vetter inferred from the repository at the base (its conventions), applied under
 *     everything the policy files write
 * @param waivers how long a waiver in {@code .vetter/waivers.yml} may last, per severity of the findings it waives
 * @param ai what the repository allows an optional model to do for summaries (off by default; see docs/ai.md)
 * @param chatops who may give which {@code /vetter} command in a pull request's comments (docs/chatops.md)
 */
public record Policy(
    FilterMode filter,
    Severity failOn,
    int maxInlineComments,
    boolean requestChanges,
    List<Glob> include,
    List<Glob> exclude,
    String baseline,
    Limits limits,
    Map<String, RuleSettings> rules,
    List<PathOverride> overrides,
    List<Inferred> inferred,
    WaiverLimits waivers,
    Ai ai,
    ChatOpsPolicy chatops) {

  public static final int DEFAULT_MAX_INLINE_COMMENTS = 25;

  public Policy {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    rules = Map.copyOf(rules);
    overrides = List.copyOf(overrides);
    inferred = inferred == null ? List.of() : List.copyOf(inferred);
    waivers = waivers == null ? WaiverLimits.DEFAULTS : waivers;
    ai = ai == null ? Ai.DEFAULTS : ai;
    chatops = chatops == null ? ChatOpsPolicy.DEFAULTS : chatops;
  }

  public Policy(FilterMode filter, Severity failOn, int maxInlineComments, boolean requestChanges, List<Glob> include, List<Glob> exclude,
      String baseline, Limits limits, Map<String, RuleSettings> rules, List<PathOverride> overrides, List<Inferred> inferred, WaiverLimits waivers) {
    this(filter, failOn, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, inferred, waivers, Ai.DEFAULTS, ChatOpsPolicy.DEFAULTS);
  }

  public Policy(FilterMode filter, Severity failOn, int maxInlineComments, boolean requestChanges, List<Glob> include, List<Glob> exclude,
      String baseline, Limits limits, Map<String, RuleSettings> rules, List<PathOverride> overrides, List<Inferred> inferred) {
    this(filter, failOn, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, inferred, WaiverLimits.DEFAULTS);
  }

  public Policy(FilterMode filter, Severity failOn, int maxInlineComments, boolean requestChanges, List<Glob> include, List<Glob> exclude,
      String baseline, Limits limits, Map<String, RuleSettings> rules, List<PathOverride> overrides) {
    this(filter, failOn, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, List.of());
  }

  /** The policy with nothing configured. */
  public static Policy defaults() {
    return new Policy(FilterMode.ADDED, Severity.ERROR, DEFAULT_MAX_INLINE_COMMENTS, false, List.of(), List.of(), null, Limits.DEFAULTS, Map.of(), List.of());
  }

  /** This policy with another diff filter (a command line's {@code --filter}). */
  public Policy withFilter(FilterMode mode) {
    return new Policy(mode, failOn, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, inferred, waivers, ai, chatops);
  }

  /** This policy with another fail-on severity, null for never (a command line's {@code --fail-on}). */
  public Policy withFailOn(Severity severity) {
    return new Policy(filter, severity, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, inferred, waivers, ai, chatops);
  }

  /** This policy over {@code inferred}: what Vetter inferred from the repository, under what the policy files write. */
  public Policy withInferred(List<Inferred> inferred) {
    return new Policy(filter, failOn, maxInlineComments, requestChanges, include, exclude, baseline, limits, rules, overrides, inferred, waivers, ai, chatops);
  }

  /**
   * The longest a waiver may last (from its {@code created} to its {@code expires} date, in days) for a finding of each
   * severity: a waiver that lasts longer does not waive findings of that severity. 0 means such findings cannot be waived.
   */
  public record WaiverLimits(int errorDays, int warningDays, int noticeDays) {
    public static final WaiverLimits DEFAULTS = new WaiverLimits(30, 90, 365);

    public WaiverLimits {
      if (errorDays < 0 || warningDays < 0 || noticeDays < 0) throw new IllegalArgumentException("a waiver's maximum life cannot be negative");
    }

    /** The longest life, in days, of a waiver of a finding of {@code severity}. */
    public int maxDays(Severity severity) {
      return switch (severity) {
        case ERROR -> errorDays;
        case WARNING -> warningDays;
        case NOTICE -> noticeDays;
      };
    }

    /** The longest life any waiver may have: a waiver lasting longer waives nothing at all. */
    public int longest() {
      return Math.max(errorDays, Math.max(warningDays, noticeDays));
    }
  }

  /**
   * What the repository allows a model to do for its summaries. The model only words and ranks; it never decides
   * (docs/ai.md). The API key is never here: it comes from the environment of whoever runs Vetter.
   *
   * @param model the model name, null for the operator's choice ({@code VETTER_AI_MODEL})
   * @param baseUrl an OpenAI-compatible server, null for the operator's choice ({@code VETTER_AI_BASE_URL}); the
   *     operator's API key is never sent to a server named only here
   * @param maxCalls model calls per review, retries included
   */
  public record Ai(boolean enabled, String model, String baseUrl, int maxInputTokens, int maxOutputTokens, int maxCalls, int timeoutSeconds) {
    public static final Ai DEFAULTS = new Ai(false, null, null, 24_000, 1_500, 2, 60);
  }

  /** Size and time limits. */
  public record Limits(long maxFileBytes, int checkTimeoutSeconds) {
    public static final Limits DEFAULTS = new Limits(4L << 20, 30);
  }

  /**
   * Settings of one rule or family; null fields leave the value from below unchanged.
   *
   * @param options the rule's own options as written (bound to its options record per path)
   */
  public record RuleSettings(Boolean enabled, Severity severity, Mode mode, ObjectNode options) {
    public RuleSettings {
      options = options == null ? JsonNodeFactory.instance.objectNode() : options;
    }

    public RuleSettings(Boolean enabled, Severity severity, ObjectNode options) {
      this(enabled, severity, null, options);
    }
  }

  /**
   * A setting inferred from the repository at the base of the change, e.g. "commit messages do not follow
   * Conventional Commits, so commits/conventional-format stays in shadow".
   *
   * @param rule a rule id or family
   * @param paths the files it applies to; empty for all files and the change as a whole
   * @param settings mode and options (enabled is not used)
   * @param reason one line saying what it was inferred from, shown by {@code config show --effective} and {@code explain}
   */
  public record Inferred(String rule, List<Glob> paths, RuleSettings settings, String reason) {
    public Inferred {
      paths = List.copyOf(paths);
    }

    /** True when it applies to {@code path} (null: the change as a whole). */
    public boolean appliesTo(String path) {
      if (paths.isEmpty()) return true;
      return path != null && paths.stream().anyMatch(g -> g.matches(path));
    }
  }

  /** Settings that apply to paths matching any of {@code paths}. */
  public record PathOverride(List<Glob> paths, Map<String, RuleSettings> rules) {
    public PathOverride {
      paths = List.copyOf(paths);
      rules = Map.copyOf(rules);
    }

    public boolean matches(String path) {
      return paths.stream().anyMatch(g -> g.matches(path));
    }
  }

  /** Whether the policy's include/exclude globs let {@code path} be reviewed at all. */
  public boolean reviews(String path) {
    if (!include.isEmpty() && include.stream().noneMatch(g -> g.matches(path))) return false;
    return exclude.stream().noneMatch(g -> g.matches(path));
  }
}
