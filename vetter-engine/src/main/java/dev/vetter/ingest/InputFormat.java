package dev.vetter.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The format of one input, by the name {@code --input-format} takes: {@code sarif}, {@code checkstyle},
 * {@code rdjson}, {@code rdjsonl}, {@code junit}, {@code errorformat:PRESET} (see
 * {@link #PRESETS}), {@code errorformat:PATTERNS} (Vim's errorformat, patterns separated by commas),
 * or {@code auto} (told from the content; errorformat cannot be). Immutable.
 */
public final class InputFormat {
  /** The formats' names, for messages and help. */
  public static final List<String> NAMES = List.of("sarif", "checkstyle", "rdjson", "rdjsonl", "junit", "errorformat:PRESET", "errorformat:PATTERNS", "auto");

  /** The errorformat presets' names. */
  public static final List<String> PRESETS = List.copyOf(ErrorFormat.PRESETS.keySet());

  /** How an input is read. */
  public enum Kind { AUTO, SARIF, CHECKSTYLE, RDJSON, RDJSONL, JUNIT, ERRORFORMAT }

  /** Told from the content. */
  public static final InputFormat AUTO = new InputFormat(Kind.AUTO, null, "auto");

  private final Kind kind;
  private final ErrorFormat errorformat;
  private final String id;

  private InputFormat(Kind kind, ErrorFormat errorformat, String id) {
    this.kind = kind;
    this.errorformat = errorformat;
    this.id = id;
  }

  static InputFormat of(Kind kind) {
    return new InputFormat(kind, null, kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Parses a {@code --input-format} value; {@link IllegalArgumentException} saying what is allowed. */
  public static InputFormat parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String t = text.strip();
    if (t.startsWith("errorformat:") || t.equals("errorformat")) {
      String rest = t.equals("errorformat") ? "" : t.substring("errorformat:".length());
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("errorformat needs a preset or patterns: errorformat:PRESET with PRESET one of " + PRESETS
            + ", or errorformat:PATTERNS such as 'errorformat:%f:%l:%c: %m'");
      }
      if (!rest.contains("%")) {
        ErrorFormat preset = ErrorFormat.preset(rest);
        if (preset == null) {
          throw new IllegalArgumentException("unknown errorformat preset '" + rest + "'" + hint(rest, PRESETS)
              + " The presets: " + String.join(", ", PRESETS) + "; or give patterns, such as 'errorformat:%f:%l:%c: %m'.");
        }
        return new InputFormat(Kind.ERRORFORMAT, preset, "errorformat:" + rest);
      }
      try {
        return new InputFormat(Kind.ERRORFORMAT, ErrorFormat.of(rest), "errorformat:" + rest);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid errorformat: " + e.getMessage());
      }
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.ERRORFORMAT && k.name().equalsIgnoreCase(t)) return k == Kind.AUTO ? AUTO : of(k);
    }
    throw new IllegalArgumentException("unknown input format '" + text + "'" + hint(t, NAMES) + " The formats: " + String.join(", ", NAMES) + ".");
  }

  private static String hint(String word, List<String> names) {
    String h = dev.vetter.policy.Suggest.hint(word, names);
    return h.isEmpty() ? "." : h;
  }

  public Kind kind() {
    return kind;
  }

  /** The errorformat's patterns; null for other kinds. */
  ErrorFormat errorformat() {
    return errorformat;
  }

  /** The name as {@code --input-format} takes it. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
