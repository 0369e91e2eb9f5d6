package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.List;
import java.util.Locale;

/**
 * Private keys: PEM blocks ({@code -----BEGIN … PRIVATE KEY-----}, OpenSSH and PGP included) over
 * several lines or escaped into one string ({@code \n} in JSON), and PuTTY key files. A block counts
 * only when its body looks like real key material: at least 64 base64 characters of high entropy, so
 * {@code ...}, {@code xxx} and code that merely mentions the header are not reported.
 */
final class PrivateKeyDetector implements Detector {
  static final String RULE = "secrets/private-key";
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?)-----");
  private static final int MIN_BODY = 64;
  private static final double MIN_ENTROPY = 4.5;
  private static final int MAX_LINES = 400;

  @Override
  public List<String> rules() {
    return List.of(RULE);
  }

  @Override
  public List<String> keywords() {
    return List.of("-----begin", "putty-user-key-file-");
  }

  @Override
  public void scan(FileContent file, int index, List<Candidate> out) {
    String text = file.lines().get(index).text();
    Matcher m = BEGIN.matcher(text);
    if (m.find()) {
      pem(file, index, text, m, out);
    } else if (text.startsWith("PuTTY-User-Key-File-")) {
      putty(file, index, text, out);
    }
  }

  private void pem(FileContent file, int index, String text, Matcher m, List<Candidate> out) {
    String kind = m.group(1);
    String rest = text.substring(m.end());
    StringBuilder body = new StringBuilder();
    int endLine = index;
    int end = text.length();
    if (rest.startsWith("\\n") || rest.startsWith("\\r\\n")) {
      // escaped into one string: the body runs to the END marker or the closing quote
      int stop = rest.indexOf("-----END");
      if (stop < 0) stop = rest.indexOf('"') >= 0 ? rest.indexOf('"') : rest.length();
      body.append(base64Only(rest.substring(0, stop).replace("\\r", "").replace("\\n", "")));
      end = m.end() + stop;
    } else {
      List<FileContent.Line> lines = file.lines();
      for (int i = index + 1; i < lines.size() && i <= index + MAX_LINES; i++) {
        String line = unwrap(lines.get(i).text());
        if (line.contains("-----END")) {
          endLine = i;
          end = lines.get(i).text().length();
          break;
        }
        if (line.isEmpty() || line.contains(": ")) continue; // blank and RFC 1421 / PGP header lines
        if (!line.matches("[A-Za-z0-9+/=]+")) {
          if (body.isEmpty()) return; // not a key body: code or prose that mentions the marker
          break;
        }
        body.append(line);
        endLine = i;
        end = lines.get(i).text().length();
      }
    }
    String secret = body.toString();
    if (secret.length() < MIN_BODY || Secrets.entropy(secret) < MIN_ENTROPY) return;
    out.add(new Candidate(RULE, label(kind), index + 1, endLine + 1, m.start(), end, secret, SPECIFIC));
  }

  private void putty(FileContent file, int index, String text, List<Candidate> out) {
    List<FileContent.Line> lines = file.lines();
    for (int i = index + 1; i < lines.size() && i <= index + 60; i++) {
      String line = lines.get(i).text().strip();
      if (!line.startsWith("Private-Lines:")) continue;
      int count;
      try {
        count = Integer.parseInt(line.substring("Private-Lines:".length()).strip());
      } catch (NumberFormatException e) {
        return;
      }
      StringBuilder body = new StringBuilder();
      int last = Math.min(lines.size() - 1, i + count);
      for (int j = i + 1; j <= last; j++) body.append(base64Only(lines.get(j).text()));
      String secret = body.toString();
      if (secret.length() >= 32 && Secrets.entropy(secret) >= 4.0) {
        out.add(new Candidate(RULE, "PuTTY private key", index + 1, last + 1, 0, lines.get(last).text().length(), secret, SPECIFIC));
      }
      return;
    }
  }

  /** A body line as written inside a string literal or a list: without quotes, escapes and joiners. */
  private static String unwrap(String line) {
    String s = line.strip();
    if (s.endsWith("+") || s.endsWith(",")) s = s.substring(0, s.length() - 1).strip();
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) s = s.substring(1, s.length() - 1);
    if (s.endsWith("\\n")) s = s.substring(0, s.length() - 2);
    return s.strip();
  }

  private static String base64Only(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') sb.append(c);
    }
    return sb.toString();
  }

  private static String label(String kind) {
    String k = kind.toUpperCase(Locale.ROOT);
    if (k.startsWith("OPENSSH")) return "OpenSSH private key";
    if (k.startsWith("PGP")) return "PGP private key";
    if (k.startsWith("RSA")) return "RSA private key";
    if (k.startsWith("EC")) return "EC private key";
    if (k.startsWith("DSA")) return "DSA private key";
    if (k.startsWith("ENCRYPTED")) return "encrypted private key";
    if (k.equals("PRIVATE KEY")) return "private key (PKCS #8)";
    return kind.toLowerCase(Locale.ROOT).replace("private key", "").strip().toUpperCase(Locale.ROOT) + " private key";
  }
}
