package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import dev.vetter.change.Language;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A literal assigned to a name that ends in password, secret, token, api key and the like
 * ({@code DB_PASSWORD=…}, {@code "apiKey": "…"}, {@code client_secret: …}). Only literals count: in
 * source code the value must be quoted (an unquoted right-hand side is an expression), and references,
 * templates, paths, URLs, numbers, identifiers and words, versions and sequences are skipped
 * ({@link CredentialShape}). Entropy and length thresholds are the rule's
 * options, applied afterwards, so candidates here carry no threshold.
 */
final class GenericAssignmentDetector implements Detector {
  static final String RULE = "secrets/generic-assignment";

  /** What a secret's name ends with. */
  private static final List<String> ENDINGS = List.of("password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "api_key",
      "api-key", "api.key", "accesskey", "access_key", "access-key", "authkey", "auth_key", "auth-key", "privatekey", "private_key",
      "private-key", "secretkey", "secret_key", "secret-key", "signingkey", "signing_key", "signing-key", "encryptionkey", "encryption_key",
      "credential", "credentials");
  private static final String NAME = "[a-z0-9_.-]*?(?:password|passwd|passphrase|pwd|secret|token|api[_.-]?key|access[_.-]?key"
      + "|auth[_.-]?key|private[_.-]?key|secret[_.-]?key|signing[_.-]?key|encryption[_.-]?key|credentials?)";
  // XML: <password>…</password> (Maven settings.xml) and <property name="…password" value="…"/>
  private static final Pattern XML_ELEMENT = Pattern.compile("(?i)<(" + NAME + ")>([^<\\s]+)</");
  private static final Pattern XML_PROPERTY = Pattern.compile(
      "(?i)\\bname\\s*=\\s*[\"'](" + NAME + ")[\"'][^>]*?\\bvalue\\s*=\\s*[\"']([^\"'\\s]*)[\"']");
  private static final Set<Language> CODE = Set.of(Language.JAVA, Language.KOTLIN, Language.JAVASCRIPT, Language.TYPESCRIPT,
      Language.PYTHON, Language.GO, Language.RUBY, Language.RUST, Language.C, Language.CPP, Language.CSHARP);
  private static final Pattern EXPRESSION = Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:\\.|::|->)[\\w$]+)+(?:\\(.*)?|[A-Za-z_$][\\w$]*\\(.*");
  private static final Pattern FILE_NAME = Pattern.compile("(?i).*\\.(?:pem|key|p12|pfx|jks|json|ya?ml|txt|env|properties|crt|cer|der|toml|ini|cfg|conf|xml|gpg|asc)");
  private static final Pattern UUID_ZERO = Pattern.compile("0{8}-0{4}-0{4}-0{4}-0{12}");

  @Override
  public List<String> rules() {
    return List.of(RULE);
  }

  @Override
  public List<String> keywords() {
    return List.of("password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "api_key", "api-key", "api.key",
        "accesskey", "access_key", "access-key", "authkey", "auth_key", "auth-key", "privatekey", "private_key", "private-key",
        "signingkey", "signing_key", "encryptionkey", "encryption_key", "credential");
  }

  @Override
  public void scan(FileContent file, int index, List<Candidate> out) {
    String text = file.lines().get(index).text();
    boolean code = CODE.contains(Language.of(file.path() == null ? "" : file.path()));
    String lower = text.toLowerCase(Locale.ROOT);
    int line = index + 1;
    // from each place a name ends in a keyword, read "['"]? op value" by hand: a regex searching the whole
    // line for such names costs RE2/J's NFA tens of microseconds per line
    java.util.BitSet ends = new java.util.BitSet();
    for (String ending : ENDINGS) {
      for (int p = lower.indexOf(ending); p >= 0; p = lower.indexOf(ending, p + 1)) {
        int nameEnd = p + ending.length();
        if ((nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) || ends.get(nameEnd)) continue;
        ends.set(nameEnd);
        int nameStart = p;
        while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) nameStart--;
        assignment(text, nameStart, nameEnd, code, line, out);
      }
    }
    if (text.indexOf('<') >= 0) {
      for (Pattern p : List.of(XML_ELEMENT, XML_PROPERTY)) {
        Matcher x = p.matcher(text);
        while (x.find()) {
          if (plausible(x.group(1), x.group(2))) {
            out.add(new Candidate(RULE, "secret assigned to " + shortName(x.group(1)), index + 1, index + 1, x.start(2), x.end(2), x.group(2), GENERIC));
          }
        }
      }
    }
  }

  /** Reads {@code ['"]? op value} after the name at {@code [nameStart, nameEnd)}; adds a candidate for a plausible literal. */
  private static void assignment(String text, int nameStart, int nameEnd, boolean code, int line, List<Candidate> out) {
    int n = text.length();
    int i = nameEnd;
    if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) i++;
    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    if (text.startsWith(":=", i) || text.startsWith("=>", i)) {
      i += 2;
    } else if (i < n && (text.charAt(i) == '=' || text.charAt(i) == ':')) {
      if (i + 1 < n && text.charAt(i + 1) == text.charAt(i)) return; // == and ::
      i++;
    } else {
      return;
    }
    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    if (i >= n) return;
    char q = text.charAt(i);
    int start;
    int end;
    if (q == '"' || q == '\'' || q == '`') {
      start = i + 1;
      end = text.indexOf(q, start);
      if (end < 0 || text.substring(start, end).indexOf('\\') >= 0) return;
    } else {
      if (code || ",;)}]=<>".indexOf(q) >= 0) return; // unquoted in source code: an expression, not a literal
      start = i;
      end = i;
      while (end < n && !Character.isWhitespace(text.charAt(end)) && "'\"`,;)}]".indexOf(text.charAt(end)) < 0) end++;
      String raw = text.substring(start, end);
      if (raw.indexOf('(') >= 0 || raw.indexOf('[') >= 0 || raw.indexOf('{') >= 0) return; // a call, an index, a template
    }
    String name = text.substring(nameStart, nameEnd);
    String value = text.substring(start, end);
    if (plausible(name, value)) {
      out.add(new Candidate(RULE, "secret assigned to " + shortName(name), line, line, start, end, value, GENERIC));
    }
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  static boolean plausible(String name, String value) {
    String lowerName = name.toLowerCase(Locale.ROOT);
    if (lowerName.contains("public") || lowerName.contains("publishable")) return false;
    if (value.length() < 6 || value.length() > 500) return false;
    if (value.chars().anyMatch(Character::isWhitespace)) return false; // prose, not a credential
    if (value.contains("://") || value.startsWith("/") || value.startsWith("./") || value.startsWith("~/") || value.startsWith("\\")) return false;
    if (value.chars().allMatch(Character::isDigit)) return false;
    if (FILE_NAME.matcher(value).matches() || EXPRESSION.matcher(value).matches() || UUID_ZERO.matcher(value).matches()) return false;
    // words, versions and sequences people write where a secret could go: "invalid:token", "1.43.0:1.43.1-SNAPSHOT", "abcd1245"
    if (CredentialShape.isIdentifier(value) || CredentialShape.isVersion(value) || CredentialShape.isSequence(value)) return false;
    if (value.startsWith("$") || value.startsWith("%") || value.startsWith(":") || value.startsWith("{") || value.startsWith("@") || value.startsWith("&")
        || value.startsWith("!") || value.startsWith("*")) return false;
    if (Secrets.isPlaceholder(value)) return false;
    return classes(value) >= 2;
  }

  /** How many of lower case, upper case, digits and other characters occur in {@code s}. */
  static int classes(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') lower = true;
      else if (c >= 'A' && c <= 'Z') upper = true;
      else if (c >= '0' && c <= '9') digit = true;
      else other = true;
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }

  private static String shortName(String name) {
    int dot = name.lastIndexOf('.');
    String n = (dot >= 0 && dot < name.length() - 1 ? name.substring(dot + 1) : name).replaceFirst("^[^A-Za-z0-9]+", "");
    return n.length() > 40 ? n.substring(n.length() - 40) : n;
  }
}
