package dev.vetter.checks;

import dev.vetter.check.Check;
import dev.vetter.checks.commits.BodyFormat;
import dev.vetter.checks.commits.ConventionalFormat;
import dev.vetter.checks.commits.FixupCommit;
import dev.vetter.checks.commits.HeaderLength;
import dev.vetter.checks.commits.IssueReference;
import dev.vetter.checks.commits.MergeCommit;
import dev.vetter.checks.commits.SignedOff;
import dev.vetter.checks.commits.WipCommit;
import dev.vetter.checks.coverage.PatchThreshold;
import dev.vetter.checks.coverage.UncoveredLines;
import dev.vetter.checks.hygiene.BinaryFile;
import dev.vetter.checks.hygiene.ConflictMarker;
import dev.vetter.checks.hygiene.DebugStatement;
import dev.vetter.checks.hygiene.EditorconfigViolation;
import dev.vetter.checks.hygiene.LargeFile;
import dev.vetter.checks.hygiene.LongLine;
import dev.vetter.checks.hygiene.MissingFinalNewline;
import dev.vetter.checks.hygiene.MixedIndentation;
import dev.vetter.checks.hygiene.MixedLineEndings;
import dev.vetter.checks.hygiene.TodoWithoutIssue;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.checks.owners.CodeOwnersChanged;
import dev.vetter.checks.owners.CodeOwnersSyntax;
import dev.vetter.checks.owners.InvalidOwner;
import dev.vetter.checks.owners.UnownedFile;
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {
  private BuiltInChecks() {}

  public static List<Check> all() {
    return List.of(
        new BodyFormat(),            // commits/body-format
        new ConventionalFormat(),    // commits/conventional-format
        new FixupCommit(),           // commits/fixup
        new HeaderLength(),          // commits/header-length
        new IssueReference(),        // commits/issue-reference
        new MergeCommit(),           // commits/merge-commit
        new SignedOff(),             // commits/signed-off
        new WipCommit(),             // commits/wip
        new PatchThreshold(),        // coverage/patch-threshold
        new UncoveredLines(),        // coverage/uncovered-lines
        new BinaryFile(),            // hygiene/binary-file
        new ConflictMarker(),        // hygiene/conflict-marker
        new DebugStatement(),        // hygiene/debug-statement
        new EditorconfigViolation(), // hygiene/editorconfig
        new MissingFinalNewline(),   // hygiene/final-newline
        new LargeFile(),             // hygiene/large-file
        new MixedLineEndings(),      // hygiene/line-ending
        new LongLine(),              // hygiene/line-length
        new MixedIndentation(),      // hygiene/mixed-indentation
        new TodoWithoutIssue(),      // hygiene/todo-without-issue
        new TrailingWhitespace(),    // hygiene/trailing-whitespace
        new CodeOwnersChanged(),     // owners/codeowners-changed
        new InvalidOwner(),          // owners/invalid-owner
        new CodeOwnersSyntax(),      // owners/syntax
        new UnownedFile());          // owners/unowned-file
  }
}
