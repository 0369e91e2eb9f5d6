package dev.vetter.checks.hygiene;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Generated;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.List;
import java.util.Objects;

@CheckInfo(
    id = "hygiene/large-file",
    category = Category.SMELLS,
    severity = Severity.WARNING,
    summary = "The change adds or modifies a file larger than the limit (1 MiB unless configured).",
    rationale = """
        Every version of a large file stays in the repository's history, so each clone and fetch carries \
        it for good, and a review tool cannot show it. Large files are usually data sets, build outputs, \
        archives or logs that belong elsewhere. Any file counts, text or binary, including those too large \
        for the line rules; a rename or a copy that leaves the content as it was does not, nor does a generated file \
        (`@generated`, `DO NOT EDIT` in its first lines, read without loading the file: protoc's classes), which a \
        project commits on purpose.""",
    fix = """
        Keep the file out of the repository (`git rm --cached FILE`, then `.gitignore`), fetch or generate \
        it at build time, or store it with Git LFS. If it must be committed, raise `maxBytes` for its \
        path with an override in `.vetter.yml`.""",
    version = 2, // 2: generated files skipped
    options = LargeFile.Options.class)
public final class LargeFile implements FileCheck<LargeFile.Options> {

  /** Options of hygiene/large-file. */
  public record Options(
      @Doc("The largest allowed file, in bytes (at least 1).")
      long maxBytes) {

    public Options() {
      this(1024 * 1024);
    }

    public Options {
      if (maxBytes < 1) throw new IllegalArgumentException("max-bytes must be at least 1: " + maxBytes);
    }
  }

  @Override
  public boolean accepts(ChangedFile file) {
    // any size, binary or text; new content only (an unchanged rename or copy adds nothing)
    return !file.isDeleted() && !file.isSymlink() && !file.isSubmodule() && file.newSize() > 0
        && !Objects.equals(file.oldBlob(), file.newBlob());
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    long size = file.file().newSize();
    long max = file.options().maxBytes();
    if (size <= max) return List.of();
    // a generator's output committed on purpose (protoc's message classes): its size is the generator's, not the author's
    if (!file.file().binary() && file.headStart(Generated.PROBE_BYTES).map(Generated::byMarker).orElse(false)) return List.of();
    return List.of(file.fileFinding("File is " + Sizes.human(size) + "; the limit is " + Sizes.human(max) + ".")
        .withKey("over the size limit")); // the size is in the message, not in the fingerprint
  }
}
