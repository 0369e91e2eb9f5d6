package dev.vetter.git;

import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the hunks of one file from {@code git diff} output, in our model's terms, for comparison. */
final class GitDiffOutput {
  private GitDiffOutput() {}

  private static final Pattern HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

  /**
   * Splits the output of {@code git diff} into its files, by the path after {@code b/} in each
   * {@code diff --git} line (paths without spaces only, which is all our tests use).
   */
  static Map<String, String> byFile(String diff) {
    Map<String, String> files = new LinkedHashMap<>();
    String path = null;
    StringBuilder section = new StringBuilder();
    for (String line : diff.split("\n")) {
      if (line.startsWith("diff --git ")) {
        if (path != null) files.put(path, section.toString());
        path = line.substring(line.lastIndexOf(" b/") + 3);
        section.setLength(0);
      }
      section.append(line).append('\n');
    }
    if (path != null) files.put(path, section.toString());
    return files;
  }

  /** The hunks in {@code diff}, the output of {@code git diff} for a single file. */
  static List<Hunk> hunks(String diff) {
    List<Hunk> hunks = new ArrayList<>();
    // split at LF only: a CR inside a line is content (String.lines() would split there too)
    List<String> lines = List.of(diff.split("\n"));
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith("@@")) i++;
    while (i < lines.size()) {
      Matcher m = HEADER.matcher(lines.get(i));
      if (!m.matches()) throw new AssertionError("not a hunk header: " + lines.get(i));
      int oldStart = Integer.parseInt(m.group(1));
      int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int newStart = Integer.parseInt(m.group(3));
      int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
      // git numbers an empty side's "start" as the line before it: -0,0 or the line after which lines go
      int oldLine = oldCount == 0 ? oldStart + 1 : oldStart;
      int newLine = newCount == 0 ? newStart + 1 : newStart;
      List<DiffLine> body = new ArrayList<>();
      i++;
      while (i < lines.size() && !lines.get(i).startsWith("@@")) {
        String l = lines.get(i++);
        if (l.startsWith("\\")) continue; // "\ No newline at end of file"
        String text = stripCr(l.substring(1));
        switch (l.charAt(0)) {
          case ' ' -> body.add(new DiffLine(DiffLine.Kind.CONTEXT, oldLine++, newLine++, text));
          case '-' -> body.add(new DiffLine(DiffLine.Kind.REMOVED, oldLine++, 0, text));
          case '+' -> body.add(new DiffLine(DiffLine.Kind.ADDED, 0, newLine++, text));
          default -> throw new AssertionError("unexpected diff line: " + l);
        }
      }
      hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, body));
    }
    return hunks;
  }

  // our lines drop the CR of a CRLF ending; git prints it
  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** A hunk as a unified diff, for readable assertion failures. */
  static String render(List<Hunk> hunks) {
    StringBuilder sb = new StringBuilder();
    for (Hunk h : hunks) {
      sb.append("@@ -").append(h.oldStart()).append(',').append(h.oldCount()).append(" +").append(h.newStart()).append(',').append(h.newCount()).append(" @@\n");
      for (DiffLine l : h.lines()) {
        sb.append(switch (l.kind()) {
          case CONTEXT -> ' ';
          case ADDED -> '+';
          case REMOVED -> '-';
        }).append(l.text()).append("   [").append(l.oldNumber()).append('/').append(l.newNumber()).append("]\n");
      }
    }
    return sb.toString();
  }
}
