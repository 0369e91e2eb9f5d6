package dev.vetter.checks.paths;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * A path glob for rule options, with the policy's semantics (as in {@code .gitignore}): {@code *} and
 * {@code ?} stay within one path segment, {@code **} crosses segments, {@code [abc]} and {@code {a,b}}
 * as usual; a glob without a slash matches the file name at any depth, a leading slash anchors it at
 * the repository root, a trailing slash matches everything below a directory. Compiled to RE2/J, so
 * matching takes linear time whatever the glob. (Checks may not depend on the engine, whose
 * {@code Glob} this mirrors.)
 */
public final class PathGlob {
  private final String source;
  private final Pattern pattern;

  private PathGlob(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** Compiles {@code glob}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static PathGlob compile(String glob) {
    if (glob == null || glob.isBlank()) throw new IllegalArgumentException("empty glob");
    String g = glob.strip();
    boolean dirOnly = g.endsWith("/");
    if (dirOnly) g = g.substring(0, g.length() - 1);
    boolean anchored = g.contains("/");
    if (g.startsWith("/")) g = g.substring(1);
    if (g.isEmpty()) throw new IllegalArgumentException("glob '" + glob + "' matches nothing");
    StringBuilder re = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
    int braces = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
            boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
            boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
            if (segmentStart && slashAfter) {
              re.append("(?:.*/)?");
              i += 2;
            } else {
              re.append(".*");
              i++;
            }
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = g.indexOf(']', i + 2);
          if (end < 0) throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '['");
          String body = g.substring(i + 1, end);
          if (body.startsWith("!")) body = "^" + body.substring(1);
          re.append('[').append(body.replace("\\", "\\\\")).append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) throw new IllegalArgumentException("glob '" + glob + "' has a '}' without '{'");
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 >= g.length()) throw new IllegalArgumentException("glob '" + glob + "' ends with a backslash");
          re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '{'");
    re.append(dirOnly ? "/.*$" : "(?:/.*)?$");
    try {
      return new PathGlob(glob, Pattern.compile(re.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("glob '" + glob + "' is malformed: " + e.getDescription());
    }
  }

  /** Compiles each glob of an option; the message names the option. */
  public static List<PathGlob> compileAll(String option, List<String> globs) {
    if (globs == null) throw new IllegalArgumentException(option + " must be a list of path globs");
    return globs.stream().map(g -> {
      try {
        return compile(g);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + e.getMessage());
      }
    }).toList();
  }

  /** Whether any of {@code globs} matches {@code path}. */
  public static boolean any(List<PathGlob> globs, String path) {
    for (PathGlob g : globs) {
      if (g.matches(path)) return true;
    }
    return false;
  }

  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
