package dev.vetter.checks.coverage;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-side reader of {@code git diff} output into the check API's change model, enough for the
 * diff-cover corpus. A hunk runs until the next hunk or file header, not for as many lines as its
 * header counts: diff-cover reads it so, and one of its fixtures has wrong counts.
 */
final class UnifiedDiff {
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

  private UnifiedDiff() {}

  static List<ChangedFile> parse(String diff) {
    List<ChangedFile> files = new ArrayList<>();
    String[] lines = diff.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (!lines[i].startsWith("diff --git ")) {
        i++;
        continue;
      }
      String[] names = lines[i].substring("diff --git ".length()).split(" ");
      String oldPath = names[0].substring(2);
      String newPath = names[names.length - 1].substring(2);
      FileStatus status = FileStatus.MODIFIED;
      List<Hunk> hunks = new ArrayList<>();
      i++;
      while (i < lines.length && !lines[i].startsWith("diff --git ")) {
        String line = lines[i];
        if (line.startsWith("new file mode")) {
          status = FileStatus.ADDED;
        } else if (line.startsWith("deleted file mode")) {
          status = FileStatus.DELETED;
        } else if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
          i++;
        } else {
          Matcher m = HUNK.matcher(line);
          if (m.matches()) {
            int oldStart = Integer.parseInt(m.group(1));
            int newStart = Integer.parseInt(m.group(3));
            int oldNo = oldStart;
            int newNo = newStart;
            List<DiffLine> body = new ArrayList<>();
            while (i + 1 < lines.length && !lines[i + 1].startsWith("@@ ") && !lines[i + 1].startsWith("diff --git ")) {
              String l = lines[++i];
              if (l.startsWith("+")) {
                body.add(new DiffLine(DiffLine.Kind.ADDED, 0, newNo++, l.substring(1)));
              } else if (l.startsWith("-")) {
                body.add(new DiffLine(DiffLine.Kind.REMOVED, oldNo++, 0, l.substring(1)));
              } else if (l.startsWith(" ") || (l.isEmpty() && i + 1 < lines.length)) {
                body.add(new DiffLine(DiffLine.Kind.CONTEXT, oldNo++, newNo++, l.isEmpty() ? "" : l.substring(1)));
              }
              // "\ No newline at end of file" and the final empty string: nothing
            }
            hunks.add(new Hunk(oldStart, oldNo - oldStart, newStart, newNo - newStart, body));
          }
        }
        i++;
      }
      boolean deleted = status == FileStatus.DELETED;
      boolean added = status == FileStatus.ADDED;
      files.add(new ChangedFile(status, added ? null : oldPath, deleted ? null : newPath, 0,
          added ? FileMode.MISSING : FileMode.REGULAR, deleted ? FileMode.MISSING : FileMode.REGULAR,
          null, null, false, false, -1, hunks));
    }
    return files;
  }
}
