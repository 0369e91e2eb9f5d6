package dev.vetter.server;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text that may reach a log line or an error message: GitHub tokens ({@code ghp_}, {@code ghs_},
 * {@code gho_}, {@code ghu_}, {@code ghr_}, {@code github_pat_}), {@code Bearer}/{@code token} authorization values,
 * JWTs and PEM private keys. Each is replaced by a short marker that keeps the kind (so a log still says what was
 * there) and none of the secret.
 */
public final class Redaction {
  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES = List.of(
      // PEM blocks first: their base64 body would otherwise be picked apart by the rules below
      new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)"),
          "[redacted $1PRIVATE KEY]"),
      // a DER private key in base64 without its PEM lines (RSA keys start MII…)
      new Rule(Pattern.compile("\\bMII[A-Za-z0-9+/]{40,}={0,2}"), "[redacted key]"),
      new Rule(Pattern.compile("\\b(gh[psour]_)[A-Za-z0-9]{8,}"), "$1[redacted]"),
      new Rule(Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{8,}"), "$1[redacted]"),
      new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{6,}(?:\\.[A-Za-z0-9_-]*){0,2}"), "[redacted JWT]"),
      // whatever else follows an authorization scheme (a token of an unknown format)
      new Rule(Pattern.compile("(?i)\\b(bearer|token|basic)(\\s+|=|:\\s*)(?!\\[redacted)[A-Za-z0-9._~+/-]{16,}=*"), "$1$2[redacted]"));

  private Redaction() {}

  /** {@code text} with every credential masked; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(out);
      if (m.find()) out = m.replaceAll(r.replacement);
    }
    return out;
  }
}
