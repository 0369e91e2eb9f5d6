package dev.vetter.change;

/**
 * One line of a hunk.
 *
 * @param oldNumber 1-based line number at base, 0 for an added line
 * @param newNumber 1-based line number at head, 0 for a removed line
 * @param text the line without its line terminator
 */
public record DiffLine(Kind kind, int oldNumber, int newNumber, String text) {
  public enum Kind { CONTEXT, ADDED, REMOVED }
}
