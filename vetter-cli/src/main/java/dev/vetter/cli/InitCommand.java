package dev.vetter.cli;

import dev.vetter.check.Mode;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.eval.Replay;
import dev.vetter.eval.ReplayOutput;
import dev.vetter.eval.ReplayReport;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.review.ReviewSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vetter init}: a starter {@code .vetter.yml} from what the repository shows at HEAD (its commit convention,
 * its line length, the analyzer rules it does not follow), every inferred setting written out with a comment saying
 * why, so the team sees and owns each choice.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Write a starter .vetter.yml from what the repository shows at HEAD: its commit convention, line length and the",
        "analyzer rules it does not follow, each with a comment saying why. Then review .vetter.yml and commit it:",
        "Vetter reads the policy from the base branch, so it takes effect once merged."},
    footer = {"", "Examples:", "  vetter init                     write .vetter.yml (refuses to overwrite one)",
        "  vetter init --stdout            print it instead"})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
  Path repo = Path.of(".");

  @Option(names = "--stdout", description = "Print the policy instead of writing .vetter.yml.")
  boolean stdout;

  @Option(names = "--force", description = "Overwrite an existing .vetter.yml.")
  boolean force;

  @Option(names = "--replay", paramLabel = "N", description = "Then replay the last N merged pull requests under the new policy, "
      + "so you see what Vetter would have said (default: 20; 0: no replay).")
  int replay = 20;

  @Override
  public Integer call() throws Exception {
    if (replay < 0) throw new UserError("--replay must be 0 (no replay) or more, was " + replay);
    Path dir = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve(".git")) && !Files.isRegularFile(dir.resolve(".git"))) {
      throw new UserError(dir + " is not the top of a git repository (run vetter init where .git is, or pass --repo)");
    }
    Path target = dir.resolve(Reviewer.POLICY_FILE);
    if (!stdout && Files.exists(target) && !force) {
      throw new UserError(target + " exists already; --force overwrites it, --stdout prints the starter policy instead");
    }
    CheckRegistry registry = Workspace.registry();
    List<Policy.Inferred> inferred = Workspace.inferredAt(dir, "HEAD", registry, Policy.defaults());
    String text = render(inferred);
    // what init writes must load: a broken starter would be worse than none
    try {
      new PolicyLoader(registry).load(List.of(new YamlSource(Reviewer.POLICY_FILE, text)));
    } catch (PolicyError e) {
      throw new IllegalStateException("the starter policy does not load: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (stdout) {
      out.print(text);
      return Main.OK;
    }
    try {
      Files.writeString(target, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
    }
    out.println("Wrote " + target + " (" + inferred.size() + " inferred setting" + (inferred.size() == 1 ? "" : "s") + ").");
    if (replay > 0) {
      // what the bot would have said under this policy on the team's own recent merged pull requests
      Invocation invocation = Invocation.ofProcess();
      ReviewSetup setup = ReviewSetup.of(registry).withOrganisation(Workspace.orgConfig(null, invocation)).withConfig(target).validate();
      Replay r = new Replay(registry, Replay.Setup.of(setup),
          new Replay.Options("HEAD", replay, Math.max(1, Runtime.getRuntime().availableProcessors()), null));
      ReplayReport report = r.run(dir, invocation::gitEnv, Terminal.bar(spec.commandLine().getErr(), "pull requests"));
      out.println();
      out.print(new ReplayOutput(report, null, null, null, 0, 1).render("text"));
    }
    out.println("Then commit .vetter.yml: the policy is read from the base branch, so it takes effect once merged.");
    return Main.OK;
  }

  /** The starter policy: defaults spelled out where the team decides, then each inference with its reason. */
  static String render(List<Policy.Inferred> inferred) {
    StringBuilder sb = new StringBuilder();
    sb.append("# .vetter.yml: Vetter's review policy, written by 'vetter init' from what this repository shows.\n");
    sb.append("# Every key is in docs/configuration.md; 'vetter config show --effective' prints the policy in force.\n");
    sb.append("# Editors complete it from the JSON Schema that 'vetter config schema' prints.\n\n");
    sb.append("# Only findings of rules in block mode fail the review, at or above this severity.\n");
    sb.append("fail-on: error\n\n");
    sb.append("# Which findings are reported: only on the lines a change adds.\n");
    sb.append("filter: added\n");
    Map<String, List<Policy.Inferred>> everywhere = new LinkedHashMap<>();
    List<Policy.Inferred> scoped = new ArrayList<>();
    for (Policy.Inferred i : inferred) {
      if (i.paths().isEmpty()) everywhere.computeIfAbsent(i.rule(), k -> new ArrayList<>()).add(i);
      else scoped.add(i);
    }
    if (!everywhere.isEmpty()) {
      sb.append("\n# Modes: off, shadow (counted, never posted), comment (posted, never failing), block (posted, failing).\n");
      sb.append("rules:\n");
      for (Map.Entry<String, List<Policy.Inferred>> e : everywhere.entrySet()) {
        Policy.Inferred i = e.getValue().get(e.getValue().size() - 1);
        comment(sb, "  ", i.reason());
        sb.append("  ").append(e.getKey()).append(": {");
        List<String> parts = new ArrayList<>();
        if (i.settings().mode() != null) parts.add("mode: " + quoted(i.settings().mode()));
        i.settings().options().properties().forEach(o -> parts.add(o.getKey() + ": " + o.getValue().toString()));
        sb.append(String.join(", ", parts)).append("}\n");
      }
    }
    if (!scoped.isEmpty()) {
      sb.append("\n# Settings for some files only; a later entry wins.\n");
      sb.append("overrides:\n");
      for (Policy.Inferred i : scoped) {
        comment(sb, "  ", i.reason());
        sb.append("  - paths: [").append(i.paths().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(", "))).append("]\n");
        List<String> parts = new ArrayList<>();
        if (i.settings().mode() != null) parts.add("mode: " + quoted(i.settings().mode()));
        i.settings().options().properties().forEach(o -> parts.add(o.getKey() + ": " + o.getValue().toString()));
        sb.append("    rules: {").append(i.rule()).append(": {").append(String.join(", ", parts)).append("}}\n");
      }
    }
    return sb.toString();
  }

  private static String quoted(Mode m) {
    return m == Mode.OFF ? "\"off\"" : m.id();
  }

  private static void comment(StringBuilder sb, String indent, String text) {
    String line = text.replace('\n', ' ').strip();
    // wrapped at about 110 columns, on spaces
    StringBuilder current = new StringBuilder();
    for (String word : line.split(" ")) {
      if (current.length() + word.length() + 1 > 108 - indent.length() && current.length() > 0) {
        sb.append(indent).append("# ").append(current).append('\n');
        current.setLength(0);
      }
      if (current.length() > 0) current.append(' ');
      current.append(word);
    }
    if (current.length() > 0) sb.append(indent).append("# ").append(current).append('\n');
  }
}
