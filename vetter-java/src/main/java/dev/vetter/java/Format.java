package dev.vetter.java;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.JavaFormatterOptions;
import dev.vetter.change.ChangedFile;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Generated;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "java/format",
    category = Category.STYLE,
    severity = Severity.NOTICE,
    summary = "Java code that google-java-format would lay out differently; the finding suggests its layout.",
    rationale = """
        A formatter settles layout once for everybody, so reviews talk about the code. Vetter runs \
        google-java-format in-process on the changed files and reports each block of lines it would change, \
        with the formatted text as a suggestion, only where the change touches it.""",
    fix = """
        Apply the suggestion, or run google-java-format on the file (`--replace`). Imports are sorted and \
        unused ones removed, as the formatter's command line does by default.""",
    version = 2, // 2: generated files skipped
    options = Format.Options.class)
public final class Format implements FileCheck<Format.Options> {

  /** Options of java/format. */
  public record Options(
      @Doc("The layout: google (2-space indents), aosp (4-space indents, Android's), or auto: the one the repository's build "
          + "already enforces (spotless' googleJavaFormat or fmt-maven-plugin in pom.xml, googleJavaFormat in build.gradle), and "
          + "nothing when it enforces none, so a repository is never held to a layout it did not choose.")
      Style style,
      @Doc("Also sort imports and remove unused ones, as google-java-format's command line does by default.")
      boolean fixImports) {

    public Options() {
      this(Style.AUTO, true);
    }
  }

  /** google-java-format's styles. */
  public enum Style { AUTO, GOOGLE, AOSP }

  /** The javac packages google-java-format uses, which jdk.compiler does not export to other modules. */
  static final List<String> JAVAC_PACKAGES = List.of("api", "code", "file", "parser", "tree", "util");

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && file.path().endsWith(".java");
  }

  @Override
  public String cacheKey() {
    return "google-java-format " + Versions.GOOGLE_JAVA_FORMAT;
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    if (Generated.byMarker(file.head())) return List.of(); // nobody edits generated code by hand
    Options o = file.options();
    Style style = o.style() != Style.AUTO ? o.style() : new BuildFiles(file::readBase).googleJavaFormat(file.path()).orElse(null);
    if (style == null) return List.of(); // the build enforces no layout: not ours to impose one
    requireJavacAccess();
    Formatter formatter = new Formatter(JavaFormatterOptions.builder()
        .style(style == Style.AOSP ? JavaFormatterOptions.Style.AOSP : JavaFormatterOptions.Style.GOOGLE).build());
    String text = file.head().text();
    String formatted;
    try {
      formatted = o.fixImports() ? formatter.formatSourceAndFixImports(text) : formatter.formatSource(text);
    } catch (FormatterException e) {
      var d = e.diagnostics().isEmpty() ? null : e.diagnostics().get(0);
      String message = "google-java-format cannot parse this file: " + (d == null ? e.getMessage() : d.message());
      return List.of(d != null && d.line() > 0 ? file.finding(d.line(), message) : file.fileFinding(message));
    }
    if (formatted.equals(text)) return List.of();
    List<Finding> findings = new ArrayList<>();
    for (LineDiff.Hunk h : LineDiff.hunks(lines(text), lines(formatted))) {
      String replacement = String.join("\n", h.replacement());
      if (h.count() == 0) {
        // only lines to insert: shown on the line before them (or the first), replacing it with itself plus them
        int at = Math.max(1, h.start() - 1);
        String[] old = lines(text);
        String anchor = at <= old.length ? old[at - 1] : "";
        String suggestion = h.start() - 1 >= 1 ? anchor + "\n" + replacement : replacement + "\n" + anchor;
        findings.add(file.finding(at, "google-java-format would insert " + h.replacement().size() + " line(s) here.").withSuggestion(suggestion));
      } else {
        int end = h.start() + h.count() - 1;
        findings.add(file.finding(h.start(), end > h.start()
                ? "google-java-format would lay out lines " + h.start() + "-" + end + " differently."
                : "google-java-format would lay out this line differently.")
            .withEndLine(end).withSuggestion(replacement));
      }
    }
    return findings;
  }

  private static String[] lines(String text) {
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return t.isEmpty() ? new String[0] : t.split("\r?\n", -1);
  }

  /**
   * google-java-format uses javac's parser; without the JVM options that export it (the {@code vetter}
   * launcher's jar and Vetter's tests pass them) it cannot run, and says so rather than failing obscurely.
   */
  static void requireJavacAccess() {
    Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElseThrow(() ->
        new IllegalStateException("google-java-format needs the jdk.compiler module: run Vetter on a JDK, not a JRE"));
    Module me = Format.class.getModule();
    List<String> missing = JAVAC_PACKAGES.stream().map(p -> "com.sun.tools.javac." + p).filter(p -> !compiler.isExported(p, me)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("google-java-format needs javac's internal packages; start Java with "
          + String.join(" ", missing.stream().map(p -> "--add-exports=jdk.compiler/" + p + "=ALL-UNNAMED").toList())
          + " (the vetter launcher does)");
    }
  }
}
