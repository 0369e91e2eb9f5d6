package dev.vetter.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Check and show the review policy.",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate a policy file: every problem with its line and column, and a suggestion for misspelt keys.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Policy file (default: .vetter.yml in the current directory).")
    Path file = Path.of(Reviewer.POLICY_FILE);

    @Override
    public Integer call() {
      String text = Workspace.readFile(file, "policy file");
      List<PolicyError.Problem> problems = new PolicyLoader(Workspace.registry()).validate(file.toString(), text);
      PrintWriter out = spec.commandLine().getOut();
      if (problems.isEmpty()) {
        out.println(file + ": valid");
        return Main.OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file);
      return Main.USAGE;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show the policy: the organisation file and the repository file merged, and with --effective the built-in defaults under them.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--effective", description = "Include every default, so the output is the complete policy in force.")
    boolean effective;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file (default: .vetter.yml in the current directory, if any).")
    Path config;

    @Option(names = "--org-config", paramLabel = "FILE", description = "Organisation defaults (default: $VETTER_ORG_CONFIG).")
    Path orgConfig;

    @Override
    public Integer call() throws Exception {
      List<YamlSource> layers = new ArrayList<>(Workspace.orgLayer(orgConfig));
      Path repoFile = config != null ? config : Path.of(Reviewer.POLICY_FILE);
      if (config != null || Files.exists(repoFile)) layers.add(new YamlSource(repoFile.toString(), Workspace.readFile(repoFile, "policy file")));
      PolicyLoader loader = new PolicyLoader(Workspace.registry());
      var tree = effective ? loader.effectiveTree(layers) : null;
      if (tree == null) {
        loader.load(layers);
        tree = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (YamlSource l : layers) {
          mergeInto(tree, l);
        }
      }
      ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
      spec.commandLine().getOut().print(yaml.writeValueAsString(tree));
      if (layers.isEmpty() && !effective) spec.commandLine().getErr().println("vetter: no policy file found; the built-in defaults apply (see --effective)");
      return Main.OK;
    }

    private static void mergeInto(com.fasterxml.jackson.databind.node.ObjectNode tree, YamlSource layer) {
      var doc = dev.vetter.policy.YamlDocument.parse(layer.name(), layer.text());
      if (!doc.root().isObject()) throw new UserError(layer.name() + " is not a mapping");
      dev.vetter.policy.PolicyLoader.mergeTrees(tree, (com.fasterxml.jackson.databind.node.ObjectNode) doc.root());
    }
  }
}
