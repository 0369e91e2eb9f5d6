package dev.vetter.checks.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** What every secret rule does to a secret once found: measure it, judge it a placeholder or not, mask it, hash it. */
final class Secrets {
  private Secrets() {}

  /** The secret as a message may show it: at most its first 4 characters (fewer for short ones), "…" and its length. */
  static String mask(String secret) {
    int n = secret.codePointCount(0, secret.length());
    // a short password would be half revealed by 4 characters: show a quarter at most
    int shown = n >= 16 ? 4 : n / 4;
    return secret.substring(0, secret.offsetByCodePoints(0, shown)) + "… (" + n + " chars)";
  }

  /**
   * The finding key (and so the fingerprint) of a secret: a truncated SHA-256 of it, so the same secret
   * keeps its fingerprint across pushes while the key itself never holds the secret.
   */
  static String key(String rule, String secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h = d.digest(("vetter-secret\0" + rule + '\0' + secret).getBytes(StandardCharsets.UTF_8));
      return "secret:" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Shannon entropy of the characters of {@code s}, in bits per character. */
  static double entropy(String s) {
    if (s.isEmpty()) return 0;
    int[] ascii = new int[128];
    java.util.Map<Character, Integer> other = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        ascii[c]++;
      } else {
        if (other == null) other = new java.util.HashMap<>();
        other.merge(c, 1, Integer::sum);
      }
    }
    double n = s.length();
    double h = 0;
    for (int count : ascii) {
      if (count > 0) h -= count / n * (Math.log(count / n) / Math.log(2));
    }
    if (other != null) {
      for (int count : other.values()) h -= count / n * (Math.log(count / n) / Math.log(2));
    }
    return h;
  }

  /** Whole values that stand for "put the secret here", compared case-insensitively. */
  private static final Set<String> PLACEHOLDER_VALUES = Set.of(
      "pass", "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "changeme", "change_me", "change-me",
      "mypassword", "my_password", "yourpassword", "your_password", "mysecret", "yoursecret", "your_secret",
      "x-oauth-basic", "notasecret", "none", "null", "nil", "undefined", "true", "false", "required", "optional");

  /**
   * Credentials printed as examples in the OAuth specifications, copied into the tests and documentation
   * of many OAuth libraries: RFC 5849 (OAuth 1.0, sections 1.2 and 3.1 to 3.5), RFC 6749 (OAuth 2.0) and
   * RFC 6750 (bearer tokens). Like the jwt.io token, they are samples wherever they appear.
   */
  private static final Set<String> SPECIFICATION_SAMPLES = Set.of(
      "dpf43f3p2l4k3l03", "kd94hf93k423kf44", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", "hfdp7dh39dks9884", "nnch734d00sl2jdk",
      "pfkkdhi9sl3r4s00", "9djdj82h48djs9d2", "kkk9d7dh3k39sjv7", "j49sk3j29djd", "dh893hdasih9", "0685bd9184jfhq22", "ad180jjd733klru7",
      "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", "s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw", "mF_9.B5f-4.1JqM");

  /** Words that mark a value as a stand-in, wherever they occur in it. */
  private static final String[] PLACEHOLDER_WORDS = {
      "example", "xxxx", "****", "····", "....", "…", "changeme", "change_me", "change-me", "placeholder", "redacted", "dummy",
      "your_", "your-", "yourtoken", "yourkey", "yourapikey", "replace_", "replace-", "replaceme", "insert_", "insert-",
      "<", ">", "${", "{{", "}}", "$(", "%(", "#{", "<%"};

  /**
   * True when {@code secret} is obviously not a real credential: a template or variable reference, a
   * word that means "put it here" (or a spelling of "password", {@code P@ssw0rd1}), an example from a
   * specification, or a value no generator would produce (one character repeated, or a run such as
   * {@code 123456} or {@code abcdef}).
   */
  static boolean isPlaceholder(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    if (PLACEHOLDER_VALUES.contains(lower) || SPECIFICATION_SAMPLES.contains(secret) || CredentialShape.isPasswordSpelling(secret)) return true;
    for (String w : PLACEHOLDER_WORDS) {
      if (lower.contains(w)) return true;
    }
    if (isVariable(secret)) return true;
    return isRepetitive(secret) || hasRun(lower, 6);
  }

  /** {@code $NAME}, {@code %NAME%}, {@code @NAME@}: a reference to a value kept elsewhere. */
  static boolean isVariable(String s) {
    return s.matches("\\$[A-Za-z_][A-Za-z0-9_]*") || s.matches("%[A-Za-z_][A-Za-z0-9_]*%") || s.matches("@[A-Za-z_][A-Za-z0-9_]*@");
  }

  /** One character eight or more times in a row, one character throughout, or at most three distinct characters in all. */
  static boolean isRepetitive(String s) {
    int run = 1;
    int longest = s.isEmpty() ? 0 : 1;
    for (int i = 1; i < s.length(); i++) {
      run = s.charAt(i) == s.charAt(i - 1) ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    return longest >= 8 || longest == s.length() || (s.length() >= 6 && s.chars().distinct().count() <= 3);
  }

  /** A run of {@code length} letters or digits counting up or down by one ({@code 123456}, {@code fedcba}); input lower case. */
  static boolean hasRun(String lower, int length) {
    int up = 1;
    int down = 1;
    for (int i = 1; i < lower.length(); i++) {
      char a = lower.charAt(i - 1);
      char b = lower.charAt(i);
      boolean sameKind = Character.isDigit(a) == Character.isDigit(b) && isAsciiAlnum(a) && isAsciiAlnum(b);
      up = sameKind && b == a + 1 ? up + 1 : 1;
      down = sameKind && b == a - 1 ? down + 1 : 1;
      if (up >= length || down >= length) return true;
    }
    return false;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
