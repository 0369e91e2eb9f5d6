package dev.vetter.check;

import java.util.Locale;

/**
 * What the engine does with a rule's findings, from silent to gating (Semgrep's monitor/comment/block, per rule).
 * A rule's default comes from {@link CheckInfo#mode}; the policy changes it per rule, family and path.
 */
public enum Mode {
  /** Not run. */
  OFF,
  /** Run, recorded and counted, never posted and never failing: a rule on probation, or a convention the repository has not chosen. */
  SHADOW,
  /** Posted, never failing the review. */
  COMMENT,
  /** Posted, and failing the review when at or above the policy's {@code fail-on} severity. */
  BLOCK;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the modes whose findings are shown to people: comment and block. */
  public boolean posted() {
    return this == COMMENT || this == BLOCK;
  }

  /** Parses {@code off}, {@code shadow}, {@code comment} or {@code block}, case-insensitively. */
  public static Mode parse(String text) {
    for (Mode m : values()) {
      if (m.id().equalsIgnoreCase(text.trim())) return m;
    }
    throw new IllegalArgumentException("invalid mode '" + text + "', allowed values: [off, shadow, comment, block]");
  }
}
