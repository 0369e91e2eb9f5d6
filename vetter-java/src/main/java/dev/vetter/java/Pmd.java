package dev.vetter.java;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@CheckInfo(
    id = "java/pmd",
    category = Category.SMELLS,
    severity = Severity.WARNING,
    summary = "PMD's findings on a changed Java file, each under PMD's rule name (java/pmd/UnusedLocalVariable).",
    rationale = """
        PMD finds likely bugs, dead code and needless complexity. Vetter runs it in-process on the changed \
        files only, with the Java version the build declares, and reports what the change adds. The rulesets \
        are read from the base of the change, and only PMD's own rules run. See docs/java.md.""",
    fix = """
        Follow the message; PMD's rule reference (https://pmd.github.io/pmd/pmd_rules_java.html) explains \
        each rule. Turn one rule off with `java/pmd/RuleName: false` in `.vetter.yml`.""",
    options = Pmd.Options.class,
    subRules = true,
    version = 3) // 2: rulesets are recorded as configuration reads (vetter/config-changed), also in cached results; 3: generated files skipped; test sources parsed at the build's testRelease
public final class Pmd implements FileCheck<Pmd.Options> {

  /** Options of java/pmd. */
  public record Options(
      @Doc("Rulesets: `quickstart`, a PMD category (`bestpractices` or `category/java/bestpractices.xml`), or paths in the "
          + "repository, read at the base of the change. Empty: the maven-pmd-plugin's rulesets from pom.xml when there are "
          + "some, else `quickstart`.")
      List<String> rulesets) {

    public Options() {
      this(List.of());
    }

    public Options {
      rulesets = rulesets == null ? List.of() : List.copyOf(rulesets);
      for (String r : rulesets) {
        if (PmdRulesets.bundled(r) == null && BuildFiles.repoPath("", r) == null) {
          throw new IllegalArgumentException("rulesets: '" + r + "' is neither a PMD ruleset nor a path inside the repository");
        }
      }
    }
  }

  private final RunnerCache<PmdRunner> runners = new RunnerCache<>();

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && file.path().endsWith(".java");
  }

  @Override
  public String cacheKey() {
    return "pmd " + Versions.PMD;
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    return checkAll(List.of(file)).get(0);
  }

  /** Up to this many files share one PMD run, which builds every XPath rule's query again (about 25 ms a file). */
  @Override
  public int batchSize() {
    return 16;
  }

  @Override
  public List<List<Finding>> checkAll(List<FileContext<Options>> files) {
    // files of one batch can still need different runners: each module's build may set its own rulesets or Java version
    Map<PmdRunner, List<Integer>> byRunner = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      FileContext<Options> file = files.get(i);
      if (Generated.byMarker(file.head())) continue; // nobody edits generated code by hand
      BuildFiles build = new BuildFiles(file::readBase);
      // rulesets taken from the build come with the build's choice of files: main sources, tests only if it says so
      if (file.options().rulesets().isEmpty() && !build.pmdScope(file.path()).map(s -> s.covers(file.path())).orElse(true)) continue;
      List<PmdRunner.Source> sources = sources(file, build);
      String level = build.sourceLevel(file.path()).orElse(null);
      StringBuilder key = new StringBuilder(String.valueOf(level));
      for (PmdRunner.Source s : sources) key.append('\0').append(s.name()).append('\0').append(s.bytes() == null ? "" : Versions.sha256(s.bytes()));
      PmdRunner runner = runners.get(key.toString(), () -> new PmdRunner(sources, level));
      byRunner.computeIfAbsent(runner, r -> new ArrayList<>()).add(i);
    }
    List<List<Finding>> result = new ArrayList<>(Collections.nCopies(files.size(), List.<Finding>of()));
    byRunner.forEach((runner, indexes) -> {
      List<PmdRunner.SourceFile> sourceFiles = new ArrayList<>();
      for (int i : indexes) sourceFiles.add(new PmdRunner.SourceFile(files.get(i).path(), files.get(i).head().text()));
      List<List<PmdRunner.Event>> events = runner.checkAll(sourceFiles);
      for (int j = 0; j < indexes.size(); j++) result.set(indexes.get(j), findings(files.get(indexes.get(j)), events.get(j)));
    });
    return result;
  }

  private static List<Finding> findings(FileContext<Options> file, List<PmdRunner.Event> events) {
    FileContent head = file.head();
    List<Finding> findings = new ArrayList<>();
    for (PmdRunner.Event e : events) {
      if (e.rule() == null) {
        findings.add(file.fileFinding(e.message()).withRule("java/pmd/ProcessingError").withSeverity(Severity.ERROR));
        continue;
      }
      Finding f = e.line() > 0 && head.line(e.line()) != null
          ? file.finding(e.line(), e.message()).withColumn(Math.max(0, e.column())).withEndLine(Math.max(e.line(), e.endLine()))
          : file.fileFinding(e.message());
      findings.add(f.withRule("java/pmd/" + e.rule()).withSeverity(severity(e.priority())));
    }
    return findings;
  }

  /** PMD's priorities as its SARIF report maps them: 1 and 2 errors, 3 warnings, 4 and 5 notes. */
  static Severity severity(int priority) {
    return priority <= 2 ? Severity.ERROR : priority == 3 ? Severity.WARNING : Severity.NOTICE;
  }

  private static List<PmdRunner.Source> sources(FileContext<Options> file, BuildFiles build) {
    List<String> option = file.options().rulesets();
    List<PmdRunner.Source> sources = new ArrayList<>();
    if (!option.isEmpty()) {
      for (String r : option) sources.add(source(r, "", ".vetter.yml", file));
      return sources;
    }
    Optional<List<BuildFiles.Found>> fromBuild = build.pmdRulesets(file.path());
    if (fromBuild.isPresent()) {
      for (BuildFiles.Found f : fromBuild.get()) sources.add(source(f.value(), f.dir(), f.buildFile(), file));
    }
    // no plugin, or a plugin on its own default (a ruleset of the plugin's jar, not PMD's): PMD's quickstart
    if (sources.isEmpty()) sources.add(bundled("quickstart"));
    return sources;
  }

  private static PmdRunner.Source bundled(String name) {
    String resource = PmdRulesets.bundled(name);
    return new PmdRunner.Source("PMD's " + resource, resource, resource.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static PmdRunner.Source source(String value, String dir, String namedIn, FileContext<Options> file) {
    if (PmdRulesets.bundled(value) != null) return bundled(value);
    if (value.equals("/rulesets/java/maven-pmd-plugin-default.xml")) return bundled("quickstart");
    String path = BuildFiles.repoPath(dir, value);
    if (path == null) {
      throw new ConfigException("the PMD ruleset '" + value + "' named in " + namedIn
          + " is not one of PMD's nor a file of the repository; set rules: java/pmd: rulesets: in .vetter.yml");
    }
    FileContent c = file.readConfig(path).orElseThrow(() -> new ConfigException(
        "the PMD ruleset " + path + " named in " + namedIn + " does not exist at the base of the change"));
    String name = path + " at the base revision";
    PmdRulesets.vet(name, c.bytes());
    return new PmdRunner.Source(name, null, c.bytes());
  }
}
