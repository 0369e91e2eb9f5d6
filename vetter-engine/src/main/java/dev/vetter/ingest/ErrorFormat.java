package dev.vetter.ingest;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiler-style output read through Vim's {@code errorformat}: a list of patterns such as
 * {@code %f:%l:%c: %m}, tried in order on each line, compiled to RE2/J (linear time, whatever the
 * input). The practical subset:
 *
 * <ul>
 *   <li>items {@code %f} file, {@code %l} line, {@code %c}/{@code %v} column, {@code %e} end line,
 *       {@code %k} end column, {@code %t} type letter (e, w, i, n), {@code %n} number, {@code %m}
 *       message, {@code %r} rest, {@code %p} pointer ({@code ---^}: its length gives the column),
 *       {@code %s} and {@code %o} (matched, not used), {@code %*[...]}/{@code %*\d} (one or more, not
 *       kept), {@code %%};
 *   <li>Vim's regex escapes {@code %.} {@code %#} (= {@code *}) {@code %+} {@code %\} {@code %[}
 *       {@code %^} {@code %$} {@code %?}, and {@code \} quoting the next character;
 *   <li>prefixes {@code %E} {@code %W} {@code %I} {@code %N} {@code %A} (start a multi-line message),
 *       {@code %C} (continue it), {@code %Z} (end it), {@code %G} (a general line), with {@code %-}
 *       (leave the line out) and {@code %+} (the whole line is the message).
 * </ul>
 *
 * Not supported (an error when used): the directory and file stacks {@code %D %X %O %P %Q}.
 */
final class ErrorFormat {
  /** How a preset finds the rule in a message: where tools print it. */
  enum Code {
    /** No rule code; or {@code %n} if the pattern has one. */
    NUMBER,
    /** {@code message (rule)}: ESLint's compact format, golangci-lint. */
    TRAILING_PARENS,
    /** {@code message [rule]}: ShellCheck's gcc format. */
    TRAILING_BRACKETS,
    /** {@code F401 message} or {@code F401 [*] message}: flake8, ruff. */
    LEADING_CODE,
    /** {@code [rawtypes] message}: javac's lint warnings. */
    LEADING_BRACKETS
  }

  /** A named errorformat for a well-known tool's output. */
  record Preset(String name, String tool, String description, List<String> patterns, Code code, String numberPrefix) {}

  static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

  static {
    preset(new Preset("eslint-compact", "eslint", "eslint -f compact (ESLint 8, or eslint-formatter-compact)",
        List.of("%f: line %l, col %c, %trror - %m", "%f: line %l, col %c, %tarning - %m", "%-G%.%#"), Code.TRAILING_PARENS, ""));
    preset(new Preset("golangci-lint", "golangci-lint", "golangci-lint text output: v1 --out-format line-number, v2 --output.text.path stdout",
        List.of("%E%f:%l:%c: %m", "%E%f:%l: %m", "%-C%.%#"), Code.TRAILING_PARENS, ""));
    preset(new Preset("flake8", "flake8", "flake8's default format (path:line:col: CODE message)",
        List.of("%f:%l:%c: %m", "%-G%.%#"), Code.LEADING_CODE, ""));
    preset(new Preset("ruff", "ruff", "ruff check --output-format concise",
        List.of("%f:%l:%c: %m", "%-G%.%#"), Code.LEADING_CODE, ""));
    preset(new Preset("tsc", "tsc", "tsc --pretty false",
        List.of("%E%f(%l\\,%c): error TS%n: %m", "%W%f(%l\\,%c): warning TS%n: %m", "%E%f(%l\\,%c): error %m", "%Eerror TS%n: %m",
            "%C%\\s%+%m", "%-G%.%#"), Code.NUMBER, "TS"));
    preset(new Preset("javac", "javac", "javac (and Maven's or Gradle's compiler output without their prefixes)",
        List.of("%E%f:%l: error: %m", "%W%f:%l: warning: %m", "%-Z%p^", "%-C%.%#", "%-G%.%#"), Code.LEADING_BRACKETS, ""));
    preset(new Preset("shellcheck-gcc", "shellcheck", "shellcheck -f gcc",
        List.of("%f:%l:%c: %trror: %m", "%f:%l:%c: %tarning: %m", "%f:%l:%c: %tote: %m", "%-G%.%#"), Code.TRAILING_BRACKETS, ""));
  }

