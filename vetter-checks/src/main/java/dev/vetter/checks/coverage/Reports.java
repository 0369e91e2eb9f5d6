package dev.vetter.checks.coverage;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the coverage reports a review was given and computes the change's patch coverage; shared by the coverage rules. */
final class Reports {
  /** The input kind coverage reports are handed over as ({@code vetter review --coverage FILE}). */
  static final String KIND = "coverage";

  /** Where common tools write their reports by default, relative to the repository root. */
  static final List<String> DEFAULT_REPORTS = List.of(
      "target/site/jacoco/jacoco.xml",
      "target/site/jacoco-aggregate/jacoco.xml",
      "build/reports/jacoco/test/jacocoTestReport.xml",
      "coverage.xml",
      "coverage/cobertura-coverage.xml",
      "coverage/clover.xml",
      "coverage/lcov.info",
      "lcov.info",
      "coverage.out",
      "cover.out");

  private Reports() {}

  /**
   * What the reports say about the change: its patch coverage (null when there is no report) and one
   * change finding per report that could not be read.
   */
  record Loaded(PatchCoverage coverage, List<Finding> problems) {}

  static Loaded load(ChangeContext<?> change, List<String> reports, List<String> pathPrefixes) {
    List<Input> inputs = change.inputs(KIND, reports);
    if (inputs.isEmpty()) return new Loaded(null, List.of());
    List<ChangedFile> files = change.change().files().stream().filter(f -> !f.isDeleted() && !f.addedLines().isEmpty()).toList();
    if (files.isEmpty()) return new Loaded(new PatchCoverage(List.of()), List.of());
    SourceMatcher matcher = new SourceMatcher(files.stream().map(ChangedFile::path).toList(), pathPrefixes, goModule(change.readHead("go.mod")));
    Map<String, LineCoverage> merged = new HashMap<>();
    List<Finding> problems = new ArrayList<>();
    for (Input input : inputs) {
      try {
        CoverageReport report = ReportParser.parse(input, matcher::wants);
        matcher.map(report).forEach((path, lines) -> merged.computeIfAbsent(path, k -> new LineCoverage()).merge(lines));
      } catch (ReportParser.ReportException e) {
        String reason = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
        problems.add(Finding.onChange("The coverage report " + input.name() + " could not be read: " + reason).withKey(input.name()));
      }
    }
    return new Loaded(PatchCoverage.of(files, merged), problems);
  }

  /** The module path declared in go.mod ({@code module example.com/app}), or null. */
  static String goModule(Optional<FileContent> goMod) {
    if (goMod.isEmpty()) return null;
    for (FileContent.Line line : goMod.get().lines()) {
      String t = line.text().strip();
      if (t.startsWith("module ") || t.startsWith("module\t")) {
        String m = t.substring(7).strip();
        int comment = m.indexOf("//");
        if (comment >= 0) m = m.substring(0, comment).strip();
        return m.replace("\"", "");
      }
    }
    return null;
  }

  /** Validates the options both rules share; IllegalArgumentException names the bad value. */
  static void validate(List<String> reports, List<String> pathPrefixes) {
    if (reports == null) throw new IllegalArgumentException("reports must be a list of paths (it may be empty)");
    for (String r : reports) {
      if (r == null || r.isBlank()) throw new IllegalArgumentException("reports must not contain an empty path");
      String p = r.replace('\\', '/');
      if (p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':') || List.of(p.split("/")).contains("..")) {
        throw new IllegalArgumentException("report path '" + r + "' must be relative to the repository root and stay inside it");
      }
    }
    if (pathPrefixes == null) throw new IllegalArgumentException("path-prefixes must be a list (it may be empty)");
    for (String f : pathPrefixes) {
      if (f == null || !f.contains("::")) {
        throw new IllegalArgumentException("path fix '" + f + "' must be written 'before::after' ('prefix::' strips a prefix, '::prefix' adds one)");
      }
    }
  }
}
