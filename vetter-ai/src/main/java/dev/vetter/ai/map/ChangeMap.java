package dev.vetter.ai.map;

import dev.vetter.change.FileStatus;
import java.util.List;

/**
 * The deterministic summary of a change: where it lands, which files most deserve a reviewer's time and
 * why, and what a reviewer skims (lockfiles, vendored and generated files). Built by {@link ChangeMapper}
 * from the change and Vetter's own findings; no model involved.
 *
 * @param risk the change's risk level: that of its riskiest file
 * @param areas top-level folders touched ("(root)" for files at the top), by changed lines, most first
 * @param files the files a reviewer reads, riskiest first
 * @param collapsed lockfiles, vendored and generated files, by role, each listed by path but not ranked
 * @param dependencies the dependency manifests and lockfiles changed
 * @param ownership the {@code CODEOWNERS} files changed
 * @param testsTouched whether any test file changed
 */
public record ChangeMap(
    Risk risk,
    List<Area> areas,
    List<RankedFile> files,
    List<Collapsed> collapsed,
    List<String> dependencies,
    List<String> ownership,
    boolean testsTouched) {

  public ChangeMap {
    areas = List.copyOf(areas);
    files = List.copyOf(files);
    collapsed = List.copyOf(collapsed);
    dependencies = List.copyOf(dependencies);
    ownership = List.copyOf(ownership);
  }

  /** Low, medium or high, from the score of the riskiest file ({@link RiskScore#level}). */
  public enum Risk {
    LOW, MEDIUM, HIGH;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One top-level folder (or module) and how much of the change lands there. */
  public record Area(String name, int files, int added, int removed) {}

  /**
   * One changed file with its risk score and the reasons that make it up.
   *
   * @param oldPath the base path of a renamed or copied file, else null
   * @param reasons each signal that added to the score, e.g. "2 error findings (+20)", most weighty first
   */
  public record RankedFile(String path, String oldPath, FileStatus status, FileRole role, int added, int removed, int score, List<String> reasons) {
    public RankedFile {
      reasons = List.copyOf(reasons);
    }
  }

  /** Files of a collapsed role (lockfile, vendored, generated) with their changed lines in all. */
  public record Collapsed(FileRole role, List<String> paths, int added, int removed) {
    public Collapsed {
      paths = List.copyOf(paths);
    }
  }
}