  private static void preset(Preset p) {
    PRESETS.put(p.name(), p);
  }

  private enum Prefix { NONE, A, E, W, I, N, C, Z, G }

  private enum Item { FILE, LINE, COLUMN, END_LINE, END_COLUMN, TYPE, NUMBER, MESSAGE, POINTER, OTHER }

  private record Line(String source, Prefix prefix, boolean minus, boolean plus, Pattern regex, List<Item> groups) {}

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern TRAILING_PARENS = Pattern.compile("^(.*?)\\s*\\(([@A-Za-z0-9_./-]+)\\)\\s*$");
  private static final Pattern TRAILING_BRACKETS = Pattern.compile("^(.*?)\\s*\\[([A-Za-z0-9_./-]+)\\]\\s*$");
  private static final Pattern LEADING_CODE = Pattern.compile("^([A-Z]+[0-9]+)\\s+(?:\\[\\*\\]\\s+)?(.*)$");
  private static final Pattern LEADING_BRACKETS = Pattern.compile("^\\[([A-Za-z0-9_.-]+)\\]\\s*(.*)$");

  private final List<Line> lines;
  private final Preset preset;

  private ErrorFormat(List<Line> lines, Preset preset) {
    this.lines = lines;
    this.preset = preset;
  }

  /** A preset by name; null when there is none of that name. */
  static ErrorFormat preset(String name) {
    Preset p = PRESETS.get(name);
    return p == null ? null : new ErrorFormat(compileAll(p.patterns()), p);
  }

