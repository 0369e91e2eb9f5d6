package dev.vetter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "vetter",
    mixinStandardHelpOptions = true,
    versionProvider = VetterCommand.Version.class,
    description = {
      "Rules-first review of a git change: findings only on what changed, each with what, where, why and how to fix.",
      "",
      "Start with 'vetter demo' to see a review of a sample change, or run 'vetter review' in any repository."
    },
    footer = {"", "Exit codes: 0 nothing at or above the fail severity, 1 findings at or above it, 2 usage or configuration error, 3 internal error."},
    subcommands = {ReviewCommand.class, RulesCommand.class, ExplainCommand.class, ConfigCommand.class, DemoCommand.class, ServeCommand.class})
public final class VetterCommand {

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean debug;

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = VetterCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) p.load(in);
      }
      return new String[] {"vetter " + p.getProperty("version", "unknown"), "Java " + Runtime.version()};
    }
  }
}
