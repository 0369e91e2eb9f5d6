package dev.vetter.checks.hygiene;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.change.Language;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
    id = "hygiene/debug-statement",
    category = Category.SMELLS,
    severity = Severity.WARNING,
    mode = Mode.SHADOW, // labelled: 0 of 35 (console.log in JSDoc examples, println in samples); docs/eval.md
    summary = "Debugging output or a breakpoint left in the code (`console.log`, `System.out.println`, `print(`, `pdb`, ...).",
    rationale = """
        Debugging aids that reach the main branch print noise into users' consoles and logs, can leak data \
        the log policy would have kept out, and a breakpoint (`debugger`, `breakpoint()`, `pdb.set_trace()`) \
        stops the program in production. Looked for: Java `System.out/err.print*` and `printStackTrace()`; \
        JavaScript and TypeScript `console.log/debug/trace` and `debugger`; Python `print(` at the start of a \
        statement, `breakpoint()`, `pdb`/`ipdb`/`pudb` imports and `set_trace()`; Go `fmt.Print/Printf/Println` \
        outside `package main` and the `print`/`println` built-ins. Printing is the job of a program's entry \
        point, so Java files with a `main` method and Python files with a `__main__` guard may print. Test \
        files are skipped (`test/`, `tests/`, `__tests__/`, `*_test.go`, `*Test.java`, `*.test.ts`, \
        `*.spec.js`, `test_*.py`, ...), and so are lines that start as comments or where the call follows `//` \
        or `#` on the line.""",
    fix = """
        Delete the statement, or route the message through the project's logger at debug level so it can be \
        switched on when needed. Where the whole line is a self-contained statement the finding suggests \
        removing it.""")
public final class DebugStatement implements FileCheck<NoOptions> {

  /** What to look for: {@code token} found in a line, at a word start when {@code wordStart}. */
  private record Needle(String token, boolean wordStart, boolean removable) {}

  private static final List<Needle> JAVA_PRINT = List.of(
      new Needle("System.out.print", true, true), new Needle("System.err.print", true, true));
  private static final List<Needle> JAVA_STACK_TRACE = List.of(new Needle(".printStackTrace(", false, false));
  private static final List<Needle> JS = List.of(
      new Needle("console.log(", true, true), new Needle("console.debug(", true, true), new Needle("console.trace(", true, true));
  private static final List<Needle> PYTHON = List.of(
      new Needle("breakpoint(", true, false), new Needle("pdb.set_trace(", false, false), new Needle("pudb.set_trace(", false, false));
  private static final List<Needle> GO_FMT = List.of(
      new Needle("fmt.Println(", true, false), new Needle("fmt.Printf(", true, false), new Needle("fmt.Print(", true, false));

  @Override
  public boolean accepts(ChangedFile file) {
    if (!file.isReviewableText() || PathKinds.isTest(file.path())) return false;
    return switch (Language.of(file.path())) {
      case JAVA, JAVASCRIPT, TYPESCRIPT, PYTHON, GO -> true;
      default -> false;
    };
  }

