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
    return hash(base(rule, f, head), next(rule, f, head));
  }

  /**
   * {@code f} (whose rule is set) with its occurrence number counted now, in order, and its fingerprint
   * computed only when {@link Pending#finding} is asked for it.
   */
  Pending pending(Finding f, Function<String, FileContent> head) {
    String base = base(f.rule(), f, head);
    return new Pending(f, base, seen.merge(base, 1, Integer::sum));
  }

  /** A finding whose fingerprint is not hashed yet. */
  record Pending(Finding raw, String base, int occurrence) {
    Finding finding() {
      return raw.withIdentity(raw.rule(), raw.severity(), raw.category(), hash(base, occurrence));
    }
  }

  private int next(String rule, Finding f, Function<String, FileContent> head) {
    return seen.merge(base(rule, f, head), 1, Integer::sum);
  }

  private static String base(String rule, Finding f, Function<String, FileContent> head) {
    String key = f.key();
    if (key == null) {
      key = switch (f.scope()) {
        case LINE -> {
          FileContent content = head.apply(f.path());
          FileContent.Line line = content == null ? null : content.line(f.line());
          yield line == null ? f.message() : collapseWhitespace(line.text());
        }
        case FILE, CHANGE -> f.message();
      };
    }
    return rule + '\0' + (f.path() == null ? "" : f.path()) + '\0' + key;
  }

  private static String hash(String base, int occurrence) {
    return sha256(base + '\0' + occurrence).substring(0, 20);
  }

  /** {@code text} stripped, every run of whitespace made one space: as {@code strip().replaceAll("\\s+", " ")}, without a regex per line. */
  static String collapseWhitespace(String text) {
    String t = text.strip();
    StringBuilder sb = new StringBuilder(t.length());
    boolean inSpace = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        if (!inSpace) sb.append(' ');
        inSpace = true;
      } else {
        sb.append(c);
        inSpace = false;
      }
    }
    return sb.toString();
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
