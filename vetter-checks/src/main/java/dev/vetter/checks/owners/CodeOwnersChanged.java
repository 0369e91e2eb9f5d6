package dev.vetter.checks.owners;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@CheckInfo(
    id = "owners/codeowners-changed",
    category = Category.OWNERSHIP,
    severity = Severity.NOTICE,
    summary = "The change edits a CODEOWNERS file.",
    rationale = """
        Ownership decides who must approve; a change that edits it deserves a second look, and one that \
        reassigns the files it also touches could route its own review to friendlier owners. Vetter \
        (like GitHub) takes ownership from the base of the change, so the edit only applies after merge. \
        The finding is a warning when the edit changes the owners of files in the same change.""",
    fix = """
        Have the current owners of the affected paths approve the edit. Keep ownership changes in their \
        own pull request, apart from changes to the files they reassign.""")
public final class CodeOwnersChanged implements ChangeCheck<NoOptions> {
  private static final int SHOWN = 3;

  @Override
  public List<Finding> check(ChangeContext<NoOptions> change) {
    List<ChangedFile> edited = change.change().files().stream()
        .filter(f -> CodeOwners.LOCATIONS.contains(f.path()) || (f.oldPath() != null && CodeOwners.LOCATIONS.contains(f.oldPath())))
        .toList();
    if (edited.isEmpty()) return List.of();
    Optional<CodeOwners.Located> base = CodeOwners.locate(change::readBase);
    Optional<CodeOwners.Located> head = CodeOwners.locate(change::readHead);
    List<String> reassigned = reassigned(change, base, head);
    // the ownership difference belongs to the file that governs at head (else the first edited one)
    String governing = head.map(CodeOwners.Located::path).filter(p -> edited.stream().anyMatch(f -> f.path().equals(p)))
        .orElse(edited.get(0).path());
    List<Finding> findings = new ArrayList<>();
    for (ChangedFile f : edited) {
      StringBuilder m = new StringBuilder("This change ")
          .append(f.isDeleted() ? "deletes " : f.oldPath() == null ? "adds " : "edits ").append(f.path())
          .append(base.map(b -> b.path().equals(f.path())
              ? "; code owners for this review come from its version at the base of the change"
              : "; code owners for this review come from " + b.path() + " at the base of the change")
              .orElse("; the base of the change has no CODEOWNERS file, so no code owner reviews this change"))
          .append(", and the edit applies only after merge.");
      head.filter(h -> !f.isDeleted() && !h.path().equals(f.path()))
          .ifPresent(h -> m.append(" GitHub reads ").append(h.path()).append(" first, so this file has no effect."));
      Finding finding;
      if (f.path().equals(governing) && !reassigned.isEmpty()) {
        m.append(" It changes the code owners of ").append(reassigned.size()).append(reassigned.size() == 1 ? " file" : " files")
            .append(" this change also touches: ")
            .append(String.join("; ", reassigned.subList(0, Math.min(SHOWN, reassigned.size()))))
            .append(reassigned.size() > SHOWN ? "; and " + (reassigned.size() - SHOWN) + " more." : ".");
        finding = Finding.onFile(f.path(), m.toString()).withSeverity(Severity.WARNING);
      } else {
        finding = Finding.onFile(f.path(), m.toString());
      }
      findings.add(finding);
    }
    return findings;
  }

  /** "path (@old → @new)" for each changed file, other than CODEOWNERS itself, whose owners differ between base and head. */
  private static List<String> reassigned(ChangeContext<NoOptions> change, Optional<CodeOwners.Located> base, Optional<CodeOwners.Located> head) {
    List<String> out = new ArrayList<>();
    for (ChangedFile f : change.change().files()) {
      if (CodeOwners.LOCATIONS.contains(f.path())) continue;
      String before = base.map(b -> describe(b.owners().ownersOf(f.path()))).orElse("nobody");
      String after = head.map(h -> describe(h.owners().ownersOf(f.path()))).orElse("nobody");
      if (!before.equals(after)) out.add(f.path() + " (" + before + " → " + after + ")");
    }
    return out;
  }

  private static String describe(CodeOwners.PathOwners owners) {
    return owners.owners().isEmpty() ? "nobody" : owners.owners().stream().map(CodeOwners.Owner::name).collect(Collectors.joining(" "));
  }
}
