package dev.vetter.checks.coverage;

import java.util.List;

/**
 * One coverage report as read: its source files, each under one or more candidate paths (a Cobertura
 * file name joined to each of its {@code <source>} roots, or as written), already normalised.
 */
record CoverageReport(String name, Format format, List<Source> sources) {

  enum Format {
    JACOCO("JaCoCo XML"), COBERTURA("Cobertura XML"), CLOVER("Clover XML"), LCOV("LCOV"), GO("Go cover profile");

    final String title;

    Format(String title) {
      this.title = title;
    }
  }

  /** A source file of the report: the paths it may be known by, most specific first, and its lines. */
  record Source(List<String> paths, LineCoverage lines) {
    Source {
      paths = List.copyOf(paths);
    }
  }

  CoverageReport {
    sources = List.copyOf(sources);
  }
}
