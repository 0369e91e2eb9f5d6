package dev.vetter.check;

import java.util.Locale;

/** How serious a finding is; ordered from most to least severe. */
public enum Severity {
  ERROR, WARNING, NOTICE;

  /** True when this severity is at least as serious as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code error}, {@code warning} or {@code notice}, case-insensitively. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.id().equalsIgnoreCase(text.trim())) return s;
    }
    throw new IllegalArgumentException("invalid severity '" + text + "', allowed values: [error, warning, notice]");
  }
}
