package dev.vetter.checks.deps;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Version ordering per ecosystem. Each is an approximation of the ecosystem's own rules, good enough
 * to tell a downgrade and to evaluate OSV ranges:
 *
 * <ul>
 *   <li>Maven: after {@code ComparableVersion}: items split at {@code .}, {@code -} and digit/letter
 *       transitions; numbers numerically; known qualifiers ordered {@code alpha < beta < milestone < rc
 *       < snapshot < (release, ga, final) < sp}, unknown ones after {@code sp}, alphabetically; a
 *       number beats a qualifier; trailing zeros and release qualifiers do not count. Not modelled:
 *       the nesting of items after a {@code -} (so {@code 1-1} vs {@code 1.1} may differ from Maven).
 *   <li>npm, crates.io, Go: Semantic Versioning 2.0 precedence ({@code v} prefix and build metadata
 *       ignored; missing minor or patch count as 0). What is not semver falls back to the generic order.
 *   <li>PyPI: PEP 440 ({@code epoch!release[{a|b|rc}N][.postN][.devN][+local]}), with the usual
 *       spellings normalised ({@code alpha}, {@code c}, {@code preview}, {@code -1} as post); local
 *       versions are ignored. What does not parse falls back to the generic order.
 *   <li>RubyGems and the fallback: segments of digits or letters; numbers numerically, a letter
 *       segment sorts before any number (so {@code 1.0.a < 1.0}), missing segments count as 0
 *       ({@code Gem::Version}'s order).
 * </ul>
 */
final class Versions {
  private Versions() {}

  /** Negative, zero or positive as {@code a} orders before, with or after {@code b} in {@code ecosystem}. */
  static int compare(Ecosystem ecosystem, String a, String b) {
    return switch (ecosystem) {
      case MAVEN -> maven(a, b);
      case NPM, CRATES_IO, GO -> semver(a, b);
      case PYPI -> pep440(a, b);
      case RUBYGEMS -> generic(a, b);
    };
  }

  /** Whether {@code version} (a single version, not a range) is a pre-release in {@code ecosystem}. */
  static boolean isPrerelease(Ecosystem ecosystem, String version) {
    String v = version.strip();
    if (v.isEmpty()) return false;
    return switch (ecosystem) {
      case MAVEN -> {
        for (Object item : mavenItems(v)) {
          if (item instanceof String q && (PRE_QUALIFIERS.contains(q))) yield true;
        }
        yield false;
      }
      case NPM, CRATES_IO, GO -> {
        Sem s = Sem.parse(v);
        yield s != null ? !s.pre.isEmpty() : v.contains("-");
      }
      case PYPI -> {
        Pep p = Pep.parse(v);
        yield p != null ? p.pre != null || p.dev != null : containsLetter(v);
      }
      case RUBYGEMS -> containsLetter(v);
    };
  }

  /** Go's pseudo-version of an untagged commit, such as {@code v0.0.0-20230101120000-abcdef123456}. */
  static boolean isGoPseudoVersion(String version) {
    return GO_PSEUDO.matcher(version).find();
  }

  private static final Pattern GO_PSEUDO = Pattern.compile("[-.]\\d{14}-[0-9a-f]{12}(\\+incompatible)?$");

  private static boolean containsLetter(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isLetter(v.charAt(i))) return true;
    }
    return false;
  }

  // ---- Maven ----

  private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
  private static final List<String> PRE_QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "preview", "pre", "ea", "dev", "nightly", "incubating");
  private static final int RELEASE = QUALIFIERS.indexOf("");

  /** Items: BigInteger for numbers, String for (normalised) qualifiers. */
  static List<Object> mavenItems(String version) {
    String v = version.toLowerCase(Locale.ROOT);
    List<String> raw = new ArrayList<>();
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '.' || c == '-' || c == '_' || c == '+') {
        i++;
        continue;
      }
      int start = i;
      boolean digit = Character.isDigit(c);
      while (i < v.length() && v.charAt(i) != '.' && v.charAt(i) != '-' && v.charAt(i) != '_' && v.charAt(i) != '+'
          && Character.isDigit(v.charAt(i)) == digit) i++;
      raw.add(v.substring(start, i));
    }
    List<Object> items = new ArrayList<>();
    for (int k = 0; k < raw.size(); k++) {
      String t = raw.get(k);
      if (Character.isDigit(t.charAt(0))) {
        items.add(new BigInteger(t));
        continue;
      }
      boolean numberFollows = k + 1 < raw.size() && Character.isDigit(raw.get(k + 1).charAt(0));
      items.add(switch (t) {
        case "a" -> numberFollows ? "alpha" : t;
        case "b" -> numberFollows ? "beta" : t;
        case "m" -> numberFollows ? "milestone" : t;
        case "cr" -> "rc";
        case "ga", "final", "release" -> "";
        default -> t;
      });
    }
    return items;
  }

  static int maven(String a, String b) {
    List<Object> x = mavenItems(a);
    List<Object> y = mavenItems(b);
    int n = Math.max(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      Object p = i < x.size() ? x.get(i) : null;
      Object q = i < y.size() ? y.get(i) : null;
      int c = mavenItem(p, q);
      if (c != 0) return c;
    }
    return 0;
  }

  private static int mavenItem(Object p, Object q) {
    if (p == null && q == null) return 0;
    if (p == null) return -mavenItem(q, null);
    if (p instanceof BigInteger n) {
      if (q == null) return n.signum();
      if (q instanceof BigInteger m) return n.compareTo(m);
      return 1; // a number is newer than any qualifier: 1.0.1 > 1.0-sp
    }
    String s = (String) p;
    if (q == null) return Integer.compare(rank(s), RELEASE);
    if (q instanceof BigInteger) return -1;
    String t = (String) q;
    int c = Integer.compare(rank(s), rank(t));
    return c != 0 ? c : rank(s) == QUALIFIERS.size() ? s.compareTo(t) : 0;
  }

  private static int rank(String qualifier) {
    int i = QUALIFIERS.indexOf(qualifier);
    return i >= 0 ? i : QUALIFIERS.size();
  }

  // ---- Semantic Versioning ----

  private record Sem(BigInteger[] core, List<String> pre) {
    static Sem parse(String version) {
      String v = version.strip();
      if (v.startsWith("=")) v = v.substring(1).strip();
      if (v.startsWith("v") || v.startsWith("V")) v = v.substring(1);
      int plus = v.indexOf('+');
      if (plus >= 0) v = v.substring(0, plus);
      int dash = v.indexOf('-');
      String core = dash < 0 ? v : v.substring(0, dash);
      String[] parts = core.split("\\.", -1);
      if (parts.length == 0 || parts.length > 3) return null;
      BigInteger[] nums = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
      for (int i = 0; i < parts.length; i++) {
        if (!isDigits(parts[i])) return null;
        nums[i] = new BigInteger(parts[i]);
      }
      List<String> pre = dash < 0 ? List.of() : List.of(v.substring(dash + 1).split("\\.", -1));
      return new Sem(nums, pre);
    }
  }

  static int semver(String a, String b) {
    Sem x = Sem.parse(a);
    Sem y = Sem.parse(b);
    if (x == null || y == null) return generic(a, b);
    for (int i = 0; i < 3; i++) {
      int c = x.core[i].compareTo(y.core[i]);
      if (c != 0) return c;
    }
    if (x.pre.isEmpty() || y.pre.isEmpty()) return Boolean.compare(x.pre.isEmpty(), y.pre.isEmpty());
    int n = Math.min(x.pre.size(), y.pre.size());
    for (int i = 0; i < n; i++) {
      String p = x.pre.get(i);
      String q = y.pre.get(i);
      boolean pn = isDigits(p);
      boolean qn = isDigits(q);
      int c = pn && qn ? new BigInteger(p).compareTo(new BigInteger(q)) : pn ? -1 : qn ? 1 : p.compareTo(q);
      if (c != 0) return c;
    }
    return Integer.compare(x.pre.size(), y.pre.size());
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }

  // ---- PEP 440 ----

  private static final Pattern PEP440 = Pattern.compile("(?i)^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
      + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
      + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
      + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
      + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*$");

  private record Pep(BigInteger epoch, List<BigInteger> release, int[] pre, BigInteger post, BigInteger dev) {
    static Pep parse(String version) {
      Matcher m = PEP440.matcher(version);
      if (!m.matches()) return null;
      BigInteger epoch = m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1));
      List<BigInteger> release = new ArrayList<>();
      for (String p : m.group(2).split("\\.")) release.add(new BigInteger(p));
      while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) release.remove(release.size() - 1);
      int[] pre = null;
      if (m.group(3) != null) {
        String l = m.group(3).toLowerCase(Locale.ROOT);
        int kind = switch (l) {
          case "a", "alpha" -> 0;
          case "b", "beta" -> 1;
          default -> 2; // c, rc, pre, preview
        };
        pre = new int[] {kind, m.group(4) == null ? 0 : Integer.parseInt(cap(m.group(4)))};
      }
      BigInteger post = m.group(5) != null ? new BigInteger(m.group(5))
          : m.group(6) != null ? (m.group(7) == null ? BigInteger.ZERO : new BigInteger(m.group(7))) : null;
      BigInteger dev = m.group(8) != null ? (m.group(9) == null ? BigInteger.ZERO : new BigInteger(m.group(9))) : null;
      return new Pep(epoch, release, pre, post, dev);
    }

    private static String cap(String digits) {
      return digits.length() > 9 ? "999999999" : digits;
    }
  }

  static int pep440(String a, String b) {
    Pep x = Pep.parse(a);
    Pep y = Pep.parse(b);
    if (x == null || y == null) return generic(a, b);
    int c = x.epoch.compareTo(y.epoch);
    if (c != 0) return c;
    int n = Math.max(x.release.size(), y.release.size());
    for (int i = 0; i < n; i++) {
      BigInteger p = i < x.release.size() ? x.release.get(i) : BigInteger.ZERO;
      BigInteger q = i < y.release.size() ? y.release.get(i) : BigInteger.ZERO;
      c = p.compareTo(q);
      if (c != 0) return c;
    }
    c = Long.compare(preKey(x), preKey(y));
    if (c != 0) return c;
    if (x.pre != null && y.pre != null) {
      c = Integer.compare(x.pre[1], y.pre[1]);
      if (c != 0) return c;
    }
    c = compareMissingLow(x.post, y.post);
    if (c != 0) return c;
    return compareMissingHigh(x.dev, y.dev);
  }

  // a dev release of a final version sorts before its pre-releases: 1.0.dev0 < 1.0a0 < 1.0
  private static long preKey(Pep p) {
    if (p.pre != null) return p.pre[0];
    return p.post == null && p.dev != null ? -1 : 3;
  }

  private static int compareMissingLow(BigInteger a, BigInteger b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    return a.compareTo(b);
  }

  private static int compareMissingHigh(BigInteger a, BigInteger b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
    return a.compareTo(b);
  }

  // ---- generic (RubyGems) ----

  static int generic(String a, String b) {
    List<String> x = segments(a);
    List<String> y = segments(b);
    int n = Math.max(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      String p = i < x.size() ? x.get(i) : "0";
      String q = i < y.size() ? y.get(i) : "0";
      boolean pn = isDigits(p);
      boolean qn = isDigits(q);
      int c = pn && qn ? new BigInteger(p).compareTo(new BigInteger(q)) : pn ? 1 : qn ? -1 : p.compareTo(q);
      if (c != 0) return c;
    }
    return 0;
  }

  private static List<String> segments(String version) {
    String v = version.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("v")) v = v.substring(1);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        i++;
        continue;
      }
      int start = i;
      boolean digit = Character.isDigit(c);
      while (i < v.length() && Character.isLetterOrDigit(v.charAt(i)) && Character.isDigit(v.charAt(i)) == digit) i++;
      out.add(v.substring(start, i));
    }
    return out;
  }
}
