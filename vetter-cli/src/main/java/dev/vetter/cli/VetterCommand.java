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
    footer = {"", "Examples:",
      "  vetter demo                         a review of a sample change",
      "  vetter review                       this branch against the default branch",
      "  vetter review --staged              what 'git commit' would record",
      "  vetter review --base origin/main --format json",
      "  vetter scan --history               every commit of HEAD, for secrets",
      "  vetter eval replay --last 100       what Vetter says on the last 100 PRs",
      "  vetter explain hygiene/conflict-marker    what a rule finds, how to fix it",
      "  vetter config validate              check .vetter.yml",
      "  vetter waivers check                expired and soon-expiring waivers",
      "  vetter hook install                 review each commit before it is made",
      "",
      "'vetter COMMAND --help' tells a command's options. CI set-ups (GitHub Actions,",
      "GitLab, Jenkins, pre-commit) are in docs/ci.md.",
      "",
      "Exit codes: 0 nothing at or above the fail severity, 1 findings at or above it,",
      "2 usage or configuration error, 3 internal error."},
    subcommands = {ReviewCommand.class, ScanCommand.class, RulesCommand.class, ExplainCommand.class, ConfigCommand.class, DemoCommand.class,
        HookCommand.class, CompletionCommand.class, McpCommand.class, ServeCommand.class, DaemonCommand.class, InitCommand.class,
        EvalCommand.class, ReportCommand.class, AuditCommand.class, WaiversCommand.class, SummarizeCommand.class})
public final class VetterCommand {

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean debug;

  /** Vetter's version, from the build; {@code unknown} when the build did not record it. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = VetterCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // a missing version is no reason to fail a review
    }
    return p.getProperty("version", "unknown");
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vetter " + version(), "Java " + Runtime.version()};
    }
  }
}
