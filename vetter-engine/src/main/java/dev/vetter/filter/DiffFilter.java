package dev.vetter.filter;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.check.Finding;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides, in one place, whether a finding is reported: checks never know about the diff. File- and
 * change-level findings are never dropped by line filtering.
 */
public final class DiffFilter {
  private final FilterMode mode;
  private final Map<String, ChangedFile> files = new HashMap<>();
  private final Map<String, BitSet> added = new HashMap<>();

  public DiffFilter(FilterMode mode, Change change) {
    this.mode = mode;
    for (ChangedFile f : change.files()) {
      files.put(f.path(), f);
      added.put(f.path(), f.addedLineNumbers());
    }
  }

  public boolean shouldReport(Finding f) {
    if (mode == FilterMode.NOFILTER || f.scope() == Finding.Scope.CHANGE) return true;
    ChangedFile file = files.get(f.path());
    if (file == null) return false;
    if (mode == FilterMode.FILE || f.scope() == Finding.Scope.FILE) return true;
    int end = Math.max(f.line(), f.endLine());
    for (int line = f.line(); line <= end; line++) {
      boolean hit = mode == FilterMode.ADDED ? added.get(f.path()).get(line) : file.inHunk(line);
      if (hit) return true;
    }
    return false;
  }
}