  /**
   * Patterns as Vim's {@code 'errorformat'} option writes them: separated by commas, {@code \,} for a
   * literal comma. Throws {@link IllegalArgumentException} saying which pattern is wrong and why.
   */
  static ErrorFormat of(String patterns) {
    List<String> list = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < patterns.length(); i++) {
      char c = patterns.charAt(i);
      if (c == '\\' && i + 1 < patterns.length() && patterns.charAt(i + 1) == ',') {
        current.append("\\,");
        i++;
      } else if (c == ',') {
        list.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    list.add(current.toString());
    list.removeIf(String::isEmpty);
    if (list.isEmpty()) throw new IllegalArgumentException("the errorformat has no pattern");
    return new ErrorFormat(compileAll(list), new Preset("custom", "errorformat", "", List.copyOf(list), Code.NUMBER, ""));
  }

  String tool() {
    return preset.tool();
  }

  private static List<Line> compileAll(List<String> patterns) {
    List<Line> out = new ArrayList<>();
    for (String p : patterns) out.add(compile(p));
    return List.copyOf(out);
  }

  private static Line compile(String efm) {
    StringBuilder re = new StringBuilder("^");
    List<Item> groups = new ArrayList<>();
    Prefix prefix = Prefix.NONE;
    boolean minus = false;
    boolean plus = false;
    int i = 0;
    // the prefix, if any, comes first: %E, %-G, %+C ...
    if (efm.startsWith("%")) {
      int j = 1;
      if (j < efm.length() && (efm.charAt(j) == '-' || efm.charAt(j) == '+') && j + 1 < efm.length() && "AEWINCZGDXOPQ".indexOf(efm.charAt(j + 1)) >= 0) {
        minus = efm.charAt(j) == '-';
        plus = efm.charAt(j) == '+';
        j++;
      }
      if (j < efm.length() && "AEWINCZGDXOPQ".indexOf(efm.charAt(j)) >= 0) {
        char letter = efm.charAt(j);
        if ("DXOPQ".indexOf(letter) >= 0) {
          throw new IllegalArgumentException("'" + efm + "': %" + letter + " (directory and file stacks) is not supported");
        }
        prefix = Prefix.valueOf(String.valueOf(letter));
        i = j + 1;
      } else if (minus || plus) {
        i = j;
      }
    }
    for (; i < efm.length(); i++) {
      char c = efm.charAt(i);
      if (c == '\\') {
        if (i + 1 < efm.length()) i++;
        re.append(quote(efm.charAt(i)));
        continue;
      }
      if (c != '%') {
        re.append(quote(c));
        continue;
      }
      if (++i >= efm.length()) throw new IllegalArgumentException("'" + efm + "' ends with a lone %");
      char item = efm.charAt(i);
      switch (item) {
        case 'f' -> group(re, groups, Item.FILE, "((?:[A-Za-z]:)?\\S+?)");
        case 'l' -> group(re, groups, Item.LINE, "(\\d+)");
        case 'c', 'v' -> group(re, groups, Item.COLUMN, "(\\d+)");
        case 'e' -> group(re, groups, Item.END_LINE, "(\\d+)");
        case 'k' -> group(re, groups, Item.END_COLUMN, "(\\d+)");
        case 'n' -> group(re, groups, Item.NUMBER, "(\\d+)");
        case 't' -> group(re, groups, Item.TYPE, "(.)");
        case 'm' -> group(re, groups, Item.MESSAGE, "(.*?)");
        case 'r' -> group(re, groups, Item.OTHER, "(.*)");
        case 'p' -> group(re, groups, Item.POINTER, "([-. \\t]*)");
        case 's', 'o' -> group(re, groups, Item.OTHER, "(.+?)");
        case '%' -> re.append("%");
        case '.' -> re.append('.');
        case '#' -> re.append('*');
        case '+' -> re.append('+');
        case '?' -> re.append('?');
        case '^' -> re.append('^');
        case '$' -> re.append('$');
        case '[' -> i = charClass(efm, i, re) - 1;
        case '\\' -> {
          if (++i >= efm.length()) throw new IllegalArgumentException("'" + efm + "' ends with %\\");
          re.append('\\').append(efm.charAt(i));
        }
        case '*' -> {
          // %*[...] and %*\d: one or more, not kept
          if (i + 1 < efm.length() && efm.charAt(i + 1) == '[') {
            i = charClass(efm, i + 1, re) - 1;
          } else if (i + 2 < efm.length() && efm.charAt(i + 1) == '\\') {
            re.append('\\').append(efm.charAt(i + 2));
            i += 2;
          } else {
            throw new IllegalArgumentException("'" + efm + "': %* must be followed by [...] or a backslash class such as \\d");
          }
          re.append('+');
        }
        default -> throw new IllegalArgumentException("'" + efm + "': %" + item + " is not supported"
            + ("AEWINCZGDXOPQ".indexOf(item) >= 0 ? " here (a prefix comes first)" : ""));
      }
    }
    re.append('$');
    try {
      return new Line(efm, prefix, minus, plus, Pattern.compile(re.toString()), List.copyOf(groups));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + efm + "' is not a valid pattern: " + e.getDescription());
    }
  }

  private static void group(StringBuilder re, List<Item> groups, Item item, String regex) {
    re.append(regex);
    groups.add(item);
  }

  // copies [...] starting at efm[at] == '['; returns the index after the closing ']'
  private static int charClass(String efm, int at, StringBuilder re) {
    int end = efm.indexOf(']', at + (efm.startsWith("[^]", at) ? 3 : efm.startsWith("[]", at) ? 2 : 1));
    if (end < 0) throw new IllegalArgumentException("'" + efm + "': [ without ]");
    re.append(efm, at, end + 1);
    return end + 1;
  }

  private static String quote(char c) {
    return "\\.+*?()|[]{}^$".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
  }

  /** What the patterns made of the text. */
  record Parsed(List<Diagnostic> diagnostics, int lines, int matched) {}

