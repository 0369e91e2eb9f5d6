package dev.vetter.cli;

import static dev.vetter.cli.Cli.vetter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vetter summarize} end to end on a real repository: the deterministic change map, no model. */
class SummarizeCommandTest {
  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("README.md", "# demo\n").write("src/auth/Login.java", "class Login {\n}\n").commit("docs: start");
    repo.branch("feature");
    repo.write("src/auth/Login.java", "class Login {\n  String user;\n}\n").write("package.json", "{\"dependencies\": {}}\n")
        .write("package-lock.json", "{}\n").write(".github/CODEOWNERS", "* @acme/core\n").commit("feat: login");
  }

  @Test
  void markdownMapsTheChange() {
    Run r = vetter("summarize", "--repo", repo.dir().toString(), "--base", "main", "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(r.out()).contains("## Summary", "### Change map", "**Risk: medium**", "`.github/CODEOWNERS`", "`src/auth/Login.java`",
        "security-relevant path (auth)", "1 lockfile(s)", "Dependencies changed: `package-lock.json`, `package.json`",
        "Ownership changed: `.github/CODEOWNERS`");
  }

  @Test
  void jsonCarriesTheChangeMapSection() throws Exception {
    Run r = vetter("summarize", "--repo", repo.dir().toString(), "--base", "main", "--format", "json", "--no-cache");
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("source").asText()).isEqualTo("deterministic");
    JsonNode map = root.get("changeMap");
    assertThat(map.get("files").get(0).get("path").asText()).isEqualTo(".github/CODEOWNERS");
    assertThat(map.get("collapsed").get(0).get("paths").get(0).asText()).isEqualTo("package-lock.json");
    assertThat(root.get("usage").get("calls").asInt()).isZero();
  }

  @Test
  void aiOffInThePolicyIsSaidAndTheMapStillComes() {
    Run r = vetter("summarize", "--repo", repo.dir().toString(), "--base", "main", "--ai", "--no-cache");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("the policy does not enable ai");
    assertThat(r.out()).contains("### Change map");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Run r = vetter("summarize", "--repo", repo.dir().toString(), "--format", "sarif");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown format 'sarif', allowed values: [markdown, json]").doesNotContain("\tat ");
  }
}
