package dev.vetter.checks.coverage;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Patch coverage, as diff-cover and Codecov define it: of the lines a change adds, those a coverage
 * report knows are executable; the share of them that ran. Lines a report does not list (blank
 * lines, comments, declarations) and files no report mentions do not count either way.
 */
record PatchCoverage(List<FileCoverage> files) {

  PatchCoverage {
    files = List.copyOf(files);
  }

  /** A run of added lines with no covered line in between: {@code executable} uncovered lines from {@code start} to {@code end}. */
  record Range(int start, int end, int executable) {}

  /** One changed file: its added executable lines, how many ran, and the uncovered runs. */
  record FileCoverage(String path, List<Integer> executable, List<Integer> missing, List<Range> uncovered) {
    FileCoverage {
      executable = List.copyOf(executable);
      missing = List.copyOf(missing);
      uncovered = List.copyOf(uncovered);
    }

    int covered() {
      return executable.size() - missing.size();
    }
  }

  /** Coverage of the lines {@code files} add, from {@code lines} keyed by changed path. */
  static PatchCoverage of(List<ChangedFile> files, Map<String, LineCoverage> lines) {
    List<FileCoverage> out = new ArrayList<>();
    for (ChangedFile file : files) {
      LineCoverage lc = lines.get(file.path());
      if (lc == null || file.isDeleted()) continue;
      List<Integer> executable = new ArrayList<>();
      List<Integer> missing = new ArrayList<>();
      List<Range> uncovered = new ArrayList<>();
      // a run of uncovered lines may span added lines the report does not know (a blank line, a
      // comment), but not a covered line or a line the change did not add
      int runStart = 0;
      int runEnd = 0;
      int runCount = 0;
      int previous = -1;
      for (DiffLine added : file.addedLines()) {
        int n = added.newNumber();
        if (n != previous + 1 && runCount > 0) {
          uncovered.add(new Range(runStart, runEnd, runCount));
          runCount = 0;
        }
        previous = n;
        if (!lc.executable(n)) continue;
        executable.add(n);
        if (lc.covered(n)) {
          if (runCount > 0) uncovered.add(new Range(runStart, runEnd, runCount));
          runCount = 0;
          continue;
        }
        missing.add(n);
        if (runCount == 0) runStart = n;
        runEnd = n;
        runCount++;
      }
      if (runCount > 0) uncovered.add(new Range(runStart, runEnd, runCount));
      if (!executable.isEmpty()) out.add(new FileCoverage(file.path(), executable, missing, uncovered));
    }
    return new PatchCoverage(out);
  }

  int total() {
    return files.stream().mapToInt(f -> f.executable().size()).sum();
  }

  int covered() {
    return files.stream().mapToInt(FileCoverage::covered).sum();
  }

  /** Whether the covered share is below {@code minPercent} (exactly, without rounding). */
  boolean below(double minPercent) {
    return total() > 0 && covered() * 100.0 < minPercent * total();
  }

  /** The covered share in percent, rounded down to one decimal so that a failing figure never reads as the minimum. */
  static String percent(int covered, int total) {
    long tenths = covered * 1000L / total;
    return tenths % 10 == 0 ? (tenths / 10) + "%" : (tenths / 10) + "." + (tenths % 10) + "%";
  }
}
