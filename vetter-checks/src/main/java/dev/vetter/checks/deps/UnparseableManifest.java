package dev.vetter.checks.deps;

import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.List;

@CheckInfo(
    id = "deps/unparseable",
    category = Category.DEPENDENCIES,
    severity = Severity.NOTICE,
    summary = "A dependency manifest or lockfile that Vetter could not parse, so the other `deps/` rules skipped it.",
    rationale = """
        The dependency rules can only review what they can read. When a `pom.xml`, `package.json`, \
        `pyproject.toml`, `Cargo.toml`, version catalog or JSON/TOML lockfile does not parse, this notice \
        says so instead of silently reporting nothing. Often the file is really broken (a merge conflict \
        marker, a trailing comma); sometimes it uses a construct Vetter refuses on purpose, such as a \
        DOCTYPE in a POM (DTDs and external entities are never processed). Line-based files \
        (`build.gradle`, `requirements.txt`, `go.mod`, `Gemfile`) never trigger it: what is not understood \
        there is skipped.""",
    fix = """
        Fix the syntax error the message points to; the package manager would fail on it too. If the \
        file is valid and Vetter is wrong, please report it with the file.""")
public final class UnparseableManifest implements FileCheck<NoOptions> {

  @Override
  public boolean accepts(ChangedFile file) {
    return ManifestKind.of(file.path()) != null && file.isReviewableText();
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    Manifest head = Manifest.parse(ManifestKind.of(file.path()), file.head());
    if (head.parsed()) return List.of();
    String name = file.path().substring(file.path().lastIndexOf('/') + 1);
    return List.of(file.fileFinding("Could not parse " + name + " (" + Shown.oneLine(head.error()) + "), so the dependency rules skipped it.")
        .withKey("unparseable"));
  }
}
