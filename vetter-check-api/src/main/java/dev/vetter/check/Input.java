package dev.vetter.check;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file handed to a review from outside the repository's history, such as a coverage report that CI
 * wrote: the caller reads it, checks receive it through {@link ChangeContext#inputs}. Immutable.
 */
public final class Input {
  private final String kind;
  private final String name;
  private final byte[] bytes;

  private Input(String kind, String name, byte[] bytes) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.name = Objects.requireNonNull(name, "name == null");
    this.bytes = bytes;
  }

  /**
   * @param kind what the input is for, e.g. {@code coverage}
   * @param name where it came from, as the user would recognise it (a path); shown in messages
   */
  public static Input of(String kind, String name, byte[] bytes) {
    return new Input(kind, name, bytes.clone());
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public long size() {
    return bytes.length;
  }

  /** The bytes, without copying them (reports can be large). */
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }

  /** The content decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return kind + ":" + name + " (" + bytes.length + " bytes)";
  }
}
