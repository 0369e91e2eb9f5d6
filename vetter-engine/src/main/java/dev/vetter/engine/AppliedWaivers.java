package dev.vetter.engine;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.check.Finding;
import dev.vetter.policy.Policy;
import dev.vetter.policy.Waiver;
import dev.vetter.policy.Waivers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The waivers of {@code .vetter/waivers.yml} as one review applies them on one day: which waiver waives a finding, and
 * what the review should say about the others (expired, too long for a finding's severity, matching nothing). One
 * instance per review; not thread-safe.
 */
final class AppliedWaivers {
  private final Waivers waivers;
  private final LocalDate today;
  private final Policy.WaiverLimits limits;
  private final Set<Waiver> matched = new HashSet<>();
  private final Map<Waiver, List<Finding>> expired = new LinkedHashMap<>();
  private final Map<Waiver, List<Finding>> tooLong = new LinkedHashMap<>();

  AppliedWaivers(Waivers waivers, LocalDate today, Policy.WaiverLimits limits) {
    this.waivers = waivers;
    this.today = today;
    this.limits = limits;
  }

  boolean isEmpty() {
    return waivers.isEmpty();
  }

  /**
   * The waiver that waives {@code f} (which has its fingerprint), or null. When none does, the matching waivers that
   * could not, expired or too long for its severity, are remembered for the review's notices if {@code posted}.
   */
  Waiver waive(Finding f, boolean posted) {
    List<Waiver> candidates = new ArrayList<>();
    for (Waiver w : waivers.entries()) {
      if (!w.matches(f)) continue;
      matched.add(w);
      if (applies(w, f)) return w;
      candidates.add(w);
    }
    if (posted) {
      for (Waiver w : candidates) {
        if (w.expiredOn(today)) expired.computeIfAbsent(w, k -> new ArrayList<>()).add(f);
        else if (w.activeOn(today)) tooLong.computeIfAbsent(w, k -> new ArrayList<>()).add(f);
        // a waiver created after today is not in force yet, and says nothing
      }
    }
    return null;
  }

  /** True when a waiver waives {@code f}, without remembering anything (for findings outside the diff). */
  boolean waives(Finding f) {
    for (Waiver w : waivers.entries()) if (w.matches(f) && applies(w, f)) return true;
    return false;
  }

  /** Records that {@code f} exists (suppressed or baselined, say), so the waivers matching it are not stale. */
  void saw(Finding f) {
    for (Waiver w : waivers.entries()) if (!matched.contains(w) && w.matches(f)) matched.add(w);
  }

  private boolean applies(Waiver w, Finding f) {
    return w.activeOn(today) && w.days() <= limits.maxDays(f.severity());
  }

  /**
   * The waivers in force that name exactly one file this change touches (its path at head, or the path it had before
   * it was moved or deleted) and the policy reviews, and have not matched a finding yet: candidates for staleness,
   * decided once every finding of the change, outside the diff too, has been {@link #saw seen}.
   */
  List<Waiver> unmatchedOnChangedFiles(Change change, Policy policy) {
    List<Waiver> found = new ArrayList<>();
    for (Waiver w : waivers.entries()) {
      if (matched.contains(w) || w.path() == null || !w.activeOn(today)) continue;
      String exact = exactPath(w);
      if (exact == null) continue;
      for (ChangedFile f : change.files()) {
        if ((exact.equals(f.path()) || exact.equals(f.oldPath())) && policy.reviews(f.path())) {
          found.add(w);
          break;
        }
      }
    }
    return found;
  }

  /** True when {@code w} has matched a finding. */
  boolean matched(Waiver w) {
    return matched.contains(w);
  }

  /** The path {@code w} names when its glob is one exact path ({@code src/App.java}, {@code /src/App.java}), else null. */
  private static String exactPath(Waiver w) {
    String glob = w.path().toString();
    if (glob.startsWith("/")) glob = glob.substring(1);
    // without a slash inside, a name matches at any depth, as in .gitignore: not one file
    if (glob.isEmpty() || !glob.contains("/") || glob.endsWith("/")) return null;
    for (char c : glob.toCharArray()) if ("*?[]{}\\!".indexOf(c) >= 0) return null;
    return glob;
  }

  /** A notice of one of the engine's waiver rules, before the policy's settings are stamped on it. */
  record Notice(RuleInfo rule, Finding finding) {}

  /** What the review says about waivers that did not waive what they match, and about {@code stale} ones. */
  List<Notice> notices(List<Waiver> stale) {
    List<Notice> notices = new ArrayList<>();
    expired.forEach((w, findings) -> notices.add(new Notice(RuleInfo.WAIVER_EXPIRED, Finding.onChange(
        "The waiver at " + w.where() + " (" + describe(w) + ") expired on " + w.expires() + ": " + count(findings) + " it waived "
            + (findings.size() == 1 ? "is" : "are") + " reported again. Fix " + (findings.size() == 1 ? "it" : "them")
            + ", or renew the waiver with a later expires date.")
        .withKey("expired\0" + w.what() + "\0" + w.expires()))));
    tooLong.forEach((w, findings) -> {
      TreeSet<String> limitsHit = new TreeSet<>();
      for (Finding f : findings) limitsHit.add(limits.maxDays(f.severity()) + " days for " + f.severity().id() + " findings");
      notices.add(new Notice(RuleInfo.WAIVER_TOO_LONG, Finding.onChange(
          "The waiver at " + w.where() + " (" + describe(w) + ") lasts " + w.days() + " days, from " + w.created() + " to " + w.expires()
              + "; the policy allows at most " + String.join(" and ", limitsHit) + " (waivers.max-days), so it does not waive "
              + count(findings) + " it matches here. Shorten it, or fix " + (findings.size() == 1 ? "the finding." : "the findings."))
          .withKey("too-long\0" + w.what() + "\0" + w.created() + "\0" + w.expires())));
    });
    for (Waiver w : stale) {
      notices.add(new Notice(RuleInfo.WAIVER_STALE, Finding.onChange(
          "The waiver at " + w.where() + " (" + describe(w) + ") matches no finding in " + w.path()
              + ", which this change touches: what it was written for is gone. Remove it from " + w.file() + ".")
          .withKey("stale\0" + w.what())));
    }
    return notices;
  }

  private static String describe(Waiver w) {
    return w.what() + ", " + w.reason().id() + ", owner " + w.owner();
  }

  private static String count(List<Finding> findings) {
    return findings.size() == 1 ? "the finding" : "the " + findings.size() + " findings";
  }
}
