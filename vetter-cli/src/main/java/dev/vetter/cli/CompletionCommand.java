package dev.vetter.cli;

import dev.vetter.engine.UserError;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vetter completion bash|zsh}: picocli's completion script for every command, option and listed value. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script: commands, options and their values (formats, filters, severities) complete with Tab.",
      "The same script serves bash and zsh (zsh runs it through bashcompinit)."
    },
    footer = {"", "Examples:",
      "  source <(vetter completion bash)    # in ~/.bashrc",
      "  vetter completion bash > ~/.local/share/bash-completion/completions/vetter",
      "  source <(vetter completion zsh)     # in ~/.zshrc, after compinit"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.", completionCandidates = Shells.class)
  String shell;

  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("bash", "zsh").iterator();
    }
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new UserError("no completion for '" + shell + "', allowed values: [bash, zsh]");
    }
    String script = AutoComplete.bash("vetter", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
