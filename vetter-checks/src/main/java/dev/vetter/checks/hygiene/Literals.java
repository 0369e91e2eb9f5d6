package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.change.Language;
import java.util.List;

/**
 * Which lines of a file start inside a literal that spans lines: there indentation is content (a script embedded in a
 * Go raw string, a docstring's hanging indent), which formatters leave alone and indentation rules must too.
 */
final class Literals {
  private Literals() {}

  /** For each line, whether it starts inside a multi-line literal: Go raw strings and block comments, Python triple-quoted strings. */
  static boolean[] linesInside(String path, List<FileContent.Line> lines) {
    return switch (Language.of(path)) {
      case GO -> go(lines);
      case PYTHON -> python(lines);
      default -> new boolean[lines.size()];
    };
  }

  /** For each line of a Go file, whether it starts inside a raw string literal (backquotes) or a block comment. */
  static boolean[] go(List<FileContent.Line> lines) {
    boolean[] inside = new boolean[lines.size()];
    boolean raw = false;
    boolean block = false;
    for (int i = 0; i < lines.size(); i++) {
      inside[i] = raw || block;
      String t = lines.get(i).text();
      char quote = 0; // '"' or '\'' while in an interpreted string or rune literal, which end with the line
      for (int j = 0; j < t.length(); j++) {
        char c = t.charAt(j);
        if (raw) {
          if (c == '`') raw = false;
        } else if (block) {
          if (c == '*' && j + 1 < t.length() && t.charAt(j + 1) == '/') {
            block = false;
            j++;
          }
        } else if (quote != 0) {
          if (c == '\\') j++;
          else if (c == quote) quote = 0;
        } else if (c == '`') {
          raw = true;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '/' && j + 1 < t.length() && t.charAt(j + 1) == '/') {
          break;
        } else if (c == '/' && j + 1 < t.length() && t.charAt(j + 1) == '*') {
          block = true;
          j++;
        }
      }
    }
    return inside;
  }

  /**
   * For each line of a Python file, whether it starts inside a triple-quoted string (a docstring, a text block). Single
   * quoted strings end with their line (or continue with a backslash, rare enough to ignore); a {@code #} outside a
   * string starts a comment.
   */
  static boolean[] python(List<FileContent.Line> lines) {
    boolean[] inside = new boolean[lines.size()];
    String triple = null; // the open triple quote, while inside one
    for (int i = 0; i < lines.size(); i++) {
      inside[i] = triple != null;
      String t = lines.get(i).text();
      char quote = 0;
      for (int j = 0; j < t.length(); j++) {
        char c = t.charAt(j);
        if (triple != null) {
          if (c == '\\') j++;
          else if (t.startsWith(triple, j)) {
            j += 2;
            triple = null;
          }
        } else if (quote != 0) {
          if (c == '\\') j++;
          else if (c == quote) quote = 0;
        } else if (c == '#') {
          break;
        } else if (c == '"' || c == '\'') {
          if (t.startsWith(String.valueOf(c).repeat(3), j)) {
            triple = String.valueOf(c).repeat(3);
            j += 2;
          } else {
            quote = c;
          }
        }
      }
    }
    return inside;
  }
}
