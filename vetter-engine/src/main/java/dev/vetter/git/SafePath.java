package dev.vetter.git;

/** Repository-relative paths from any input: no absolute paths, no {@code ..}, no NUL. */
public final class SafePath {
  private SafePath() {}

  public static boolean isSafe(String path) {
    if (path == null || path.isEmpty() || path.indexOf('\0') >= 0 || path.startsWith("/") || path.indexOf('\\') >= 0) return false;
    if (path.length() > 1 && path.charAt(1) == ':') return false; // C:foo
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals("..") || part.equals(".")) return false;
    }
    return true;
  }
}
