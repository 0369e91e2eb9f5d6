package dev.vetter.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.Language;
import net.sourceforge.pmd.lang.LanguageRegistry;
import net.sourceforge.pmd.lang.LanguageVersion;
import net.sourceforge.pmd.lang.document.FileId;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;
import net.sourceforge.pmd.util.log.PmdReporter;

/**
 * One PMD configuration (rulesets and Java version), ready to check files. The rulesets are loaded once;
 * PMD's rule objects keep state while they visit a file, so each thread borrows its own deep copy.
 */
final class PmdRunner {
  /** One problem PMD reported; {@code rule} is null for a file PMD could not analyse. */
  record Event(String rule, int line, int column, int endLine, int priority, String message) {}

  /** A ruleset: a bundled resource, or the text of a file of the repository (vetted). */
  record Source(String name, String resource, byte[] bytes) {}

  private final LanguageVersion version;
  final List<RuleSet> rulesets; // package-private: tests compare them with PMD's own loading
  private final ConcurrentLinkedQueue<List<RuleSet>> idle = new ConcurrentLinkedQueue<>();

  PmdRunner(List<Source> sources, String sourceLevel) {
    Language javaLanguage = LanguageRegistry.PMD.getLanguageById("java");
    LanguageVersion v = sourceLevel == null ? null : javaLanguage.getVersion(sourceLevel);
    this.version = v != null ? v : javaLanguage.getDefaultVersion();
    ClassLoader classes = PmdRunner.class.getClassLoader();
    PmdRuleSplitter splitter = new PmdRuleSplitter(classes);
    RuleSetLoader loader = new RuleSetLoader().loadResourcesWith(splitter).warnDeprecated(false)
        .filterAbovePriority(RulePriority.LOW);
    List<RuleSet> sets = new ArrayList<>();
    for (Source s : sources) {
      try {
        String text = s.resource() != null ? resource(classes, s.resource()) : new String(s.bytes(), StandardCharsets.UTF_8);
        String split = splitter.rewrite(text);
        sets.add(split.equals(text) && s.resource() != null ? loader.loadFromResource(s.resource())
            : loader.loadFromString(s.resource() != null ? s.resource() : s.name(), split));
      } catch (RuntimeException e) {
        throw new ConfigException("PMD rejects the ruleset " + s.name() + ": " + CheckstyleRunner.rootMessage(e));
      }
    }
    this.rulesets = List.copyOf(sets);
  }

  private static String resource(ClassLoader classes, String name) {
    try (InputStream in = classes.getResourceAsStream(name)) {
      if (in == null) throw new ConfigException("PMD has no ruleset " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String languageVersion() {
    return version.getVersion();
  }

  /** A file to check: its path in the repository and its text. */
  record SourceFile(String path, String text) {}

  /**
   * The events of each file, in order. One PMD run for all of them: each run builds every XPath rule's query
   * and a Java language processor, which costs more than checking a small file.
   */
  List<List<Event>> checkAll(List<SourceFile> files) {
    List<RuleSet> mine = idle.poll();
    if (mine == null) mine = rulesets.stream().map(RuleSet::new).toList(); // RuleSet's copy constructor copies each rule
    try {
      PMDConfiguration config = new PMDConfiguration();
      config.setThreads(0); // in the calling thread: Vetter already runs files in parallel
      config.setForceLanguageVersion(version);
      config.setIgnoreIncrementalAnalysis(true);
      config.setMinimumPriority(RulePriority.LOW);
      config.setReporter(PmdReporter.quiet());
      Map<FileId, List<Event>> byFile = new LinkedHashMap<>();
      try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
        pmd.addRuleSets(mine);
        for (SourceFile f : files) {
          FileId id = FileId.fromPathLikeString(f.path());
          if (byFile.putIfAbsent(id, new ArrayList<>()) != null) throw new IllegalArgumentException("the same file twice: " + f.path());
          pmd.files().addSourceFile(id, f.text());
        }
        Report report = pmd.performAnalysisAndCollectReport();
        for (RuleViolation v : report.getViolations()) {
          byFile.get(v.getFileId()).add(new Event(v.getRule().getName(), v.getBeginLine(), v.getBeginColumn(), v.getEndLine(),
              v.getRule().getPriority().getPriority(), v.getDescription()));
        }
        for (Report.ProcessingError e : report.getProcessingErrors()) {
          byFile.get(e.getFileId()).add(new Event(null, 0, 0, 0, 1, "PMD could not analyse the file: " + CheckstyleRunner.rootMessage(e.getError())));
        }
      }
      return List.copyOf(byFile.values());
    } finally {
      idle.add(mine);
    }
  }
}
