package dev.vetter.checks.deps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where things are in a TOML file: the line of each key path and table header, the last line of each
 * table, and the line of each string value. Jackson's TOML tree has no lines, so this scanner reads
 * the text once alongside it. It is tolerant: what it does not understand it skips.
 */
final class TomlLines {
  private static final char SEP = '\u0001';

  private final Map<String, Integer> keys = new HashMap<>();
  private final Map<String, Integer> ends = new HashMap<>();
  private final Map<String, Integer> strings = new HashMap<>();
  private final String text;
  private int i;
  private int line = 1;
  private int lastContent;

  private TomlLines(String text) {
    this.text = text;
  }

  static TomlLines scan(String text) {
    TomlLines t = new TomlLines(text);
    t.run();
    return t;
  }

  /** The line where key path {@code path} is first defined (a key or a table header), 0 when unknown. */
  int key(String... path) {
    return keys.getOrDefault(join(List.of(path)), 0);
  }

  /** The last line of table {@code [path]}, 0 when it is no table header. */
  int end(String... path) {
    return ends.getOrDefault(join(List.of(path)), 0);
  }

  /** The line of string {@code value} in the value of key {@code path}; else the key's line; else 0. */
  int string(String value, String... path) {
    Integer l = strings.get(join(List.of(path)) + '\u0002' + value);
    return l != null ? l : key(path);
  }

  private static String join(List<String> parts) {
    return String.join(String.valueOf(SEP), parts);
  }

  private void run() {
    List<String> table = List.of();
    String header = null;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '#') {
        skipToEol();
      } else if (c == '[') {
        boolean array = text.startsWith("[[", i);
        i += array ? 2 : 1;
        List<String> path = keyPath(']');
        if (header != null) ends.put(header, lastContent);
        table = path;
        header = join(path);
        keys.putIfAbsent(header, line);
        lastContent = line;
        skipToEol();
      } else {
        int start = line;
        List<String> k = keyPath('=');
        if (i >= n || text.charAt(i) != '=') {
          skipToEol();
          continue;
        }
        i++;
        List<String> full = new ArrayList<>(table);
        full.addAll(k);
        String path = join(full);
        keys.putIfAbsent(path, start);
        lastContent = start;
        value(path);
      }
    }
    if (header != null) ends.put(header, lastContent);
  }

  private void skipToEol() {
    while (i < text.length() && text.charAt(i) != '\n') i++;
  }

  // dotted key parts up to `stop` (not consumed) or the end of the line
  private List<String> keyPath(char stop) {
    List<String> parts = new ArrayList<>();
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '"' || c == '\'') {
        parts.add(string(c));
      } else if (c == '.') {
        i++;
      } else if (c == stop || c == '\n' || c == '#') {
        break;
      } else {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) i++;
        if (i == s) i++; // a stray character: skip it
        parts.add(text.substring(s, i));
      }
    }
    if (stop == ']') {
      while (i < n && text.charAt(i) == ']') i++;
    }
    return parts;
  }

  // the value after '=': strings are recorded; brackets may span lines
  private void value(String path) {
    int depth = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> {
          line++;
          i++;
          if (depth <= 0) return;
        }
        case '"', '\'' -> {
          int at = line;
          String s = string(c);
          strings.putIfAbsent(path + '\u0002' + s, at);
          lastContent = line;
        }
        case '[', '{' -> {
          depth++;
          i++;
          lastContent = line;
        }
        case ']', '}' -> {
          depth--;
          i++;
          lastContent = line;
        }
        case '#' -> skipToEol();
        default -> {
          if (c != ' ' && c != '\t' && c != '\r') lastContent = line;
          i++;
        }
      }
    }
  }

  // a basic, literal or multi-line string starting at i; returns its (roughly unescaped) value
  private String string(char quote) {
    String triple = String.valueOf(quote).repeat(3);
    boolean multi = text.startsWith(triple, i);
    i += multi ? 3 : 1;
    StringBuilder sb = new StringBuilder();
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (multi ? text.startsWith(triple, i) : c == quote) {
        i += multi ? 3 : 1;
        break;
      }
      if (c == '\n') {
        if (!multi) break; // an unterminated string: the newline is the caller's
        line++;
      }
      if (c == '\\' && quote == '"' && i + 1 < n) {
        char e = text.charAt(i + 1);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> e;
        });
        i += 2;
        continue;
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }
}
