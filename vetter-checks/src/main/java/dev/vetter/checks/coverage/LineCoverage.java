package dev.vetter.checks.coverage;

import java.util.BitSet;

/**
 * Which lines of one source file a coverage report knows (executable lines) and which of those ran.
 * Built while a report is read and merged across reports, then only read.
 */
final class LineCoverage {
  private final BitSet executable = new BitSet();
  private final BitSet covered = new BitSet();

  void line(int number, boolean hit) {
    if (number < 1) return;
    executable.set(number);
    if (hit) covered.set(number);
  }

  /** Adds {@code other}'s lines: a line is executable if either knows it, covered if either covers it. */
  void merge(LineCoverage other) {
    executable.or(other.executable);
    covered.or(other.covered);
  }

  boolean executable(int line) {
    return executable.get(line);
  }

  boolean covered(int line) {
    return covered.get(line);
  }

  boolean isEmpty() {
    return executable.isEmpty();
  }

  @Override
  public String toString() {
    return "executable " + executable + ", covered " + covered;
  }
}