  /** Reads {@code text} line by line; colour escape sequences are removed first, since tools print them to terminals. */
  Parsed parse(String text) {
    List<Diagnostic> out = new ArrayList<>();
    Entry pending = null;
    int total = 0;
    int matched = 0;
    for (String raw : text.split("\r?\n|\r")) {
      String line = raw.indexOf('\u001b') >= 0 ? ANSI.matcher(raw).replaceAll("") : raw;
      if (line.isEmpty() && raw.isEmpty()) continue;
      total++;
      Line hit = null;
      Matcher m = null;
      for (Line l : lines) {
        Matcher candidate = l.regex().matcher(line);
        if (candidate.matches()) {
          hit = l;
          m = candidate;
          break;
        }
      }
      if (hit == null) {
        pending = flush(pending, out);
        continue;
      }
      matched++;
      switch (hit.prefix()) {
        case A, E, W, I, N -> {
          pending = flush(pending, out);
          if (!hit.minus()) pending = Entry.of(hit, m, line);
        }
        case C, Z -> {
          if (pending != null) {
            pending.merge(hit, m, line);
            if (hit.prefix() == Prefix.Z) pending = flush(pending, out);
          }
        }
        case G -> pending = flush(pending, out);
        case NONE -> {
          pending = flush(pending, out);
          if (!hit.minus()) flush(Entry.of(hit, m, line), out);
        }
      }
    }
    flush(pending, out);
    return new Parsed(out, total, matched);
  }

  private Entry flush(Entry e, List<Diagnostic> out) {
    if (e != null) out.add(e.toDiagnostic(preset));
    return null;
  }

  /** A message being collected over one or more lines. */
  private static final class Entry {
    String file;
    int line;
    int column;
    int endLine;
    char type;
    String number;
    StringBuilder message = new StringBuilder();

    static Entry of(Line l, Matcher m, String text) {
      Entry e = new Entry();
      e.type = switch (l.prefix()) {
        case E -> 'e';
        case W -> 'w';
        case I -> 'i';
        case N -> 'n';
        default -> 0;
      };
      e.merge(l, m, text);
      return e;
    }

    void merge(Line l, Matcher m, String text) {
      for (int g = 0; g < l.groups().size(); g++) {
        String v = m.group(g + 1);
        if (v == null) continue;
        switch (l.groups().get(g)) {
          case FILE -> file = file == null ? v : file;
          case LINE -> line = line == 0 ? number(v) : line;
          case COLUMN -> column = column == 0 ? number(v) : column;
          case END_LINE -> endLine = endLine == 0 ? number(v) : endLine;
          case TYPE -> type = v.isEmpty() ? type : Character.toLowerCase(v.charAt(0));
          case NUMBER -> number = number == null ? String.valueOf(number(v)) : number;
          case POINTER -> column = column == 0 ? v.length() + 1 : column;
          case MESSAGE -> {
            if (!l.minus() && !l.plus()) append(v);
          }
          case END_COLUMN, OTHER -> { }
        }
      }
      if (l.plus()) append(text);
    }

    private void append(String v) {
      String t = message.isEmpty() ? v : v.strip();
      if (t.isEmpty()) return;
      if (!message.isEmpty()) message.append('\n');
      message.append(t);
    }

    private static int number(String digits) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        return 0; // beyond any file's length: treated as unknown
      }
    }

    Diagnostic toDiagnostic(Preset preset) {
      String msg = message.toString().strip();
      String rule = number == null ? null : preset.numberPrefix() + number;
      String first = msg.contains("\n") ? msg.substring(0, msg.indexOf('\n')) : msg;
      String rest = msg.substring(first.length());
      Pattern code = switch (preset.code()) {
        case NUMBER -> null;
        case TRAILING_PARENS -> TRAILING_PARENS;
        case TRAILING_BRACKETS -> TRAILING_BRACKETS;
        case LEADING_CODE -> LEADING_CODE;
        case LEADING_BRACKETS -> LEADING_BRACKETS;
      };
      if (code != null && rule == null) {
        Matcher m = code.matcher(first);
        if (m.matches()) {
          boolean leading = preset.code() == Code.LEADING_CODE || preset.code() == Code.LEADING_BRACKETS;
          rule = leading ? m.group(1) : m.group(2);
          first = leading ? m.group(2) : m.group(1);
        }
      }
      Severity severity = switch (type) {
        case 'e' -> Severity.ERROR;
        case 'w' -> Severity.WARNING;
        case 'i', 'n' -> Severity.NOTICE;
        default -> null;
      };
      Diagnostic d = Diagnostic.at(preset.tool(), rule, severity, file, line, column, first + rest);
      return endLine > line ? d.withEndLine(endLine) : d;
    }
  }
}
