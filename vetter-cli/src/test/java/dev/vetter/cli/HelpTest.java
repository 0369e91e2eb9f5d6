package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help: examples that fit a terminal of 80 columns, and are commands Vetter accepts. */
class HelpTest {
  static final Set<String> WITH_EXAMPLES = Set.of("vetter", "vetter review", "vetter explain", "vetter config", "vetter demo", "vetter hook", "vetter completion", "vetter daemon", "vetter eval",
      "vetter eval replay", "vetter waivers");

  static List<CommandLine> all(CommandLine cmd) {
    List<CommandLine> list = new ArrayList<>(List.of(cmd));
    for (CommandLine sub : cmd.getSubcommands().values()) list.addAll(all(sub));
    return list;
  }

  @Test
  void examplesFitEightyColumnsAndTheMainCommandsHaveThem() {
    List<String> names = new ArrayList<>();
    for (CommandLine cmd : all(new CommandLine(new VetterCommand()))) {
      String name = cmd.getCommandSpec().qualifiedName();
      names.add(name);
      String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
      // picocli wraps long lines at 80 columns, which breaks an example in two: footers must fit as written
      for (String line : cmd.getCommandSpec().usageMessage().footer()) assertThat(line.length()).as(name + " --help: " + line).isLessThanOrEqualTo(80);
      if (WITH_EXAMPLES.contains(name)) assertThat(help).as(name + " --help").contains("\nExamples:\n");
    }
    assertThat(names).containsAll(WITH_EXAMPLES).contains("vetter hook install", "vetter hook uninstall");
  }

  @Test
  void everyExampleParses() {
    int examples = 0;
    for (CommandLine cmd : all(new CommandLine(new VetterCommand()))) {
      for (String line : cmd.getCommandSpec().usageMessage().footer()) {
        if (!line.startsWith("  vetter ")) continue;
        // the command ends where the explanation (two or more spaces) or a redirection starts
        String command = line.strip().split(" {2,}| > ")[0];
        String[] args = Arrays.copyOfRange(command.split(" "), 1, command.split(" ").length);
        assertThatCode(() -> new CommandLine(new VetterCommand()).parseArgs(args)).as(command).doesNotThrowAnyException();
        examples++;
      }
    }
    assertThat(examples).isGreaterThan(20);
  }
}
