package dev.vetter.policy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The text of one policy layer and the name errors should call it by (a path, or {@code path@revision}). */
public record YamlSource(String name, String text) {

  /**
   * Decodes a policy file's bytes as strict UTF-8 (a leading byte-order mark is dropped); throws a
   * {@link PolicyError} giving the line and column of the first byte that is not UTF-8.
   */
  public static YamlSource decode(String name, byte[] bytes) {
    if (bytes.length > YamlDocument.MAX_BYTES) {
      // decoding a huge file only to reject it later would waste time; say so now
      throw new PolicyError(List.of(new PolicyError.Problem(name, 0, 0, "file is " + (bytes.length + 1023) / 1024
          + " KiB; a policy file may have at most " + YamlDocument.MAX_BYTES / 1024 + " KiB")));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isUnderflow()) r = decoder.flush(out);
    if (r.isError()) {
      int bad = in.position();
      int line = 1;
      int column = 1;
      for (int i = 0; i < out.position(); i++) {
        char c = out.get(i);
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(c)) {
          column++;
        }
      }
      throw new PolicyError(List.of(new PolicyError.Problem(name, line, column, String.format(
          "is not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", bytes[bad] & 0xff, bad))));
    }
    out.flip();
    String text = out.toString();
    return new YamlSource(name, text.startsWith("\uFEFF") ? text.substring(1) : text);
  }
}
