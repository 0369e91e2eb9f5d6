package dev.vetter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.check.Severity;
import dev.vetter.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SARIF sample of microsoft/sarif-tutorials loads and agrees with the facts {@code summary.json}
 * records about it (see ../shared/corpora/README.md, "sarif/"): results per run, rule ids, levels and
 * first locations. Where Vetter reads a sample differently from those plain facts, on purpose, the
 * difference is spelled out below.
 */
class SarifCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Results Vetter keeps, by index, where it skips some: accepted suppressions (or suppressions without a status) hide a result. */
  private static final Map<String, List<Integer>> KEPT = Map.of(
      // 0 none, 2 rejected, 4 underReview, 8 underReview + rejected. The sample's text calls 8 hidden "because at least one
      // suppression has not yet been rejected", yet calls 4 (underReview alone) visible; Vetter hides only what is accepted.
      "samples/Suppressions.sarif", List.of(0, 2, 4, 8));

  /** Levels that follow from the rule's defaultConfiguration (SARIF §3.27.10), which summary.json does not apply. */
  private static final Map<String, Map<Integer, String>> LEVELS = Map.of(
      "samples/DefaultRuleConfiguration.sarif", Map.of(0, "error"));

  /** Where artifacts resolve through uriBaseIds: a base id left without a uri is the repository root. */
  private static final Map<String, List<String>> PATHS = Map.of(
      "samples/OriginalUriBaseIds.sarif", List.of("README.md", "src/io/kb.c", "."),
      "samples/ResultStacks.sarif", List.of("collections/list.h"));

  static Path corpus() {
    return Corpora.require("sarif/sarif-tutorials");
  }

  static JsonNode summary() throws Exception {
    return JSON.readTree(Files.readString(corpus().resolve("summary.json"))).get("files");
  }

  @Test
  void theCorpusHasEverySample() throws Exception {
    List<String> files;
    try (Stream<Path> walk = Files.walk(corpus().resolve("samples"))) {
      files = walk.filter(p -> p.toString().endsWith(".sarif") || p.toString().endsWith(".sarif.json"))
          .map(p -> corpus().relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertThat(files).hasSize(31);
    List<String> summarised = new ArrayList<>();
    summary().fieldNames().forEachRemaining(summarised::add);
    assertThat(summarised).containsExactlyInAnyOrderElementsOf(files);
  }

  @TestFactory
  Stream<DynamicTest> everySampleAgreesWithTheSummary() throws Exception {
    JsonNode summary = summary();
    List<DynamicTest> tests = new ArrayList<>();
    summary.fieldNames().forEachRemaining(name -> tests.add(DynamicTest.dynamicTest(name, () -> check(name, summary.get(name)))));
    return tests.stream();
  }

  private static void check(String name, JsonNode facts) throws Exception {
    byte[] bytes = Files.readAllBytes(corpus().resolve(name));
    Collector c = new Collector();
    SarifReader.read(bytes, c);
    List<Diagnostic> results = c.diagnostics.stream().filter(d -> !"execution-failed".equals(d.rule())).toList();
    List<Diagnostic> failures = c.diagnostics.stream().filter(d -> "execution-failed".equals(d.rule())).toList();

    List<JsonNode> runs = new ArrayList<>();
    facts.path("per_run").forEach(runs::add);
    List<String> ruleIds = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    List<JsonNode> locations = new ArrayList<>();
    int total = 0;
    for (JsonNode run : runs) {
      total += run.path("results").asInt(0); // null: results not computed
      run.get("result_rule_ids").forEach(n -> ruleIds.add(n.asText()));
      run.get("result_levels").forEach(n -> levels.add(n.asText()));
      run.get("first_locations").forEach(locations::add);
      boolean failed = false;
      for (JsonNode ok : run.path("execution_successful")) failed |= ok.isBoolean() && !ok.asBoolean();
      assertThat(failures.stream().anyMatch(f -> f.tool().equals(run.get("tool").asText()))).as("an execution-failed finding for a failed run").isEqualTo(failed);
    }
    assertThat(failures).hasSizeLessThanOrEqualTo(runs.size());
    List<Integer> kept = KEPT.getOrDefault(name, java.util.stream.IntStream.range(0, total).boxed().toList());
    assertThat(results).as("results kept").hasSize(kept.size());
    assertThat(c.skipped.values().stream().mapToInt(Integer::intValue).sum()).as("results skipped").isEqualTo(total - kept.size());
    if (facts.get("runs").isNull()) assertThat(c.notes).contains("the log has no runs");

    for (int k = 0; k < kept.size(); k++) {
      int i = kept.get(k);
      Diagnostic d = results.get(k);
      JsonNode loc = locations.get(i);
      assertThat(d.rule()).as("rule of result %s", i).isEqualTo(ruleIds.get(i));
      String level = LEVELS.getOrDefault(name, Map.of()).getOrDefault(i, levels.get(i));
      assertThat(d.severity()).as("severity of result %s (level %s)", i, level).isEqualTo(switch (level) {
        case "error" -> Severity.ERROR;
        case "warning" -> Severity.WARNING;
        default -> Severity.NOTICE;
      });
      assertThat(d.message()).as("message of result %s", i).isNotBlank().doesNotContain("{0}");
      String expectedPath = PATHS.containsKey(name) ? PATHS.get(name).get(i)
          : loc.get("uri").isNull() ? null
          : loc.get("uri").asText().startsWith("file:") ? loc.get("uri").asText()
          : PathResolver.percentDecode(loc.get("uri").asText());
      assertThat(d.path()).as("path of result %s", i).isEqualTo(expectedPath);
      assertThat(d.line()).as("line of result %s", i).isEqualTo(loc.get("startLine").asInt(0));
      assertThat(d.column()).as("column of result %s", i).isEqualTo(loc.get("startLine").isNull() ? 0 : loc.get("startColumn").asInt(0));
      if (loc.get("startLine").isNull() && !loc.get("charOffset").isNull()) {
        assertThat(d.offset()).isEqualTo(new Diagnostic.Offset(loc.get("charOffset").asLong(), d.offset().length(), Diagnostic.Offset.Unit.UTF16_CODE_UNITS));
      } else if (loc.get("startLine").isNull() && !loc.get("byteOffset").isNull()) {
        assertThat(d.offset().start()).isEqualTo(loc.get("byteOffset").asLong());
        assertThat(d.offset().unit()).isEqualTo(Diagnostic.Offset.Unit.BYTES);
      } else {
        assertThat(d.offset()).isNull();
      }
    }

    // and through the whole ingest, with the samples' C:\ as the repository: nothing fails, nothing is dropped
    Ingest.Result all = Ingest.read(Input.of("external", name, bytes), InputFormat.AUTO, null, PathResolver.of(List.of("C:\\"), ""), p -> Optional.empty());
    assertThat(all.findings()).hasSize(c.diagnostics.size());
    assertThat(all.warnings()).noneMatch(w -> w.contains("dropped"));
    for (Finding f : all.findings()) assertThat(f.rule()).startsWith("external/").matches("[a-z0-9/.-]+");
  }

  @Test
  void samplesResolveToRepositoryPathsAndFindingsOfTheirKind() throws Exception {
    PathResolver root = PathResolver.of(List.of("C:\\"), "");
    List<Finding> intro = read("samples/1-Introduction/simple-example.sarif", root);
    assertThat(intro).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("external/eslint/no-unused-vars");
      assertThat(f.path()).isEqualTo("dev/sarif/sarif-tutorials/samples/Introduction/simple-example.js");
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.column()).isEqualTo(5);
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).isEqualTo("'x' is assigned a value but never used.");
    });
    // a message from the rule's messageStrings with its argument, and no location: about the change
    assertThat(read("samples/RuleMetadata.sarif", root)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("The URI '//C:/code/dev' is invalid.");
      assertThat(f.path()).isEqualTo("test.json");
    });
    assertThat(read("samples/3-Beyond-basics/message-from-metadata.sarif", root)).singleElement()
        .satisfies(f -> assertThat(f.scope()).isEqualTo(Finding.Scope.CHANGE));
    // a base id without a uri is the repository; "." is the repository itself, so the change as a whole
    assertThat(read("samples/OriginalUriBaseIds.sarif", root)).extracting(Finding::path).containsExactly("README.md", "src/io/kb.c", null);
    // a file location without a region is about the whole file
    assertThat(read("samples/DefaultRuleConfiguration.sarif", root)).extracting(Finding::scope, Finding::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Scope.FILE, "code/myProject/io/kb.c"),
            org.assertj.core.groups.Tuple.tuple(Finding.Scope.FILE, "code/myProject/io/file.c"));
    // a catastrophic run is one error about the change, with the tool's reason
    assertThat(read("samples/ExceptionalConditions/Catastrophic execution error.sarif", root)).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("external/codescanner/execution-failed");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.message()).contains("did not complete", "Out of memory.");
    });
    // elsewhere, the samples' C:\ paths are outside the repository
    Ingest.Result elsewhere = Ingest.read(input("samples/Taxonomies.sarif"), InputFormat.parse("sarif"), null, PathResolver.of(List.of("/home/ci/repo"), ""),
        p -> Optional.empty());
    assertThat(elsewhere.findings()).isEmpty();
    assertThat(elsewhere.warnings()).containsExactly(
        "2 findings dropped because their paths could not be used: it is outside the repository (file:///C:/code/myProject/io/kb.c, file:///C:/code/myProject/io/file.c)");
  }

  static Input input(String name) throws Exception {
    return Input.of("external", name, Files.readAllBytes(corpus().resolve(name)));
  }

  static List<Finding> read(String name, PathResolver paths) throws Exception {
    return Ingest.read(input(name), InputFormat.AUTO, null, paths, p -> Optional.empty()).findings();
  }
}
