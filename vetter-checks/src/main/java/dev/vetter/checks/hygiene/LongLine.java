package dev.vetter.checks.hygiene;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "hygiene/line-length",
    category = Category.STYLE,
    severity = Severity.NOTICE,
    summary = "A line longer than the limit (120 columns unless configured).",
    rationale = """
        Long lines are read by scrolling sideways, wrap badly in side-by-side diffs and review tools, and \
        usually mean an expression that would read better split up. Width is counted in columns: one per \
        character (code point), a tab advancing to the next multiple of `tabWidth`. With `ignoreUrls` (the \
        default) a line that is too long only because of a URL is left alone, since a URL cannot be \
        wrapped; so is a line that pins a digest (`uses: owner/action@<40-digit sha>`, `image@sha256:...`) and one that \
        fits without a trailing tool pragma (`# type: ignore[...]`, `# noqa`, `// eslint-disable-line`), as ruff's \
        and pycodestyle's E501 leave it. Minified files (`*.min.js`, `*.map`, ...), lockfiles and generated files (`@generated`, \
        `Code generated ... DO NOT EDIT.`) are skipped. The column points at the first character past the limit.""",
    fix = """
        Break the line: one argument or operand per line, a local variable for a long sub-expression, a \
        shorter name. A formatter with the same limit does it for you. For an unbreakable line (a long \
        string literal, say), suppress it with `vetter:ignore hygiene/line-length` and the reason.""",
    version = 2, // 2: pinned digests and trailing tool pragmas may run long
    options = LongLine.Options.class)
public final class LongLine implements FileCheck<LongLine.Options> {

  /** Options of hygiene/line-length. */
  public record Options(
      @Doc("The longest allowed line, in columns (at least 1).")
      int max,
      @Doc("Skip lines that are too long only because of a URL.")
      boolean ignoreUrls,
      @Doc("How many columns a tab advances to (1 to 16).")
      int tabWidth) {

    public Options() {
      this(120, true, 4);
    }

    public Options {
      if (max < 1) throw new IllegalArgumentException("max must be at least 1: " + max);
      if (tabWidth < 1 || tabWidth > 16) throw new IllegalArgumentException("tab-width must be between 1 and 16: " + tabWidth);
    }
  }

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && !PathKinds.isMinified(file.path()) && !PathKinds.isLockfile(file.path());
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Options o = file.options();
    FileContent head = file.head();
    List<Finding> findings = new ArrayList<>();
    boolean generatedChecked = false;
    for (FileContent.Line line : head.lines()) {
      String text = line.text();
      if (LineWidth.surelyFits(text, o.max())) continue;
      int over = LineWidth.overflowIndex(text, o.max(), o.tabWidth());
      if (over < 0) continue;
      if (o.ignoreUrls() && text.contains("://") && fitsWithoutUrls(text, o)) continue;
      if (LineWidth.excused(text, o.max(), o.tabWidth())) continue;
      if (!generatedChecked) {
        // looked at only once a long line turns up: most files never pay for it
        if (PathKinds.isGenerated(head)) return List.of();
        generatedChecked = true;
      }
      int width = LineWidth.of(text, o.tabWidth());
      findings.add(file.finding(line.number(), "Line is " + width + " columns long; the limit is " + o.max() + ".")
          .withColumn(over + 1));
    }
    return findings;
  }

  /** Whether the line fits once its URLs (whitespace-free runs holding {@code ://}) are left out. */
  private static boolean fitsWithoutUrls(String text, Options o) {
    StringBuilder rest = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      int start = i;
      if (isSpace(text.charAt(i))) {
        while (i < n && isSpace(text.charAt(i))) i++;
        rest.append(text, start, i);
        continue;
      }
      while (i < n && !isSpace(text.charAt(i))) i++;
      if (text.indexOf("://", start) < 0 || text.indexOf("://", start) >= i) rest.append(text, start, i);
    }
    return LineWidth.of(rest.toString(), o.tabWidth()) <= o.max();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
