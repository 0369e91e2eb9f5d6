package dev.vetter.ingest;

import dev.vetter.check.Category;
import dev.vetter.check.Severity;

/**
 * One problem as a reader found it in a tool's output, before paths are resolved and rule ids made:
 * the format-neutral middle of the ingest pipeline.
 *
 * @param tool the tool's name as the input gives it, or null
 * @param rule the tool's rule id or code as written, or null
 * @param severity the tool's severity mapped to Vetter's, or null when it gave none
 * @param category the category when the input says (a security tool, a SARIF rule tagged security), or null
 * @param path the file as the tool wrote it (a path, absolute or relative, already URI-decoded), or null
 *     for a problem with no file
 * @param line first line, 1-based; 0 when unknown (then {@code offset} may locate it)
 * @param column first column, 1-based, or 0
 * @param endLine last line, inclusive, or 0
 * @param offset where the problem starts when only an offset is known, or null
 * @param message the tool's message, never null
 * @param edit the tool's suggested fix, or null
 * @param key what identifies the problem apart from its position, for the fingerprint, or null
 */
record Diagnostic(String tool, String rule, Severity severity, Category category, String path, int line, int column, int endLine,
    Offset offset, String message, Edit edit, String key) {

  Diagnostic {
    if (message == null || message.isBlank()) message = rule != null ? rule : "(no message)";
  }

  static Diagnostic at(String tool, String rule, Severity severity, String path, int line, int column, String message) {
    return new Diagnostic(tool, rule, severity, null, path, Math.max(0, line), Math.max(0, column), 0, null, message, null, null);
  }

  Diagnostic withEndLine(int endLine) {
    return new Diagnostic(tool, rule, severity, category, path, line, column, endLine, offset, message, edit, key);
  }

  Diagnostic withOffset(Offset offset) {
    return new Diagnostic(tool, rule, severity, category, path, line, column, endLine, offset, message, edit, key);
  }

  Diagnostic withEdit(Edit edit) {
    return new Diagnostic(tool, rule, severity, category, path, line, column, endLine, offset, message, edit, key);
  }

  Diagnostic withKey(String key) {
    return new Diagnostic(tool, rule, severity, category, path, line, column, endLine, offset, message, edit, key);
  }

  Diagnostic withCategory(Category category) {
    return new Diagnostic(tool, rule, severity, category, path, line, column, endLine, offset, message, edit, key);
  }

  /** A location given as an offset into the file: SARIF's {@code charOffset} or {@code byteOffset}. */
  record Offset(long start, long length, Unit unit) {
    enum Unit { UTF16_CODE_UNITS, CODE_POINTS, BYTES }
  }

  /**
   * A replacement, as reviewdog's suggestions give it: lines and 1-based UTF-8 byte columns, the end
   * exclusive; no columns at all means whole lines {@code startLine..endLine}.
   */
  record Edit(int startLine, int startColumn, int endLine, int endColumn, String text) {}
}
