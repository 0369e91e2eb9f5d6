package dev.vetter.report;

import dev.vetter.engine.UserError;
import java.util.Iterator;
import java.util.List;

/** The output formats, by the name {@code --format} takes. Described in {@code docs/outputs.md}. */
public final class Reporters {
  public static final List<String> NAMES = List.of("text", "json", "sarif", "github", "markdown", "checkstyle", "junit", "codeclimate");

  private Reporters() {}

  public static Reporter byName(String name, ReportSettings settings) {
    return switch (name) {
      case "text" -> new TextReporter(settings.color(), settings.showShadow());
      case "json" -> new JsonReporter();
      case "sarif" -> new SarifReporter(settings);
      case "github" -> new GithubReporter();
      case "markdown" -> new MarkdownReporter();
      case "checkstyle" -> new CheckstyleReporter();
      case "junit" -> new JunitReporter(settings);
      case "codeclimate" -> new CodeClimateReporter();
      default -> throw new UserError("unknown format '" + name + "', allowed values: " + NAMES);
    };
  }

  /** For shell completion and help. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
