package dev.vetter.checks.secrets;

/**
 * A secret found in a file, before the rule's options have had their say.
 *
 * @param rule the rule id it belongs to
 * @param label what it is, e.g. "GitHub fine-grained personal access token"
 * @param line first line, 1-based
 * @param endLine last line (a private key spans several)
 * @param start offset of the secret in the first line (0-based, UTF-16 units)
 * @param end offset just past the secret (in {@code endLine} when it spans lines)
 * @param secret the secret itself; never leaves the check in full
 * @param level how specific the detector is: where two candidates overlap, only the lowest level survives
 */
record Candidate(String rule, String label, int line, int endLine, int start, int end, String secret, int level) {

  boolean overlaps(Candidate o) {
    if (endLine < o.line || o.endLine < line) return false;
    if (line == endLine && o.line == o.endLine) return start < o.end && o.start < end;
    return true;
  }
}
