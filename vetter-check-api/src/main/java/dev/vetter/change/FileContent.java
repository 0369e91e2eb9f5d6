package dev.vetter.change;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bytes of one file version, with its text view. Binary detection follows git (a NUL byte in the
 * first 8000 bytes). Text that is not valid UTF-8 is decoded with replacement characters and flagged,
 * so checks can still read it without crashing. Immutable; the text and lines are computed once.
 */
public final class FileContent {
  private static final int BINARY_PROBE = 8000;

  private final String path;
  private final String blobId;
  private final byte[] bytes;
  private final boolean binary;
  private volatile Decoded decoded;

  /** One line of text with the terminator that ended it. */
  public record Line(int number, String text, LineEnding ending) {}

  /** How a line ended. */
  public enum LineEnding { LF, CRLF, NONE }

  private record Decoded(String text, boolean validUtf8, boolean bom, List<Line> lines) {}

  public FileContent(String path, String blobId, byte[] bytes) {
    this.path = path;
    this.blobId = blobId;
    this.bytes = bytes;
    this.binary = looksBinary(bytes);
  }

  public static FileContent ofText(String path, String text) {
    return new FileContent(path, null, text.getBytes(StandardCharsets.UTF_8));
  }

  public String path() {
    return path;
  }

  /** The blob id, or null for content not read from git (e.g. a fixture). */
  public String blobId() {
    return blobId;
  }

  public long size() {
    return bytes.length;
  }

  /** A copy of the raw bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public boolean isBinary() {
    return binary;
  }

  /** False when the bytes are not valid UTF-8 (the text then holds U+FFFD where they were wrong). */
  public boolean isValidUtf8() {
    return decoded().validUtf8();
  }

  public boolean hasBom() {
    return decoded().bom();
  }

  /** The text, without a leading byte-order mark. */
  public String text() {
    return decoded().text();
  }

  /** The lines, 1-based; a final line terminator does not start an empty extra line. */
  public List<Line> lines() {
    return decoded().lines();
  }

  /** Line {@code number} (1-based), or null when out of range. */
  public Line line(int number) {
    List<Line> lines = lines();
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
  }

  public boolean endsWithNewline() {
    List<Line> lines = lines();
    return lines.isEmpty() || lines.get(lines.size() - 1).ending() != LineEnding.NONE;
  }

  static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) return true;
    }
    return false;
  }

  private Decoded decoded() {
    Decoded d = decoded;
    if (d == null) {
      d = decode(bytes);
      decoded = d;
    }
    return d;
  }

  private static Decoded decode(byte[] bytes) {
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    int offset = bom ? 3 : 0;
    // fast path: the JDK's decoder is intrinsified; if it produced no replacement character the
    // bytes were valid UTF-8 (only text that really contains U+FFFD takes the strict path below)
    String fast = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) return new Decoded(fast, true, bom, split(fast));
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    String text;
    boolean valid = true;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in.duplicate())
          .toString();
    } catch (CharacterCodingException e) {
      valid = false;
      text = StandardCharsets.UTF_8.decode(in).toString(); // replaces bad sequences with U+FFFD
    }
    return new Decoded(text, valid, bom, split(text));
  }

  // Lines end at LF only, as in git: a lone CR stays in the text, so line numbers agree with git's.
  private static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    int number = 1;
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        boolean crlf = i > start && text.charAt(i - 1) == '\r';
        lines.add(new Line(number++, text.substring(start, crlf ? i - 1 : i), crlf ? LineEnding.CRLF : LineEnding.LF));
        start = i + 1;
      }
    }
    if (start < n) lines.add(new Line(number, text.substring(start), LineEnding.NONE));
    return Collections.unmodifiableList(lines);
  }
}
