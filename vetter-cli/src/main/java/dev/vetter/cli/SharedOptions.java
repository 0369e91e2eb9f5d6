package dev.vetter.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options {@code vetter review} and {@code vetter scan} share, with the same names, help and meaning; each is a
 * {@code @Mixin} of its own so that it stays where it was in each command's help.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code -o/--output FILE}. */
  static final class Output {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path file;
  }

  /** {@code --fail-on SEVERITY}, as typed (the review set-up parses it). */
  static final class FailOn {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", completionCandidates = FailOnValues.class,
        description = "Least severe finding that fails the run: error, warning, notice, never (default: from the policy, else error).")
    String severity;
  }

  /** {@code --org-config FILE}. */
  static final class OrgConfig {
    @Option(names = "--org-config", paramLabel = "FILE", description = "Organisation defaults merged under the policy (default: $VETTER_ORG_CONFIG).")
    Path file;
  }

  /** {@code --color WHEN}. */
  static final class Color {
    @Option(names = "--color", paramLabel = "WHEN", completionCandidates = ColorValues.class,
        description = "Colour in text output: auto, always, never (default: auto; NO_COLOR is honoured).")
    String when = "auto";
  }

  /** Values for shell completion (the parsers give the errors). */
  static final class FailOnValues implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("error", "warning", "notice", "never").iterator();
    }
  }

  static final class ColorValues implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("auto", "always", "never").iterator();
    }
  }
}
