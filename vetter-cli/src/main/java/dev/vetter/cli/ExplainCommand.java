package dev.vetter.cli;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import dev.vetter.engine.UserError;
import dev.vetter.policy.RuleDocs;
import dev.vetter.policy.Suggest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "What a rule finds, why it matters, how to fix it, its options and how to suppress it.",
    footer = {"", "Examples:", "  vetter explain hygiene/trailing-whitespace", "  vetter rules                 every rule id"})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RULE", description = "A rule id, e.g. hygiene/trailing-whitespace.")
  String rule;

  @Override
  public Integer call() {
    CheckRegistry registry = Workspace.registry();
    if (RuleInfo.isValidExternal(rule) && rule.split("/").length >= 3) {
      // another tool's rule (vetter review --input): Vetter knows it only by its id
      spec.commandLine().getOut().print(RuleDocs.markdown(RuleInfo.external(rule, null)));
      return Main.OK;
    }
    var parent = registry.subRuleParent(rule);
    if (parent.isPresent()) {
      // a rule of a tool that a check runs (java/checkstyle/LineLength): described by the check
      spec.commandLine().getOut().print(RuleDocs.markdown(parent.get().subRule(rule)));
      return Main.OK;
    }
    RuleInfo info = registry.rule(rule).orElseThrow(() -> new UserError("unknown rule '" + rule + "'"
        + Suggest.hint(rule, registry.rules().stream().map(RuleInfo::id).toList()) + " Run 'vetter rules' for the list."));
    spec.commandLine().getOut().print(RuleDocs.markdown(info));
    return Main.OK;
  }
}
