package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import dev.vetter.change.FileContent.LineEnding;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ec4j.core.EditorConfigLoader;
import org.ec4j.core.Resource;
import org.ec4j.core.ResourcePath;
import org.ec4j.core.ResourceProperties;
import org.ec4j.core.model.Ec4jPath;
import org.ec4j.core.model.Ec4jPath.Ec4jPaths;
import org.ec4j.core.model.PropertyType;
import org.ec4j.core.model.PropertyType.EndOfLineValue;
import org.ec4j.core.model.PropertyType.IndentStyleValue;
import org.ec4j.core.model.Version;
import org.ec4j.core.parser.ErrorEvent;
import org.ec4j.core.parser.ParseException;

@CheckInfo(
    id = "hygiene/editorconfig",
    category = Category.STYLE,
    severity = Severity.WARNING,
    summary = "A line or file that breaks the repository's own `.editorconfig`.",
    rationale = """
        `.editorconfig` is the repository's declared formatting contract, and editors with EditorConfig \
        support follow it while typing; a change that breaks it was made with a tool that ignored it, and the \
        next editor to save the file will reformat those lines, adding noise to an unrelated diff. The \
        `.editorconfig` files are looked up as EditorConfig specifies (from the file's folder up to the \
        repository root or a `root = true` file), at the head of the change, and each one read is part of \
        the cache key. Checked: `indent_style` (a single leading space, and spaces after tabs, count as \
        alignment), `indent_size` (leading spaces a multiple of it when indenting with spaces, ` * ` block \
        comment lines excepted; neither is asked of lines inside a Python triple-quoted string or a Go raw string or \
        block comment, whose indentation is the literal's content, such as a docstring's hanging indent), `trim_trailing_whitespace`, `insert_final_newline`, `end_of_line`, \
        `max_line_length` (columns, tabs at `tab_width`; a line with a URL is left alone, as a URL cannot be \
        wrapped, and so is one that pins a digest or fits without a trailing tool pragma, as for `hygiene/line-length`; a \
        file that already has a line over the limit at the base is not held to it: the team evidently does not) and `charset` (`utf-8` and `utf-8-bom`; other \
        charsets are not checked). Errors in an edited `.editorconfig` are reported on its lines. Lockfiles, minified \
        and generated files are skipped, and in prose (Markdown, reStructuredText, AsciiDoc) neither indentation \
        nor line length is checked: there a list item's continuation is indented by its marker and a long line \
        is a paragraph. Some properties overlap other hygiene rules (trailing whitespace, final newline, line length, line \
        endings): this rule speaks for the repository's own settings, so disable whichever is redundant.""",
    fix = """
        Reformat the lines as `.editorconfig` asks: an editor with EditorConfig support (built into most, a \
        plugin for the rest) does it on save. If the setting is wrong for these files, change or narrow the \
        section in `.editorconfig` instead, or list the property in this rule's `ignore` option.""",
    version = 3, // 2: lockfiles, minified and generated files skipped; prose not held to indentation or line length; URLs may run long
    // 3: multi-line literals keep their indentation; pinned digests and tool pragmas may run long; max_line_length only
    // where the base file keeps it
    options = EditorconfigViolation.Options.class)
public final class EditorconfigViolation implements FileCheck<EditorconfigViolation.Options> {

  static final Set<String> CHECKED = Set.of("indent_style", "indent_size", "trim_trailing_whitespace", "insert_final_newline",
      "end_of_line", "max_line_length", "charset");

