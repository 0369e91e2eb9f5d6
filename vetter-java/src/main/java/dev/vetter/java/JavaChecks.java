package dev.vetter.java;

import dev.vetter.check.Check;
import java.util.List;

/** The checks that run Java analyzers in-process, sorted by id. */
public final class JavaChecks {
  private JavaChecks() {}

  public static List<Check> all() {
    return List.of(new Checkstyle(), new Format(), new Pmd());
  }

  /**
   * The JVM options java/format needs (google-java-format runs javac's parser, which jdk.compiler does
   * not export), for whoever starts a JVM running Vetter from classes rather than from vetter.jar, whose
   * manifest declares them.
   */
  public static List<String> jvmOptions() {
    return Format.JAVAC_PACKAGES.stream().map(p -> "--add-exports=jdk.compiler/com.sun.tools.javac." + p + "=ALL-UNNAMED").toList();
  }
}
