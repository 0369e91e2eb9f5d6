package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Generated;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    version = 4) // 2: a file Checkstyle cannot parse is one ParseError finding; 3: suppression and import-control files read; 4: generated files skipped
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
  /** The files each configuration (by its key) names for its suppression filters and import control. */
  private final Map<String, List<String>> references = new ConcurrentHashMap<>();

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
    if (Generated.byMarker(file.head())) return List.of(); // nobody edits generated code by hand
    Source config = config(file);
    if (config == null) return List.of(); // no configuration chosen by the repository or its policy, or not for this file
    CheckstyleRunner runner = runner(config, file);
    FileContent head = file.head();
    List<Finding> findings = new ArrayList<>();
    for (CheckstyleRunner.Event e : runner.check(file.path(), head.text())) {
      Finding f = e.line() > 0 && head.line(e.line()) != null ? file.finding(e.line(), e.message()).withColumn(Math.max(0, e.column()))
          : file.fileFinding(e.message());
      findings.add(f.withRule("java/checkstyle/" + e.rule()).withSeverity(severity(e.severity())));
    }
    return findings;
  }

  /**
   * The runner for {@code config}, built once per process for each content of the configuration and of the files it
   * names: the suppression and import-control files, read at the base like the configuration (and, through
   * readConfig, dependencies of this file's cached findings), and the build's suppressionsLocation.
   */
  private CheckstyleRunner runner(Source config, FileContext<Options> file) {
    Map<String, String> properties = new HashMap<>();
    if (config.dir() != null) properties.put("config_loc", config.dir().isEmpty() ? "." : config.dir().substring(0, config.dir().length() - 1));
    StringBuilder key = new StringBuilder(config.key());
    byte[] buildSuppressions = null;
    if (config.suppressions() != null) {
      properties.put("checkstyle.suppressions.file", config.suppressions()); // as the Maven plugin defines it
      buildSuppressions = file.readConfig(config.suppressions()).map(FileContent::bytes).orElse(null);
      if (buildSuppressions != null) key.append("\0suppressionsLocation\0").append(Versions.sha256(buildSuppressions));
    }
    List<String> named = references.computeIfAbsent(key + "\0" + properties,
        k -> CheckstyleConfigs.referencedFiles(config.name(), config.bytes(), properties));
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String value : named) {
      referenced(value, config, file).ifPresent(c -> {
        files.put(value, c.bytes());
        key.append('\0').append(value).append('\0').append(Versions.sha256(c.bytes()));
      });
    }
    byte[] suppressions = buildSuppressions;
    return runners.get(key.toString(), () -> new CheckstyleRunner(CheckstyleConfigs.parse(config.name(), config.bytes(), properties, files, suppressions)));
  }

  static Severity severity(SeverityLevel level) {
    return switch (level) {
      case ERROR -> Severity.ERROR;
      case WARNING -> Severity.WARNING;
      default -> Severity.NOTICE;
    };
  }

  /**
   * The configuration for {@code file}: the option, else the Maven build's, else none (also for a file the build's plugin
   * does not check); always from the base revision.
   */
  private static Source config(FileContext<Options> file) {
    String option = file.options().config();
    if (!option.isEmpty()) return source(option, "", ".vetter.yml", file);
    BuildFiles build = new BuildFiles(file::readBase);
    Optional<BuildFiles.Found> fromBuild = build.checkstyleConfig(file.path());
    // a configuration taken from the build comes with the build's choice of files: main sources, tests only if it says so
    if (fromBuild.isPresent() && !build.checkstyleScope(file.path()).map(s -> s.covers(file.path())).orElse(true)) return null;
    if (fromBuild.isPresent()) {
      Source s = source(fromBuild.get().value(), fromBuild.get().dir(), fromBuild.get().buildFile(), file);
      // the plugin's suppressionsLocation: a file of the repository, else (a URL, another jar's resource) not applied
      String suppressions = build.checkstyleSuppressions(file.path()).map(f -> BuildFiles.repoPath(f.dir(), f.value())).orElse(null);
      return suppressions == null ? s : s.withSuppressions(suppressions);
    }
    return null;
  }

  /**
   * A file the configuration names, at the base revision: a path relative to the repository's root (where Maven and
   * Checkstyle's command line run), else to the build file that named the configuration. Empty for a URL, a path
   * outside the repository or a file that is not there: the module that wanted it is left out.
   */
  private static Optional<FileContent> referenced(String value, Source config, FileContext<Options> file) {
    for (String dir : config.buildDir() == null || config.buildDir().isEmpty() ? List.of("") : List.of("", config.buildDir())) {
      String path = BuildFiles.repoPath(dir, value);
      Optional<FileContent> c = path == null ? Optional.empty() : file.readConfig(path);
      if (c.isPresent()) return c;
    }
    return Optional.empty();
  }

  private static Source source(String value, String dir, String namedIn, FileContext<Options> file) {
    String bundled = Bundled.checkstyleName(value);
    if (bundled != null) return Bundled.checkstyle(bundled);
    String path = BuildFiles.repoPath(dir, value);
    if (path == null) {
      throw new ConfigException("the Checkstyle configuration '" + value + "' named in " + namedIn
          + " is not google, sun or a file of the repository; set rules: java/checkstyle: config: in .vetter.yml");
    }
    FileContent c = file.readConfig(path).orElseThrow(() -> new ConfigException(
        "the Checkstyle configuration " + path + " named in " + namedIn + " does not exist at the base of the change"));
    return new Source(path + " at the base revision", c.bytes(), path.substring(0, path.lastIndexOf('/') + 1), dir, null);
  }

  /**
   * A configuration's bytes and a name for messages; for one of the repository's, its folder ({@code ${config_loc}})
   * and that of the build file or policy that named it, each with a trailing slash ({@code ""} at the root), and the
   * repository path of the suppressions file the build applies besides it (or null).
   */
  record Source(String name, byte[] bytes, String dir, String buildDir, String suppressions) {
    Source withSuppressions(String path) {
      return new Source(name, bytes, dir, buildDir, path);
    }

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
        return new Source("Checkstyle's bundled " + resource, in.readAllBytes(), null, null, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
