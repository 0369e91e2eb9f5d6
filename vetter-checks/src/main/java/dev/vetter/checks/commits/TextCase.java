package dev.vetter.checks.commits;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The letter cases commitlint's {@code subject-case} and {@code type-case} rules know, with its exact
 * test ({@code @commitlint/ensure}'s {@code case}): quoted parts are removed, the rest is converted to
 * the case, and it "is" in that case when conversion leaves it unchanged. Conversions follow the
 * lodash-compatible word splitting of es-toolkit that commitlint uses, so "Update README" is
 * start-case and "Fix bug" is sentence-case just as commitlint sees them.
 */
enum TextCase {
  LOWER_CASE("lower-case"),
  UPPER_CASE("upper-case"),
  CAMEL_CASE("camel-case"),
  KEBAB_CASE("kebab-case"),
  PASCAL_CASE("pascal-case"),
  SENTENCE_CASE("sentence-case"),
  SNAKE_CASE("snake-case"),
  START_CASE("start-case");

  private final String id;

  TextCase(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  static TextCase parse(String id) {
    for (TextCase c : values()) {
      if (c.id.equals(id)) return c;
    }
    throw new IllegalArgumentException("unknown case '" + id + "', allowed values: "
        + Arrays.stream(values()).map(TextCase::id).toList());
  }

  // `code`, "quoted" and 'quoted' parts may hold proper names, so commitlint ignores them
  private static final Pattern QUOTED = Pattern.compile("`" + Js.DOT + "*?`|\"" + Js.DOT + "*?\"|'" + Js.DOT + "*?'");
  private static final Pattern STARTS_WITH_DIGIT = Pattern.compile("^[0-9]");

  /** Whether {@code raw} is in this case, as commitlint decides it. */
  boolean matches(String raw) {
    String input = Js.trim(QUOTED.matcher(raw).replaceAll(""));
    String transformed = convert(input);
    return transformed.isEmpty() || STARTS_WITH_DIGIT.matcher(transformed).find() || transformed.equals(input);
  }

  String convert(String input) {
    return switch (this) {
      case CAMEL_CASE -> camelCase(input);
      case KEBAB_CASE -> String.join("-", words(normalizeForCase(deburr(input))).stream().map(TextCase::lower).toList());
      case SNAKE_CASE -> String.join("_", words(normalizeForCase(deburr(input))).stream().map(TextCase::lower).toList());
      case PASCAL_CASE -> upperFirst(camelCase(input));
      case START_CASE -> startCase(input);
      case UPPER_CASE -> upper(input);
      case SENTENCE_CASE -> upperFirst(input);
      case LOWER_CASE -> lower(input);
    };
  }

  // JavaScript's toUpperCase/toLowerCase use the locale-independent Unicode mappings
  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** The first UTF-16 unit upper-cased, as JavaScript's {@code substring(0, 1)} does. */
  static String upperFirst(String s) {
    return s.isEmpty() ? s : upper(s.substring(0, 1)) + s.substring(1);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : upper(s.substring(0, 1)) + lower(s.substring(1));
  }

  private static String camelCase(String s) {
    List<String> words = words(normalizeForCase(deburr(s)));
    if (words.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(lower(words.get(0)));
    for (int i = 1; i < words.size(); i++) sb.append(capitalize(words.get(i)));
    return sb.toString();
  }

  private static String startCase(String s) {
    List<String> words = words(Js.trim(normalizeForCase(deburr(s))));
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (!sb.isEmpty()) sb.append(' ');
      int first = Character.charCount(w.codePointAt(0));
      sb.append(upper(w.substring(0, first))).append(w.substring(first));
    }
    return sb.toString();
  }

  private static String normalizeForCase(String s) {
    return s.replaceAll("['\u2019]", "");
  }

  /** es-toolkit's compat {@code deburr}: Latin-1 Supplement and Latin Extended-A letters lose accents; combining marks go. */
  static String deburr(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 192 && c <= 383) {
        sb.append(deburrLetter(c));
      } else if (!isCombiningMark(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isCombiningMark(int c) {
    return c >= 768 && c <= 879 || c >= 8400 && c <= 8447 || c >= 65056 && c <= 65071;
  }

  private static final String DEBURR_FROM = "ÆÐØÞßæðøþĐđĦħıĲĳĸĿŀŁłŉŊŋŒœŦŧſ";
  private static final String[] DEBURR_TO = {
      "Ae", "D", "O", "Th", "ss", "ae", "d", "o", "th", "D", "d", "H", "h", "i", "IJ", "ij", "k", "L", "l", "L", "l",
      "'n", "N", "n", "Oe", "oe", "T", "t", "s"};

  private static String deburrLetter(char c) {
    int mapped = DEBURR_FROM.indexOf(c);
    if (mapped >= 0) return DEBURR_TO[mapped];
    StringBuilder sb = new StringBuilder();
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    for (int i = 0; i < decomposed.length(); i++) {
      char d = decomposed.charAt(i);
      if (isCombiningMark(d)) continue;
      int m = DEBURR_FROM.indexOf(d);
      sb.append(m >= 0 ? DEBURR_TO[m] : String.valueOf(d));
    }
    return sb.toString();
  }

  // lodash's word splitting, as es-toolkit's compat `words` has it. JavaScript matches UTF-16 units
  // and treats a surrogate pair as "astral"; Java matches code points, so astral ranges are written
  // as supplementary code points here.
  private static final Pattern HAS_UNICODE_WORD = Pattern.compile("[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]");
  private static final Pattern ASCII_WORD = Pattern.compile("[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+");
  private static final Pattern UNICODE_WORD = unicodeWordPattern();

  private static Pattern unicodeWordPattern() {
    String astral = "\\x{10000}-\\x{10FFFF}\\ud800-\\udfff";
    String comboRange = "\\u0300-\\u036f\\ufe20-\\ufe2f\\u20d0-\\u20ff";
    String dingbatRange = "\\u2700-\\u27bf";
    String lowerRange = "a-z\\xdf-\\xf6\\xf8-\\xff";
    String upperRange = "A-Z\\xc0-\\xd6\\xd8-\\xde";
    String varRange = "\\ufe0e\\ufe0f";
    String breakRange = "\\xac\\xb1\\xd7\\xf7\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf\\u2000-\\u206f \\t\\x0b\\f\\xa0\\ufeff\\n\\r"
        + "\\u2028\\u2029\\u1680\\u180e\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u202f\\u205f\\u3000";
    String apos = "['\u2019]";
    String brk = "[" + breakRange + "]";
    String combo = "[" + comboRange + "]";
    String digits = "\\d+";
    String dingbat = "[" + dingbatRange + "]";
    String lowerC = "[" + lowerRange + "]";
    String misc = "[^" + astral + breakRange + digits + dingbatRange + lowerRange + upperRange + "]";
    String modifier = "(?:" + combo + "|[\\x{1F3FB}-\\x{1F3FF}])";
    String nonAstral = "[^" + astral + "]";
    String regional = "[\\x{1F1E6}-\\x{1F1FF}]{2}";
    String surrPair = "[\\x{10000}-\\x{10FFFF}]";
    String upperC = "[" + upperRange + "]";
    String zwj = "\\u200d";
    String miscLower = "(?:" + lowerC + "|" + misc + ")";
    String miscUpper = "(?:" + upperC + "|" + misc + ")";
    String optContrLower = "(?:" + apos + "(?:d|ll|m|re|s|t|ve))?";
    String optContrUpper = "(?:" + apos + "(?:D|LL|M|RE|S|T|VE))?";
    String optMod = modifier + "?";
    String optVar = "[" + varRange + "]?";
    String optJoin = "(?:" + zwj + "(?:" + nonAstral + "|" + regional + "|" + surrPair + ")" + optVar + optMod + ")*";
    String ordLower = "\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])";
    String ordUpper = "\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])";
    String seq = optVar + optMod + optJoin;
    String emoji = "(?:" + dingbat + "|" + regional + "|" + surrPair + ")" + seq;
    return Pattern.compile(String.join("|",
        upperC + "?" + lowerC + "+" + optContrLower + "(?=" + brk + "|" + upperC + "|\\z)",
        miscUpper + "+" + optContrUpper + "(?=" + brk + "|" + upperC + miscLower + "|\\z)",
        upperC + "?" + miscLower + "+" + optContrLower,
        upperC + "+" + optContrUpper,
        ordUpper,
        ordLower,
        digits,
        emoji));
  }

  static List<String> words(String s) {
    Matcher m = (HAS_UNICODE_WORD.matcher(s).find() ? UNICODE_WORD : ASCII_WORD).matcher(s);
    List<String> words = new ArrayList<>();
    while (m.find()) words.add(m.group());
    return words;
  }
}
