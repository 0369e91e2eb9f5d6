package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.RuleInfo;
import dev.vetter.policy.Policy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML, for CI test-report views (Jenkins, GitLab, Azure): one {@code <testsuite name="vetter">},
 * one {@code <testcase>} per rule, with a {@code <failure>} per finding of that rule. Rules the policy
 * enables for at least one path and that found nothing are passing test cases; engine rules
 * ({@code vetter/...}) appear only when they have findings.
 */
public final class JunitReporter implements Reporter {
  private final ReportSettings settings;

  public JunitReporter(ReportSettings settings) {
    this.settings = settings;
  }

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    Map<String, List<Finding>> cases = new TreeMap<>();
    for (RuleInfo r : settings.rules()) {
      if (!r.family().equals("vetter") && enabledSomewhere(result.policy(), r)) cases.put(r.id(), new ArrayList<>());
    }
    for (Finding f : result.findings()) cases.computeIfAbsent(f.rule(), id -> new ArrayList<>()).add(f);
    long failed = cases.values().stream().filter(l -> !l.isEmpty()).count();

    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuite name=\"vetter\" tests=\"").append(String.valueOf(cases.size())).append("\" failures=\"").append(String.valueOf(failed))
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (Map.Entry<String, List<Finding>> e : cases.entrySet()) {
      String rule = e.getKey();
      String family = rule.contains("/") ? rule.substring(0, rule.indexOf('/')) : rule;
      out.append("  <testcase name=\"").append(Xml.attr(rule)).append("\" classname=\"vetter.").append(Xml.attr(family)).append('"');
      if (e.getValue().isEmpty()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      for (Finding f : e.getValue()) {
        String where = ReportText.location(f);
        out.append("    <failure message=\"").append(Xml.attr(where + ": " + f.message())).append("\" type=\"").append(f.severity().id()).append("\">")
            .append(Xml.text(where + ": " + f.severity().id() + ": " + f.message() + " [" + rule + "]")).append("</failure>\n");
      }
      out.append("  </testcase>\n");
    }
    out.append("  <system-out>").append(Xml.text("Vetter: " + ReportText.counts(result) + ". " + ReportText.verdict(result) + ".")).append("</system-out>\n");
    out.append("</testsuite>\n");
  }

  /**
   * Whether the policy enables {@code rule} at the top level or in at least one path override, each
   * override read over the top level (family entries first, the rule's own entry winning).
   */
  static boolean enabledSomewhere(Policy policy, RuleInfo rule) {
    boolean top = enabled(policy.rules(), rule, true);
    if (top) return true;
    for (Policy.PathOverride o : policy.overrides()) {
      if (enabled(o.rules(), rule, top)) return true;
    }
    return false;
  }

  private static boolean enabled(Map<String, Policy.RuleSettings> rules, RuleInfo rule, boolean below) {
    boolean enabled = below;
    for (String name : rule.scopes()) {
      Policy.RuleSettings s = rules.get(name);
      if (s != null && s.enabled() != null) enabled = s.enabled();
    }
    return enabled;
  }
}
