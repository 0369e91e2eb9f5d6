package dev.vetter.engine;

import dev.vetter.check.Category;
import dev.vetter.check.Check;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.regex.Pattern;

/** A rule's metadata as the engine and reports see it, whether it comes from a check or the engine itself. */
public record RuleInfo(String id, Category category, Severity severity, String summary, String rationale, String fix, int version,
    Class<? extends Record> options) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+([-.][a-z0-9]+)*)+");

  public RuleInfo {
    if (!ID.matcher(id).matches()) throw new IllegalArgumentException("rule id '" + id + "' is not of the form family/name (lower case, dashes)");
  }

  public static RuleInfo of(Check check) {
    CheckInfo i = Check.info(check);
    return new RuleInfo(i.id(), i.category(), i.severity(), i.summary(), i.rationale(), i.fix(), i.version(), i.options());
  }

  /** The part of the id before the first slash. */
  public String family() {
    return id.substring(0, id.indexOf('/'));
  }

  public boolean hasOptions() {
    return options != NoOptions.class;
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
}
