package dev.vetter.checks;

import dev.vetter.check.Check;
import dev.vetter.checks.coverage.PatchThreshold;
import dev.vetter.checks.coverage.UncoveredLines;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.checks.owners.CodeOwnersChanged;
import dev.vetter.checks.owners.CodeOwnersSyntax;
import dev.vetter.checks.owners.InvalidOwner;
import dev.vetter.checks.owners.UnownedFile;
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {
  private BuiltInChecks() {}

  public static List<Check> all() {
    return List.of(
        new PatchThreshold(),
        new UncoveredLines(),
        new TrailingWhitespace(),
        new CodeOwnersChanged(),
        new InvalidOwner(),
        new CodeOwnersSyntax(),
        new UnownedFile());
  }
}
