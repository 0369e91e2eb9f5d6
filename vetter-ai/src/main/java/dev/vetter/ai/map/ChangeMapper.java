package dev.vetter.ai.map;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import dev.vetter.check.Finding;
import dev.vetter.check.Generated;
import dev.vetter.engine.ReviewResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChangeMap} of a reviewed change: pure, from the change and the review's reported findings. */
public final class ChangeMapper {
  private ChangeMapper() {}

  /** The map of {@code result}'s change; its reported findings (not shadow ones) weigh on the scores. */
  public static ChangeMap map(ReviewResult result) {
    List<ChangedFile> changed = result.change().files();
    Map<String, List<Finding>> findingsByPath = new LinkedHashMap<>();
    for (Finding f : result.findings()) {
      if (f.path() != null) findingsByPath.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(f);
    }
    Map<ChangedFile, FileRole> roles = new LinkedHashMap<>();
    for (ChangedFile f : changed) roles.put(f, role(result, f));
    boolean testsTouched = roles.containsValue(FileRole.TEST);

    List<ChangeMap.RankedFile> ranked = new ArrayList<>();
    Map<FileRole, ChangeMap.Collapsed> collapsed = new EnumMap<>(FileRole.class);
    Map<String, int[]> areas = new LinkedHashMap<>();
    List<String> dependencies = new ArrayList<>();
    List<String> ownership = new ArrayList<>();
    for (ChangedFile f : changed) {
      FileRole role = roles.get(f);
      int added = count(f, DiffLine.Kind.ADDED);
      int removed = count(f, DiffLine.Kind.REMOVED);
      int[] area = areas.computeIfAbsent(area(f.path()), a -> new int[3]);
      area[0]++;
      area[1] += added;
      area[2] += removed;
      if (role == FileRole.DEPENDENCY_MANIFEST || role == FileRole.LOCKFILE) dependencies.add(f.path());
      if (role == FileRole.OWNERSHIP) ownership.add(f.path());
      if (role.collapsed()) {
        ChangeMap.Collapsed c = collapsed.get(role);
        List<String> paths = new ArrayList<>(c == null ? List.of() : c.paths());
        paths.add(f.path());
        collapsed.put(role, new ChangeMap.Collapsed(role, paths, (c == null ? 0 : c.added()) + added, (c == null ? 0 : c.removed()) + removed));
        continue;
      }
      RiskScore.Scored s = RiskScore.of(f, role, added, removed, findingsByPath.getOrDefault(f.path(), List.of()), testsTouched);
      String oldPath = f.oldPath() != null && !f.oldPath().equals(f.path()) ? f.oldPath() : null;
      ranked.add(new ChangeMap.RankedFile(f.path(), oldPath, f.status(), role, added, removed, s.score(), s.reasons()));
    }
    ranked.sort(Comparator.comparingInt(ChangeMap.RankedFile::score).reversed().thenComparing(ChangeMap.RankedFile::path));
    List<ChangeMap.Area> areaList = areas.entrySet().stream()
        .map(e -> new ChangeMap.Area(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .sorted(Comparator.comparingInt((ChangeMap.Area a) -> a.added() + a.removed()).reversed().thenComparing(ChangeMap.Area::name))
        .toList();
    int top = ranked.isEmpty() ? 0 : ranked.get(0).score();
    return new ChangeMap(RiskScore.level(top), areaList, ranked, List.copyOf(collapsed.values()), dependencies, ownership, testsTouched);
  }

  private static FileRole role(ReviewResult result, ChangedFile f) {
    FileRole byPath = FileRole.of(f.path());
    if (byPath != FileRole.SOURCE && byPath != FileRole.DOCS) return byPath;
    // a generator's marker near the top makes any source file generated (read only for files that have content at head)
    if (f.isReviewableText() && result.change().contents() != null && Generated.byMarker(result.change().contents().head(f.path()).orElse(null))) {
      return FileRole.GENERATED;
    }
    return byPath;
  }

  /** The top-level folder of {@code path}, or "(root)". */
  static String area(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? "(root)" : path.substring(0, slash);
  }

  private static int count(ChangedFile f, DiffLine.Kind kind) {
    int n = 0;
    for (Hunk h : f.hunks()) {
      for (DiffLine l : h.lines()) {
        if (l.kind() == kind) n++;
      }
    }
    return n;
  }
}
