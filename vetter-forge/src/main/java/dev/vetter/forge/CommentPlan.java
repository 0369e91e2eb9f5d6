package dev.vetter.forge;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Hunk;
import dev.vetter.check.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to do with inline comments after a review, given the comments Vetter already posted on the pull request:
 * create a comment for a new finding (at most the policy's cap per review, most severe first; the rest go to the
 * summary), update one whose finding persists but whose text changed, keep one that is current, resolve the thread
 * of a finding that was fixed (marking the comment fixed), and unresolve a thread Vetter resolved when its finding
 * comes back. A thread a person resolved stays resolved. Nothing is ever deleted, so a thread someone replied to
 * always survives. The same inputs always give the same plan, in the same order.
 *
 * @param create new inline comments, in path and line order
 * @param update comments whose body must change (a persisting finding's new text, or the fixed note)
 * @param keep comments already current
 * @param resolve threads whose finding was fixed
 * @param unresolve threads Vetter resolved whose finding came back
 * @param summarised reported findings with no inline comment of their own (not on a line of the diff, not a line
 *     finding, or over the cap), for the summary
 * @param overCap how many of {@code summarised} were left out by the cap alone
 * @param cap the cap on new inline comments this plan was made with
 */
public record CommentPlan(
    List<Create> create, List<Update> update, List<Existing> keep, List<Existing> resolve, List<Existing> unresolve,
    List<Finding> summarised, int overCap, int cap) {

  /**
   * A comment Vetter posted earlier, as the forge returns it (only top-level comments written by the bot that carry a
   * {@link Marker}).
   *
   * @param commentId the forge's id of the comment (to edit it)
   * @param threadId the thread or discussion it starts (to resolve it), null when the forge has none
   * @param humanReplies whether someone else replied in its thread
   * @param line the head line the comment is on now (the last of a range), null when the forge marks it outdated
   */
  public record Existing(String commentId, String threadId, Marker marker, boolean resolved, boolean humanReplies, String body, Integer line) {
    public Existing {
      requireNonNull(commentId, "commentId == null");
      requireNonNull(marker, "marker == null");
    }
  }

  /**
   * Where an inline comment goes: on the head side of the diff, {@code line} (the last line) and, for several lines,
   * {@code startLine}.
   */
  public record Position(String path, Integer startLine, int line) {}

  public record Create(Finding finding, Position position, String body) {}

  /** @param finding the persisting finding, or null when the update marks the comment fixed */
  public record Update(Existing existing, Finding finding, String body) {}

  public CommentPlan {
    create = List.copyOf(create);
    update = List.copyOf(update);
    keep = List.copyOf(keep);
    resolve = List.copyOf(resolve);
    unresolve = List.copyOf(unresolve);
    summarised = List.copyOf(summarised);
  }

  /** Whether the plan changes nothing on the forge. */
  public boolean isEmpty() {
    return create.isEmpty() && update.isEmpty() && resolve.isEmpty() && unresolve.isEmpty();
  }

  // most severe first, then the engine's order; the fingerprint settles the rest
  private static final Comparator<Finding> PRIORITY = Comparator
      .comparingInt((Finding f) -> f.severity().ordinal())
      .thenComparing(f -> f.path() == null ? "" : f.path())
      .thenComparingInt(Finding::line)
      .thenComparingInt(Finding::column)
      .thenComparing(Finding::rule)
      .thenComparing(Finding::fingerprint);

  private static final Comparator<Create> POSITION = Comparator
      .comparing((Create c) -> c.position().path())
      .thenComparingInt(c -> c.position().line())
      .thenComparing(c -> c.finding().rule())
      .thenComparing(c -> c.finding().fingerprint());

  /**
   * The plan for {@code findings} (a review's reported findings) on {@code change}, given {@code existing} comments
   * (in the forge's order; when two carry the same fingerprint the first is the finding's comment).
   *
   * @param cap at most this many new inline comments (the policy's {@code max-inline-comments})
   * @param headCommit the reviewed head, named in the note on fixed comments
   */
  public static CommentPlan of(List<Finding> findings, Change change, List<Existing> existing, int cap, CommentRenderer renderer,
      String headCommit) {
    if (cap < 0) throw new IllegalArgumentException("cap < 0: " + cap);
    Map<String, List<Existing>> byFingerprint = new LinkedHashMap<>();
    for (Existing e : existing) byFingerprint.computeIfAbsent(e.marker().fingerprint(), k -> new ArrayList<>()).add(e);
    Map<String, ChangedFile> files = new HashMap<>();
    for (ChangedFile f : change.files()) if (f.newPath() != null) files.put(f.newPath(), f);

    List<Update> update = new ArrayList<>();
    List<Existing> keep = new ArrayList<>();
    List<Existing> resolve = new ArrayList<>();
    List<Existing> unresolve = new ArrayList<>();
    List<Create> candidates = new ArrayList<>();
    List<Finding> summarised = new ArrayList<>();
    Set<String> current = findings.stream().map(Finding::fingerprint).collect(Collectors.toSet());

    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(PRIORITY);
    for (Finding f : ordered) {
      List<Existing> posted = byFingerprint.get(f.fingerprint());
      if (posted != null) {
        Existing e = posted.get(0);
        if (e.resolved() && !e.marker().fixed()) {
          keep.add(e); // a person resolved it while the finding stood: their call
          continue;
        }
        String body = renderer.finding(f, hasSuggestionRoom(f, e));
        if (e.resolved()) unresolve.add(e);
        if (body.equals(e.body())) keep.add(e);
        else update.add(new Update(e, f, body));
        continue;
      }
      Optional<Position> at = position(f, files.get(f.path()));
      if (at.isEmpty()) {
        summarised.add(f);
        continue;
      }
      boolean exact = at.get().line() == f.endLine() && (at.get().startLine() == null ? f.line() == f.endLine() : at.get().startLine() == f.line());
      candidates.add(new Create(f, at.get(), renderer.finding(f, exact)));
    }
    List<Create> create = new ArrayList<>(candidates.subList(0, Math.min(cap, candidates.size())));
    int overCap = candidates.size() - create.size();
    for (Create c : candidates.subList(create.size(), candidates.size())) summarised.add(c.finding());
    create.sort(POSITION);
    summarised.sort(PRIORITY);

    for (Map.Entry<String, List<Existing>> entry : byFingerprint.entrySet()) {
      if (current.contains(entry.getKey())) continue;
      for (Existing e : entry.getValue()) {
        if (!e.marker().fixed()) update.add(new Update(e, null, renderer.fixed(e.body(), e.marker(), headCommit)));
        if (!e.resolved()) resolve.add(e);
        else if (e.marker().fixed()) keep.add(e);
      }
    }
    return new CommentPlan(create, update, keep, resolve, unresolve, summarised, overCap, cap);
  }

  // a persisting finding keeps its comment where it is: its suggestion is offered only while the comment is still
  // on the finding's lines, else applying it would replace the wrong line
  private static boolean hasSuggestionRoom(Finding f, Existing e) {
    return e.line() != null && e.line() == f.endLine();
  }

  /**
   * Where {@code finding} can be commented inline: a line finding on a line inside a hunk of its file (the forge
   * accepts comments only there). A range inside one hunk is commented as a range; otherwise its first line.
   */
  public static Optional<Position> position(Finding finding, ChangedFile file) {
    if (finding.scope() != Finding.Scope.LINE || file == null || file.newPath() == null) return Optional.empty();
    for (Hunk h : file.hunks()) {
      if (!h.containsNewLine(finding.line())) continue;
      if (finding.endLine() > finding.line() && h.containsNewLine(finding.endLine())) {
        return Optional.of(new Position(file.newPath(), finding.line(), finding.endLine()));
      }
      return Optional.of(new Position(file.newPath(), null, finding.line()));
    }
    return Optional.empty();
  }
}
