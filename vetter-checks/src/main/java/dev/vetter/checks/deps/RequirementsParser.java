package dev.vetter.checks.deps;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.checks.deps.Dependency.Source;
import java.util.List;
import java.util.Locale;

/**
 * Reads pip requirements files ({@code requirements*.txt}) and PEP 508 requirement strings (also used
 * for {@code pyproject.toml}). Options lines add indexes ({@code --index-url}, {@code --extra-index-url},
 * {@code --find-links}, {@code --trusted-host}); {@code -r} and {@code -c} includes are not followed;
 * lines that are neither are skipped.
 */
final class RequirementsParser {
  private RequirementsParser() {}

  /** A PEP 508 requirement: name, specifier ("" when none) or direct URL (null when none). */
  record Requirement(String name, String specifier, String url) {}

  private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*(.*)$");
  private static final Pattern CLAUSE = Pattern.compile("^\\s*(===|==|!=|~=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+\\s*$");
  private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9._-]+)");

  /** Parses a PEP 508 string; null when it is not one. */
  static Requirement pep508(String text) {
    String s = text.strip();
    Matcher m = NAME.matcher(s);
    if (!m.matches()) return null;
    String rest = m.group(2).strip();
    if (rest.startsWith("@")) {
      String url = rest.substring(1).strip();
      int marker = url.indexOf(" ;");
      if (marker >= 0) url = url.substring(0, marker).strip();
      return url.isEmpty() ? null : new Requirement(m.group(1), "", url);
    }
    int marker = rest.indexOf(';');
    if (marker >= 0) rest = rest.substring(0, marker).strip();
    if (rest.startsWith("(") && rest.endsWith(")")) rest = rest.substring(1, rest.length() - 1).strip();
    if (!rest.isEmpty()) {
      for (String clause : rest.split(",")) {
        if (!CLAUSE.matcher(clause).matches()) return null;
      }
    }
    return new Requirement(m.group(1), rest.replaceAll("\\s+", ""), null);
  }

  /** A PyPI dependency from a requirement, its source taken from a direct URL if any. */
  static Dependency dependency(String section, String role, Requirement r, int line) {
    if (r.url() == null) {
      return new Dependency(Ecosystem.PYPI, section, role, r.name(), r.specifier(), r.specifier(), Source.REGISTRY, line, line, 0);
    }
    return new Dependency(Ecosystem.PYPI, section, role, r.name(), r.url(), null, urlSource(r.url()), line, line, 0);
  }

  /** Where a pip URL or path points: git ({@code git+...@ref}), an archive URL, or a path. */
  static Source urlSource(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    String noFragment = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
    if (lower.startsWith("git+") || lower.startsWith("git://") || lower.startsWith("hg+") || lower.startsWith("svn+") || lower.startsWith("bzr+")) {
      // the ref follows the last '@' of the path part: git+https://host/org/repo.git@v1.2
      int scheme = noFragment.indexOf("://");
      int pathStart = scheme < 0 ? 0 : noFragment.indexOf('/', scheme + 3);
      int at = noFragment.lastIndexOf('@');
      if (pathStart >= 0 && at > pathStart) return new Source(Source.Kind.GIT, noFragment.substring(0, at), noFragment.substring(at + 1));
      return new Source(Source.Kind.GIT, noFragment, null);
    }
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://")) return new Source(Source.Kind.URL, url, null);
    // `.` or `.[extras]`: the project this file belongs to, installed from its own checkout
    if (noFragment.replaceFirst("\\[[^\\]]*\\]$", "").matches("\\.(/)?")) return new Source(Source.Kind.WORKSPACE, url, null);
    return new Source(Source.Kind.PATH, url, null);
  }

  static Manifest parse(String text) {
    Manifest.Builder out = new Manifest.Builder(ManifestKind.REQUIREMENTS);
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int first = i + 1;
      StringBuilder logical = new StringBuilder();
      String l = lines.get(i);
      // a backslash at the end continues the line
      while (l.endsWith("\\") && i + 1 < lines.size()) {
        logical.append(l, 0, l.length() - 1).append(' ');
        l = lines.get(++i);
      }
      logical.append(l);
      line(out, stripComment(logical.toString()).strip(), first);
    }
    return out.build();
  }

  private static String stripComment(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '#' && (k == 0 || Character.isWhitespace(s.charAt(k - 1)))) return s.substring(0, k);
    }
    return s;
  }

  private static void line(Manifest.Builder out, String s, int line) {
    if (s.isEmpty()) return;
    if (s.startsWith("-")) {
      String[] parts = s.split("[\\s=]+", 2);
      String option = parts[0];
      String arg = parts.length > 1 ? parts[1].strip() : "";
      switch (option) {
        case "-i", "--index-url", "--extra-index-url", "-f", "--find-links" -> {
          if (!arg.isEmpty()) out.registry(arg, line, null);
        }
        case "--trusted-host" -> out.registry(arg, line, "`--trusted-host` turns off TLS certificate checks for " + arg);
        case "-e", "--editable" -> {
          Requirement r = direct(arg);
          if (r != null) out.add(dependency("requirements", "editable dependency", r, line));
        }
        default -> { } // -r, -c, --hash, --no-index, --pre, ...: not dependencies
      }
      return;
    }
    // per-requirement options (--hash=...) follow the requirement
    int opt = s.indexOf(" --");
    if (opt >= 0) s = s.substring(0, opt).strip();
    Requirement r = looksLikeUrlOrPath(s) ? direct(s) : pep508(s);
    if (r != null) out.add(dependency("requirements", "dependency", r, line));
  }

  // a line that starts with a URL (`git+https://...`) or a path; `name @ https://...` is a PEP 508 requirement instead
  private static boolean looksLikeUrlOrPath(String s) {
    int scheme = s.indexOf("://");
    if (scheme > 0 && s.substring(0, scheme).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-')) return true;
    return s.startsWith(".") || s.startsWith("/") || s.startsWith("~") || s.toLowerCase(Locale.ROOT).startsWith("file:");
  }

  // a URL or path requirement; the name comes from #egg= or the last path segment
  private static Requirement direct(String arg) {
    if (arg.isEmpty()) return null;
    if (!looksLikeUrlOrPath(arg)) return pep508(arg);
    Matcher egg = EGG.matcher(arg);
    String name;
    if (egg.find()) {
      name = egg.group(1);
    } else {
      String p = arg.contains("#") ? arg.substring(0, arg.indexOf('#')) : arg;
      if (p.contains("@") && p.lastIndexOf('@') > p.indexOf("://") + 3) p = p.substring(0, p.lastIndexOf('@'));
      while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
      name = p.substring(p.lastIndexOf('/') + 1);
      if (name.endsWith(".git")) name = name.substring(0, name.length() - 4);
      if (name.isEmpty()) name = arg;
    }
    return new Requirement(name, "", arg);
  }
}
