package dev.vetter.checks.owners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The examples of GitHub's CODEOWNERS documentation (github-docs-examples.txt), one test per path. */
class GitHubDocsExamplesTest {

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("github-docs-examples.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<DynamicTest> tests = new ArrayList<>();
    String[] cases = text.split("(?m)^=== ");
    for (int i = 1; i < cases.length; i++) {
      String title = cases[i].substring(0, cases[i].indexOf('\n')).strip();
      String body = cases[i].substring(cases[i].indexOf('\n') + 1);
      String[] parts = body.split("(?m)^---$", 2);
      CodeOwners owners = CodeOwners.parse(parts[0]);
      assertThat(owners.problems()).as("problems in example '%s'", title).isEmpty();
      for (String line : parts[1].strip().split("\n")) {
        if (line.isBlank()) continue;
        String path = line.substring(0, line.indexOf("=>")).strip();
        String expected = line.substring(line.indexOf("=>") + 2).strip();
        tests.add(DynamicTest.dynamicTest(title + ": " + path, () -> {
          String actual = owners.ownersOf(path).owners().stream().map(CodeOwners.Owner::name).collect(Collectors.joining(" "));
          assertThat(actual.isEmpty() ? "(none)" : actual).as("owners of %s", path).isEqualTo(expected);
        }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(40);
    return tests.stream();
  }
}
