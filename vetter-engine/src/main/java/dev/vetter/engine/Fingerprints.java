package dev.vetter.engine;

import dev.vetter.change.FileContent;
import dev.vetter.check.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * Stable finding ids that survive unrelated edits: made of the rule, the path, and what the finding is
 * about (its key, else the offending line's text with whitespace collapsed), plus the occurrence
 * number among identical ones, but never the line number.
 */
final class Fingerprints {
  private final Map<String, Integer> seen = new HashMap<>();

  /** Call in the order findings appear in each file, so occurrence numbers are stable. */
  String of(String rule, Finding f, Function<String, FileContent> head) {
    String key = f.key();
    if (key == null) {
      key = switch (f.scope()) {
        case LINE -> {
          FileContent content = head.apply(f.path());
          FileContent.Line line = content == null ? null : content.line(f.line());
          yield line == null ? f.message() : line.text().strip().replaceAll("\\s+", " ");
        }
        case FILE, CHANGE -> f.message();
      };
    }
    String base = rule + '\0' + (f.path() == null ? "" : f.path()) + '\0' + key;
    int n = seen.merge(base, 1, Integer::sum);
    return sha256(base + '\0' + n).substring(0, 20);
  }

  static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
