package dev.vetter.checks;

import dev.vetter.check.Check;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {
  private BuiltInChecks() {}

  public static List<Check> all() {
    return List.of(
        new TrailingWhitespace());
  }
}
