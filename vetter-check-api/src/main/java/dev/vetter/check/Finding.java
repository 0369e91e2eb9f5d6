package dev.vetter.check;

import java.util.Objects;

/**
 * One problem found by a check. A check creates findings through its context ({@code file.finding(line,
 * msg)}) and may refine them with the {@code with...} methods; the engine fills in the rule, effective
 * severity, category and fingerprint.
 *
 * @param rule rule id, set by the engine
 * @param severity set by the engine from the policy unless the check chose one
 * @param category set by the engine
 * @param scope whether the finding is about lines, a whole file or the whole change
 * @param path file path at head, null for change-level findings
 * @param line first line, 1-based; 0 for file- and change-level findings
 * @param endLine last line, inclusive
 * @param column 1-based column where known, else 0
 * @param message what is wrong, in one sentence; never contains a secret in full
 * @param suggestion replacement text for lines {@code line..endLine}, or null
 * @param key what identifies the finding apart from its position (defaults to the offending line's
 *     text); used for the fingerprint, so it must not contain line numbers
 * @param fingerprint stable id across pushes, computed by the engine
 * @param mode what the engine does with it (posted, failing, or only counted), set by the engine from the policy
 */
public record Finding(
    String rule,
    Severity severity,
    Category category,
    Scope scope,
    String path,
    int line,
    int endLine,
    int column,
    String message,
    String suggestion,
    String key,
    String fingerprint,
    Mode mode) {

  /** What a finding is about: some lines, a whole file, or the whole change. */
  public enum Scope { LINE, FILE, CHANGE }

  public Finding {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(message, "message == null");
    if (scope == Scope.LINE && line < 1) throw new IllegalArgumentException("line must be >= 1: " + line);
    if (scope != Scope.CHANGE) Objects.requireNonNull(path, "path == null");
    if (endLine < line) endLine = line;
  }

  public static Finding onLine(String path, int line, String message) {
    return new Finding(null, null, null, Scope.LINE, path, line, line, 0, message, null, null, null, null);
  }

  public static Finding onFile(String path, String message) {
    return new Finding(null, null, null, Scope.FILE, path, 0, 0, 0, message, null, null, null, null);
  }

  public static Finding onChange(String message) {
    return new Finding(null, null, null, Scope.CHANGE, null, 0, 0, 0, message, null, null, null, null);
  }

  public Finding withColumn(int column) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public Finding withEndLine(int endLine) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public Finding withSuggestion(String suggestion) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public Finding withKey(String key) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public Finding withSeverity(Severity severity) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  public Finding withMessage(String message) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  /**
   * This finding under one of the check's sub-rules, {@code <check id>/<tool rule>}; only for checks
   * whose {@link CheckInfo#subRules} is true (the engine rejects any other id as a failure of the check).
   */
  public Finding withRule(String rule) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  /** Used by the engine to attach what only it knows. */
  public Finding withIdentity(String rule, Severity severity, Category category, String fingerprint) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  /** Used by the engine: this finding in {@code mode}. */
  public Finding withMode(Mode mode) {
    return new Finding(rule, severity, category, scope, path, line, endLine, column, message, suggestion, key, fingerprint, mode);
  }

  /** True when this finding fails a review that fails on {@code failOn}: a blocking finding at or above it. */
  public boolean blocks(Severity failOn) {
    return failOn != null && mode != Mode.SHADOW && mode != Mode.COMMENT && severity != null && severity.atLeast(failOn);
  }
}
