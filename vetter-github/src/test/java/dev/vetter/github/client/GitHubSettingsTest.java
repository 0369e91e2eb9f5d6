package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.github.GitHubConnector;
import dev.vetter.github.NoCredentialsInLogsAccess;
import dev.vetter.github.fake.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubSettingsTest {
  static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
  @TempDir Path dir;

  static String error(Map<String, String> env) {
    GitHubSettings.Result r = GitHubSettings.fromEnvironment(env);
    assertThat(r.connector()).isNull();
    assertThat(r.error()).isNotNull().doesNotContain("\n");
    assertThat(NoCredentialsInLogsAccess.find(r.error())).isEmpty();
    return r.error();
  }

  @Test
  void nothingSetIsNotConfigured() {
    GitHubSettings.Result r = GitHubSettings.fromEnvironment(Map.of());
    assertThat(r.configured()).isFalse();
    assertThat(r.error()).isNull();
  }

  @Test
  void aTokenMakesATokenConnector() {
    GitHubSettings.Result r = GitHubSettings.fromEnvironment(Map.of("VETTER_GITHUB_TOKEN", TOKEN, "VETTER_GITHUB_REPOSITORIES", "octo/a, octo/b"));
    assertThat(r.connector()).isInstanceOf(TokenConnector.class);
    assertThat(r.connector().installations()).containsExactly(GitHubConnector.TOKEN);
    assertThat(r.connector().installation(GitHubConnector.TOKEN).repositories()).containsExactly("octo/a", "octo/b");
    assertThat(r.description()).doesNotContain(TOKEN.substring(4));
  }

  @Test
  void anAppTakesPkcs1AndPkcs8Keys() throws Exception {
    for (String pem : new String[] {TestKeys.shared().pkcs1Pem(), TestKeys.shared().pkcs8Pem()}) {
      Path key = Files.writeString(dir.resolve("key.pem"), pem);
      GitHubSettings.Result r = GitHubSettings.fromEnvironment(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", key.toString(),
          "VETTER_GITHUB_API_URL", "https://ghe.example.com/api/v3/"));
      assertThat(r.error()).isNull();
      assertThat(r.connector()).isInstanceOf(AppConnector.class);
      assertThat(r.description()).isEqualTo("GitHub App 77 at https://ghe.example.com/api/v3");
    }
  }

  @Test
  void contradictoryOrMissingSettingsNameTheVariable() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), TestKeys.shared().pkcs1Pem());
    assertThat(error(Map.of("VETTER_GITHUB_TOKEN", TOKEN, "VETTER_GITHUB_APP_ID", "77"))).contains("VETTER_GITHUB_TOKEN and VETTER_GITHUB_APP_ID");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "77"))).startsWith("VETTER_GITHUB_APP_ID is set but VETTER_GITHUB_PRIVATE_KEY_FILE is not");
    assertThat(error(Map.of("VETTER_GITHUB_PRIVATE_KEY_FILE", key.toString()))).startsWith("VETTER_GITHUB_PRIVATE_KEY_FILE is set but VETTER_GITHUB_APP_ID is not");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "vetter", "VETTER_GITHUB_PRIVATE_KEY_FILE", key.toString()))).startsWith("VETTER_GITHUB_APP_ID: expected");
    assertThat(error(Map.of("VETTER_GITHUB_TOKEN", TOKEN, "VETTER_GITHUB_API_URL", "ftp://x"))).startsWith("VETTER_GITHUB_API_URL:");
    assertThat(error(Map.of("VETTER_GITHUB_TOKEN", ""))).startsWith("VETTER_GITHUB_TOKEN is set but empty");
    assertThat(error(Map.of("VETTER_GITHUB_TOKEN", "ghp_abc def"))).isEqualTo("VETTER_GITHUB_TOKEN contains whitespace; give the token alone");
    assertThat(error(Map.of("VETTER_GITHUB_REPOSITORIES", "octo/a"))).startsWith("VETTER_GITHUB_REPOSITORIES is set but VETTER_GITHUB_TOKEN is not");
  }

  @Test
  void anUnreadableOrInvalidKeySaysWhichWithoutKeyMaterial() throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", missing.toString())))
        .isEqualTo("VETTER_GITHUB_PRIVATE_KEY_FILE: cannot read " + missing + " (NoSuchFileException)");
    Path notPem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", notPem.toString()))).contains("no PEM private key found");
    String pem = TestKeys.shared().pkcs1Pem();
    Path corrupt = Files.writeString(dir.resolve("corrupt.pem"), pem.substring(0, 32 + 64 * 10 + 10) + "\n-----END RSA PRIVATE KEY-----\n");
    String e = error(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", corrupt.toString()));
    assertThat(e).contains("corrupt.pem: the PEM private key is not a valid RSA private key");
    Path encrypted = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", encrypted.toString()))).contains("is encrypted");
    Path ec = Files.writeString(dir.resolve("ec.pem"), "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA\n-----END EC PRIVATE KEY-----\n");
    assertThat(error(Map.of("VETTER_GITHUB_APP_ID", "77", "VETTER_GITHUB_PRIVATE_KEY_FILE", ec.toString()))).contains("not an RSA key");
  }
}
