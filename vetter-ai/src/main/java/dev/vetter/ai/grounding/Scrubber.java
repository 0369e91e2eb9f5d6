package dev.vetter.ai.grounding;

import dev.vetter.checks.secrets.SecretRedactor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text Vetter did not write (a model's answer) before anyone sees it: secrets the secrets rules recognise
 * are redacted, links outside the repository removed, @-mentions defused, HTML escaped and invisible format
 * characters (zero-width, bidirectional overrides) dropped. Immutable and thread-safe.
 */
public final class Scrubber {
  /** What {@link #scrub} did to one text. */
  public record Scrubbed(String text, int secrets, int links, int mentions) {}

  // images first (a tracking pixel loses its alt text too), then links whose text is kept, then reference definitions
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]\\n]*)\\]\\(([^)\\n]*)\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+[^)\\n]*)?\\)");
  private static final Pattern REFERENCE = Pattern.compile("(?m)^[ \\t]*\\[[^\\]\\n]+\\]:[ \\t]*(\\S+).*$");
  private static final Pattern URL = Pattern.compile(
      "(?i)(?:\\b(?:https?|ftps?|file|javascript|vbscript|data|mailto|ssh|git|wss?|irc|tel|sms):(?://)?|\\bwww\\.|(?<![\\w/])//(?=[a-z0-9-]+\\.))"
      + "[^\\s<>()\\[\\]{}\"'`]+");
  // a mention is an @ not preceded by what makes it part of an e-mail address or a word; GitHub and GitLab also read teams (org/team)
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.+-])[@\\uFF20\\uFE6B]([\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_])?(?:/[\\p{L}\\p{N}_.-]+)?)");
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}&&[^\\n\\t]]");

  private final List<String> allowedPrefixes;

  /**
   * @param repositoryUrls links to keep: URLs that start with one of these (the repository's own pages, e.g.
   *     {@code https://github.com/acme/widgets}); a trailing slash is added, so a sibling repository does not match
   */
  public Scrubber(List<String> repositoryUrls) {
    this.allowedPrefixes = repositoryUrls.stream().map(u -> u.toLowerCase(Locale.ROOT).replaceAll("/+$", "") + "/").toList();
  }

  /** A scrubber that keeps no link. */
  public static Scrubber strict() {
    return new Scrubber(List.of());
  }

  public Scrubbed scrub(String text) {
    String t = INVISIBLE.matcher(text).replaceAll("");
    int secretsBefore = SecretRedactor.find(t).size();
    t = SecretRedactor.redact(t);
    int[] links = {0};
    t = replace(IMAGE, t, m -> {
      if (allowed(m.group(2))) return m.group();
      links[0]++;
      return "";
    });
    t = replace(LINK, t, m -> {
      if (allowed(m.group(2))) return m.group();
      links[0]++;
      return m.group(1);
    });
    t = replace(REFERENCE, t, m -> {
      if (allowed(m.group(1))) return m.group();
      links[0]++;
      return "";
    });
    t = replace(URL, t, m -> {
      if (allowed(m.group())) return m.group();
      links[0]++;
      return "[link removed]";
    });
    int[] mentions = {0};
    t = replace(MENTION, t, m -> {
      mentions[0]++;
      return m.group(1);
    });
    // no HTML reaches Markdown: no hidden comments, images or forms
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return new Scrubbed(t.strip(), secretsBefore, links[0], mentions[0]);
  }

  /** Whether {@code url} points inside the repository: an allowed prefix, and no way to climb out of it. */
  boolean allowed(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    if (u.contains("/..") || u.contains("%2e") || u.contains("%2f") || u.contains("\\") || u.contains("@")) return false;
    return allowedPrefixes.stream().anyMatch(p -> u.startsWith(p) || (u + "/").equals(p));
  }

  private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
    m.appendTail(out);
    return out.toString();
  }
}
