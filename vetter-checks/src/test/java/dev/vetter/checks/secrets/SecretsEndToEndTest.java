package dev.vetter.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Finding;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.report.ReportSettings;
import dev.vetter.report.Reporters;
import dev.vetter.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets through the whole pipeline: no output format, key or suggestion ever holds a secret in full. */
class SecretsEndToEndTest {
  // fake, random values (not issued by anyone)
  static final String GITHUB = "ghp_" + "R7vQ2kLm9XwT4zB8nC3yH6dF1sJ5aE0uPoKi";
  static final String PASSWORD = "Vq8#mZ2" + "pL7xR4tN";
  static final String KEY_BODY = "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu" + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm";

  @Test
  void noOutputHoldsASecret(@TempDir Path dir) throws Exception {
    try (TestRepo repo = TestRepo.init(dir.resolve("repo"))) {
      repo.write("README.md", "# app\n").commit("base");
      repo.branch("feature");
      repo.write(".env", "GITHUB_TOKEN=" + GITHUB + "\nDATABASE_URL=postgres://app:" + PASSWORD + "@db:5432/app\n");
      repo.write("deploy/key.pem", "-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY.substring(0, 64) + "\n" + KEY_BODY.substring(64) + "\n-----END RSA PRIVATE KEY-----\n");
      repo.commit("add config");
      CheckRegistry registry = new CheckRegistry(BuiltInChecks.all().stream().filter(c -> c instanceof SecretRule<?> || c instanceof CustomSecrets).toList());
      try (GitRepository git = GitRepository.open(repo.dir())) {
        ReviewResult result = new Reviewer(registry, Policy.defaults()).review(git.range("main", "feature"));
        assertThat(result.findings()).extracting(Finding::rule)
            .containsExactly("secrets/github-token", "secrets/database-url", "secrets/private-key");
        assertThat(result.findings()).allSatisfy(f -> {
          assertThat(f.suggestion()).isNull();
          assertThat(f.key()).startsWith("secret:").doesNotContain(GITHUB).doesNotContain(PASSWORD);
        });
        assertThat(result.findings().get(2).endLine()).isEqualTo(4);
        for (String format : Reporters.NAMES) {
          StringBuilder out = new StringBuilder();
          Reporters.byName(format, ReportSettings.of(registry, "test", false)).write(result, out);
          assertThat(out.toString()).as(format).doesNotContain(GITHUB.substring(4)).doesNotContain(PASSWORD)
              .doesNotContain(KEY_BODY.substring(0, 64)).contains("(40 chars)");
        }
        // the same secret keeps its fingerprint when lines move
        String before = result.findings().get(0).fingerprint();
        repo.write(".env", "# moved down\n" + Files.readString(repo.dir().resolve(".env"))).commit("move");
        ReviewResult again = new Reviewer(registry, Policy.defaults()).review(git.range("main", "feature"));
        assertThat(again.findings().get(0).line()).isEqualTo(2);
        assertThat(again.findings().get(0).fingerprint()).isEqualTo(before);
      }
    }
  }
}
