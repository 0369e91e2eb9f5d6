package dev.vetter.ingest;

import dev.vetter.change.FileContent;

/** Lines and columns of SARIF's offset-only regions ({@code charOffset}, {@code byteOffset}), from the file's content at head. */
final class Offsets {
  private Offsets() {}

  /** 1-based line and column of the start, and the last line of the region. */
  record Span(int line, int column, int endLine) {}

  /** Null when there is no text to count in (the file is absent at head, or binary) or the offset is past its end. */
  static Span span(Diagnostic.Offset offset, FileContent content) {
    if (content == null || content.isBinary()) return null;
    long last = offset.start() + Math.max(0, offset.length() - 1);
    int lines = Math.max(1, content.lines().size());
    return switch (offset.unit()) {
      case BYTES -> scan(new Units() {
        final byte[] b = content.bytes();

        @Override public int length() { return b.length; }

        @Override public int at(int i) { return b[i]; }
      }, offset.start(), last, lines);
      case UTF16_CODE_UNITS -> scan(new Units() {
        final String t = content.text();

        @Override public int length() { return t.length(); }

        @Override public int at(int i) { return t.charAt(i); }
      }, offset.start(), last, lines);
      case CODE_POINTS -> scan(new Units() {
        final int[] cps = content.text().codePoints().toArray();

        @Override public int length() { return cps.length; }

        @Override public int at(int i) { return cps[i]; }
      }, offset.start(), last, lines);
    };
  }

  private interface Units {
    int length();

    int at(int i);
  }

  // CR, LF and CRLF each end a line, as SARIF counts them
  private static Span scan(Units u, long start, long last, int lineCount) {
    if (start > u.length()) return null;
    int line = 1;
    int lineStart = 0;
    int startLine = 0;
    int column = 0;
    int end = (int) Math.min(Math.max(start, last), u.length());
    for (int i = 0; i <= end; i++) {
      if (i == start) {
        startLine = line;
        column = i - lineStart + 1;
      }
      if (i == end || i >= u.length()) break;
      int c = u.at(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= u.length() || u.at(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    // an offset at the very end of a file that ends with a line break points past the last line
    int first = Math.min(startLine, lineCount);
    return new Span(first, first == startLine ? column : 1, Math.max(first, Math.min(line, lineCount)));
  }
}
