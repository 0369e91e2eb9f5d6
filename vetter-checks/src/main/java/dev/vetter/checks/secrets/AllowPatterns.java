package dev.vetter.checks.secrets;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compiles and caches the RE2/J allow-list patterns of rule options; rejects a bad one when the options are bound. */
final class AllowPatterns {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private AllowPatterns() {}

  /** Validates {@code regexes} (an option named {@code option}) and returns an unmodifiable copy. */
  static List<String> validate(String option, List<String> regexes) {
    if (regexes == null) return List.of();
    for (String r : regexes) {
      if (r == null || r.isEmpty()) throw new IllegalArgumentException(option + ": empty pattern");
      compile(option, r);
    }
    return List.copyOf(regexes);
  }

  static Pattern compile(String option, String regex) {
    Pattern p = CACHE.get(regex);
    if (p != null) return p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(option + ": '" + regex + "' is not a valid RE2 pattern: " + e.getMessage());
    }
    if (CACHE.size() > 1000) CACHE.clear();
    CACHE.put(regex, p);
    return p;
  }

  /** True when any of {@code regexes} finds a match in {@code secret}. */
  static boolean allows(List<String> regexes, String secret) {
    for (String r : regexes) {
      if (compile("allow", r).matcher(secret).find()) return true;
    }
    return false;
  }
}
