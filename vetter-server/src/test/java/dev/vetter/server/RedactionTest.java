package dev.vetter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionTest {
  static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";

  @Test
  void masksGitHubTokensOfEveryKind() {
    for (String prefix : new String[] {"ghp_", "ghs_", "gho_", "ghu_", "ghr_"}) {
      String token = prefix + "16C7e42F292c6912E7710c838347Ae178B4a";
      assertThat(Redaction.redact("token " + token + " failed")).doesNotContain(token).contains(prefix + "[redacted]");
    }
    String pat = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV";
    assertThat(Redaction.redact("with " + pat)).isEqualTo("with github_pat_[redacted]");
  }

  @Test
  void masksAuthorizationValuesJwtsAndKeys() {
    assertThat(Redaction.redact("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345")).isEqualTo("Authorization: Bearer [redacted]");
    assertThat(Redaction.redact("Authorization: token 0123456789abcdef0123456789abcdef")).isEqualTo("Authorization: token [redacted]");
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiI3NyIsImlhdCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";
    assertThat(Redaction.redact("jwt=" + jwt + " rejected")).isEqualTo("jwt=[redacted JWT] rejected");
    assertThat(Redaction.redact("key: " + PEM + " end")).isEqualTo("key: [redacted RSA PRIVATE KEY] end");
    assertThat(Redaction.redact("truncated " + PEM.substring(0, 120))).doesNotContain("MIIEow").startsWith("truncated [redacted");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "GitHub answered 404 to GET /repos/octo/hello/pulls/7: Not Found; the token expired, renewing it";
    assertThat(Redaction.redact(text)).isEqualTo(text);
    assertThat(Redaction.redact(null)).isNull();
  }

  @Test
  void everyLogLineIsRedacted() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = Log.output(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Log.warn("request with Bearer ghs_16C7e42F292c6912E7710c838347Ae178B4a failed");
      Log.info(PEM);
    } finally {
      Log.output(previous);
    }
    String logged = out.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("WARN request with Bearer ").doesNotContain("16C7e42F").doesNotContain("MIIEow").contains("[redacted RSA PRIVATE KEY]");
  }
}
