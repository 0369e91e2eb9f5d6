package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@CheckInfo(
    id = "deps/lockfile-not-updated",
    category = Category.DEPENDENCIES,
    severity = Severity.WARNING,
    summary = "A manifest whose dependencies changed while its lockfile next to it (package-lock.json, yarn.lock, Cargo.lock, go.sum, poetry.lock, Gemfile.lock, ...) did not.",
    rationale = """
        A lockfile records the exact versions a manifest resolved to. When dependencies change but the \
        lockfile does not, the two disagree: CI either fails (`npm ci`, `cargo build --locked`, \
        `bundle install --frozen`) or silently resolves versions nobody reviewed. Only a lockfile that \
        already existed at the base, in the same directory as the manifest, is expected; a change to \
        formatting or to fields other than dependencies does not count.""",
    fix = """
        Run the package manager's install or lock command the message names (e.g. `npm install`, \
        `cargo check`, `go mod tidy`, `poetry lock`, `bundle install`) and commit the updated lockfile.""")
public final class StaleLockfile implements ChangeCheck<NoOptions> {

  private static final Map<String, String> COMMANDS = Map.ofEntries(
      Map.entry("package-lock.json", "npm install"), Map.entry("npm-shrinkwrap.json", "npm install"),
      Map.entry("yarn.lock", "yarn install"), Map.entry("pnpm-lock.yaml", "pnpm install"), Map.entry("bun.lock", "bun install"),
      Map.entry("poetry.lock", "poetry lock"), Map.entry("uv.lock", "uv lock"), Map.entry("pdm.lock", "pdm lock"),
      Map.entry("go.sum", "go mod tidy"), Map.entry("Cargo.lock", "cargo check"), Map.entry("Gemfile.lock", "bundle install"),
      Map.entry("gradle.lockfile", "./gradlew dependencies --write-locks"));

  @Override
  public List<Finding> check(ChangeContext<NoOptions> change) {
    Set<String> touched = new HashSet<>();
    for (ChangedFile f : change.change().files()) {
      if (f.newPath() != null) touched.add(f.newPath());
      if (f.oldPath() != null) touched.add(f.oldPath());
    }
    List<Finding> findings = new ArrayList<>();
    for (ChangedFile f : change.change().files()) {
      ManifestKind kind = ManifestKind.of(f.path());
      if (kind == null || kind.isLockfile() || kind.lockfiles().isEmpty() || !f.isReviewableText()) continue;
      String dir = f.path().contains("/") ? f.path().substring(0, f.path().lastIndexOf('/') + 1) : "";
      List<String> expected = new ArrayList<>();
      boolean updated = false;
      for (String lock : kind.lockfiles()) {
        String path = dir + lock;
        if (change.readBase(path).isEmpty()) continue;
        expected.add(lock);
        if (touched.contains(path)) updated = true;
      }
      if (expected.isEmpty() || updated) continue;
      Manifest head = Manifests.parse(f.path(), change.readHead(f.path())).orElse(null);
      Manifest base = f.oldPath() == null ? null : Manifests.parse(f.oldPath(), change.readBase(f.oldPath())).orElse(null);
      if (head == null || !head.parsed() || base != null && !base.parsed()) continue;
      String summary = difference(base == null ? List.of() : base.dependencies(), head.dependencies());
      if (summary == null) continue;
      String lock = expected.get(0);
      findings.add(Finding.onFile(f.path(), "Dependencies changed here (" + summary + ") but " + lock + " was not updated; run `"
          + COMMANDS.getOrDefault(lock, "the package manager's lock command") + "` and commit " + lock + ".").withKey("stale:" + lock));
    }
    return findings;
  }

  /** What changed between two dependency lists, e.g. {@code added left-pad; changed react}, or null when nothing did. */
  static String difference(List<Dependency> base, List<Dependency> head) {
    Map<String, Dependency> before = byKey(base);
    Map<String, Dependency> after = byKey(head);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (var e : after.entrySet()) {
      Dependency b = before.get(e.getKey());
      if (b == null) added.add(Manifests.code(e.getValue().name()));
      else if (!b.spec().equals(e.getValue().spec()) || !java.util.Objects.equals(b.version(), e.getValue().version())
          || !b.source().equals(e.getValue().source())) changed.add(Manifests.code(e.getValue().name()));
    }
    for (var e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) removed.add(Manifests.code(e.getValue().name()));
    }
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) parts.add("added " + Manifests.some(added, 3));
    if (!changed.isEmpty()) parts.add("changed " + Manifests.some(changed, 3));
    if (!removed.isEmpty()) parts.add("removed " + Manifests.some(removed, 3));
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static Map<String, Dependency> byKey(List<Dependency> deps) {
    Map<String, Dependency> out = new LinkedHashMap<>();
    int[] n = {0};
    for (Dependency d : deps) {
      String k = d.key();
      while (out.containsKey(k)) k = d.key() + "#" + (++n[0]);
      out.put(k, d);
    }
    return out;
  }
}
