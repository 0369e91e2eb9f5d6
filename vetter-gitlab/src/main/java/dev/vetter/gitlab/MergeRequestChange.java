package dev.vetter.gitlab;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.Contents;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.change.Person;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merge request as the engine's {@link Change}: the files from GitLab's diffs (hunks read from GitLab's unified
 * diff text), contents fetched lazily through the API at the diff refs' base and head, and the commits.
 */
final class MergeRequestChange {
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

  private MergeRequestChange() {}

  static Change of(GitLabApi api, String project, GitLabApi.MergeRequest mr, List<GitLabApi.DiffFile> diffs, List<GitLabApi.Commit> commits) {
    GitLabApi.DiffRefs refs = mr.diffRefs();
    List<ChangedFile> files = new ArrayList<>();
    for (GitLabApi.DiffFile d : diffs) files.add(file(d));
    List<Commit> cs = new ArrayList<>();
    // GitLab lists a merge request's commits newest first; checks expect history order
    for (int i = commits.size() - 1; i >= 0; i--) {
      GitLabApi.Commit c = commits.get(i);
      Person author = new Person(c.authorName(), c.authorEmail(), instant(c.authoredDate()));
      cs.add(new Commit(c.id(), c.parentIds() == null ? List.of() : c.parentIds(), author, author, c.message() == null ? "" : c.message()));
    }
    return new Change(Change.Kind.RANGE, mr.targetBranch(), mr.sourceBranch(), refs.baseSha(), refs.headSha(), files, cs,
        new ApiContents(api, project, refs.baseSha(), refs.headSha()));
  }

  private static ChangedFile file(GitLabApi.DiffFile d) {
    FileStatus status = d.newFile() ? FileStatus.ADDED : d.deletedFile() ? FileStatus.DELETED : d.renamedFile() ? FileStatus.RENAMED : FileStatus.MODIFIED;
    String oldPath = d.newFile() ? null : d.oldPath();
    String newPath = d.deletedFile() ? null : d.newPath();
    FileMode oldMode = d.newFile() ? FileMode.MISSING : mode(d.aMode());
    FileMode newMode = d.deletedFile() ? FileMode.MISSING : mode(d.bMode());
    String text = d.diff() == null ? "" : d.diff();
    boolean binary = text.startsWith("Binary files ");
    boolean tooLarge = d.tooLarge() || (d.collapsed() && text.isEmpty());
    List<Hunk> hunks = binary || tooLarge ? List.of() : hunks(text);
    return new ChangedFile(status, oldPath, newPath, d.renamedFile() ? 100 : 0, oldMode, newMode, null, null, binary, tooLarge, -1, hunks);
  }

  private static FileMode mode(String octal) {
    try {
      return octal == null ? FileMode.REGULAR : FileMode.ofBits(Integer.parseInt(octal, 8));
    } catch (NumberFormatException e) {
      return FileMode.REGULAR;
    }
  }

  /** Hunks of a unified diff without file headers, as GitLab sends it. */
  static List<Hunk> hunks(String diff) {
    List<Hunk> hunks = new ArrayList<>();
    int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0, o = 0, n = 0;
    List<DiffLine> lines = null;
    for (String line : diff.split("\n", -1)) {
      Matcher m = HUNK.matcher(line);
      if (m.find()) {
        if (lines != null) hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, lines));
        oldStart = Integer.parseInt(m.group(1));
        oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        newStart = Integer.parseInt(m.group(3));
        newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        o = oldStart;
        n = newStart;
        lines = new ArrayList<>();
        continue;
      }
      if (lines == null || line.startsWith("\\")) continue;
      if (line.isEmpty()) {
        // the split leaves an empty string after the final newline; a real empty context line is " "
        continue;
      }
      switch (line.charAt(0)) {
        case '+' -> lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, n++, line.substring(1)));
        case '-' -> lines.add(new DiffLine(DiffLine.Kind.REMOVED, o++, 0, line.substring(1)));
        default -> lines.add(new DiffLine(DiffLine.Kind.CONTEXT, o++, n++, line.substring(1)));
      }
    }
    if (lines != null) hunks.add(new Hunk(oldStart, oldCount, newStart, newCount, lines));
    return hunks;
  }

  private static Instant instant(String iso) {
    try {
      return iso == null ? Instant.EPOCH : OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** File contents at the diff refs' base and head, read through the API once each. */
  private record ApiContents(GitLabApi api, String project, String base, String head, Map<String, Optional<FileContent>> cache) implements Contents {
    ApiContents(GitLabApi api, String project, String base, String head) {
      this(api, project, base, head, new ConcurrentHashMap<>());
    }

    @Override
    public Optional<FileContent> head(String path) {
      return read(head, path);
    }

    @Override
    public Optional<FileContent> base(String path) {
      return read(base, path);
    }

    @Override
    public Optional<String> headId(String path) {
      // GitLab's diffs carry no blob ids; the head commit and path name the content as well
      return head(path).map(c -> head + ":" + path);
    }

    private Optional<FileContent> read(String ref, String path) {
      return cache.computeIfAbsent(ref + "\0" + path, k -> api.fileAt(project, ref, path).map(b -> new FileContent(path, null, b)));
    }
  }
}