  @Override
  public List<Finding> check(FileContext<NoOptions> file) {
    FileContent head = file.head();
    String text = head.text();
    List<FileContent.Line> lines = head.lines();
    List<Finding> findings = new ArrayList<>();
    switch (Language.of(file.path())) {
      case JAVA -> {
        boolean mayPrint = text.contains("static void main(");
        boolean prints = !mayPrint && text.contains("System.");
        boolean traces = text.contains(".printStackTrace(");
        if (!prints && !traces) return List.of();
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).text();
          if (startsAsComment(t, false)) continue;
          Hit hit = prints ? find(t, JAVA_PRINT, false) : null;
          if (hit == null && traces) hit = find(t, JAVA_STACK_TRACE, false);
          if (hit != null) findings.add(finding(file, lines, i, hit));
        }
      }
      case JAVASCRIPT, TYPESCRIPT -> {
        boolean logs = text.contains("console.");
        boolean breaks = text.contains("debugger");
        if (!logs && !breaks) return List.of();
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).text();
          if (startsAsComment(t, false)) continue;
          Hit hit = logs ? find(t, JS, false) : null;
          if (hit == null && breaks) hit = debuggerStatement(t);
          if (hit != null) findings.add(finding(file, lines, i, hit));
        }
      }
      case PYTHON -> {
        boolean mayPrint = text.contains("__main__");
        if (!text.contains("print(") && !text.contains("breakpoint(") && !text.contains("db")) return List.of();
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).text();
          if (startsAsComment(t, true)) continue;
          Hit hit = pythonImport(t); // first: "import ipdb; ipdb.set_trace()" is reported by its import
          if (hit == null) hit = find(t, PYTHON, true);
          if (hit == null && !mayPrint) hit = atStatementStart(t, "print(", "print()");
          if (hit != null) findings.add(finding(file, lines, i, hit));
        }
      }
      case GO -> {
        boolean fmtCalls = text.contains("fmt.Print") && !isMainPackage(lines);
        boolean builtins = text.contains("print");
        if (!fmtCalls && !builtins) return List.of();
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).text();
          if (startsAsComment(t, false)) continue;
          Hit hit = fmtCalls ? find(t, GO_FMT, false) : null;
          if (hit == null) hit = atStatementStart(t, "println(", "println()");
          if (hit == null) hit = atStatementStart(t, "print(", "print()");
          if (hit != null) findings.add(finding(file, lines, i, hit));
        }
      }
      default -> { }
    }
    return findings;
  }

  /** A match: where it starts, what to call it, and whether the whole line may be suggested for removal. */
  private record Hit(int index, String label, boolean removable) {}

  private static Finding finding(FileContext<NoOptions> file, List<FileContent.Line> lines, int i, Hit hit) {
    Finding f = file.finding(i + 1, "Leftover debug statement `" + hit.label() + "`.").withColumn(hit.index() + 1);
    return hit.removable() && followsCompleteStatement(lines, i) ? f.withSuggestion("") : f;
  }

  private static Hit find(String t, List<Needle> needles, boolean hashComments) {
    for (Needle n : needles) {
      int idx = t.indexOf(n.token());
      while (idx >= 0) {
        if ((!n.wordStart() || wordStart(t, idx)) && !afterComment(t, idx, hashComments)) {
          String label = label(t, idx, n.token());
          boolean removable = n.removable() && idx == indentEnd(t) && isWholeCall(t, t.indexOf('(', idx));
          return new Hit(n.token().startsWith(".") ? idx + 1 : idx, label, removable);
        }
        idx = t.indexOf(n.token(), idx + 1);
      }
    }
    return null;
  }

  // the called name: System.out.println, console.log, fmt.Printf, printStackTrace
  private static String label(String t, int idx, String token) {
    int start = token.startsWith(".") ? idx + 1 : idx;
    int end = start;
    while (end < t.length() && (Character.isJavaIdentifierPart(t.charAt(end)) || t.charAt(end) == '.')) end++;
    return t.substring(start, end);
  }

  private static Hit debuggerStatement(String t) {
    int start = indentEnd(t);
    if (!t.startsWith("debugger", start)) return null;
    String rest = t.substring(start + "debugger".length()).strip();
    if (!(rest.isEmpty() || rest.equals(";") || rest.startsWith("//") || rest.startsWith(";") && rest.substring(1).strip().startsWith("//"))) return null;
    return new Hit(start, "debugger", rest.isEmpty() || rest.equals(";"));
  }

  private static Hit pythonImport(String t) {
    int start = indentEnd(t);
    for (String module : new String[] {"pdb", "ipdb", "pudb"}) {
      for (String form : new String[] {"import " + module, "from " + module + " "}) {
        if (t.startsWith(form, start)) {
          int after = start + form.length();
          if (form.startsWith("import") && after < t.length() && Character.isJavaIdentifierPart(t.charAt(after))) continue;
          return new Hit(start, "import " + module, false);
        }
      }
    }
    return null;
  }

  private static Hit atStatementStart(String t, String token, String label) {
    int start = indentEnd(t);
    return t.startsWith(token, start) ? new Hit(start, label, false) : null;
  }

  /** Whether the file's package clause names {@code main}. */
  private static boolean isMainPackage(List<FileContent.Line> lines) {
    for (FileContent.Line l : lines) {
      String t = l.text();
      if (!t.startsWith("package ")) continue;
      int start = "package ".length();
      while (start < t.length() && t.charAt(start) == ' ') start++;
      int end = start;
      while (end < t.length() && Character.isJavaIdentifierPart(t.charAt(end))) end++;
      return t.substring(start, end).equals("main");
    }
    return false;
  }

  private static boolean startsAsComment(String t, boolean hash) {
    int s = indentEnd(t);
    if (s >= t.length()) return true; // blank
    if (hash) return t.charAt(s) == '#';
    return t.startsWith("//", s) || t.startsWith("/*", s) || t.charAt(s) == '*';
  }

  // cheap, not a lexer: a "//" or "#" inside a string before the call hides it (a miss, never a false report)
  private static boolean afterComment(String t, int idx, boolean hash) {
    return hash ? t.lastIndexOf('#', idx) >= 0 : t.lastIndexOf("//", idx) >= 0;
  }

  private static boolean wordStart(String t, int idx) {
    if (idx == 0) return true;
    char c = t.charAt(idx - 1);
    return !(Character.isLetterOrDigit(c) || c == '_' || c == '$');
  }

  private static int indentEnd(String t) {
    int i = 0;
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
    return i;
  }

  /** The call opened at {@code open} closes on this line, followed by nothing but an optional {@code ;}. */
  private static boolean isWholeCall(String t, int open) {
    if (open < 0) return false;
    int depth = 0;
    char quote = 0;
    for (int i = open; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quote != 0) {
        if (c == '\\') i++;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        String rest = t.substring(i + 1).strip();
        return rest.isEmpty() || rest.equals(";");
      }
    }
    return false;
  }

  /**
   * Removing line {@code i} is safe only when it is a statement of its own: the line before it (ignoring
   * blank lines) ends a statement or opens a block, so the removed line is not the body of an
   * {@code if} or {@code else} without braces.
   */
  private static boolean followsCompleteStatement(List<FileContent.Line> lines, int i) {
    for (int j = i - 1; j >= 0; j--) {
      String prev = lines.get(j).text().strip();
      if (prev.isEmpty()) continue;
      return prev.endsWith(";") || prev.endsWith("{") || prev.endsWith("}") || prev.startsWith("//") || prev.endsWith("*/");
    }
    return true;
  }
}
