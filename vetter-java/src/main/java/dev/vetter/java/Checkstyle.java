package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@CheckInfo(
    id = "java/checkstyle",
    category = Category.STYLE,
    severity = Severity.WARNING,
    summary = "Checkstyle's findings on a changed Java file, each under Checkstyle's rule name (java/checkstyle/LineLength).",
    rationale = """
        Checkstyle enforces a written style guide (Google's or Sun's bundled, or the repository's own \
        configuration). Running it inside Vetter checks only the changed files and reports only what the \
        change adds, so a codebase that never passed Checkstyle can adopt it one pull request at a time. \
        The configuration is read from the base of the change, never from the change itself. See docs/java.md.""",
    fix = """
        Follow the message; Checkstyle's documentation of each rule (https://checkstyle.org/checks.html) \
        explains it. Turn one rule off with `java/checkstyle/RuleName: false` in `.vetter.yml`.""",
    options = Checkstyle.Options.class,
    subRules = true,
    version = 2) // 2: a file Checkstyle cannot parse is one ParseError finding, no longer its stack trace
public final class Checkstyle implements FileCheck<Checkstyle.Options> {

  /** Options of java/checkstyle. */
  public record Options(
      @Doc("The configuration: `google` or `sun` (bundled with Checkstyle), or a path in the repository, read at the base of the "
          + "change. Empty: the maven-checkstyle-plugin's configLocation from pom.xml when there is one, else Checkstyle does not run "
          + "(a style the repository never chose would bury the review; set `google` or `sun` to opt in).")
      String config) {

    public Options() {
      this("");
    }

    public Options {
      config = config == null ? "" : config.strip();
      if (!config.isEmpty() && !Bundled.isBundled(config) && BuildFiles.repoPath("", config) == null) {
        throw new IllegalArgumentException("config must be google, sun or a path inside the repository, not '" + config + "'");
      }
    }
  }

  private final RunnerCache<CheckstyleRunner> runners = new RunnerCache<>();

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && file.path().endsWith(".java");
  }

  @Override
  public String cacheKey() {
    return "checkstyle " + Versions.CHECKSTYLE;
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Source config = config(file);
    if (config == null) return List.of(); // no configuration chosen by the repository or its policy
    CheckstyleRunner runner = runners.get(config.key(), () -> new CheckstyleRunner(CheckstyleConfigs.parse(config.name(), config.bytes())));
    FileContent head = file.head();
    List<Finding> findings = new ArrayList<>();
    for (CheckstyleRunner.Event e : runner.check(file.path(), head.text())) {
      Finding f = e.line() > 0 && head.line(e.line()) != null ? file.finding(e.line(), e.message()).withColumn(Math.max(0, e.column()))
          : file.fileFinding(e.message());
      findings.add(f.withRule("java/checkstyle/" + e.rule()).withSeverity(severity(e.severity())));
    }
    return findings;
  }

  static Severity severity(SeverityLevel level) {
    return switch (level) {
      case ERROR -> Severity.ERROR;
      case WARNING -> Severity.WARNING;
      default -> Severity.NOTICE;
    };
  }

  /** The configuration for {@code file}: the option, else the Maven build's, else none; always from the base revision. */
  private static Source config(FileContext<Options> file) {
    String option = file.options().config();
    if (!option.isEmpty()) return source(option, "", ".vetter.yml", file);
    Optional<BuildFiles.Found> fromBuild = new BuildFiles(file::readBase).checkstyleConfig(file.path());
    if (fromBuild.isPresent()) return source(fromBuild.get().value(), fromBuild.get().dir(), fromBuild.get().buildFile(), file);
    return null;
  }

  private static Source source(String value, String dir, String namedIn, FileContext<Options> file) {
    String bundled = Bundled.checkstyleName(value);
    if (bundled != null) return Bundled.checkstyle(bundled);
    String path = BuildFiles.repoPath(dir, value);
    if (path == null) {
      throw new ConfigException("the Checkstyle configuration '" + value + "' named in " + namedIn
          + " is not google, sun or a file of the repository; set rules: java/checkstyle: config: in .vetter.yml");
    }
    FileContent c = file.readBase(path).orElseThrow(() -> new ConfigException(
        "the Checkstyle configuration " + path + " named in " + namedIn + " does not exist at the base of the change"));
    return new Source(path + " at the base revision", c.bytes());
  }

  /** A configuration's bytes and a name for messages. */
  record Source(String name, byte[] bytes) {
    String key() {
      return name + "\0" + Versions.sha256(bytes);
    }
  }

  /** Configurations shipped in the tools' jars. */
  static final class Bundled {
    private Bundled() {}

    static boolean isBundled(String name) {
      return checkstyleName(name) != null;
    }

    /** {@code google} or {@code sun} for the names the Maven plugin and users write, else null. */
    static String checkstyleName(String value) {
      return switch (value.startsWith("/") ? value.substring(1) : value) {
        case "google", "google_checks.xml" -> "google";
        case "sun", "sun_checks.xml" -> "sun";
        default -> null;
      };
    }

    static Source checkstyle(String name) {
      String resource = name + "_checks.xml";
      try (InputStream in = com.puppycrawl.tools.checkstyle.Checker.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("Checkstyle's jar has no " + resource);
        return new Source("Checkstyle's bundled " + resource, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
