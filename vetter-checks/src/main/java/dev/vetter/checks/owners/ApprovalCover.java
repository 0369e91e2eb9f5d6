package dev.vetter.checks.owners;

import dev.vetter.checks.owners.CodeOwners.Owner;
import dev.vetter.checks.owners.CodeOwners.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A smallest set of owners that satisfies every requirement (each needs {@code approvals} of its
 * owners): a set cover, NP-hard in general but tiny in practice. A greedy pass (take the owner who
 * satisfies most outstanding approvals, earliest in the file on ties) gives a first answer; an exact
 * branch-and-bound search then improves it, branching on the owners of the first unsatisfied
 * requirement. The search is bounded ({@link #MAX_NODES}); when it runs out, the best set found so far
 * is returned and marked inexact. Deterministic: owners are tried in the order they first appear.
 */
final class ApprovalCover {
  static final int MAX_NODES = 200_000;

  record Result(List<Owner> approvers, boolean exact) {}

  private final int[][] members; // per requirement: owner indexes
  private final int[] need;
  private final int owners;
  private boolean[] best;
  private int bestSize;
  private int nodes;

  private ApprovalCover(int[][] members, int[] need, int owners) {
    this.members = members;
    this.need = need;
    this.owners = owners;
  }

  static Result solve(List<Requirement> requirements) {
    Map<Owner, Integer> index = new LinkedHashMap<>();
    for (Requirement r : requirements) r.owners().forEach(o -> index.putIfAbsent(o, index.size()));
    List<Owner> byIndex = new ArrayList<>(index.keySet());
    int[][] members = new int[requirements.size()][];
    int[] need = new int[requirements.size()];
    for (int i = 0; i < requirements.size(); i++) {
      members[i] = requirements.get(i).owners().stream().mapToInt(index::get).toArray();
      need[i] = Math.min(requirements.get(i).approvals(), members[i].length);
    }
    ApprovalCover search = new ApprovalCover(members, need, byIndex.size());
    boolean exact = search.run();
    List<Owner> approvers = new ArrayList<>();
    for (int o = 0; o < byIndex.size(); o++) if (search.best[o]) approvers.add(byIndex.get(o));
    return new Result(approvers, exact);
  }

  private boolean run() {
    best = greedy();
    bestSize = count(best);
    boolean[] chosen = new boolean[owners];
    search(chosen, 0);
    return nodes <= MAX_NODES;
  }

  private boolean[] greedy() {
    boolean[] chosen = new boolean[owners];
    while (true) {
      int pick = -1;
      int pickGain = 0;
      for (int o = 0; o < owners; o++) {
        if (chosen[o]) continue;
        int gain = 0;
        for (int r = 0; r < members.length; r++) if (missing(chosen, r) > 0 && contains(members[r], o)) gain++;
        if (gain > pickGain) {
          pick = o;
          pickGain = gain;
        }
      }
      if (pick < 0) return chosen;
      chosen[pick] = true;
    }
  }

  private void search(boolean[] chosen, int size) {
    if (++nodes > MAX_NODES || size >= bestSize) return;
    int open = -1;
    for (int r = 0; r < members.length && open < 0; r++) if (missing(chosen, r) > 0) open = r;
    if (open < 0) {
      best = chosen.clone();
      bestSize = size;
      return;
    }
    if (size + missing(chosen, open) >= bestSize) return;
    for (int o : members[open]) {
      if (chosen[o]) continue;
      chosen[o] = true;
      search(chosen, size + 1);
      chosen[o] = false;
    }
  }

  private int missing(boolean[] chosen, int r) {
    int have = 0;
    for (int o : members[r]) if (chosen[o]) have++;
    return Math.max(0, need[r] - have);
  }

  private static boolean contains(int[] set, int o) {
    for (int x : set) if (x == o) return true;
    return false;
  }

  private static int count(boolean[] set) {
    int n = 0;
    for (boolean b : set) if (b) n++;
    return n;
  }
}
