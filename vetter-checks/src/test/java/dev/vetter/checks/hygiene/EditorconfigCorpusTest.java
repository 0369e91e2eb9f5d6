package dev.vetter.checks.hygiene;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.change.FileContent;
import dev.vetter.testing.Corpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ec4j.core.ResourceProperties;
import org.ec4j.core.model.Property;
import org.ec4j.core.model.Version;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared EditorConfig core tests ({@code ../shared/corpora/editorconfig}, parser and properties)
 * run through {@link HeadEditorconfigs}, the lookup {@code hygiene/editorconfig} uses: the corpus
 * folder plays the repository at head, each case's {@code ec_file} plays {@code .editorconfig}, and
 * the resolved properties are printed as {@code key=value} lines, as {@code editorconfig} (the
 * reference command) prints them, then matched against the case's {@code regex_java} with
 * {@code find()}. Cases where ec4j 1.1.1 disagrees with the suite are listed, with the reason, in
 * {@code EditorconfigCorpusTest.differences.md} beside this file; for them the test asserts that they
 * still fail, so the list cannot go stale.
 */
class EditorconfigCorpusTest {
  static final Path DIFFERENCES = Path.of("src/test/java/dev/vetter/checks/hygiene/EditorconfigCorpusTest.differences.md");
  // "- `case_name` (folder): reason" in the differences file
  static final Pattern LISTED = Pattern.compile("^- `([^`]+)`");

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    Path root = Corpora.require("editorconfig");
    Map<String, String> known = knownDifferences();
    List<DynamicTest> tests = new ArrayList<>();
    for (String folder : List.of("parser", "properties")) {
      JsonNode cases = new ObjectMapper().readTree(root.resolve(folder).resolve("cases.json").toFile()).get("cases");
      for (JsonNode c : cases) {
        String name = c.get("name").asText();
        tests.add(DynamicTest.dynamicTest(folder + "/" + name + (known.containsKey(name) ? " (known difference)" : ""), () -> {
          String output = run(root, c);
          boolean passes = matches(c, output);
          if (known.containsKey(name)) {
            assertFalse(passes, name + " now passes: remove it from " + DIFFERENCES);
          } else {
            assertTrue(passes, name + ": /" + c.get("regex_java").asText() + "/ not found in output:\n" + output);
          }
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyListedDifferenceIsACase() throws IOException {
    Path root = Corpora.require("editorconfig");
    List<String> names = new ArrayList<>();
    for (String folder : List.of("parser", "properties")) {
      new ObjectMapper().readTree(root.resolve(folder).resolve("cases.json").toFile()).get("cases").forEach(c -> names.add(c.get("name").asText()));
    }
    assertTrue(names.containsAll(knownDifferences().keySet()), "unknown case names in " + DIFFERENCES + ": " + knownDifferences().keySet());
  }

  /** What {@code editorconfig -f <ec_file> [-b <version>] <folder>/<path>} would print. */
  static String run(Path root, JsonNode c) throws IOException {
    String folder = c.get("folder").asText();
    Version version = c.hasNonNull("version") ? Version.of(c.get("version").asText()) : Version.CURRENT;
    HeadEditorconfigs lookup = new HeadEditorconfigs(path -> read(root, path), c.get("ec_file").asText(),
        HeadEditorconfigs.loader(version), /* keepUnset= */ true);
    ResourceProperties props = lookup.properties(folder + "/" + c.get("path").asText());
    StringBuilder out = new StringBuilder();
    for (Property p : props.getProperties().values()) {
      String value = p.getType() == null ? p.getSourceValue() : p.getType().normalizeIfNeeded(p.getSourceValue());
      out.append(p.getName()).append('=').append(value).append('\n');
    }
    return out.toString();
  }

  static boolean matches(JsonNode c, String output) {
    String text = output;
    if (c.get("multiline_sorted").asBoolean()) {
      List<String> lines = Arrays.stream(output.split("[\r\n]")).filter(l -> !l.isEmpty()).sorted().toList();
      text = String.join("\n", lines) + "\n";
    }
    Matcher m = Pattern.compile(c.get("regex_java").asText()).matcher(text);
    return m.find();
  }

  // the corpus folder is the repository: "parser/basic.in" is read from disk here, in the test only
  private static Optional<FileContent> read(Path root, String path) {
    Path f = root.resolve(path);
    if (!f.normalize().startsWith(root) || !Files.isRegularFile(f)) return Optional.empty();
    try {
      return Optional.of(new FileContent(path, null, Files.readAllBytes(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> knownDifferences() throws IOException {
    if (!Files.exists(DIFFERENCES)) return Map.of();
    Map<String, String> known = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DIFFERENCES)) {
      Matcher m = LISTED.matcher(line);
      if (m.find()) known.put(m.group(1), line);
    }
    return known;
  }
}
