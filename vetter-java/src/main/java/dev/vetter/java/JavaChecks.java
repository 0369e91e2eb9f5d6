package dev.vetter.java;

import dev.vetter.check.Check;
import java.util.List;

/** The checks that run Java analyzers in-process, sorted by id. */
public final class JavaChecks {
  private JavaChecks() {}

  public static List<Check> all() {
    return List.of(new Checkstyle(), new Format(), new Pmd());
  }
}
