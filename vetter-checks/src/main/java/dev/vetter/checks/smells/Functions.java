package dev.vetter.checks.smells;

import dev.vetter.change.Language;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the functions of a source file and their cyclomatic complexity, lizard-style: no parser, a
 * token scanner that skips strings and comments, counts decision points ({@code if}, {@code for},
 * {@code while}, {@code case}, {@code catch}, {@code &&}, {@code ||}, the ternary {@code ?}; Python's
 * {@code elif}, {@code except}, {@code and}, {@code or}) and adds one per function. Function bodies
 * are found by braces in Java, JavaScript, TypeScript and Go, and by indentation in Python. Named
 * nested functions, and lambdas or arrow functions assigned to a name, are functions of their own;
 * anonymous ones (callbacks, Go func literals) count towards the function around them.
 */
final class Functions {
  private Functions() {}

  /**
   * One function.
   *
   * @param name qualified by its classes and enclosing functions ({@code Parser.parse}); anonymous
   *     functions outside any other are named {@code (anonymous)}
   * @param line the line of its name
   * @param endLine the line that closes it
   */
  record Function(String name, int line, int endLine, int complexity) {}

  /** The functions of {@code text} in {@code language}, in order of appearance; empty for other languages. */
  static List<Function> of(Language language, String text) {
    return switch (language) {
      case JAVA, JAVASCRIPT, TYPESCRIPT, GO -> new CLike(language, text).functions();
      case PYTHON -> new Python(text).functions();
      default -> List.of();
    };
  }

  static boolean supports(Language language) {
    return switch (language) {
      case JAVA, JAVASCRIPT, TYPESCRIPT, GO, PYTHON -> true;
      default -> false;
    };
  }

  /** A token: an identifier or keyword, an operator, or a placeholder for a string, number or regex. */
  record Token(String text, int line, boolean ident) {
    boolean is(String s) {
      return text.equals(s);
    }
  }

  /** What a '{' opens when it is a function or class body. */
  private record Head(String name, boolean function) {}

  private static final class Frame {
    final String name; // function or class name, null for a plain block
    final boolean function;
    final int line;
    int complexity = 1;

    Frame(String name, boolean function, int line) {
      this.name = name;
      this.function = function;
      this.line = line;
    }
  }

  // ---------------------------------------------------------------- C-like languages

  private static final class CLike {
    private static final Set<String> CONTROL = Set.of("if", "for", "while", "switch", "catch", "with", "synchronized", "return", "typeof",
        "await", "yield", "else", "do", "try", "finally", "new", "super", "this", "throw", "case", "in", "of", "instanceof", "delete", "void");
    private static final Set<String> CLASSES = Set.of("class", "interface", "enum", "record");
    private static final Set<String> DECISIONS = Set.of("if", "for", "while", "case", "catch", "&&", "||");
    private static final Set<String> OPERATORS = Set.of("&&", "||", "??", "=>", "->", "::");
    private static final Set<String> NOT_TERNARY = Set.of(":", ")", ",", ">", "=", "]", ";", "extends", "super");

    private final Language language;
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;

    CLike(Language language, String src) {
      this.language = language;
      this.src = src;
      lex();
    }

    private boolean js() {
      return language == Language.JAVASCRIPT || language == Language.TYPESCRIPT;
    }

    List<Function> functions() {
      Map<Integer, Head> heads = language == Language.GO ? goHeads() : lookBackHeads();
      List<Function> out = new ArrayList<>();
      Deque<Frame> stack = new ArrayDeque<>();
      for (int k = 0; k < tokens.size(); k++) {
        Token t = tokens.get(k);
        if (t.is("{")) {
          Head h = heads.get(k);
          Frame enclosingFunction = innermostFunction(stack);
          if (h == null || h.function() && h.name() == null && enclosingFunction != null) {
            stack.push(new Frame(null, false, t.line())); // a block, or an anonymous function folded into its enclosing one
          } else {
            String name = h.name() == null ? "(anonymous)" : h.name();
            stack.push(new Frame(qualify(stack, name), h.function(), nameLine(k, t.line())));
          }
        } else if (t.is("}")) {
          if (stack.isEmpty()) continue;
          Frame f = stack.pop();
          if (f.function) out.add(new Function(f.name, f.line, t.line(), f.complexity));
        } else if (isDecision(k)) {
          Frame f = innermostFunction(stack);
          if (f != null) f.complexity++;
        }
      }
      // unclosed functions at the end of a broken file still count
      while (!stack.isEmpty()) {
        Frame f = stack.pop();
        if (f.function) out.add(new Function(f.name, f.line, line, f.complexity));
      }
      out.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return out;
    }

