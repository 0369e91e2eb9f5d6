package dev.vetter.ingest;

import dev.vetter.change.FileContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tool's suggested edit as Vetter's suggestions are: the new text of whole lines. reviewdog's
 * suggestions replace a range given by lines and UTF-8 byte columns (end exclusive); the lines around
 * the range are completed from the file at head.
 */
final class Edits {
  private Edits() {}

  /**
   * The text replacing lines {@code line..endLine} (without their final line break), or null when the
   * edit covers other lines, the file is unknown, or a column falls outside its line or inside a character.
   */
  static String replacement(Diagnostic.Edit e, int line, int endLine, FileContent content) {
    if (content == null || content.isBinary()) return null;
    int first = e.startLine();
    int last = e.endLine() == 0 ? first : e.endLine();
    String text = e.text();
    if (e.startColumn() == 0 && e.endColumn() == 0) {
      // whole lines, their line breaks included: the new text's own final break is the last line's
      if (first != line || last != endLine || content.line(last) == null) return null;
      return stripBreak(text);
    }
    int startColumn = Math.max(1, e.startColumn());
    int endColumn = e.endLine() == 0 ? startColumn : e.endColumn() == 0 ? Integer.MAX_VALUE : e.endColumn();
    if (endColumn == 1 && last > first && (text.endsWith("\n") || text.endsWith("\r"))) {
      // the range ends at the start of a line, taking the previous line's break, and the text gives it back
      last--;
      endColumn = Integer.MAX_VALUE;
      text = stripBreak(text);
    }
    return first == line && last == endLine ? splice(content, first, startColumn, last, endColumn, text) : null;
  }

  private static String stripBreak(String text) {
    if (text.endsWith("\r\n")) return text.substring(0, text.length() - 2);
    if (text.endsWith("\n") || text.endsWith("\r")) return text.substring(0, text.length() - 1);
    return text;
  }

  private static String splice(FileContent content, int first, int startColumn, int last, int endColumn, String text) {
    FileContent.Line a = content.line(first);
    FileContent.Line b = content.line(last);
    if (a == null || b == null) return null;
    byte[] head = a.text().getBytes(StandardCharsets.UTF_8);
    byte[] tail = b.text().getBytes(StandardCharsets.UTF_8);
    int from = startColumn - 1;
    int to = endColumn == Integer.MAX_VALUE ? tail.length : endColumn - 1;
    if (from > head.length || to > tail.length || to < 0 || !boundary(head, from) || !boundary(tail, to)) return null;
    if (first == last && to < from) return null;
    return new String(Arrays.copyOfRange(head, 0, from), StandardCharsets.UTF_8) + text
        + new String(Arrays.copyOfRange(tail, to, tail.length), StandardCharsets.UTF_8);
  }

  // not in the middle of a UTF-8 sequence
  private static boolean boundary(byte[] b, int i) {
    return i >= b.length || (b[i] & 0xC0) != 0x80;
  }
}
