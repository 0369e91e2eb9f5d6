package dev.vetter.checks.secrets;

import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a value has the shape of a generated credential, or of something people write that only
 * sits where a credential could: an identifier ({@code getJiraProjectId}, {@code invalid:token}), a
 * version or coordinate ({@code my-lib:1.43.0:1.43.1-SNAPSHOT}), a sequence ({@code abcd1245},
 * {@code qwerty12}), a spelling of "password" ({@code p@ssw0rd1}). Rules anchored by a keyword near the
 * value (a provider's name, {@code password =}) rather than by a prefix of the value itself apply this
 * test: for them the keyword says little, and the value must say the rest.
 */
final class CredentialShape {
  private CredentialShape() {}

  // snake_case, kebab-case, CONSTANT_CASE, camelCase and PascalCase words without digits, whatever their letters
  private static final Pattern PLAIN_WORDS =
      Pattern.compile("[a-z]+(?:[_.-][a-z]+)*|[A-Z]+(?:[_.-][A-Z]+)*|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+");
  private static final Pattern VERSION = Pattern.compile("[vV]?\\d+(?:\\.\\d+)+(?:[-+._~][A-Za-z0-9]+)*");
  private static final String VERSION_PREFIX = "^~=<>!v";
  // one keyboard row after another (a letter or digit next to its neighbour counts as a step, like 'b' after 'a')
  private static final String[] KEYBOARD_ROWS = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
  /**
   * How much likelier than chance each letter is to follow each other letter in words: row {@code a},
   * column {@code b} holds 6 + log2(26 · P(b | a)), rounded and clipped to 0..9, from the letter pairs of
   * the words in English text and Python's standard library as Debian installs them (/usr/share/doc and
   * /usr/lib/python3.11, 27 million pairs, camelCase split into words, add-one smoothing).
   */
  private static final String[] WORD_PAIRS = {
      "26663351614778060888553340", "74648430761831730754800572", "73437307526831930647520330", "74369333800523720554620040",
      "64775641361668354887254640", "74457710900613830767701050", "61429257900647550765621033", "80009000701632710728700010",
      "56765661102768750578152404", "71228100512111631191502000", "74449344722525542474525142", "83158631861812730166631050",
      "85249110821772770162530030", "71777481614425830178540050", "35682641314588560856655223", "80248124602722760887721160",
      "32333332422634333444933332", "72559360805466730667542060", "50528326703643771488612050", "72458308800452770767504260",
      "58557540601868360778010200", "91309231801242610133211100", "81237128902316820761205100", "63737403601372370299211742",
      "63426231501667790877327122", "73339335823757632335423245"};
  /** Words that stand for "some value" in samples and tests (RFC 3092's metasyntactic variables, hello world, pass). */
  private static final Set<String> SAMPLE_WORDS = Set.of("foo", "bar", "baz", "qux", "quux", "corge", "grault", "garply", "waldo", "fred",
      "plugh", "xyzzy", "thud", "hello", "world", "pass");

  /**
   * True when {@code value} looks generated: none of the shapes above, and letters mixed with digits or
   * with letters of the other case (random tokens of 16 or more characters almost always are).
   */
  static boolean looksGenerated(String value) {
    if (isIdentifier(value) || isVersion(value) || isSequence(value) || isPasswordSpelling(value)) return false;
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) >= 2;
  }

  /**
   * An identifier or a few words: parts separated by {@code . _ - : /}, each a lower-case, CONSTANT,
   * Capitalised or camelCase word with at most short numbers in it ({@code sha256Hex}, {@code v2}),
   * optionally a call ({@code getToken()}), whose letters follow each other as in words. Random tokens
   * fail on one-letter humps, digits between letters and, above all, letter pairs words rarely have
   * ({@code qd}, {@code zk}, {@code fx}).
   */
  static boolean isIdentifier(String value) {
    String s = value.endsWith("()") ? value.substring(0, value.length() - 2) : value;
    if (PLAIN_WORDS.matcher(s).matches()) return true;
    if (isHexNumber(s)) return false;
    int[] pairs = new int[2]; // letter pairs scored, sum of their scores
    boolean word = false;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.' || c == '_' || c == '-' || c == ':' || c == '/') {
        if (i > start) {
          String part = s.substring(start, i);
          if (!isNumber(part, 4)) {
            if (!isWordPart(part, pairs)) return false;
            word = true;
          }
        }
        start = i + 1;
      } else if (!isAsciiLetterOrDigit(c)) {
        return false;
      }
    }
    // the letters of words follow each other at least as often as chance would have it (1.2 bits a pair on
    // average, 0.2 for uploadObject); random letters' less (-1 bit a pair, under 0 for 95% of 16 letters)
    return word && pairs[0] >= 3 && pairs[1] >= 0;
  }

  /**
   * One part of an identifier: a word in lower case or capitals ({@code token}, {@code SNAPSHOT}), or
   * camelCase humps ({@code get}, {@code Jira}, {@code HTTP}) with at most two short numbers and one
   * one-letter hump; adds the scores of its letter pairs to {@code pairs}.
   */
  private static boolean isWordPart(String part, int[] pairs) {
    int n = part.length();
    int letters = n;
    while (letters > 0 && isDigit(part.charAt(letters - 1))) letters--;
    if (n - letters > 4 || letters == 0) return false;
    String word = part.substring(0, letters);
    if (isAllUpper(word) || isAllLower(word)) {
      if (letters > 3) score(word, pairs); // OS, MAC, jdk, kms: abbreviations, not words
      return true;
    }
    int humps = 0;
    int singles = 0;
    int shorts = 0;
    int acronyms = 0;
    int numbers = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      if (isDigit(part.charAt(i))) {
        while (j < n && isDigit(part.charAt(j))) j++;
        if (j - i > 3 || ++numbers > 2) return false;
        i = j;
        continue;
      }
      boolean acronym = false;
      if (isUpper(part.charAt(i))) {
        while (j < n && isUpper(part.charAt(j))) j++;
        if (j - i > 1) {
          acronym = true;
          if (j < n && isLower(part.charAt(j))) j--; // "HTTPServer": the last capital starts the next hump
        } else {
          while (j < n && isLower(part.charAt(j))) j++;
        }
      } else {
        while (j < n && isLower(part.charAt(j))) j++;
      }
      humps++;
      if (acronym) {
        // capitals stand for words of their own (HTTP, JSON): their pairs say nothing, but they are few and short
        if (++acronyms > 2 || j - i > 5) return false;
      } else {
        if (j - i == 1) singles++;
        if (j - i == 2) shorts++;
        score(part.substring(i, j), pairs);
      }
      i = j;
    }
    // words are mostly longer than two letters (getIdOfUser); random humps mostly are not, as the case flips every other letter
    return singles <= 1 && (singles + shorts) * 2 <= humps + 1;
  }

  /** Adds the letter pairs of {@code letters} and their {@link #WORD_PAIRS} scores to {@code pairs}. */
  private static void score(String letters, int[] pairs) {
    for (int i = 1; i < letters.length(); i++) {
      int a = Character.toLowerCase(letters.charAt(i - 1)) - 'a';
      int b = Character.toLowerCase(letters.charAt(i)) - 'a';
      pairs[0]++;
      pairs[1] += WORD_PAIRS[a].charAt(b) - '6';
    }
  }

  /**
   * A version or a coordinate: {@code 1.2.3}, {@code v2.0.0-rc.1}, {@code ^4.17.21}, and colon-separated
   * names and versions with at least one version ({@code com.acme:lib:1.2.3},
   * {@code my-library-core:1.43.0:1.43.1-SNAPSHOT}).
   */
  static boolean isVersion(String value) {
    boolean version = false;
    for (String part : value.split(":", -1)) {
      String p = part;
      int i = 0;
      while (i < p.length() - 1 && VERSION_PREFIX.indexOf(p.charAt(i)) >= 0) i++;
      p = p.substring(i);
      if (VERSION.matcher(p).matches()) {
        version = true;
      } else if (!isIdentifier(part)) {
        return false;
      }
    }
    return version;
  }

  /**
   * Made mostly of steps: at least half of the neighbouring letters and digits are next to each other in
   * the alphabet, the digits or a keyboard row ({@code abcd1245}, {@code qwer1234}, {@code 9876zyxw}).
   * Random values of 6 characters or more almost never are.
   */
  static boolean isSequence(String value) {
    String s = value.toLowerCase(Locale.ROOT);
    int pairs = 0;
    int steps = 0;
    for (int i = 1; i < s.length(); i++) {
      char a = s.charAt(i - 1);
      char b = s.charAt(i);
      if (!isAsciiLetterOrDigit(a) || !isAsciiLetterOrDigit(b)) continue;
      pairs++;
      if ((isDigit(a) == isDigit(b) && Math.abs(a - b) == 1) || keyboardNeighbours(a, b)) steps++;
    }
    return pairs >= 5 && steps * 2 >= pairs;
  }

  /**
   * "password" as people vary it in samples: any case, {@code @ 0 1 3 4 5 $} for letters, digits or
   * punctuation after it ({@code Passw0rd!}, {@code p@ssword}, {@code password123}).
   */
  static boolean isPasswordSpelling(String value) {
    String s = value.toLowerCase(Locale.ROOT);
    int end = s.length();
    while (end > 0 && "0123456789!?.#*_-".indexOf(s.charAt(end - 1)) >= 0) end--;
    StringBuilder plain = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      plain.append(switch (c) {
        case '@', '4' -> 'a';
        case '0' -> 'o';
        case '1', '!' -> 'i';
        case '3' -> 'e';
        case '5', '$' -> 's';
        default -> c;
      });
    }
    String p = plain.toString();
    return p.equals("password") || p.equals("passwd") || p.equals("passw") || p.equals("pass") || p.equals("pwd");
  }

  /** Made only of sample words ({@code foobar}, {@code hello}, {@code pass#pass}), digits and punctuation. */
  static boolean isSampleWords(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = Character.toLowerCase(value.charAt(i));
      if (isLower(c)) sb.append(c);
    }
    String letters = sb.toString();
    if (letters.isEmpty()) return false;
    boolean[] reach = new boolean[letters.length() + 1];
    reach[0] = true;
    for (int i = 0; i < letters.length(); i++) {
      if (!reach[i]) continue;
      for (String w : SAMPLE_WORDS) if (letters.startsWith(w, i)) reach[i + w.length()] = true;
    }
    return reach[letters.length()];
  }

  private static boolean keyboardNeighbours(char a, char b) {
    for (String row : KEYBOARD_ROWS) {
      int i = row.indexOf(a);
      int j = row.indexOf(b);
      if (i >= 0 && j >= 0 && Math.abs(i - j) == 1) return true;
    }
    return false;
  }

  /** Hex digits (and separators) with at least three decimal digits: a hash, a UUID, a number, not words. */
  private static boolean isHexNumber(String s) {
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (isDigit(c)) digits++;
      else if ((c < 'a' || c > 'f') && c != '-' && c != '_' && c != ':' && c != '.') return false;
    }
    return digits >= 3;
  }

  private static boolean isNumber(String s, int maxDigits) {
    if (s.length() > maxDigits) return false;
    for (int i = 0; i < s.length(); i++) if (!isDigit(s.charAt(i))) return false;
    return true;
  }

  private static boolean isAllUpper(String s) {
    for (int i = 0; i < s.length(); i++) if (!isUpper(s.charAt(i))) return false;
    return true;
  }

  private static boolean isAllLower(String s) {
    for (int i = 0; i < s.length(); i++) if (!isLower(s.charAt(i))) return false;
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isLower(c) || isUpper(c) || isDigit(c);
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