    // the line of the function's name, found again by looking back from its '{' (a signature may span lines)
    private final Map<Integer, Integer> nameLines = new HashMap<>();

    private int nameLine(int brace, int fallback) {
      return nameLines.getOrDefault(brace, fallback);
    }

    private static Frame innermostFunction(Deque<Frame> stack) {
      for (Frame f : stack) {
        if (f.function) return f;
      }
      return null;
    }

    private static String qualify(Deque<Frame> stack, String name) {
      for (Frame f : stack) {
        if (f.name != null) return f.name + "." + name;
      }
      return name;
    }

    private boolean isDecision(int k) {
      Token t = tokens.get(k);
      if (t.is("?")) return ternary(k);
      if (!DECISIONS.contains(t.text())) return false;
      if (language == Language.GO && (t.is("while") || t.is("catch"))) return false;
      // a property or method named like a keyword (`x.if`, `{ case: 1 }`) is no decision
      if (t.ident() && k > 0 && (tokens.get(k - 1).is(".") || tokens.get(k - 1).is("?."))) return false;
      return !(t.ident() && k + 1 < tokens.size() && tokens.get(k + 1).is(":") && js() && !t.is("case"));
    }

    // `a ? b : c`, but not Java's wildcard `<?>`/`<? extends T>` nor TypeScript's optional `x?: T` or `x?)`
    private boolean ternary(int k) {
      String prev = k > 0 ? tokens.get(k - 1).text() : "";
      String next = k + 1 < tokens.size() ? tokens.get(k + 1).text() : "";
      if (prev.equals("<") || prev.equals(",") && (next.equals(">") || next.equals("extends") || next.equals("super"))) return false;
      return !NOT_TERNARY.contains(next);
    }

    // ---- Java, JavaScript, TypeScript: decide at each '{' by looking back

    private Map<Integer, Head> lookBackHeads() {
      Map<Integer, Head> heads = new HashMap<>();
      for (int b = 0; b < tokens.size(); b++) {
        if (!tokens.get(b).is("{")) continue;
        Head h = classHead(b);
        if (h == null) h = functionHead(b);
        if (h != null) heads.put(b, h);
      }
      return heads;
    }

    // `class X ... {`: the nearest class keyword since the previous statement
    private Head classHead(int b) {
      int depth = 0;
      for (int k = b - 1; k >= 0 && b - k < 200; k--) {
        Token t = tokens.get(k);
        if (t.is(")") || t.is("]")) depth++;
        else if (t.is("(") || t.is("[")) depth--;
        if (depth < 0) return null;
        if (depth == 0 && (t.is(";") || t.is("{") || t.is("}") || t.is("=>") || t.is("->") || t.is("="))) return null;
        if (depth == 0 && t.ident() && CLASSES.contains(t.text()) && (k == 0 || !tokens.get(k - 1).is("."))) {
          if (t.is("record") && language != Language.JAVA) return null;
          String name = k + 1 < b && tokens.get(k + 1).ident() ? tokens.get(k + 1).text() : "(anonymous class)";
          nameLines.put(b, tokens.get(k).line());
          return new Head(name, false);
        }
      }
      return null;
    }

    private Head functionHead(int b) {
      int k = b - 1;
      if (k < 0) return null;
      Token p = tokens.get(k);
      if (p.is("=>") || p.is("->")) return arrowHead(b, k);
      int close = k;
      if (!p.is(")")) {
        close = -1;
        for (int j = k; j > 0 && k - j < 40; j--) {
          Token t = tokens.get(j);
          if (t.is(";") || t.is("{") || t.is("}") || t.is("=")) break;
          // Java `) throws A, B {`, TypeScript `): Promise<T> {`
          if ((t.is("throws") || t.is(":")) && tokens.get(j - 1).is(")")) {
            close = j - 1;
            break;
          }
        }
        if (close < 0) return null;
      }
      int open = matching(close, "(", ")");
      if (open <= 0) return null;
      int before = open - 1;
      if (tokens.get(before).is(">")) { // generics between name and parameters: foo<T>(
        int lt = matching(before, "<", ">");
        if (lt <= 0) return null;
        before = lt - 1;
      }
      Token name = tokens.get(before);
      if (!name.ident() || CONTROL.contains(name.text())) return null;
      if (before > 0 && (tokens.get(before - 1).is("new") || tokens.get(before - 1).is("."))) return null;
      if (name.is("function")) { // an anonymous function expression
        int ctx = before - 1;
        if (ctx >= 0 && tokens.get(ctx).is("async")) ctx--;
        String n = contextName(ctx);
        if (n != null) nameLines.put(b, tokens.get(ctx - 1).line());
        return new Head(n, true);
      }
      nameLines.put(b, name.line());
      return new Head(name.text(), true);
    }

