package dev.vetter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vetter.engine.Reviewer;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.PolicySchema;
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

@Command(name = "config", mixinStandardHelpOptions = true, description = "Check and show the review policy (.vetter.yml; every key is in docs/configuration.md).",
    footer = {"", "Examples:",
      "  vetter config validate                  .vetter.yml in the current directory",
      "  vetter config show --effective          every setting in force, with defaults",
      "  vetter config schema > vetter.schema.json"},
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class, ConfigCommand.Schema.class})
final class ConfigCommand {

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Validate a policy file: every problem with its line and column, and a suggestion for misspelt keys and values.",
          "Exit code 0 when it is valid, 2 when it is not (problems on standard error as FILE:LINE:COLUMN: MESSAGE)."})
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Policy file (default: .vetter.yml in the current directory).")
    Path file = Path.of(Reviewer.POLICY_FILE);

    @Override
    public Integer call() {
      List<PolicyError.Problem> problems;
      try {
        YamlSource source = Workspace.readPolicy(file, "policy file");
        problems = new PolicyLoader(Workspace.registry()).validate(source.name(), source.text());
      } catch (PolicyError e) {
        problems = e.problems(); // not UTF-8, or too large to read
      }
      if (problems.isEmpty()) {
        spec.commandLine().getOut().println(file + ": valid");
        return Main.OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file);
      return Main.USAGE;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show the policy: the organisation file and the repository file merged.",
          "With --effective, the complete policy in force: every default under them, and each family's settings folded into its rules."})
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--effective", description = "Include every default, so the output is the complete policy in force.")
    boolean effective;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Policy file (default: .vetter.yml in the current directory, if any).")
    Path config;

    @Option(names = "--org-config", paramLabel = "FILE", description = "Organisation defaults (default: $VETTER_ORG_CONFIG).")
    Path orgConfig;

    @Option(names = "--repo", paramLabel = "DIR", description = "With --effective: the repository whose conventions to read (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--base", paramLabel = "REV", description = "With --effective: the revision the conventions are read at, as a review "
        + "of a change against it would (default: HEAD).")
    String base = "HEAD";

    @Override
    public Integer call() throws Exception {
      List<YamlSource> layers = new ArrayList<>(Workspace.orgLayer(orgConfig));
      Path repoFile = config != null ? config : Path.of(Reviewer.POLICY_FILE);
      if (config != null || Files.exists(repoFile)) layers.add(Workspace.readPolicy(repoFile, "policy file"));
      PolicyLoader loader = new PolicyLoader(Workspace.registry());
      ObjectNode tree;
      List<Policy.Inferred> inferred = List.of();
      if (effective) {
        // what the repository's own conventions say, under what the files write
        inferred = Workspace.inferredAt(repo, base, Workspace.registry(), loader.load(layers));
        tree = loader.effectiveTree(layers, inferred);
      } else {
        tree = loader.mergedTree(layers);
      }
      ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
      spec.commandLine().getOut().print(yaml.writeValueAsString(tree));
      // the inferences with their sources, as comments: the output stays a valid policy
      if (!inferred.isEmpty()) {
        StringBuilder sb = new StringBuilder("# Inferred from the repository at " + base + " (under what the policy files write; a written mode or enabled wins):\n");
        for (Policy.Inferred i : inferred) {
          sb.append("#   ").append(i.rule());
          if (!i.paths().isEmpty()) sb.append(" for ").append(i.paths().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")));
          if (i.settings().mode() != null) sb.append(": mode ").append(i.settings().mode().id());
          if (!i.settings().options().isEmpty()) sb.append(", ").append(i.settings().options());
          sb.append(" - ").append(i.reason().replace('\n', ' ')).append('\n');
        }
        spec.commandLine().getOut().print(sb);
      }
      if (layers.isEmpty() && !effective) spec.commandLine().getErr().println("vetter: no policy file found; the built-in defaults apply (see --effective)");
      return Main.OK;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true,
      description = {"Print the JSON Schema of the policy file, for editor completion and checking.",
          "With the YAML language server (VS Code's YAML extension and others),",
          "start .vetter.yml with:",
          "  # yaml-language-server: $schema=<path or URL of the schema>",
          "A copy for the built-in rules is in Vetter's schema/vetter.schema.json."})
  static final class Schema implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(PolicySchema.json(Workspace.registry()));
      return Main.OK;
    }
  }
}
