package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.PolicySchema;
import dev.vetter.policy.YamlDocument;
import dev.vetter.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Keeps docs/configuration.md and the README true: every {@code yaml} block is a policy that both the
 * loader and the JSON Schema accept, every key is documented, and every command line shown parses.
 */
class ConfigurationDocsTest {
  private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);

  private final CheckRegistry registry = Workspace.registry();

  record Block(String language, int line, String text) {}

  static String read(String path) throws Exception {
    return Files.readString(Corpora.projectRoot().resolve(path), StandardCharsets.UTF_8);
  }

  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(markdown);
    while (m.find()) {
      int line = (int) markdown.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      blocks.add(new Block(m.group(1), line, m.group(2)));
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> everyYamlExampleIsAValidPolicyForLoaderAndSchema() throws Exception {
    List<Block> yaml = blocks(read("docs/configuration.md")).stream().filter(b -> b.language().equals("yaml") && !isWaivers(b)).toList();
    assertThat(yaml).as("yaml examples in docs/configuration.md").hasSizeGreaterThan(10);
    PolicyLoader loader = new PolicyLoader(registry);
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(PolicySchema.of(registry));
    return yaml.stream().map(b -> DynamicTest.dynamicTest("docs/configuration.md:" + b.line(), () -> {
      assertThat(loader.validate("example at docs/configuration.md:" + b.line() + ", its line", b.text())).as("loader").isEmpty();
      assertThat(schema.validate(YamlDocument.parse("example", b.text()).root())).as("schema").isEmpty();
    }));
  }

  private static boolean isWaivers(Block b) {
    return b.text().startsWith("# " + dev.vetter.policy.Waivers.FILE);
  }

  @TestFactory
  Stream<DynamicTest> everyWaiversExampleIsValidForLoaderAndSchema() throws Exception {
    List<Block> yaml = blocks(read("docs/configuration.md")).stream().filter(b -> b.language().equals("yaml") && isWaivers(b)).toList();
    assertThat(yaml).as("waivers examples in docs/configuration.md").isNotEmpty();
    var loader = new dev.vetter.policy.WaiversLoader(registry, dev.vetter.policy.Policy.WaiverLimits.DEFAULTS);
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(dev.vetter.policy.WaiversSchema.of());
    return yaml.stream().map(b -> DynamicTest.dynamicTest("docs/configuration.md:" + b.line(), () -> {
      assertThat(loader.validate("example", b.text())).as("loader").isEmpty();
      assertThat(schema.validate(YamlDocument.parse("example", b.text()).root())).as("schema").isEmpty();
    }));
  }

  @Test
  void theCompleteExampleUsesEveryTopLevelKey() throws Exception {
    Block complete = blocks(read("docs/configuration.md")).stream()
        .filter(b -> b.language().equals("yaml") && b.text().startsWith("# .vetter.yml: Vetter's review policy")).findFirst().orElseThrow();
    var root = YamlDocument.parse("example", complete.text()).root();
    for (String key : PolicyLoader.KEYS) assertThat(root.has(key)).as("the complete example sets '%s'", key).isTrue();
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = read("docs/configuration.md");
    for (String key : PolicyLoader.KEYS) assertThat(doc).as("a section on '%s'", key).containsPattern("(?m)^### .*`" + Pattern.quote(key) + "`");
    for (String key : List.of("max-file-bytes", "check-timeout-seconds", "enabled", "severity", "paths")) {
      assertThat(doc).as("a table row on '%s'", key).contains("| `" + key + "` |");
    }
    for (String value : List.of("added", "diff_context", "file", "nofilter", "error", "warning", "notice", "never")) assertThat(doc).contains("`" + value + "`");
  }

  @TestFactory
  Stream<DynamicTest> everyCommandLineShownParses() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("README.md", "docs/configuration.md")) {
      for (Block b : blocks(read(file))) {
        if (!b.language().isEmpty() && !b.language().equals("sh")) continue;
        String[] lines = b.text().split("\n");
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].strip();
          if (!line.startsWith("vetter ") && !line.startsWith("./vetter ")) continue;
          String where = file + ":" + (b.line() + 1 + i);
          tests.add(DynamicTest.dynamicTest(where + " " + line, () -> {
            String command = line.replaceFirst("\\s+#.*$", "").replaceFirst("^(\\./)?vetter\\s+", "");
            // "[FILE]" marks an optional argument; the line must parse without it
            String[] args = Arrays.stream(command.split("\\s+")).filter(a -> !a.matches("\\[[A-Z]+]")).toArray(String[]::new);
            new CommandLine(new VetterCommand()).parseArgs(args);
          }));
        }
      }
    }
    assertThat(tests).as("command lines in the README and docs").hasSizeGreaterThan(10);
    return tests.stream();
  }
}