    private Head arrowHead(int b, int arrow) {
      int k = arrow - 1;
      if (k < 0) return null;
      int start;
      if (tokens.get(k).is(")")) {
        start = matching(k, "(", ")");
      } else if (tokens.get(k).ident() && !(k > 0 && tokens.get(k - 1).is(":"))) {
        start = k; // a single parameter: x => {
      } else {
        // a return type: (a: A): B => {
        start = -1;
        for (int j = k; j > 0 && k - j < 40; j--) {
          if (tokens.get(j).is(":") && tokens.get(j - 1).is(")")) {
            start = matching(j - 1, "(", ")");
            break;
          }
          if (tokens.get(j).is(";") || tokens.get(j).is("{") || tokens.get(j).is("}")) break;
        }
      }
      if (start <= 0) return new Head(null, true);
      int ctx = start - 1;
      if (tokens.get(ctx).is("async")) ctx--;
      String n = contextName(ctx);
      if (n != null) nameLines.put(b, tokens.get(ctx - 1).line());
      return new Head(n, true);
    }

    // the name a function expression is assigned to: `name = ...` or `name: ...`; null when anonymous
    private String contextName(int ctx) {
      if (ctx < 1) return null;
      Token t = tokens.get(ctx);
      Token before = tokens.get(ctx - 1);
      if ((t.is("=") || t.is(":")) && before.ident() && !CONTROL.contains(before.text())) return before.text();
      return null;
    }

    // the index of the opening token that matches the closing one at `close`, or -1; the search is
    // bounded so that unbalanced input (a misread regex, a `>` that is a comparison) stays linear
    private int matching(int close, String open, String closeText) {
      int limit = open.equals("<") ? 64 : 4096;
      int depth = 0;
      for (int k = close; k >= 0 && close - k <= limit; k--) {
        Token t = tokens.get(k);
        if (t.is(closeText)) depth++;
        else if (t.is(open) && --depth == 0) return k;
      }
      return -1;
    }

    // ---- Go: `func [(recv)] name[T](params) results {`

    private Map<Integer, Head> goHeads() {
      Map<Integer, Head> heads = new HashMap<>();
      int depth = 0;
      for (int k = 0; k < tokens.size(); k++) {
        Token t = tokens.get(k);
        if (t.is("{")) depth++;
        else if (t.is("}")) depth--;
        if (!t.is("func") || depth != 0 || k + 1 >= tokens.size()) continue; // func literals inside functions are anonymous
        int j = k + 1;
        String receiver = null;
        if (tokens.get(j).is("(")) {
          int close = forward(j, "(", ")");
          if (close < 0) continue;
          for (int r = j + 1; r < close; r++) {
            if (tokens.get(r).ident()) receiver = tokens.get(r).text(); // the last identifier is the type
          }
          j = close + 1;
        }
        if (j >= tokens.size() || !tokens.get(j).ident()) continue;
        Token name = tokens.get(j);
        int body = goBody(j + 1);
        if (body < 0) continue;
        nameLines.put(body, name.line());
        heads.put(body, new Head(receiver == null ? name.text() : receiver + "." + name.text(), true));
      }
      return heads;
    }

    // the '{' of the body, skipping type parameters, parameters and results (`interface{}`, `struct{...}` included)
    private int goBody(int from) {
      int paren = 0;
      for (int k = from; k < tokens.size(); k++) {
        Token t = tokens.get(k);
        if (t.is("(") || t.is("[")) paren++;
        else if (t.is(")") || t.is("]")) paren--;
        else if (t.is("func") && paren == 0 && k > from && tokens.get(k - 1).line() < t.line()) return -1; // a declaration without a body
        else if (t.is("{")) {
          if (k > 0 && (tokens.get(k - 1).is("interface") || tokens.get(k - 1).is("struct"))) {
            k = forward(k, "{", "}");
            if (k < 0) return -1;
            continue;
          }
          if (paren == 0) return k;
        }
      }
      return -1;
    }

