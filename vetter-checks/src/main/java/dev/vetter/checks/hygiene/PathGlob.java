package dev.vetter.checks.hygiene;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * A small set of path globs, compiled once into one RE2/J pattern. {@code *} matches within one path
 * segment, {@code **} across segments ({@code **}{@code /} also matches no folder at all), {@code ?}
 * one character; everything else is literal. A glob without a slash matches the file name at any
 * depth ({@code *.png}); one with a slash matches the whole path from the repository root
 * ({@code docs/**}{@code /*.pdf}, a leading slash is ignored). Matching ignores case, so
 * {@code *.png} also takes {@code PHOTO.PNG}.
 */
final class PathGlob {
  private final Pattern pattern;

  private PathGlob(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Compiles {@code globs}; an empty list matches nothing. Throws IllegalArgumentException for a blank glob. */
  static PathGlob of(List<String> globs) {
    if (globs.isEmpty()) return new PathGlob(null);
    StringBuilder re = new StringBuilder("(?i)(?:");
    for (int g = 0; g < globs.size(); g++) {
      String glob = globs.get(g);
      if (glob == null || glob.isBlank()) throw new IllegalArgumentException("a glob must not be blank");
      if (g > 0) re.append('|');
      String body = glob.startsWith("/") ? glob.substring(1) : glob;
      // no slash: the name at any depth
      if (body.indexOf('/') < 0) re.append("(?:.*/)?");
      translate(body, re);
    }
    return new PathGlob(Pattern.compile(re.append(')').toString()));
  }

  private static void translate(String glob, StringBuilder re) {
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < n && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < n && glob.charAt(i + 1) == '/') {
            i++;
            re.append("(?:.*/)?");
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
  }

  boolean matches(String path) {
    return pattern != null && pattern.matches(path);
  }
}
