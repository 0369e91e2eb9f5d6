package dev.vetter.ingest;

import dev.vetter.git.SafePath;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the paths tools print into repository paths: absolute paths inside the repository (also
 * Windows ones such as {@code C:\repo\src\a.java}, and {@code file:} URIs), relative ones (resolved
 * against the directory the tool ran in, when that is inside the repository, else the root),
 * {@code ./} and {@code ..} resolved lexically. A path that ends up outside the repository, or holds a
 * NUL, is refused with a reason; the repository root itself resolves to the empty path. Immutable.
 */
public final class PathResolver {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:(/.*)?$", Pattern.DOTALL);

  private final List<String> roots;
  private final String base;

  private PathResolver(List<String> roots, String base) {
    this.roots = roots;
    this.base = base;
  }

  /**
   * For a checkout at {@code workTree} (null for none: only relative paths resolve), with relative
   * paths taken from {@code workingDir} when it is inside the work tree, else from the root.
   */
  public static PathResolver of(Path workTree, Path workingDir) {
    if (workTree == null) return new PathResolver(List.of(), "");
    List<String> roots = new ArrayList<>();
    Path abs = workTree.toAbsolutePath().normalize();
    roots.add(abs.toString());
    try {
      String real = abs.toRealPath().toString();
      if (!roots.contains(real)) roots.add(real); // a tool may print the path with symbolic links resolved, or not
    } catch (IOException e) {
      // no real path: only the one given
    }
    PathResolver rootOnly = of(roots, "");
    String base = "";
    if (workingDir != null) {
      Resolved wd = rootOnly.resolve(workingDir.toAbsolutePath().normalize().toString());
      if (wd.problem() == null) base = wd.path();
    }
    return of(roots, base);
  }

  /**
   * For repository roots written as the tools would print them ({@code /home/ci/repo},
   * {@code C:\repo}); relative paths are relative to {@code base}, a directory inside the repository
   * ({@code ""} for the root).
   */
  public static PathResolver of(List<String> roots, String base) {
    List<String> normal = new ArrayList<>();
    for (String r : roots) {
      String n = r.replace('\\', '/');
      while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
      normal.add(n);
    }
    return new PathResolver(List.copyOf(normal), base == null ? "" : base);
  }

  /**
   * The outcome of resolving one path.
   *
   * @param path the repository-relative path ({@code ""}: the repository itself), or null when refused
   * @param problem why it was refused, or null
   */
  public record Resolved(String path, String problem) {
    static Resolved refused(String why) {
      return new Resolved(null, why);
    }
  }

  public Resolved resolve(String raw) {
    if (raw == null || raw.isBlank()) return Resolved.refused("it is empty");
    if (raw.indexOf('\0') >= 0) return Resolved.refused("it contains a NUL character");
    String p = raw.strip();
    if (p.regionMatches(true, 0, "file:", 0, 5)) {
      p = fromFileUri(p);
      if (p == null) return Resolved.refused("it is a file URI on another host");
    } else if (SCHEME.matcher(p).matches()) {
      return Resolved.refused("it is a URI, not a file path");
    }
    p = p.replace('\\', '/');
    String rel;
    if (p.startsWith("/") || DRIVE.matcher(p).matches()) {
      rel = null;
      String abs = normalizeAbsolute(p);
      for (String root : roots) {
        boolean windows = DRIVE.matcher(root + "/").matches();
        if (abs.equals(root) || (windows && abs.equalsIgnoreCase(root))) {
          rel = "";
        } else if (abs.startsWith(root + "/") || (windows && abs.regionMatches(true, 0, root + "/", 0, root.length() + 1))) {
          rel = abs.substring(root.length() + 1);
        }
        if (rel != null) break;
      }
      if (rel == null) return Resolved.refused("it is outside the repository");
    } else if (p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0))) {
      return Resolved.refused("it is relative to a drive's current directory");
    } else {
      rel = base.isEmpty() ? p : base + "/" + p;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : rel.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (parts.isEmpty()) return Resolved.refused("it leads outside the repository");
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    String path = String.join("/", parts);
    if (!path.isEmpty() && !SafePath.isSafe(path)) return Resolved.refused("it is not a safe repository path");
    return new Resolved(path, null);
  }

  // resolves "." and ".." in an absolute path, so a/../b compares equal to b; never above the top
  private static String normalizeAbsolute(String p) {
    int start = p.startsWith("/") ? 0 : 2; // after "C:"
    String prefix = p.substring(0, start);
    Deque<String> parts = new ArrayDeque<>();
    for (String part : p.substring(start).split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (!parts.isEmpty()) parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return prefix + "/" + String.join("/", parts);
  }

  /** The local path of a {@code file:} URI, percent-decoded; null for another host's file. */
  static String fromFileUri(String uri) {
    try {
      URI u = new URI(uri);
      String host = u.getAuthority();
      if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) return null;
      String path = u.getPath();
      if (path == null) path = u.getSchemeSpecificPart();
      return stripDriveSlash(path);
    } catch (URISyntaxException e) {
      // tools write unencoded spaces and backslashes into file URIs; take the text after the scheme as it is
      String rest = uri.substring(5);
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2);
        String host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
        if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) return null;
        rest = slash < 0 ? "/" : rest.substring(slash);
      }
      return stripDriveSlash(percentDecode(rest));
    }
  }

  private static String stripDriveSlash(String path) {
    // file:///C:/x has the path /C:/x
    return path.length() >= 3 && path.charAt(0) == '/' && path.charAt(2) == ':' && Character.isLetter(path.charAt(1)) ? path.substring(1) : path;
  }

  /** {@code %XX} escapes decoded as UTF-8; a {@code %} not followed by two hex digits stays as it is. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  @Override
  public String toString() {
    return "PathResolver" + roots + (base.isEmpty() ? "" : " from " + base);
  }
}