    private int forward(int open, String openText, String close) {
      int depth = 0;
      for (int k = open; k < tokens.size(); k++) {
        if (tokens.get(k).is(openText)) depth++;
        else if (tokens.get(k).is(close) && --depth == 0) return k;
      }
      return -1;
    }

    // ---- lexer

    private void add(String text, boolean ident) {
      tokens.add(new Token(text, line, ident));
    }

    private void lex() {
      int n = src.length();
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
          while (i < n && src.charAt(i) != '\n') i++;
        } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
          i += 2;
          while (i < n && !(src.charAt(i) == '*' && i + 1 < n && src.charAt(i + 1) == '/')) {
            if (src.charAt(i) == '\n') line++;
            i++;
          }
          i += 2;
        } else if (c == '"' && language == Language.JAVA && src.startsWith("\"\"\"", i)) {
          int at = line;
          i += 3;
          while (i < n && !src.startsWith("\"\"\"", i)) {
            if (src.charAt(i) == '\\') i++;
            else if (src.charAt(i) == '\n') line++;
            i++;
          }
          i += 3;
          tokens.add(new Token("\"\"", at, false));
        } else if (c == '"' || c == '\'') {
          quoted(c);
          add("\"\"", false);
        } else if (c == '`') {
          int at = line;
          if (js()) template();
          else rawString();
          tokens.add(new Token("\"\"", at, false));
        } else if (c == '/' && js() && regexAllowed()) {
          regex();
          add("/re/", false);
        } else if (Character.isJavaIdentifierStart(c)) {
          int s = i;
          while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) i++;
          add(src.substring(s, i), true);
        } else if (Character.isDigit(c)) {
          while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) i++;
          add("0", false);
        } else {
          String two = i + 1 < n ? src.substring(i, i + 2) : "";
          if (OPERATORS.contains(two) || two.equals("?.") && !(i + 2 < n && Character.isDigit(src.charAt(i + 2)))) {
            add(two, false);
            i += 2;
          } else {
            add(String.valueOf(c), false);
            i++;
          }
        }
      }
    }

    private void quoted(char q) {
      int n = src.length();
      i++;
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == q) {
          i++;
          return;
        }
        if (c == '\n') return; // unterminated: stop at the end of the line
        i++;
      }
    }

    private void rawString() { // Go's `raw string`
      int n = src.length();
      i++;
      while (i < n && src.charAt(i) != '`') {
        if (src.charAt(i) == '\n') line++;
        i++;
      }
      i++;
    }

    private void template() { // JavaScript's `template ${expr}`, expressions skipped with the text
      int n = src.length();
      i++;
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '`') {
          i++;
          return;
        }
        if (c == '\n') line++;
        if (c == '$' && i + 1 < n && src.charAt(i + 1) == '{') {
          i += 2;
          int depth = 1;
          while (i < n && depth > 0) {
            char e = src.charAt(i);
            if (e == '{') depth++;
            else if (e == '}') depth--;
            else if (e == '\n') line++;
            else if (e == '"' || e == '\'') {
              quoted(e);
              continue;
            } else if (e == '`') {
              template();
              continue;
            }
            i++;
          }
          continue;
        }
        i++;
      }
    }

    // a '/' starts a regex literal where an operand is expected, not after a value
    private boolean regexAllowed() {
      if (tokens.isEmpty()) return true;
      Token p = tokens.get(tokens.size() - 1);
      if (p.ident()) return CONTROL.contains(p.text());
      return !(p.is(")") || p.is("]") || p.is("}") || p.is("\"\"") || p.is("0") || p.is("/re/"));
    }

    private void regex() {
      int n = src.length();
      i++;
      boolean inClass = false;
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '\n') return;
        if (c == '[') inClass = true;
        else if (c == ']') inClass = false;
        else if (c == '/' && !inClass) {
          i++;
          while (i < n && Character.isLetter(src.charAt(i))) i++;
          return;
        }
        i++;
      }
    }
  }

  // ---------------------------------------------------------------- Python

  private static final class Python {
    private static final Set<String> DECISIONS = Set.of("if", "elif", "for", "while", "except", "and", "or");

    /** A logical line: what Python's tokenizer would join, with the indentation of its first line. */
    private record Logical(int indent, int line, int endLine, List<Token> tokens) {}

    private final String src;
    private final List<Logical> logical = new ArrayList<>();

    Python(String src) {
      this.src = src;
      lex();
    }

    List<Function> functions() {
      record Block(int indent, Frame frame) {}
      Deque<Block> stack = new ArrayDeque<>();
      List<Function> out = new ArrayList<>();
      int lastLine = 0;
      for (Logical l : logical) {
        while (!stack.isEmpty() && stack.peek().indent() >= l.indent()) close(stack.pop().frame(), lastLine, out);
        List<Token> t = l.tokens();
        int k = t.get(0).is("async") ? 1 : 0;
        if (t.size() > k + 1 && (t.get(k).is("def") || t.get(k).is("class")) && t.get(k + 1).ident()) {
          String name = t.get(k + 1).text();
          for (Block b : stack) {
            if (b.frame().name != null) {
              name = b.frame().name + "." + name;
              break;
            }
          }
          stack.push(new Block(l.indent(), new Frame(name, t.get(k).is("def"), t.get(k + 1).line())));
        }
        Frame f = null;
        for (Block b : stack) {
          if (b.frame().function) {
            f = b.frame();
            break;
          }
        }
        if (f != null) {
          for (int j = 0; j < t.size(); j++) {
            Token tok = t.get(j);
            if (tok.ident() && (DECISIONS.contains(tok.text()) || j == 0 && tok.is("case") && t.size() > 1)) f.complexity++;
          }
        }
        lastLine = l.endLine();
      }
      while (!stack.isEmpty()) close(stack.pop().frame(), lastLine, out);
      out.sort((a, b) -> Integer.compare(a.line(), b.line()));
      return out;
    }

    private static void close(Frame f, int endLine, List<Function> out) {
      if (f.function) out.add(new Function(f.name, f.line, Math.max(f.line, endLine), f.complexity));
    }

    private void lex() {
      int n = src.length();
      int i = 0;
      int line = 1;
      int depth = 0;
      List<Token> cur = new ArrayList<>();
      int indent = 0;
      int start = 1;
      boolean atLineStart = true;
      while (i < n) {
        char c = src.charAt(i);
        if (atLineStart && depth == 0 && cur.isEmpty()) {
          int col = 0;
          while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\f')) {
            col = src.charAt(i) == '\t' ? (col / 8 + 1) * 8 : col + 1;
            i++;
          }
          indent = col;
          start = line;
          atLineStart = false;
          continue;
        }
        if (c == '\n') {
          line++;
          i++;
          if (depth == 0) {
            if (!cur.isEmpty()) logical.add(new Logical(indent, start, line - 1, List.copyOf(cur)));
            cur.clear();
            atLineStart = true;
          }
        } else if (c == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
          i += 2;
          line++;
        } else if (c == '\\' && i + 2 < n && src.charAt(i + 1) == '\r' && src.charAt(i + 2) == '\n') {
          i += 3;
          line++;
        } else if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          while (i < n && src.charAt(i) != '\n') i++;
        } else if (c == '"' || c == '\'') {
          int at = line;
          String q3 = c == '"' ? "\"\"\"" : "'''";
          boolean triple = src.startsWith(q3, i);
          i += triple ? 3 : 1;
          while (i < n) {
            char s = src.charAt(i);
            if (s == '\\') {
              if (i + 1 < n && src.charAt(i + 1) == '\n') line++;
              i += 2;
              continue;
            }
            if (triple ? s == c && src.startsWith(q3, i) : s == c) {
              i += triple ? 3 : 1;
              break;
            }
            if (s == '\n') {
              if (!triple) break; // unterminated
              line++;
            }
            i++;
          }
          cur.add(new Token("\"\"", at, false));
        } else if (Character.isLetter(c) || c == '_') {
          int s = i;
          while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
          String word = src.substring(s, i);
          // string prefixes (r"", b'', f"", rb"") belong to the string that follows
          if (i < n && (src.charAt(i) == '"' || src.charAt(i) == '\'') && word.length() <= 2 && word.toLowerCase(java.util.Locale.ROOT).matches("[rbuf]+")) continue;
          cur.add(new Token(word, line, true));
        } else if (Character.isDigit(c)) {
          while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) i++;
          cur.add(new Token("0", line, false));
        } else {
          if (c == '(' || c == '[' || c == '{') depth++;
          else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
          cur.add(new Token(String.valueOf(c), line, false));
          i++;
        }
      }
      if (!cur.isEmpty()) logical.add(new Logical(indent, start, line, List.copyOf(cur)));
    }
  }
}
