package dev.vetter.forge;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden marker at the end of each comment Vetter posts: an HTML comment (invisible once rendered) naming the
 * finding's fingerprint and rule, {@code <!-- vetter:finding fp=0123abcd rule=hygiene/trailing-whitespace -->}, with
 * {@code state=fixed} once Vetter resolved the thread because the finding went away. The summary comment carries
 * {@code <!-- vetter:summary -->}. The next run finds its own comments by these markers, so it edits instead of
 * repeating, and a retried job finds what an interrupted one already posted.
 *
 * <p>Only comments written by the bot's own account count ({@link #parse(String, String, String)}): anyone can
 * paste a marker into a comment of their own. Parsing tolerates what edits do to a body (text added before or after,
 * CRLF line ends, extra spaces) and takes the last well-formed marker.
 *
 * @param fixed true when Vetter marked the finding fixed (and resolved its thread)
 */
public record Marker(String fingerprint, String rule, boolean fixed) {
  /** The summary comment's marker. */
  public static final String SUMMARY = "<!-- vetter:summary -->";

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{8,64}");
  // rule ids as RuleInfo allows them (external ones and analyzers' sub-rules such as java/pmd/UnusedLocalVariable
  // included); nothing that could end the HTML comment
  private static final Pattern RULE = Pattern.compile("[a-z0-9][A-Za-z0-9._/-]{0,199}");
  private static final Pattern FINDING = Pattern.compile(
      "<!--\\s*vetter:finding\\s+fp=([0-9a-f]{8,64})\\s+rule=([a-z0-9][A-Za-z0-9._/-]{0,199})(\\s+state=fixed)?\\s*-->");
  private static final Pattern SUMMARY_PATTERN = Pattern.compile("<!--\\s*vetter:summary\\s*-->");

  public Marker {
    requireNonNull(fingerprint, "fingerprint == null");
    requireNonNull(rule, "rule == null");
    if (!FINGERPRINT.matcher(fingerprint).matches()) throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
    if (!RULE.matcher(rule).matches()) throw new IllegalArgumentException("not a rule id: " + rule);
  }

  /** The marker as it is written into a comment body. */
  public String render() {
    return "<!-- vetter:finding fp=" + fingerprint + " rule=" + rule + (fixed ? " state=fixed" : "") + " -->";
  }

  public Marker asFixed(boolean fixed) {
    return new Marker(fingerprint, rule, fixed);
  }

  /** The last finding marker in {@code body}, whoever wrote it; empty when there is none. */
  public static Optional<Marker> parse(String body) {
    if (body == null) return Optional.empty();
    Matcher m = FINDING.matcher(body);
    Marker last = null;
    while (m.find()) last = new Marker(m.group(1), m.group(2), m.group(3) != null);
    return Optional.ofNullable(last);
  }

  /** The marker of a comment written by {@code botLogin}; empty for anyone else's comment, or one without a marker. */
  public static Optional<Marker> parse(String author, String botLogin, String body) {
    return isBot(author, botLogin) ? parse(body) : Optional.empty();
  }

  /** Whether a comment by {@code author} is Vetter's summary comment. */
  public static boolean isSummary(String author, String botLogin, String body) {
    return isBot(author, botLogin) && body != null && SUMMARY_PATTERN.matcher(body).find();
  }

  /** Whether {@code author} is the bot; logins compare case-insensitively, as forges treat them. */
  public static boolean isBot(String author, String botLogin) {
    return author != null && botLogin != null && author.equalsIgnoreCase(botLogin);
  }
}
