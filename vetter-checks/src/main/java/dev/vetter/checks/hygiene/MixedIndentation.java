package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.change.Language;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import dev.vetter.checks.hygiene.Indentation.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@CheckInfo(
    id = "hygiene/mixed-indentation",
    category = Category.STYLE,
    severity = Severity.WARNING,
    mode = Mode.SHADOW, // labelled: 2 of 42 (Markdown examples, shell text in Go strings); .editorconfig indent_style is enforced by hygiene/editorconfig; docs/eval.md
    summary = "A line indented with tabs in a file indented with spaces, or the reverse, or spaces before a tab.",
    rationale = """
        Tabs and spaces only line up when everyone's editor uses the same tab width; mixed, the code's shape \
        changes from one screen to the next, diffs show lines that did not really change, and \
        indentation-sensitive formats (Python, YAML, Makefiles) break outright. With `style: detect` (the \
        default) the file's own majority decides: lines starting with a tab against those starting with two \
        or more spaces. Spaces *after* tabs (aligning a continuation) and a single leading space (the \
        ` * ` of a block comment) count as alignment, not indentation. Go files are expected to use tabs, as \
        `gofmt` writes them, whatever their majority (lines inside a raw string or a block comment, such as an embedded script, keep their own layout, as do the lines of a Python triple-quoted string). Makefiles are never asked to use spaces, since a recipe \
        line must start with a tab; in them only spaces before a tab are reported.""",
    fix = """
        Re-indent the line the way the rest of the file is indented: most editors can convert \
        (*Convert Indentation to Spaces/Tabs*), and `.editorconfig`'s `indent_style` keeps it from happening \
        again. Formatters (`gofmt`, `prettier`, `black`, `google-java-format`) settle it for good.""",
    version = 3, // 2: Go raw strings and block comments keep their own layout; 3: Python triple-quoted strings too
    options = MixedIndentation.Options.class)
public final class MixedIndentation implements FileCheck<MixedIndentation.Options> {

  /** Options of hygiene/mixed-indentation. */
  public record Options(
      @Doc("`detect` (the file's majority; tabs for Go), `spaces` or `tabs`. Makefiles always keep their tabs.")
      String style) {

    public Options() {
      this("detect");
    }

    public Options {
      style = style == null ? "" : style.trim().toLowerCase(Locale.ROOT);
      if (!List.of("detect", "spaces", "tabs").contains(style)) {
        throw new IllegalArgumentException("invalid style '" + style + "', allowed values: [detect, spaces, tabs]");
      }
    }
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    List<FileContent.Line> lines = file.head().lines();
    Indentation[] indents = new Indentation[lines.size()];
    int tabLines = 0;
    int spaceLines = 0;
    for (int i = 0; i < indents.length; i++) {
      Indentation in = Indentation.of(lines.get(i).text());
      indents[i] = in;
      if (in.blank()) continue;
      if (in.startsWithTab()) tabLines++;
      else if (in.startsWithSpaces()) spaceLines++;
    }
    boolean makefile = PathKinds.isMakefile(file.path());
    String mode = file.options().style();
    Style expected;
    String why;
    if (makefile) {
      expected = Style.NONE;
      why = "";
    } else if (mode.equals("spaces")) {
      expected = Style.SPACES;
      why = "the policy asks for spaces";
    } else if (mode.equals("tabs")) {
      expected = Style.TABS;
      why = "the policy asks for tabs";
    } else if (Language.of(file.path()) == Language.GO) {
      expected = Style.TABS;
      why = "Go code is indented with tabs (gofmt)";
    } else {
      expected = tabLines > spaceLines ? Style.TABS : spaceLines > tabLines ? Style.SPACES : Style.NONE;
      // no counts in the message: it would change with every edit of the file
      why = expected == Style.TABS ? "most of this file is indented with tabs" : "most of this file is indented with spaces";
    }
    // a Go raw string (a script, a template), block comment or Python docstring keeps its own layout: formatters leave it alone
    boolean[] quoted = Literals.linesInside(file.path(), lines);
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < indents.length; i++) {
      Indentation in = indents[i];
      if (in.blank() || quoted[i]) continue;
      int line = i + 1;
      if (in.spaceBeforeTab() >= 0) {
        findings.add(file.finding(line, "Space before a tab in the indentation.").withColumn(in.spaceBeforeTab() + 1));
      } else if (expected == Style.SPACES && in.hasTab()) {
        findings.add(file.finding(line, "Indented with a tab; " + why + ".").withColumn(in.firstTab() + 1));
      } else if (expected == Style.TABS && in.startsWithSpaces()) {
        findings.add(file.finding(line, "Indented with spaces; " + why + ".").withColumn(1));
      }
    }
    return findings;
  }
}
