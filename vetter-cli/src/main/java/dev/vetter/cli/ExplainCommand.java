package dev.vetter.cli;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.RuleInfo;
import dev.vetter.engine.UserError;
import dev.vetter.policy.Policy;
import dev.vetter.policy.RuleDocs;
import dev.vetter.policy.Suggest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "What a rule finds, why it matters, how to fix it, its options and how to suppress it.",
    footer = {"", "Examples:", "  vetter explain hygiene/trailing-whitespace", "  vetter rules                 every rule id"})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RULE", description = "A rule id, e.g. hygiene/trailing-whitespace.")
  String rule;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository whose conventions to read (default: the current directory).")
  Path repo = Path.of(".");

  /** What the repository's conventions at HEAD make of the rule, when there is something to say. */
  private void inRepository(CheckRegistry registry, RuleInfo info) {
    List<Policy.Inferred> inferred;
    try {
      inferred = Workspace.inferredAt(repo, "HEAD", registry, Policy.defaults());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<Policy.Inferred> mine = inferred.stream().filter(i -> info.scopes().contains(i.rule())).toList();
    if (mine.isEmpty()) return;
    StringBuilder sb = new StringBuilder("\n**In this repository** (inferred at HEAD; `.vetter.yml` can say otherwise):\n\n");
    for (Policy.Inferred i : mine) {
      sb.append("- ").append(i.settings().mode() == null ? "" : "mode `" + i.settings().mode().id() + "`")
          .append(i.paths().isEmpty() ? "" : " for " + i.paths().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")))
          .append(i.settings().options().isEmpty() ? "" : ", options " + i.settings().options()).append(": ").append(i.reason()).append('\n');
    }
    spec.commandLine().getOut().print(sb);
  }

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
      RuleInfo sub = parent.get().subRule(rule);
      spec.commandLine().getOut().print(RuleDocs.markdown(sub));
      inRepository(registry, sub);
      return Main.OK;
    }
    RuleInfo info = registry.rule(rule).orElseThrow(() -> new UserError("unknown rule '" + rule + "'"
        + Suggest.hint(rule, registry.rules().stream().map(RuleInfo::id).toList()) + " Run 'vetter rules' for the list."));
    spec.commandLine().getOut().print(RuleDocs.markdown(info));
    inRepository(registry, info);
    return Main.OK;
  }
}