  /** Options of hygiene/editorconfig. */
  public record Options(
      @Doc("EditorConfig properties not to check, e.g. `[indent_size, max_line_length]`.")
      List<String> ignore) {

    public Options() {
      this(List.of());
    }

    public Options {
      if (ignore == null) throw new IllegalArgumentException("ignore must be a list of property names");
      List<String> normalized = new ArrayList<>();
      for (String p : ignore) {
        String name = p == null ? "" : p.trim().toLowerCase(Locale.ROOT);
        if (!CHECKED.contains(name)) {
          throw new IllegalArgumentException("unknown property '" + p + "' in ignore, allowed values: " + new TreeSet<>(CHECKED));
        }
        normalized.add(name);
      }
      ignore = List.copyOf(normalized);
    }

    boolean checks(String property) {
      return !ignore.contains(property);
    }
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    List<Finding> findings = new ArrayList<>();
    if (PathKinds.name(file.path()).equals(HeadEditorconfigs.FILE_NAME)) findings.addAll(problemsIn(file));
    ResourceProperties props;
    try {
      props = new HeadEditorconfigs(file::readHead).properties(file.path());
    } catch (ParseException e) {
      // a governing .editorconfig does not parse: nothing reliable to check against. Its errors are
      // reported on the file itself when it is edited, not here on every file it governs.
      return findings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (props.getProperties().isEmpty()) return findings;
    // written by tools, not by people: a lockfile or minified file breaks no one's formatting contract
    if (PathKinds.isLockfile(file.path()) || PathKinds.isMinified(file.path())) return findings;
    Settings s = Settings.of(props, file.options());
    // in prose, indentation is content (a list item's continuation) and a line is a paragraph: only layout rules apply
    boolean prose = isProse(file.path());
    FileContent head = file.head();
    List<FileContent.Line> lines = head.lines();
    boolean checkIndent = !prose && (s.indentStyle != null || s.indentSize != null);
    boolean generatedChecked = false;
    Integer maxLength = prose ? null : s.maxLineLength;
    // indentation is about code: the lines of a docstring or an embedded script are the literal's content
    boolean[] quoted = checkIndent ? Literals.linesInside(file.path(), lines) : null;
    for (FileContent.Line line : lines) {
      String t = line.text();
      int n = line.number();
      if (checkIndent && !quoted[n - 1]) {
        Finding f = indentation(file, s, n, t);
        if (f != null) findings.add(f);
      }
      if (s.trim) {
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == ' ' || t.charAt(end - 1) == '\t')) end--;
        if (end < t.length()) {
          findings.add(file.finding(n, "Trailing whitespace; .editorconfig sets trim_trailing_whitespace = true.")
              .withColumn(end + 1).withSuggestion(t.substring(0, end)));
        }
      }
      if (maxLength != null && tooLong(t, maxLength, s.tabWidth)) {
        int over = LineWidth.overflowIndex(t, maxLength, s.tabWidth);
        if (over >= 0 && !generatedChecked) {
          // looked at only once a long line turns up, as hygiene/line-length does
          if (PathKinds.isGenerated(head)) return findings;
          generatedChecked = true;
          // a file that already runs past the limit at the base is not one the team holds to it: one more long line is no news
          if (file.base().map(b -> anyTooLong(b, s)).orElse(false)) {
            maxLength = null;
            continue;
          }
        }
        if (over >= 0) {
          findings.add(file.finding(n, "Line is " + LineWidth.of(t, s.tabWidth) + " columns long; .editorconfig sets max_line_length = "
              + maxLength + ".").withColumn(over + 1));
        }
      }
    }
    if (s.charset != null) findings.addAll(charset(file, head, s.charset));
    if (s.endOfLine != null) {
      LineEnding expected = switch (s.endOfLine) {
        case lf -> LineEnding.LF;
        case crlf -> LineEnding.CRLF;
        case cr -> null; // every LF-terminated line is wrong
      };
      findings.addAll(LineEndings.wrongRuns(file, lines, expected, ".editorconfig sets end_of_line = " + s.endOfLine.name()));
    }
    if (s.insertFinalNewline != null && !lines.isEmpty()) {
      FileContent.Line last = lines.get(lines.size() - 1);
      boolean ends = last.ending() != LineEnding.NONE;
      if (s.insertFinalNewline && !ends) {
        findings.add(file.finding(last.number(), "No newline at the end of the file; .editorconfig sets insert_final_newline = true.")
            .withColumn(last.text().length() + 1));
      } else if (!s.insertFinalNewline && ends) {
        findings.add(file.finding(last.number(), "The file ends with a newline; .editorconfig sets insert_final_newline = false.")
            .withColumn(last.text().length() + 1));
      }
    }
    return findings;
  }

  /** Over {@code max} columns, and not for a reason a reader would keep it so (a URL, a pinned digest, a trailing pragma). */
  private static boolean tooLong(String t, int max, int tabWidth) {
    return !LineWidth.surelyFits(t, max) && !t.contains("://") && !LineWidth.excused(t, max, tabWidth)
        && LineWidth.overflowIndex(t, max, tabWidth) >= 0;
  }

  private static boolean anyTooLong(FileContent base, Settings s) {
    if (base.isBinary()) return false;
    for (FileContent.Line l : base.lines()) {
      if (tooLong(l.text(), s.maxLineLength, s.tabWidth)) return true;
    }
    return false;
  }

  private static final Set<String> PROSE = Set.of("md", "markdown", "mdx", "rst", "adoc", "asciidoc");

  /** Markdown, reStructuredText and AsciiDoc: written as prose, where indentation and line breaks carry meaning. */
  static boolean isProse(String path) {
    String name = PathKinds.name(path);
    int dot = name.lastIndexOf('.');
    return dot > 0 && PROSE.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The properties that apply, typed; null where unset, invalid, ignored or not checkable. */
  private record Settings(IndentStyleValue indentStyle, Integer indentSize, int tabWidth, boolean trim, Boolean insertFinalNewline,
      EndOfLineValue endOfLine, Integer maxLineLength, String charset) {

    static Settings of(ResourceProperties p, Options o) {
      Integer indentSize = p.getValue(PropertyType.indent_size, null, false); // null for "tab"
      Integer tabWidth = p.getValue(PropertyType.tab_width, null, false);
      String charset = p.getValue(PropertyType.charset, null, false);
      boolean knownCharset = "utf-8".equals(charset) || "utf-8-bom".equals(charset);
      return new Settings(
          o.checks("indent_style") ? p.getValue(PropertyType.indent_style, null, false) : null,
          o.checks("indent_size") && indentSize != null && indentSize > 0 ? indentSize : null,
          tabWidth != null && tabWidth > 0 ? tabWidth : indentSize != null && indentSize > 0 ? indentSize : 4,
          o.checks("trim_trailing_whitespace") && Boolean.TRUE.equals(p.getValue(PropertyType.trim_trailing_whitespace, null, false)),
          o.checks("insert_final_newline") ? p.getValue(PropertyType.insert_final_newline, null, false) : null,
          o.checks("end_of_line") ? p.getValue(PropertyType.end_of_line, null, false) : null,
          o.checks("max_line_length") ? positive(p.getValue(PropertyType.max_line_length, null, false)) : null, // null for "off"
          o.checks("charset") && knownCharset ? charset : null);
    }

    private static Integer positive(Integer v) {
      return v != null && v > 0 ? v : null;
    }
  }

  private static Finding indentation(FileContext<Options> file, Settings s, int n, String t) {
    Indentation in = Indentation.of(t);
    if (in.blank() || in.end() == 0) return null;
    if (s.indentStyle == IndentStyleValue.space && in.hasTab()) {
      return file.finding(n, "Indented with a tab; .editorconfig sets indent_style = space.").withColumn(in.firstTab() + 1);
    }
    if (s.indentStyle == IndentStyleValue.tab && (in.startsWithSpaces() || in.spaceBeforeTab() >= 0)) {
      return file.finding(n, "Indented with spaces; .editorconfig sets indent_style = tab.")
          .withColumn(in.spaceBeforeTab() >= 0 ? in.spaceBeforeTab() + 1 : 1);
    }
    if (s.indentSize != null && s.indentStyle != IndentStyleValue.tab && !in.hasTab()) {
      int spaces = in.leadingSpaces();
      int rest = spaces % s.indentSize;
      // " * " continues a block comment one column past the indentation
      boolean commentStar = rest == 1 && in.end() < t.length() && t.charAt(in.end()) == '*';
      if (rest != 0 && !commentStar) {
        return file.finding(n, "Indented by " + spaces + " space" + (spaces == 1 ? "" : "s") + ", not a multiple of indent_size = "
            + s.indentSize + " from .editorconfig.").withColumn(1);
      }
    }
    return null;
  }

  private static List<Finding> charset(FileContext<Options> file, FileContent head, String charset) {
    List<Finding> findings = new ArrayList<>();
    List<FileContent.Line> lines = head.lines();
    if (lines.isEmpty()) return findings;
    if (charset.equals("utf-8") && head.hasBom()) {
      findings.add(file.finding(1, "The file starts with a UTF-8 byte-order mark; .editorconfig sets charset = utf-8.").withColumn(1));
    } else if (charset.equals("utf-8-bom") && !head.hasBom()) {
      findings.add(file.finding(1, "The file has no UTF-8 byte-order mark; .editorconfig sets charset = utf-8-bom.").withColumn(1));
    }
    if (!head.isValidUtf8()) {
      for (FileContent.Line l : lines) {
        int bad = l.text().indexOf('\uFFFD');
        if (bad >= 0) {
          findings.add(file.finding(l.number(), "Not valid UTF-8; .editorconfig sets charset = " + charset + ".").withColumn(bad + 1));
        }
      }
    }
    return findings;
  }

  /** Errors in an edited {@code .editorconfig}, each on its line: syntax errors and invalid values. */
  private static List<Finding> problemsIn(FileContext<Options> file) {
    List<Finding> findings = new ArrayList<>();
    FileContent self = file.head();
    EditorConfigLoader loader = EditorConfigLoader.of(Version.CURRENT, HeadEditorconfigs.TYPES, (context, event) -> {
      int line = Math.max(1, event.getStart() == null ? 1 : event.getStart().getLine());
      FileContent.Line text = self.line(line);
      findings.add(file.finding(line, "Invalid .editorconfig: " + describe(event, text == null ? "" : text.text())));
      // ec4j's parser cannot recover from a syntax error: stop at the first one
      if (event.getErrorType().isSyntaxError()) throw new ParseException(event);
    });
    Resource resource = new Resource() {
      @Override public boolean exists() { return true; }
      @Override public ResourcePath getParent() { return null; }
      @Override public Ec4jPath getPath() { return Ec4jPaths.of("/" + file.path()); }
      @Override public RandomReader openRandomReader() { throw new UnsupportedOperationException("not used by the parser"); }
      @Override public Reader openReader() { return new StringReader(self.text()); }
    };
    try {
      loader.load(resource);
    } catch (ParseException e) {
      // reported above
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  private static String describe(ErrorEvent e, String line) {
    int eq = line.indexOf('=');
    if (e.getErrorType() == ErrorEvent.ErrorType.INVALID_PROPERTY_VALUE && eq > 0) {
      // ec4j's own message names Java classes; say it in the file's terms
      String name = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(eq + 1).strip();
      PropertyType<?> type = HeadEditorconfigs.TYPES.getType(name);
      if (type != null) return "'" + value + "' is not a valid value of " + name + " (" + expected(type) + ").";
    }
    String m = e.getMessage() == null ? e.getErrorType().name() : e.getMessage().strip();
    return m.endsWith(".") ? m : m + ".";
  }

  private static String expected(PropertyType<?> type) {
    if (type == PropertyType.indent_size) return "expected a whole number above 0, or tab";
    if (type == PropertyType.tab_width) return "expected a whole number above 0";
    if (type == PropertyType.max_line_length) return "expected a whole number above 0, or off";
    return "expected one of: " + String.join(", ", type.getPossibleValues());
  }
}
