package dev.vetter.ai.grounding;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import dev.vetter.check.Finding;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the statements of a model's answer that are grounded in this change and drops the rest, counting why: a
 * statement must name a finding Vetter reported (by fingerprint) or a line range of a changed file that lies inside
 * the diff on the new side and touches an added line. Nothing the model says about anything else survives.
 * Immutable and thread-safe.
 */
public final class Grounding {

  /** Why a statement was dropped. */
  public enum Drop {
    /** Names neither a finding nor a line range. */
    NO_ANCHOR,
    /** Names a fingerprint that is not one of this review's findings. */
    UNKNOWN_FINDING,
    /** Names a file this change does not change (or deletes). */
    UNKNOWN_PATH,
    /** Names lines outside the diff, or a range with no added line. */
    OUTSIDE_DIFF,
    /** Numbers lines in the old (base) version. */
    OLD_SIDE,
    /** Says nothing once scrubbed. */
    EMPTY
  }

  /** What survived, and how many statements were dropped for each reason. */
  public record Result(List<ModelAnswer.Statement> kept, Map<Drop, Integer> dropped) {
    public Result {
      kept = List.copyOf(kept);
      dropped = Map.copyOf(dropped);
    }

    public int droppedCount() {
      return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Set<String> fingerprints;
  private final Map<String, BitSet> added = new HashMap<>();
  private final Map<String, BitSet> inHunks = new HashMap<>();

  /** Grounding in {@code change} and {@code findings} (those the model was shown). */
  public Grounding(Change change, Collection<Finding> findings) {
    this.fingerprints = new HashSet<>();
    for (Finding f : findings) {
      if (f.fingerprint() != null) fingerprints.add(f.fingerprint());
    }
    for (ChangedFile f : change.files()) {
      if (f.isDeleted()) continue;
      BitSet a = new BitSet();
      BitSet h = new BitSet();
      for (Hunk hunk : f.hunks()) {
        for (DiffLine l : hunk.lines()) {
          if (l.kind() == DiffLine.Kind.REMOVED) continue;
          h.set(l.newNumber());
          if (l.kind() == DiffLine.Kind.ADDED) a.set(l.newNumber());
        }
      }
      added.put(f.path(), a);
      inHunks.put(f.path(), h);
    }
  }

  /** Why {@code s} is not grounded, or null when it is. */
  public Drop check(ModelAnswer.Statement s) {
    if (s.text() == null || s.text().isBlank()) return Drop.EMPTY;
    boolean hasRange = s.path() != null || s.startLine() != null || s.endLine() != null;
    if (s.finding() == null && !hasRange) return Drop.NO_ANCHOR;
    if (s.finding() != null && !fingerprints.contains(s.finding())) return Drop.UNKNOWN_FINDING;
    if (!hasRange) return null;
    if (s.side() != null && !"new".equals(s.side())) return Drop.OLD_SIDE;
    if (s.path() == null || !inHunks.containsKey(s.path())) return Drop.UNKNOWN_PATH;
    if (s.startLine() == null) return Drop.OUTSIDE_DIFF;
    int start = s.startLine();
    int end = s.endLine() == null ? start : s.endLine();
    if (start < 1 || end < start) return Drop.OUTSIDE_DIFF;
    BitSet h = inHunks.get(s.path());
    // every line of the range in a hunk: a clear bit between start and end means the range leaves the diff
    int gap = h.nextClearBit(start);
    if (gap <= end) return Drop.OUTSIDE_DIFF;
    int firstAdded = added.get(s.path()).nextSetBit(start);
    if (firstAdded < 0 || firstAdded > end) return Drop.OUTSIDE_DIFF;
    return null;
  }

  /** The grounded statements of {@code answer}, each passed through {@code scrubber}, and the count of the dropped. */
  public Result apply(ModelAnswer answer, Scrubber scrubber) {
    List<ModelAnswer.Statement> kept = new ArrayList<>();
    Map<Drop, Integer> dropped = new EnumMap<>(Drop.class);
    for (ModelAnswer.Statement s : answer.statements()) {
      Drop why = check(s);
      if (why == null) {
        String text = scrubber.scrub(s.text()).text();
        if (text.isBlank()) why = Drop.EMPTY;
        else kept.add(new ModelAnswer.Statement(text, s.finding(), s.path(), s.startLine(), s.endLine(), s.path() == null ? null : "new"));
      }
      if (why != null) dropped.merge(why, 1, Integer::sum);
    }
    return new Result(kept, dropped);
  }
}
