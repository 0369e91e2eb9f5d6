package dev.vetter.ai;

import dev.vetter.change.Change;
import dev.vetter.change.Commit;
import dev.vetter.change.Person;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Contents;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Changes and review results built by hand for tests: a file is its head text, with the lines marked "+" added. */
public final class Changes {
  private final Map<String, String> heads = new LinkedHashMap<>();
  private final List<ChangedFile> files = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Commit> commits = new ArrayList<>();

  public Changes commit(String message) {
    Person p = new Person("A U Thor", "author@example.com", java.time.Instant.EPOCH);
    commits.add(new Commit(Integer.toHexString(commits.size() + 1).repeat(40).substring(0, 40), List.of(), p, p, message));
    return this;
  }

  /**
   * Adds a modified file. Each line of {@code marked} starting with "+ " is added, with "- " removed (base only),
   * with two spaces context; one hunk covers them all.
   */
  public Changes file(String path, String marked) {
    return file(path, FileStatus.MODIFIED, marked);
  }

  public Changes file(String path, FileStatus status, String marked) {
    List<DiffLine> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder();
    int oldNo = 0;
    int newNo = 0;
    for (String l : marked.split("\n", -1)) {
      if (l.isEmpty()) continue;
      String text = l.length() > 2 ? l.substring(2) : "";
      switch (l.charAt(0)) {
        case '+' -> {
          lines.add(new DiffLine(DiffLine.Kind.ADDED, 0, ++newNo, text));
          head.append(text).append('\n');
        }
        case '-' -> lines.add(new DiffLine(DiffLine.Kind.REMOVED, ++oldNo, 0, text));
        default -> {
          lines.add(new DiffLine(DiffLine.Kind.CONTEXT, ++oldNo, ++newNo, text));
          head.append(text).append('\n');
        }
      }
    }
    heads.put(path, head.toString());
    List<Hunk> hunks = lines.isEmpty() ? List.of() : List.of(new Hunk(1, oldNo, 1, newNo, lines));
    boolean deleted = status == FileStatus.DELETED;
    files.add(new ChangedFile(status, status == FileStatus.ADDED ? null : path, deleted ? null : path, 0,
        status == FileStatus.ADDED ? FileMode.MISSING : FileMode.REGULAR, deleted ? FileMode.MISSING : FileMode.REGULAR,
        null, null, false, false, head.length(), hunks));
    return this;
  }

  /** Adds a reported finding on {@code path} line {@code line} with a fingerprint; errors block, the others comment. */
  public Changes finding(String rule, Severity severity, String path, int line, String message, String fingerprint) {
    Finding f = (line > 0 ? Finding.onLine(path, line, message) : path == null ? Finding.onChange(message) : Finding.onFile(path, message))
        .withIdentity(rule, severity, Category.STYLE, fingerprint).withMode(severity == Severity.ERROR ? Mode.BLOCK : Mode.COMMENT);
    findings.add(f);
    return this;
  }

  public Change change() {
    Map<String, String> h = Map.copyOf(heads);
    Contents contents = new Contents() {
      @Override
      public Optional<FileContent> head(String path) {
        return Optional.ofNullable(h.get(path)).map(t -> FileContent.ofText(path, t));
      }

      @Override
      public Optional<FileContent> base(String path) {
        return Optional.empty();
      }

      @Override
      public Optional<String> headId(String path) {
        return Optional.empty();
      }
    };
    return new Change(Change.Kind.RANGE, "main", "HEAD", "b".repeat(40), "h".repeat(40), files, commits, contents);
  }

  public ReviewResult result() {
    return result(Policy.defaults());
  }

  /** The result under a policy whose {@code ai} section is {@code ai}. */
  public ReviewResult result(Policy.Ai ai) {
    Policy d = Policy.defaults();
    return result(new Policy(d.filter(), d.failOn(), d.maxInlineComments(), d.requestChanges(), d.include(), d.exclude(), d.baseline(), d.limits(),
        d.rules(), d.overrides(), d.inferred(), d.waivers(), ai, d.chatops()));
  }

  private ReviewResult result(Policy policy) {
    return new ReviewResult(change(), policy, findings, List.of(), 0, 0, new ReviewResult.Stats(0, files.size(), 0, 0, 0));
  }
}
