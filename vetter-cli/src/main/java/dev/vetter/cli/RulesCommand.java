package dev.vetter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vetter.engine.RuleInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List every rule: id, category, default severity, default mode and what it finds.",
    footer = {"", "Then 'vetter explain RULE' tells why a rule matters, how to fix what it finds,", "and its options."})
final class RulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text or json (default: text).")
  String format = "text";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<RuleInfo> rules = Workspace.registry().rules();
    if (format.equals("json")) {
      ObjectMapper json = new ObjectMapper();
      ArrayNode arr = json.createArrayNode();
      for (RuleInfo r : rules) {
        arr.addObject().put("id", r.id()).put("category", r.category().id()).put("severity", r.severity().id()).put("mode", r.mode().id())
            .put("summary", r.summary());
      }
      out.println(arr.toPrettyString());
      return Main.OK;
    }
    if (!format.equals("text")) throw new dev.vetter.engine.UserError("unknown format '" + format + "', allowed values: [text, json]");
    int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(10);
    for (RuleInfo r : rules) {
      out.printf("%-" + width + "s  %-12s %-8s %-8s %s%n", r.id(), r.category().id(), r.severity().id(), r.mode().id(), r.summary());
    }
    out.printf("%n%d rules. 'vetter explain RULE' tells why each matters and how to fix what it finds.%n", rules.size());
    return Main.OK;
  }
}
