package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import java.util.List;
import java.util.Objects;

/**
 * What reporters need besides the result.
 *
 * @param rules metadata of every rule the review could run, checks and engine rules alike: SARIF
 *     describes the rules its results refer to, JUnit lists the rules that passed
 * @param toolVersion Vetter's version, as reports name the tool
 * @param color whether text output may use ANSI colours
 * @param showShadow whether the text report lists shadow findings (else it counts them)
 */
public record ReportSettings(List<RuleInfo> rules, String toolVersion, boolean color, boolean showShadow) {

  public ReportSettings {
    rules = List.copyOf(rules);
    Objects.requireNonNull(toolVersion, "toolVersion == null");
  }

  public ReportSettings(List<RuleInfo> rules, String toolVersion, boolean color) {
    this(rules, toolVersion, color, false);
  }

  /** These settings, listing shadow findings in the text report too ({@code --show-shadow}) rather than only counting them. */
  public ReportSettings withShowShadow(boolean show) {
    return new ReportSettings(rules, toolVersion, color, show);
  }

  public static ReportSettings of(CheckRegistry registry, String toolVersion, boolean color) {
    return new ReportSettings(registry.rules(), toolVersion, color);
  }

  /**
   * The metadata of {@code f}'s rule; a rule unknown to the settings (another tool's, read with
   * {@code --input}, or a plugin's that is gone) is described by its finding alone.
   */
  RuleInfo ruleOf(Finding f) {
    for (RuleInfo r : rules) {
      if (r.id().equals(f.rule())) return r;
    }
    for (RuleInfo r : rules) {
      if (r.hasSubRule(f.rule())) return r.subRule(f.rule());
    }
    if (f.rule().startsWith(RuleInfo.EXTERNAL + "/") && f.rule().indexOf('/', RuleInfo.EXTERNAL.length() + 1) > 0) {
      return RuleInfo.external(f.rule(), f.category());
    }
    return new RuleInfo(f.rule(), f.category(), f.severity(), f.rule(), "", "", 1, NoOptions.class);
  }
}
