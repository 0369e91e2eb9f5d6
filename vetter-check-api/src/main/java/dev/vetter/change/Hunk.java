package dev.vetter.change;

import java.util.List;

/** A hunk as in a unified diff with three lines of context; starts are 1-based. */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<DiffLine> lines) {
  public Hunk {
    lines = List.copyOf(lines);
  }

  /** Whether head line {@code line} lies inside this hunk (context included). */
  public boolean containsNewLine(int line) {
    return line >= newStart && line < newStart + newCount;
  }
}
