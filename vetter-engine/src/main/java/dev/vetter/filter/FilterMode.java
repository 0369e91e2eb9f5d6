package dev.vetter.filter;

import java.util.Locale;

/** Which findings a review reports, by where they are relative to the diff (reviewdog's filter modes). */
public enum FilterMode {
  /** Only findings on added or modified lines (the default). */
  ADDED,
  /** Findings anywhere inside a hunk, context lines included. */
  DIFF_CONTEXT,
  /** Findings anywhere in a changed file. */
  FILE,
  /** Every finding, changed or not. */
  NOFILTER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FilterMode parse(String text) {
    for (FilterMode m : values()) {
      if (m.id().equals(text.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) return m;
    }
    throw new IllegalArgumentException("invalid filter '" + text + "', allowed values: [added, diff_context, file, nofilter]");
  }
}
