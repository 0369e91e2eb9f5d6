package dev.vetter.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretRedactorTest {

  @Test
  void redactsWhatTheRulesFindAtTheRightOffsets() {
    String token = "ghp_" + "R7xQ2mN9kL4pW8vB3zT6yH1cF5dJ0sA2eG7u";
    String text = "line one\r\n\uFEFFtoken: " + token + " end\n";
    var spans = SecretRedactor.find(text);
    assertThat(spans).hasSize(1);
    assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo(token);
    assertThat(spans.get(0).rule()).isEqualTo("secrets/github-token");
    assertThat(SecretRedactor.redact(text)).doesNotContain(token).startsWith("line one\r\n\uFEFFtoken: [redacted: ").endsWith("] end\n");
  }

  @Test
  void redactsAPrivateKeyAcrossLines() {
    String key = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA7Vb3Ty9Qe1nJk2sL0pX4rM8aQz5wV3cT6yH1uB9dN2fG4hK7\n".repeat(8)
        + "-----END RSA PRIVATE KEY-----";
    String redacted = SecretRedactor.redact("before\n" + key + "\nafter");
    assertThat(redacted).startsWith("before\n").endsWith("\nafter").doesNotContain("MIIEowIBAAKCAQEA");
  }

  @Test
  void leavesTextWithoutSecretsAlone() {
    assertThat(SecretRedactor.redact("password = \"${DB_PASSWORD}\"")).isEqualTo("password = \"${DB_PASSWORD}\"");
    assertThat(SecretRedactor.find("")).isEmpty();
  }
}
