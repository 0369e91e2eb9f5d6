package dev.vetter.checks.owners;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * One CODEOWNERS path pattern, compiled to RE2/J (linear-time matching). GitHub's rules, which differ
 * from gitignore's:
 * <ul>
 *   <li>a pattern without a slash (or with only a trailing one) matches at any depth; any other
 *       slash anchors it at the repository root;
 *   <li>a match on a directory covers everything below it ({@code foo} matches {@code bar/foo/baz});
 *   <li>a trailing slash matches only below a directory ({@code foo/} never matches a file {@code foo});
 *   <li>a last segment that is a lone {@code *} in an anchored pattern matches one level only
 *       ({@code docs/*} matches {@code docs/a.md}, not {@code docs/build/a.md});
 *   <li>{@code **} as a whole segment crosses directories; {@code *} and {@code ?} stay within one;
 *   <li>{@code [}, {@code ]}, {@code :} and {@code ^} are literal; a backslash escapes the next
 *       character ({@code \*}, {@code \?}, {@code \ } for a space, {@code \#});
 *   <li>{@code !} negation and {@code ***} are errors.
 * </ul>
 * Matching is case-sensitive, as on GitHub. Thread-safe and immutable.
 */
final class OwnerPattern {
  private final String source;
  private final Pattern regex;

  private OwnerPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /** Compiles {@code pattern} as written in CODEOWNERS (escapes included); IllegalArgumentException says what is wrong. */
  static OwnerPattern compile(String pattern) {
    if (pattern.isEmpty()) throw new IllegalArgumentException("empty pattern");
    if (pattern.startsWith("!")) throw new IllegalArgumentException("negation with '!' is not supported in CODEOWNERS; list the paths that do have owners instead");
    if (pattern.contains("***")) throw new IllegalArgumentException("'***' is not a wildcard; use '*' within a directory or '**' across directories");
    // unescape into characters, remembering which were escaped (and so literal)
    StringBuilder chars = new StringBuilder();
    List<Boolean> literal = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) throw new IllegalArgumentException("the pattern ends with a lone backslash");
        chars.append(pattern.charAt(++i));
        literal.add(true);
      } else {
        chars.append(c);
        literal.add(false);
      }
    }
    int n = chars.length();
    boolean dirOnly = n > 1 && chars.charAt(n - 1) == '/' && !literal.get(n - 1);
    if (dirOnly) n--;
    boolean anchored = false;
    for (int i = 0; i < n; i++) anchored |= chars.charAt(i) == '/' && !literal.get(i);
    int start = n > 0 && chars.charAt(0) == '/' && !literal.get(0) ? 1 : 0;
    if (start >= n) throw new IllegalArgumentException("'" + pattern + "' names no path");

    // split into segments at unescaped slashes
    List<StringBuilder> segs = new ArrayList<>();
    List<List<Boolean>> segLiteral = new ArrayList<>();
    segs.add(new StringBuilder());
    segLiteral.add(new ArrayList<>());
    for (int i = start; i < n; i++) {
      char c = chars.charAt(i);
      if (c == '/' && !literal.get(i)) {
        segs.add(new StringBuilder());
        segLiteral.add(new ArrayList<>());
      } else {
        segs.get(segs.size() - 1).append(c);
        segLiteral.get(segLiteral.size() - 1).add(literal.get(i));
      }
    }
    StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
    int last = segs.size() - 1;
    boolean afterLeadingDoubleStar = false;
    for (int s = 0; s <= last; s++) {
      String seg = segs.get(s).toString();
      List<Boolean> lit = segLiteral.get(s);
      if (seg.isEmpty()) throw new IllegalArgumentException("'" + pattern + "' has an empty path segment ('//')");
      if (seg.equals("**") && !lit.get(0) && !lit.get(1)) {
        if (s == 0) {
          re.append(s == last ? ".*" : "(?:.*/)?");
          afterLeadingDoubleStar = true;
        } else if (s == last) {
          re.append("/.+");
        } else {
          re.append("(?:/.*)?");
        }
        continue;
      }
      if (s > 0 && !afterLeadingDoubleStar) re.append('/');
      afterLeadingDoubleStar = false;
      appendSegment(re, seg, lit);
      if (s == last) {
        boolean loneStar = seg.equals("*") && !lit.get(0);
        if (dirOnly) {
          re.append("/.+");
        } else if (!(anchored && loneStar)) {
          re.append("(?:/.*)?");
        }
      }
    }
    if (dirOnly && segs.get(last).toString().equals("**") && last == 0) re.append("/.*"); // "**/": anything below some directory
    return new OwnerPattern(pattern, Pattern.compile(re.toString()));
  }

  private static void appendSegment(StringBuilder re, String seg, List<Boolean> lit) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < seg.length(); i++) {
      char c = seg.charAt(i);
      boolean wild = !lit.get(i) && (c == '*' || c == '?');
      if (!wild) {
        run.append(c);
        continue;
      }
      if (!run.isEmpty()) {
        re.append(Pattern.quote(run.toString()));
        run.setLength(0);
      }
      if (c == '?') {
        re.append("[^/]");
      } else {
        while (i + 1 < seg.length() && seg.charAt(i + 1) == '*' && !lit.get(i + 1)) i++; // "a**b" is "a*b"
        re.append("[^/]*");
      }
    }
    if (!run.isEmpty()) re.append(Pattern.quote(run.toString()));
  }

  /** Whether {@code path} (repository-relative, '/'-separated, no leading slash) is matched. */
  boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
