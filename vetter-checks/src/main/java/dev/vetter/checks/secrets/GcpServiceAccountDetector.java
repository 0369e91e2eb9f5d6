package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.List;

/**
 * A Google Cloud service-account key file: JSON with {@code "type": "service_account"} whose
 * {@code "private_key"} holds real key material. Reported on the private key's line, in place of the
 * plain private-key finding there.
 */
final class GcpServiceAccountDetector implements Detector {
  static final String RULE = "secrets/gcp-service-account";
  private static final Pattern KEY = Pattern.compile("\"private_key\"\\s*:\\s*\"(-----BEGIN[^\"]*)");
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"service_account\"");

  @Override
  public List<String> rules() {
    return List.of(RULE);
  }

  @Override
  public List<String> keywords() {
    return List.of("\"private_key\"");
  }

  @Override
  public void scan(FileContent file, int index, List<Candidate> out) {
    String text = file.lines().get(index).text();
    Matcher m = KEY.matcher(text);
    if (!m.find() || !TYPE.matcher(file.text()).find()) return;
    String value = m.group(1);
    int header = value.indexOf("-----", 5);
    String body = header < 0 ? "" : value.substring(header + 5);
    int stop = body.indexOf("-----END");
    if (stop >= 0) body = body.substring(0, stop);
    body = body.replace("\\n", "").replace("\\r", "").replaceAll("[^A-Za-z0-9+/=]", "");
    if (body.length() < 64 || Secrets.entropy(body) < 4.5) return;
    int line = index + 1;
    out.add(new Candidate(RULE, "Google Cloud service account key", line, line, m.start(1), m.end(1), body, 0));
  }
}
