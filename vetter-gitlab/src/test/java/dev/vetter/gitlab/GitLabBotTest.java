package dev.vetter.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabBotTest {
  @TempDir Path tmp;
  final CheckRegistry registry = new CheckRegistry(List.of());

  ServerConfig config(Map<String, String> env, String role) {
    Map<String, String> flags = role.equals("all") ? Map.of("--data-dir", tmp.toString())
        : Map.of("--role", role, "--database", "postgresql://localhost/test");
    return ServerConfig.load(env, flags);
  }

  @Test
  void noTokenNoGitLabClient() {
    assertThat(GitLabBot.fromConfig(config(Map.of("VETTER_GITHUB_WEBHOOK_SECRET", "s"), "all"), registry)).isEmpty();
  }

  @Test
  void aTokenMakesTheHandler() {
    var h = GitLabBot.fromConfig(config(Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", "w", "VETTER_GITLAB_TOKEN", "glpat-x"), "all"), registry);
    assertThat(h).isPresent();
    assertThat(h.get().toString()).doesNotContain("glpat-x");
  }

  @Test
  void receivingGitLabHooksWithoutAnApiTokenStopsAWorker() {
    assertThatThrownBy(() -> GitLabBot.fromConfig(config(Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", "w"), "all"), registry))
        .isInstanceOf(ServerConfig.ConfigException.class).hasMessageContaining("VETTER_GITLAB_TOKEN is not").hasMessageNotContaining("\n");
    // a receiver only queues: it needs no API token
    assertThat(GitLabBot.fromConfig(config(Map.of("VETTER_GITLAB_WEBHOOK_TOKEN", "w"), "receiver"), registry)).isEmpty();
  }
}
