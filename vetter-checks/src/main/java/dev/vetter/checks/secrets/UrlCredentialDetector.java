package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords in URLs ({@code scheme://user:password@host}) and in database connection strings
 * ({@code Server=…;Password=…}, {@code jdbc:…?password=…}). Database schemes go to
 * {@code secrets/database-url}, every other scheme to {@code secrets/basic-auth-url}. The password is
 * the secret; it is skipped when it is a placeholder, a variable, equal to the user name, shorter than
 * 4 characters, made of sample words ({@code foobar}, {@code hello}), or holds what no URL's user
 * information can: a space or control character (once percent-decoded), brackets or backslashes.
 */
final class UrlCredentialDetector implements Detector {
  static final String BASIC_AUTH = "secrets/basic-auth-url";
  static final String DATABASE = "secrets/database-url";

  private static final Set<String> DATABASE_SCHEMES = Set.of(
      "mongodb", "mongodb+srv", "mysql", "mysqlx", "mariadb", "postgres", "postgresql", "redis", "rediss", "mssql", "sqlserver",
      "oracle", "db2", "couchdb", "couchbase", "cassandra", "neo4j", "neo4j+s", "bolt", "clickhouse", "cockroachdb", "snowflake",
      "memcached", "influxdb", "timescaledb", "vertica", "presto", "trino", "hive2", "sqlite");

  // user: no ':', '@', '/', quotes or brackets; password: greedy up to the last '@' before a path, space or quote.
  // No counted repetitions: RE2/J simulates an NFA, whose cost grows with them; lengths are checked afterwards.
  private static final Pattern URL = Pattern.compile(
      "(?i)(?:^|[^a-z0-9+.-])((jdbc:)?([a-z][a-z0-9+.-]*)://)([^\\s:@/?#'\"`<>{}\\[\\]()|,;]+):([^\\s/'\"`<>]+)@[^\\s/'\"`<>]");
  private static final Pattern KEY_VALUE = Pattern.compile("(?i)(?:^|[;\\s\"'])(?:password|pwd)\\s*=\\s*([^;'\"\\s]+)");
  private static final Pattern CONNECTION = Pattern.compile("(?i)(?:server|data source|host|address)\\s*=[^;]+;");
  private static final Pattern JDBC_PARAM = Pattern.compile("(?i)jdbc:[^\\s'\"]*[?&;]password=([^&;'\"\\s]+)");

  @Override
  public List<String> rules() {
    return List.of(BASIC_AUTH, DATABASE);
  }

  @Override
  public List<String> keywords() {
    return List.of("://", "password=", "pwd=");
  }

  @Override
  public void scan(FileContent file, int index, List<Candidate> out) {
    String text = file.lines().get(index).text();
    int line = index + 1;
    if (text.indexOf('@') >= 0 && text.contains("://")) {
      Matcher m = URL.matcher(text);
      int from = 0;
      while (m.find(from)) {
        from = m.end(5);
        String scheme = m.group(3).toLowerCase(Locale.ROOT);
        String user = m.group(4);
        String password = m.group(5);
        if (scheme.length() > 30 || user.length() > 100 || password.length() > 200 || !plausible(user, password)) continue;
        boolean database = m.group(2) != null || DATABASE_SCHEMES.contains(scheme);
        String label = database ? "password in a " + scheme + " connection string" : "password in a " + scheme + ":// URL";
        out.add(new Candidate(database ? DATABASE : BASIC_AUTH, label, line, line, m.start(5), m.end(5), password, SPECIFIC));
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.contains("password=") && !lower.contains("pwd=")) return;
    if (CONNECTION.matcher(text).find()) {
      Matcher kv = KEY_VALUE.matcher(text);
      while (kv.find()) {
        String password = kv.group(1);
        if (password.length() <= 200 && plausible("", password)) {
          out.add(new Candidate(DATABASE, "password in a database connection string", line, line, kv.start(1), kv.end(1), password, SPECIFIC));
        }
      }
    }
    if (lower.contains("jdbc:")) {
      Matcher jdbc = JDBC_PARAM.matcher(text);
      while (jdbc.find()) {
        String password = jdbc.group(1);
        if (password.length() <= 200 && plausible("", password)) {
          out.add(new Candidate(DATABASE, "password in a JDBC URL", line, line, jdbc.start(1), jdbc.end(1), password, SPECIFIC));
        }
      }
    }
  }

  static boolean plausible(String user, String password) {
    if (password.length() < 4 || password.equalsIgnoreCase(user)) return false;
    if (password.startsWith("$") || password.startsWith("%") || password.startsWith("{") || password.startsWith(":")) return false;
    if (Secrets.isVariable(password)) return false;
    // a user name starts with a letter, a digit or an escape; "$USER", "{{user}}", "<user>" and "&a" are not one
    // (connection strings have no user here: "")
    if (!user.isEmpty() && !Character.isLetterOrDigit(user.charAt(0)) && "%_.-~".indexOf(user.charAt(0)) < 0) return false;
    // tests of URL parsers: characters a URL's user information cannot hold ("foo(b]c", "[secure]")
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c < ' ' || c == 0x7f || c == '[' || c == ']' || c == '\\') return false;
    }
    String decoded = percentDecoded(password);
    // samples: a space or control character once decoded ("a%20secret"), foo and bar, hello world, "p%40ssw0rd"
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c <= ' ' || c == 0x7f) return false;
    }
    return !Secrets.isPlaceholder(password) && !Secrets.isPlaceholder(decoded) && !CredentialShape.isSampleWords(decoded);
  }

  /** {@code s} with its {@code %XX} escapes decoded as Latin-1 characters (enough to see spaces and control characters); a bad escape stays. */
  static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) return s;
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        sb.append((char) (hi * 16 + lo));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
