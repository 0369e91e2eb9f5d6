package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.policy.RuleDocs;
import dev.vetter.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md is generated from the rules' own metadata. When a rule changes, regenerate it with
 * {@code ./run-tests -pl vetter-cli -am -Dtest=RuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dvetter.updateDocs=true}.
 */
class RuleDocsTest {
  @Test
  void rulesReferenceIsUpToDate() throws Exception {
    Path file = Corpora.projectRoot().resolve("docs/rules.md");
    String generated = RuleDocs.reference(Workspace.registry().rules());
    if (Boolean.getBoolean("vetter.updateDocs")) Files.writeString(file, generated, StandardCharsets.UTF_8);
    assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
        .as("docs/rules.md is stale; regenerate it with -Dvetter.updateDocs=true (see this test's javadoc)")
        .isEqualTo(generated);
  }
}
