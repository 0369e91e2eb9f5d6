package dev.vetter.check;

import java.util.Locale;

/** The kind of problem a check looks for; used for grouping in summaries. */
public enum Category {
  STYLE, TESTS, COMMITS, OWNERSHIP, SECURITY, DEPENDENCIES, SMELLS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
