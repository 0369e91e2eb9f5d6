package dev.vetter.checks.hygiene;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileStatus;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Glob;
import dev.vetter.check.Severity;
import java.util.List;

@CheckInfo(
    id = "hygiene/binary-file",
    category = Category.SMELLS,
    severity = Severity.WARNING,
    summary = "The change adds a binary file.",
    rationale = """
        Binary files cannot be reviewed, diffed or merged, and every version stays in the repository's \
        history for good, making each clone larger. They are often added by accident: a build output, an \
        archive, a compiled class, an editor's swap file. Binary means what git means: a NUL byte in the \
        first 8000 bytes. Images and fonts (`allow`) are expected in most repositories and are not reported. \
        Files over the size limit are not probed; `hygiene/large-file` covers them.""",
    fix = """
        If the file was added by accident, remove it from the change (`git rm --cached FILE`) and add its \
        pattern to `.gitignore`. If it belongs in the repository, consider Git LFS for large assets, and add \
        a glob for it to this rule's `allow` option.""",
    options = BinaryFile.Options.class)
public final class BinaryFile implements FileCheck<BinaryFile.Options> {

  /** Options of hygiene/binary-file. */
  public record Options(
      @Doc("Globs of binary files that may be added: `*` within a folder, `**` across folders, `?` one character; "
          + "a glob without `/` matches the file name at any depth. Case is ignored. A list given here replaces the default one.")
      List<String> allow) {

    public Options() {
      this(List.of("*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp", "*.ico", "*.bmp", "*.avif",
          "*.woff", "*.woff2", "*.ttf", "*.otf", "*.eot"));
    }

    public Options {
      if (allow == null) throw new IllegalArgumentException("allow must be a list of globs");
      allow = List.copyOf(allow);
      compile(allow); // rejects a malformed glob now, at load time
    }

    /** The allowed globs; file names of images and fonts come in any case ({@code LOGO.PNG}). */
    List<Glob> allowed() {
      return compile(allow);
    }

    private static List<Glob> compile(List<String> allow) {
      List<Glob> globs = new java.util.ArrayList<>(allow.size());
      for (String g : allow) {
        try {
          globs.add(Glob.compileIgnoringCase(g));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("allow: " + e.getMessage(), e);
        }
      }
      return globs;
    }
  }

  @Override
  public boolean accepts(ChangedFile file) {
    return file.status() == FileStatus.ADDED && file.binary() && !file.isSymlink() && !file.isSubmodule();
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    if (Glob.anyMatches(file.options().allowed(), file.path())) return List.of();
    long size = file.file().newSize();
    String how = size >= 0 ? " (" + Sizes.human(size) + ")" : "";
    return List.of(file.fileFinding("Adds a binary file" + how + ": it cannot be reviewed, and stays in the history for good.")
        .withKey("binary file added")); // the size is in the message, not in the fingerprint
  }
}
