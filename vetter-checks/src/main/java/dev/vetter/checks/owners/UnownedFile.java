package dev.vetter.checks.owners;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@CheckInfo(
    id = "owners/unowned-file",
    category = Category.OWNERSHIP,
    severity = Severity.WARNING,
    summary = "A changed file that no CODEOWNERS line assigns to anyone.",
    rationale = """
        A repository with a CODEOWNERS file relies on it to route reviews; a file it does not cover \
        (often one in a new directory) merges without any owner's approval. The rule is silent in \
        repositories without CODEOWNERS, and reads the file at the base of the change, so a change \
        cannot make its own files owned or unowned.""",
    fix = """
        Add a line for the file or its directory to CODEOWNERS (in a separate change, or accept that it \
        applies from the next change on), or a catch-all `* @org/maintainers` at the top.""",
    options = UnownedFile.Options.class)
public final class UnownedFile implements ChangeCheck<UnownedFile.Options> {

  /** Options of owners/unowned-file. */
  public record Options(
      @Doc("Also report files whose last matching line lists no owners on purpose (GitHub's way to exempt a path); "
          + "off by default, since such a line is a deliberate choice.")
      boolean includeCleared) {

    public Options() {
      this(false);
    }
  }

  @Override
  public List<Finding> check(ChangeContext<Options> change) {
    Optional<CodeOwners.Located> located = CodeOwners.locate(change::readBase);
    if (located.isEmpty()) return List.of();
    String where = located.get().path();
    List<Finding> findings = new ArrayList<>();
    for (ChangedFile file : change.change().files()) {
      CodeOwners.PathOwners owners = located.get().owners().ownersOf(file.path());
      if (owners.owned()) continue;
      if (owners.matches().isEmpty()) {
        findings.add(Finding.onFile(file.path(), "No line of " + where + " matches " + file.path() + ", so no code owner is asked to review it."));
      } else if (change.options().includeCleared()) {
        CodeOwners.Rule rule = owners.matches().get(owners.matches().size() - 1).rule();
        findings.add(Finding.onFile(file.path(), "Line " + rule.line() + " of " + where + " (" + rule.pattern() + ") leaves " + file.path()
            + " without owners, so no code owner is asked to review it."));
      }
    }
    return findings;
  }
}
