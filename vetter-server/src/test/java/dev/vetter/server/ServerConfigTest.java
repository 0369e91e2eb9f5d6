package dev.vetter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path tmp;

  Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("VETTER_GITHUB_WEBHOOK_SECRET", "s");
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) m.remove(kv[i]);
      else m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  Map<String, String> flags(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("--data-dir", tmp.toString());
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) m.remove(kv[i]);
      else m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static void fails(Map<String, String> env, Map<String, String> flags, String... messageParts) {
    assertThatThrownBy(() -> ServerConfig.load(env, flags))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(messageParts).doesNotContain("\n"));
  }

  @Test
  void defaults() {
    ServerConfig c = ServerConfig.load(env(), flags());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.role()).isEqualTo(ServerConfig.Role.ALL);
    assertThat(c.database()).isNull();
    assertThat(c.dataDir()).isEqualTo(tmp);
    assertThat(c.reviewDrafts()).isFalse();
    assertThat(c.workers()).isEqualTo(2);
    assertThat(c.queue().lease()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.gitlab().url()).hasToString("https://gitlab.com");
    assertThat(c.benchEndpoint()).isFalse();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxConnectionsPerClient()).isEqualTo(32);
  }

  @Test
  void aFlagWinsOverItsVariable() {
    ServerConfig c = ServerConfig.load(env("VETTER_PORT", "9000", "VETTER_DRAFTS", "review"), flags("--port", "9100"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.reviewDrafts()).isTrue();
  }

  @Test
  void missingSettingsAreNamed() {
    fails(env(), flags("--data-dir", null), "--data-dir", "VETTER_DATA_DIR");
    fails(env("VETTER_GITHUB_WEBHOOK_SECRET", null), flags(), "VETTER_GITHUB_WEBHOOK_SECRET", "VETTER_GITLAB_WEBHOOK_TOKEN");
    fails(env("VETTER_GITHUB_WEBHOOK_SECRET", ""), flags(), "VETTER_GITHUB_WEBHOOK_SECRET is set but empty");
  }

  @Test
  void contradictionsAreNamed() throws Exception {
    fails(env(), flags("--role", "worker"), "--role worker needs --database");
    fails(env(), flags("--role", "receiver"), "--role receiver needs --database");
    fails(env("VETTER_RETRY_BASE_SECONDS", "100", "VETTER_RETRY_MAX_SECONDS", "10"), flags(), "VETTER_RETRY_BASE_SECONDS");
    Path file = Files.writeString(tmp.resolve("file"), "");
    fails(env(), flags("--data-dir", file.toString()), "is not a directory");
  }

  @Test
  void theOrganisationPolicyIsAFileOfTheServer() throws Exception {
    assertThat(ServerConfig.load(env(), flags()).orgConfig()).isNull();
    Path org = Files.writeString(tmp.resolve("org.yml"), "fail-on: warning\n");
    assertThat(ServerConfig.load(env("VETTER_ORG_CONFIG", org.toString()), flags()).orgConfig()).isEqualTo(org);
    fails(env("VETTER_ORG_CONFIG", tmp.resolve("missing.yml").toString()), flags(), "VETTER_ORG_CONFIG", "missing.yml", "is not a file");
    fails(env("VETTER_ORG_CONFIG", " "), flags(), "VETTER_ORG_CONFIG is set but empty");
  }

  @Test
  void badValuesAreNamed() {
    fails(env(), flags("--port", "http"), "--port", "0 to 65535", "'http'");
    fails(env("VETTER_PORT", "70000"), flags(), "VETTER_PORT");
    fails(env(), flags("--role", "boss"), "--role", "all, receiver, worker");
    fails(env(), flags("--drafts", "maybe"), "--drafts", "review or skip");
    fails(env("VETTER_COCKPIT_TOKEN", "short"), flags(), "VETTER_COCKPIT_TOKEN is shorter than 16 characters");
    fails(env(), flags("--workers", "-1"), "--workers");
    fails(env(), flags("--workers", "0", "--role", "worker", "--database", "postgresql://h/db"), "--workers", "do nothing");
    assertThat(ServerConfig.load(env(), flags("--workers", "0")).workers()).as("receive and queue only").isZero();
    fails(env("VETTER_MAX_JOBS_PER_REPO", "-1"), flags(), "VETTER_MAX_JOBS_PER_REPO");
    fails(env("VETTER_REQUEST_TIMEOUT_SECONDS", "0"), flags(), "VETTER_REQUEST_TIMEOUT_SECONDS", "1 to 3600");
    fails(env("VETTER_MAX_CONNECTIONS_PER_CLIENT", "-1"), flags(), "VETTER_MAX_CONNECTIONS_PER_CLIENT");
    assertThat(ServerConfig.load(env("VETTER_MAX_CONNECTIONS_PER_CLIENT", "0"), flags()).maxConnectionsPerClient()).as("no cap").isZero();
    fails(env(), flags("--database", "mysql://db/x"), "--database", "only PostgreSQL");
    fails(env("VETTER_DATABASE_URL", "postgresql://host"), flags(), "VETTER_DATABASE_URL", "host[:port]/database");
  }

  @Test
  void databaseUrlsInBothSpellings() {
    ServerConfig c = ServerConfig.load(env(), flags("--database", "postgresql://ve%40tter:p%3Ass@db.example:6543/reviews?sslmode=require&currentSchema=bot",
        "--role", "worker", "--data-dir", null));
    assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/reviews?sslmode=require");
    assertThat(c.database().user()).isEqualTo("ve@tter");
    assertThat(c.database().password()).isEqualTo("p:ss");
    assertThat(c.database().schema()).isEqualTo("bot");
    assertThat(c.toString()).doesNotContain("p:ss");
    ServerConfig j = ServerConfig.load(env("VETTER_DATABASE_URL", "jdbc:postgresql://localhost/test?user=postgres&password=root"), flags());
    assertThat(j.database().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/test");
    assertThat(j.database().user()).isEqualTo("postgres");
    assertThat(j.database().password()).isEqualTo("root");
    fails(env(), flags("--database", "postgresql://h/db?currentSchema=x;drop"), "plain identifier");
  }

  @Test
  void aWorkerNeedsNoWebhookSecret() {
    ServerConfig c = ServerConfig.load(env("VETTER_GITHUB_WEBHOOK_SECRET", null), flags("--role", "worker", "--database", "postgresql://h/db"));
    assertThat(c.role().receives()).isFalse();
    assertThat(c.role().works()).isTrue();
  }

  @Test
  void gitLabSettingsAreCheckedTogether() {
    ServerConfig c = ServerConfig.load(env("VETTER_GITLAB_TOKEN", "glpat", "VETTER_GITLAB_URL", "https://gitlab.example.com/"), flags());
    assertThat(c.gitlab().url()).hasToString("https://gitlab.example.com/");
    assertThat(c.gitlab().token()).isEqualTo("glpat");
    fails(env("VETTER_GITLAB_URL", "https://gitlab.example.com"), flags(), "VETTER_GITLAB_URL is set but VETTER_GITLAB_TOKEN is not");
    fails(env("VETTER_GITLAB_TOKEN", "glpat", "VETTER_GITLAB_URL", "https://gitlab.example.com/api/v4"), flags(), "without /api/v4");
    fails(env("VETTER_GITLAB_TOKEN", "glpat", "VETTER_GITLAB_URL", "gitlab.example.com"), flags(), "VETTER_GITLAB_URL: expected an http(s) URL");
  }

  @Test
  void secretsNeverAppearInToString() {
    ServerConfig c = ServerConfig.load(env("VETTER_GITHUB_WEBHOOK_SECRET", "hunter2", "VETTER_GITHUB_TOKEN", "ghp_secret", "VETTER_GITLAB_TOKEN", "glpat"), flags());
    assertThat(c.toString() + c.gitlab()).doesNotContain("hunter2", "ghp_secret", "glpat");
  }
}
