package dev.vetter.check;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * A path glob as in {@code .gitignore}, matched against repository-relative paths such as
 * {@code src/main/App.java}:
 *
 * <ul>
 *   <li>{@code *} matches anything but {@code /}, {@code ?} one character but {@code /};
 *   <li>{@code **} crosses directories where it is a whole segment: {@code **}{@code /x} (x at any
 *       depth), {@code a/**} (everything below a), {@code a/**}{@code /b} (zero or more directories
 *       between); elsewhere it is a plain {@code *};
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!abc]} (or {@code [^abc]}) match one character, never
 *       {@code /}; {@code {a,b}} matches either alternative; a backslash escapes the next character;
 *   <li>a glob without a slash (other than a trailing one) matches a name at any depth; a slash at the
 *       start or in the middle anchors it at the repository root;
 *   <li>a glob matching a directory matches everything below it; a trailing slash matches only
 *       directories, that is, paths below them.
 * </ul>
 *
 * Unlike {@code .gitignore}, a leading {@code !} (negation) is an error: list such paths under
 * {@code exclude} instead. Compiled to RE2/J, so matching is linear in the path's length. The one glob
 * of the project: the policy's {@code include}, {@code exclude} and {@code overrides}, and rules'
 * options that take globs, all mean the same by the same text.
 */
public final class Glob {
  private final String source;
  private final Pattern pattern;

  private Glob(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** Compiles {@code glob}; throws {@link IllegalArgumentException} with the reason when it is malformed. */
  public static Glob compile(String glob) {
    return compile(glob, /* ignoreCase= */ false);
  }

  /** {@link #compile}, matching letters whatever their case ({@code *.png} takes {@code LOGO.PNG}). */
  public static Glob compileIgnoringCase(String glob) {
    return compile(glob, /* ignoreCase= */ true);
  }

  /** Compiles each glob of a rule's option; a message names the option ({@code "exclude: empty glob: ..."}). */
  public static List<Glob> compileAll(String option, List<String> globs) {
    if (globs == null) throw new IllegalArgumentException(option + " must be a list of path globs");
    return globs.stream().map(g -> {
      try {
        return compile(g);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
      }
    }).toList();
  }

  /** Whether any of {@code globs} matches {@code path}. */
  public static boolean anyMatches(List<Glob> globs, String path) {
    for (Glob g : globs) {
      if (g.matches(path)) return true;
    }
    return false;
  }

  private static Glob compile(String glob, boolean ignoreCase) {
    if (glob == null || glob.isBlank()) throw new IllegalArgumentException("empty glob: write a path pattern such as 'src/**' or '*.md'");
    String g = glob.strip();
    if (g.startsWith("!")) {
      throw new IllegalArgumentException("glob '" + glob + "' starts with '!', but negation is not supported here: list the paths under 'exclude' instead"
          + " (or write '\\!' for a file name that starts with '!')");
    }
    boolean dirOnly = g.endsWith("/") && !g.endsWith("\\/");
    if (dirOnly) g = g.substring(0, g.length() - 1);
    boolean anchored = g.contains("/"); // as in .gitignore, a slash anywhere but the end anchors the glob
    if (g.startsWith("/")) g = g.substring(1);
    if (g.isEmpty() || g.equals("/")) throw new IllegalArgumentException("glob '" + glob + "' names no path");
    if (g.contains("//")) throw new IllegalArgumentException("glob '" + glob + "' has an empty path segment ('//')");
    StringBuilder re = new StringBuilder(ignoreCase ? "(?i)" : "").append(anchored ? "^" : "^(?:.*/)?");
    int braces = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          int run = 1;
          while (i + run < g.length() && g.charAt(i + run) == '*') run++;
          boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
          boolean segmentEnd = i + run == g.length() || g.charAt(i + run) == '/';
          if (run == 2 && segmentStart && segmentEnd) {
            if (i + run == g.length()) {
              re.append(".*"); // a/** : everything below a (and ** alone: everything)
            } else {
              re.append("(?:.*/)?"); // **/ : zero or more directories
              run++; // the slash is part of it
            }
          } else {
            re.append("[^/]*"); // any other run of stars is one *
          }
          i += run - 1;
        }
        case '?' -> re.append("[^/]");
        case '[' -> i = characterClass(glob, g, i, re);
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
    re.append(dirOnly ? "/.+$" : "(?:/.+)?$");
    try {
      return new Glob(glob, Pattern.compile(re.toString()));
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw new IllegalArgumentException("glob '" + glob + "' is malformed: " + e.getDescription(), e);
    }
  }

  /** Appends the class starting at {@code g[start] == '['}; returns the index of its closing ']'. */
  private static int characterClass(String glob, String g, int start, StringBuilder re) {
    int i = start + 1;
    boolean negated = i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^');
    if (negated) i++;
    StringBuilder body = new StringBuilder();
    boolean first = true;
    for (; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == ']' && !first) break;
      first = false;
      if (c == '/') throw new IllegalArgumentException("glob '" + glob + "' has '/' inside [...]; a character class never matches '/'");
      if (c == '\\') {
        if (i + 1 >= g.length()) break;
        c = g.charAt(++i);
      }
      // RE2 syntax characters inside a class are escaped; '-' stays a range unless at an edge
      if (c == '\\' || c == '[' || c == ']' || c == '^') body.append('\\');
      body.append(c);
    }
    if (i >= g.length()) throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '['");
    // a class stands for one character of a name, so a negated one must not match '/' either
    re.append(negated ? "[^/" : "[").append(body).append(']');
    return i;
  }

  /** Whether {@code path} (relative to the repository root, '/'-separated, no leading slash) matches. */
  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
