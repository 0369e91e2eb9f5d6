package dev.vetter.engine;

import dev.vetter.check.Category;
import dev.vetter.check.Check;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A rule's metadata as the engine and reports see it, whether it comes from a check or the engine itself.
 *
 * @param subRules true when the rule's findings may name rules below its id ({@link CheckInfo#subRules},
 *     and {@code external}'s tools' rules): {@code java/checkstyle/LineLength}, {@code external/eslint/no-console}
 */
public record RuleInfo(String id, Category category, Severity severity, String summary, String rationale, String fix, int version,
    Class<? extends Record> options, boolean subRules, Mode mode) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+([-.][a-z0-9]+)*)+");
  /** Below a check's id, a sub-rule keeps the tool's spelling: letters of either case, digits, '.', '-', '_'. */
  private static final Pattern SUB = Pattern.compile("(/[A-Za-z0-9]+([-._][A-Za-z0-9]+)*)+");
  private static final Pattern ID_OR_SUB = Pattern.compile(ID.pattern() + "(" + SUB.pattern() + ")?");

  public RuleInfo {
    if (!ID_OR_SUB.matcher(id).matches()) throw new IllegalArgumentException("rule id '" + id + "' is not of the form family/name (lower case, dashes)");
    if (mode == null) mode = Mode.COMMENT;
  }

  public RuleInfo(String id, Category category, Severity severity, String summary, String rationale, String fix, int version,
      Class<? extends Record> options) {
    this(id, category, severity, summary, rationale, fix, version, options, false, Mode.COMMENT);
  }

  public static RuleInfo of(Check check) {
    CheckInfo i = Check.info(check);
    if (!ID.matcher(i.id()).matches()) throw new IllegalArgumentException("rule id '" + i.id() + "' is not of the form family/name (lower case, dashes)");
    return new RuleInfo(i.id(), i.category(), i.severity(), i.summary(), i.rationale(), i.fix(), i.version(), i.options(), i.subRules(), i.mode());
  }

  /** True when {@code id} names a rule below this one that this rule may report: it declares sub-rules and {@code id} is well formed. */
  public boolean hasSubRule(String id) {
    return subRules && id.length() > this.id.length() + 1 && id.startsWith(this.id) && id.charAt(this.id.length()) == '/'
        && SUB.matcher(id.substring(this.id.length())).matches();
  }

  /**
   * The metadata of {@code id}, a rule below this one ({@link #hasSubRule}): this rule's category,
   * severity and mode, no options of its own. The policy configures it by its own id or any prefix of it
   * ({@link #scopes}), exactly as it does other tools' rules; suppressions and fingerprints use its id.
   */
  public RuleInfo subRule(String id) {
    if (!hasSubRule(id)) throw new IllegalArgumentException("'" + id + "' is not a rule below " + this.id + (subRules ? "" : ", which reports no sub-rules"));
    String name = id.substring(this.id.length() + 1);
    return new RuleInfo(id, category, severity, "Rule " + name + " of " + this.id + ": " + summary,
        rationale, fix + " Configure it in `.vetter.yml` as `" + id + "` (or `" + this.id + "` for all of them); suppress one finding with `vetter:ignore "
            + id + "`.", version, NoOptions.class, false, mode);
  }

  /** The part of the id before the first slash. */
  public String family() {
    return id.substring(0, id.indexOf('/'));
  }

  public boolean hasOptions() {
    return options != NoOptions.class;
  }

  /**
   * The names the policy may configure this rule by, broadest first: {@code hygiene},
   * {@code hygiene/trailing-whitespace}; for a rule read from another tool's output
   * {@code external}, {@code external/eslint}, {@code external/eslint/no-console}. Later names win.
   */
  public List<String> scopes() {
    List<String> scopes = new ArrayList<>();
    for (int i = id.indexOf('/'); i >= 0; i = id.indexOf('/', i + 1)) scopes.add(id.substring(0, i));
    scopes.add(id);
    return scopes;
  }

  /** The family of rules read from other tools' output ({@code vetter review --input}), which no check of Vetter's can claim. */
  public static final String EXTERNAL = "external";

  /** True when {@code name} is {@code external} or starts with {@code external/}: a rule, tool or family of ingested findings. */
  public static boolean isExternal(String name) {
    return name.equals(EXTERNAL) || name.startsWith(EXTERNAL + "/");
  }

  /** True when {@code name} is {@code external} or a well-formed id below it, as the policy may name it. */
  public static boolean isValidExternal(String name) {
    return name.equals(EXTERNAL) || (name.startsWith(EXTERNAL + "/") && ID.matcher(name).matches());
  }

  /**
   * The id of another tool's rule: {@code external/<tool>/<rule>}, lower-cased, every run of characters
   * other than letters, digits, {@code .} and {@code /} becoming one {@code -} (so
   * {@code @typescript-eslint/no-unused-vars} from ESLint is
   * {@code external/eslint/typescript-eslint/no-unused-vars}, and ShellCheck's {@code SC2086} is
   * {@code external/shellcheck/sc2086}). A rule without a code is {@code diagnostic}.
   */
  public static String externalId(String tool, String rule) {
    String t = segment(tool == null ? "" : tool.replace('/', '-'));
    StringBuilder r = new StringBuilder();
    for (String part : (rule == null ? "" : rule).split("/")) {
      String s = segment(part);
      if (s.isEmpty()) continue;
      if (!r.isEmpty()) r.append('/');
      r.append(s);
    }
    return EXTERNAL + "/" + (t.isEmpty() ? "tool" : t) + "/" + (r.isEmpty() ? "diagnostic" : r);
  }

  // one id segment: [a-z0-9]+ joined by single '.' or '-', as ID requires
  private static String segment(String text) {
    StringBuilder sb = new StringBuilder();
    char pending = 0;
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (pending != 0 && !sb.isEmpty()) sb.append(pending);
        pending = 0;
        sb.append(c);
      } else if (pending == 0) {
        pending = c == '.' ? '.' : '-';
      }
    }
    return sb.toString();
  }

  /**
   * The metadata of an ingested rule, which Vetter knows only by its id: {@code category} (the tool's
   * own, when the input says, else {@link Category#SMELLS}) and warning as the severity when the tool
   * gave none. Block mode: the team chose the tool and fed its output in, so its errors fail the review as the
   * tool's own run would.
   */
  public static RuleInfo external(String id, Category category) {
    String[] parts = id.split("/", 3);
    if (parts.length < 3 || !parts[0].equals(EXTERNAL)) throw new IllegalArgumentException("not an external rule id (external/tool/rule): " + id);
    String tool = parts[1];
    String rule = parts[2];
    return new RuleInfo(id, category == null ? Category.SMELLS : category, Severity.WARNING,
        "Reported by " + tool + " (its rule " + rule + "), read with `vetter review --input`.",
        "Vetter did not find this itself: it read " + tool + "'s output and applies the same diff scoping, suppressions and baseline as to its own rules.",
        "See " + tool + "'s documentation of " + rule + ". Configure it in `.vetter.yml` as `" + id + "` (or `external/" + tool
            + "` for all of the tool's rules); suppress one finding with `vetter:ignore " + id + "`.",
        1, NoOptions.class, false, Mode.BLOCK);
  }

  /** Emitted once per check that threw or ran out of time; the other checks still complete. */
  public static final RuleInfo INTERNAL_ERROR = new RuleInfo("vetter/internal-error", Category.SMELLS, Severity.ERROR,
      "A check failed or exceeded its time budget.",
      "Vetter could not finish one of its checks, so that check's verdict on this change is unknown. The other checks still ran.",
      "Re-run with `--debug` to see the failure, and report it with the rule id. To unblock the change meanwhile, disable the rule for the affected paths in `.vetter.yml`.",
      1, NoOptions.class);

  /** A policy problem found while reviewing (e.g. a change to the policy itself). */
  public static final RuleInfo POLICY_CHANGED = new RuleInfo("vetter/policy-changed", Category.STYLE, Severity.NOTICE,
      "The change edits Vetter's policy file.",
      "The policy is always read from the base of the change, so a pull request cannot weaken the gate that reviews it. Edits to `.vetter.yml` take effect once merged.",
      "Nothing to fix: this is a notice so reviewers look at the policy change on purpose. Validate it locally with `vetter config validate`.",
      1, NoOptions.class);

  /** A change to a configuration file that a check read from the base of the change. */
  public static final RuleInfo CONFIG_CHANGED = new RuleInfo("vetter/config-changed", Category.STYLE, Severity.NOTICE,
      "The change edits a configuration file that a check reads from the base of the change (a Checkstyle configuration, a PMD ruleset, a suppressions file).",
      "Analyzer configuration is read from the base of the change, like the policy, so a pull request can neither loosen the checks that review it nor smuggle in a configuration. An edit to such a file is therefore not what reviewed this change: its findings follow the base's version, and the edit takes effect once merged.",
      "Nothing to fix: this is a notice so that the author knows why the edit does not change this review, and reviewers look at the configuration change on purpose.",
      1, NoOptions.class);

  /** A waiver of {@code .vetter/waivers.yml} that matches findings of this change but has expired. */
  public static final RuleInfo WAIVER_EXPIRED = new RuleInfo("vetter/waiver-expired", Category.STYLE, Severity.NOTICE,
      "A waiver in .vetter/waivers.yml has expired, so the findings it waived are reported again.",
      "Every waiver expires, so that accepting a finding is a decision the team makes again rather than one that outlives the code it was "
          + "made for. Once the `expires` date is reached the waiver no longer applies, and the findings it matches are posted (and fail the "
          + "review) as their rules' modes say.",
      "Fix the findings, or, if the reason still holds, renew the waiver in `.vetter/waivers.yml` with a new `expires` date "
          + "(`vetter waivers check` lists expired and soon-expiring waivers).",
      1, NoOptions.class);

  /** A waiver that lasts longer than the policy allows for the severity of a finding it matches. */
  public static final RuleInfo WAIVER_TOO_LONG = new RuleInfo("vetter/waiver-too-long", Category.STYLE, Severity.NOTICE,
      "A waiver in .vetter/waivers.yml lasts longer than the policy allows for the severity of a finding it matches, so it does not waive it.",
      "The policy sets the longest a waiver may last per severity (`waivers.max-days` in `.vetter.yml`): errors are accepted for a shorter "
          + "while than notices. A waiver that lasts longer than that for a finding's severity does not waive the finding.",
      "Shorten the waiver (move `expires` closer to `created`), or fix the finding.",
      1, NoOptions.class);

  /** A waiver of a file this change touches that matches no finding in it. */
  public static final RuleInfo WAIVER_STALE = new RuleInfo("vetter/waiver-stale", Category.STYLE, Severity.NOTICE,
      "A waiver in .vetter/waivers.yml names a file this change touches but matches no finding in it.",
      "A waiver that matches nothing has outlived the code it was written for: the finding was fixed, or the file moved or was deleted. "
          + "Left in place it would silently waive a new finding that happens to match it. Only waivers naming one exact path are checked, "
          + "since a review sees only the files it changes.",
      "Remove the waiver from `.vetter/waivers.yml` (or correct its path or fingerprint).",
      1, NoOptions.class);
}
