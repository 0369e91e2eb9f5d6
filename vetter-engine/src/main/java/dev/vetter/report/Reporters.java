package dev.vetter.report;

import dev.vetter.engine.UserError;
import java.util.Iterator;
import java.util.List;

/** The output formats, by the name {@code --format} takes. */
public final class Reporters {
  public static final List<String> NAMES = List.of("text", "json");

  private Reporters() {}

  public static Reporter byName(String name, boolean color) {
    return switch (name) {
      case "text" -> new TextReporter(color);
      case "json" -> new JsonReporter();
      default -> throw new UserError("unknown format '" + name + "', allowed values: " + NAMES);
    };
  }

  /** For shell completion and help. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
