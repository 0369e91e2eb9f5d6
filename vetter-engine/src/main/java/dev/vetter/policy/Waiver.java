package dev.vetter.policy;

import dev.vetter.check.Finding;
import dev.vetter.check.Glob;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of {@code .vetter/waivers.yml}: findings accepted for a while, with a reason and an owner. It matches a
 * finding by fingerprint, or by rule (an id, a sub-rule or a family) and path glob, or by all of those it names, and
 * applies from its {@code created} date until the day before {@code expires}.
 *
 * @param file the waivers file as messages name it ({@value Waivers#FILE})
 * @param line the line the entry starts on, for messages ({@code .vetter/waivers.yml:12})
 * @param fingerprint the fingerprint it waives, or null
 * @param rule the rule or family it waives, or null (then {@code fingerprint} is set)
 * @param path the files it waives findings in, or null (then it waives only a fingerprint, wherever it is)
 * @param note free text, or null
 */
public record Waiver(String file, int line, String fingerprint, String rule, Glob path, Reason reason, String owner, LocalDate created,
    LocalDate expires, String note) {

  public Waiver {
    if (fingerprint == null && rule == null) throw new IllegalArgumentException("a waiver names a fingerprint or a rule");
    if (rule != null && path == null) throw new IllegalArgumentException("a waiver of a rule names the paths it applies to");
    if (!expires.isAfter(created)) throw new IllegalArgumentException("a waiver expires after it is created");
  }

  /** Why a finding is waived. */
  public enum Reason {
    FALSE_POSITIVE, ACCEPTED_RISK, WONT_FIX, TEST_CODE;

    /** As written in the file: {@code false-positive}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static List<String> ids() {
      return Arrays.stream(values()).map(Reason::id).toList();
    }

    public static Reason parse(String id) {
      for (Reason r : values()) if (r.id().equals(id)) return r;
      throw new IllegalArgumentException("unknown reason '" + id + "', allowed values: " + ids());
    }
  }

  /** True when it names {@code f}: every one of its fingerprint, rule and path that it gives matches. */
  public boolean matches(Finding f) {
    if (fingerprint != null && !fingerprint.equals(f.fingerprint())) return false;
    if (rule != null && (f.rule() == null || !(f.rule().equals(rule) || f.rule().startsWith(rule + "/")))) return false;
    return path == null || (f.path() != null && path.matches(f.path()));
  }

  /** How long it lasts, in days: from created to expires. */
  public long days() {
    return ChronoUnit.DAYS.between(created, expires);
  }

  /** True when it applies on {@code today}: on or after its created date and before its expires date. */
  public boolean activeOn(LocalDate today) {
    return !today.isBefore(created) && today.isBefore(expires);
  }

  /** True when it no longer applies on {@code today}. */
  public boolean expiredOn(LocalDate today) {
    return !today.isBefore(expires);
  }

  /** Where it is written: {@code .vetter/waivers.yml:12}. */
  public String where() {
    return file + ":" + line;
  }

  /** What it waives, in a few words: {@code hygiene/trailing-whitespace in 'src/**'}, or {@code fingerprint 3f2a...}. */
  public String what() {
    StringBuilder sb = new StringBuilder();
    if (rule != null) sb.append(rule);
    if (fingerprint != null) sb.append(sb.isEmpty() ? "" : " ").append("fingerprint ").append(fingerprint);
    if (path != null) sb.append(" in '").append(path).append('\'');
    return sb.toString();
  }
}
