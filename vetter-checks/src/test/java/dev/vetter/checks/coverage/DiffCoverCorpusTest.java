package dev.vetter.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.Input;
import dev.vetter.check.NoOptions;
import dev.vetter.testing.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Patch coverage cross-checked against diff-cover's own integration cases (../shared/corpora/coverage/diff-cover):
 * each case's git diff and reports go through the same code the coverage rules use, and the total
 * lines, missing lines (per file), per-file and total percentages and the fail-under verdict must
 * agree with diff-cover's expected output in every format the case has. Deliberate differences are
 * listed with their reason in diff-cover-differences.txt beside this test; for those the test checks
 * that the results really differ, so the list stays true.
 */
class DiffCoverCorpusTest {

  /** What diff-cover reports for a case, read from one of its output formats; null fields were not shown. */
  record Outcome(Integer total, Integer missing, Double percent, Map<String, TreeSet<Integer>> missingLines, Map<String, Double> filePercent) {
    static Outcome noLines() {
      return new Outcome(0, 0, null, Map.of(), Map.of());
    }
  }

  @TestFactory
  Stream<DynamicTest> diffCoverCases() throws IOException {
    Path root = Corpora.require("coverage/diff-cover");
    JsonNode cases = new ObjectMapper().readTree(root.resolve("cases.json").toFile());
    Map<String, String> differences = differences();
    List<DynamicTest> tests = new ArrayList<>();
    int compared = 0;
    for (JsonNode c : cases.get("diff_cover_cases")) {
      String name = c.get("name").asText();
      compared++;
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Optional<List<String>> disagreements = disagreements(root, c);
        Assumptions.assumeTrue(disagreements.isPresent(), "skipped: " + name + " has no output to compare (" + c.get("args") + " prints nothing)");
        if (differences.containsKey(name)) {
          assertThat(disagreements.get()).as("%s is listed as a deliberate difference (%s) but agrees with diff-cover; remove it from the list",
              name, differences.get(name)).isNotEmpty();
        } else {
          assertThat(disagreements.get()).as("disagreements with diff-cover in %s", name).isEmpty();
        }
      }));
    }
    assertThat(compared).isEqualTo(37);
    for (JsonNode c : cases.get("diff_quality_cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> Assumptions.abort(
          "skipped: diff-quality reports linter violations, not coverage; Vetter's linters are rules of their own")));
    }
    assertThat(differences.keySet()).as("differences name real cases")
        .allMatch(n -> tests.stream().anyMatch(t -> t.getDisplayName().equals(n)));
    return tests.stream();
  }

  /** The figures docs/coverage.md states: 34 cases agree in every figure, 2 differ on purpose, 1 has no output. */
  @Test
  void agreementFigures() throws IOException {
    Path root = Corpora.require("coverage/diff-cover");
    int agree = 0;
    int differ = 0;
    int nothing = 0;
    for (JsonNode c : new ObjectMapper().readTree(root.resolve("cases.json").toFile()).get("diff_cover_cases")) {
      Optional<List<String>> d = disagreements(root, c);
      if (d.isEmpty()) {
        nothing++;
      } else if (d.get().isEmpty()) {
        agree++;
      } else {
        differ++;
      }
    }
    assertThat(List.of(agree, differ, nothing)).isEqualTo(List.of(34, 2, 1));
  }

  /** What differs from diff-cover's expected outputs for case {@code c}; empty when diff-cover printed nothing to compare. */
  private static Optional<List<String>> disagreements(Path root, JsonNode c) throws IOException {
    Path fixtures = root.resolve("fixtures");
    Map<String, Outcome> expected = expected(fixtures, c.get("expected"));
    if (expected.isEmpty()) return Optional.empty();
    PatchCoverage actual = compute(fixtures, c);
    List<String> disagreements = new ArrayList<>();
    expected.forEach((format, outcome) -> disagreements.addAll(compare(format, outcome, actual)));
    Double failUnder = failUnder(c.get("args"));
    if (failUnder != null && !c.get("expected_exit_code").isNull()) {
      boolean fails = actual.below(failUnder);
      if (fails != (c.get("expected_exit_code").asInt() == 1)) disagreements.add("--fail-under=" + failUnder + ": below() is " + fails);
    }
    return Optional.of(disagreements);
  }

  @Test
  void cloverReportLinesAsDiffCoverReadsThem() throws Exception {
    Path root = Corpora.require("coverage/diff-cover");
    JsonNode c = new ObjectMapper().readTree(root.resolve("cases.json").toFile()).get("clover_unit_case");
    Input report = Input.of("coverage", "test.xml", Files.readAllBytes(root.resolve(c.get("report").asText())));
    CoverageReport parsed = ReportParser.parse(report, n -> true);
    assertThat(parsed.format()).isEqualTo(CoverageReport.Format.CLOVER);
    CoverageReport.Source source = parsed.sources().stream().filter(s -> s.paths().contains(c.get("src_path").asText())).findFirst().orElseThrow();
    List<Integer> lines = new ArrayList<>();
    for (int l = 1; l <= 20; l++) if (source.lines().executable(l)) lines.add(l);
    List<Integer> expected = new ArrayList<>();
    c.get("expected_line_numbers").forEach(n -> expected.add(n.asInt()));
    assertThat(lines).isEqualTo(expected);
  }

  private static Map<String, String> differences() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = DiffCoverCorpusTest.class.getResourceAsStream("diff-cover-differences.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        int colon = line.indexOf(':');
        out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** Runs the case through {@link Reports#load}, the code path of both coverage rules. */
  private static PatchCoverage compute(Path fixtures, JsonNode c) throws IOException {
    String diffName = c.get("diff").asText();
    String diff = diffName.isEmpty() ? "" : Files.readString(fixtures.resolve(diffName), StandardCharsets.UTF_8);
    List<ChangedFile> files = UnifiedDiff.parse(diff);
    List<Input> inputs = new ArrayList<>();
    for (JsonNode r : c.get("reports")) inputs.add(Input.of("coverage", r.asText(), Files.readAllBytes(fixtures.resolve(r.asText()))));
    Change change = new Change(Change.Kind.RANGE, "origin/main", "HEAD", null, null, files, List.of(), null);
    Reports.Loaded loaded = Reports.load(new FakeContext(change, inputs), List.of(), List.of());
    assertThat(loaded.problems()).as("reports read without problems").isEmpty();
    return loaded.coverage() == null ? new PatchCoverage(List.of()) : loaded.coverage();
  }

  private record FakeContext(Change change, List<Input> given) implements ChangeContext<NoOptions> {
    @Override
    public NoOptions options() {
      return new NoOptions();
    }

    @Override
    public Optional<FileContent> readHead(String path) {
      return Optional.empty();
    }

    @Override
    public Optional<FileContent> readBase(String path) {
      return Optional.empty();
    }

    @Override
    public List<Input> inputs(String kind, List<String> globs) {
      return given;
    }
  }

  private static List<String> compare(String format, Outcome e, PatchCoverage actual) {
    List<String> out = new ArrayList<>();
    int total = actual.total();
    int covered = actual.covered();
    if (e.total() != null && e.total() != total) out.add(format + ": total " + e.total() + " lines, Vetter " + total);
    if (e.missing() != null && e.missing() != total - covered) out.add(format + ": missing " + e.missing() + " lines, Vetter " + (total - covered));
    if (e.percent() != null && total > 0) {
      double ours = e.percent() == Math.rint(e.percent()) ? covered * 100 / total : covered * 100.0 / total;
      if (Math.abs(ours - e.percent()) > 0.01) out.add(format + ": coverage " + e.percent() + "%, Vetter " + ours + "%");
    }
    Map<String, TreeSet<Integer>> ourMissing = new TreeMap<>();
    Map<String, Double> ourPercent = new TreeMap<>();
    for (PatchCoverage.FileCoverage f : actual.files()) {
      ourMissing.put(f.path(), new TreeSet<>(f.missing()));
      ourPercent.put(f.path(), Double.parseDouble(PatchCoverage.percent(f.covered(), f.executable().size()).replace("%", "")));
    }
    if (!e.missingLines().isEmpty()) {
      Map<String, TreeSet<Integer>> ours = new TreeMap<>(ourMissing);
      ours.values().removeIf(TreeSet::isEmpty);
      Map<String, TreeSet<Integer>> theirs = new TreeMap<>(e.missingLines());
      theirs.values().removeIf(TreeSet::isEmpty);
      if (!ours.equals(theirs)) out.add(format + ": missing lines " + theirs + ", Vetter " + ours);
    }
    if (!e.filePercent().isEmpty() && !new TreeMap<>(e.filePercent()).equals(ourPercent)) {
      out.add(format + ": per-file coverage " + new TreeMap<>(e.filePercent()) + ", Vetter " + ourPercent);
    }
    return out;
  }

  private static Double failUnder(JsonNode args) {
    for (JsonNode a : args) if (a.asText().startsWith("--fail-under=")) return Double.parseDouble(a.asText().substring("--fail-under=".length()));
    return null;
  }

  // ---- reading diff-cover's expected outputs

  private static final Pattern CONSOLE_FILE = Pattern.compile("(?m)^(\\S[^\\n]*?) \\((\\d+(?:\\.\\d+)?)%\\)(?:: Missing lines ([\\d,-]+))?$");
  private static final Pattern MARKDOWN_FILE = Pattern.compile("(?m)^- (\\S[^\\n]*?) \\((\\d+(?:\\.\\d+)?)%\\)(?:: Missing lines ([\\d,-]+))?$");
  private static final Pattern HTML_ROW = Pattern.compile("<tr>\\s*<td>([^<]+)</td>\\s*<td>(\\d+(?:\\.\\d+)?)%</td>\\s*<td>([\\d,-]*)</td>\\s*</tr>");
  private static final Pattern ANNOTATION = Pattern.compile("(?m)^::\\w+ file=([^,]+),line=(\\d+),");

  private static Map<String, Outcome> expected(Path fixtures, JsonNode expected) throws IOException {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().asText();
      switch (e.getKey()) {
        case "console" -> {
          String text = Files.readString(fixtures.resolve(v), StandardCharsets.UTF_8);
          if (!text.isBlank()) out.put("console", console(text));
        }
        case "console_text" -> out.put("console", console(v));
        case "stdout_exact" -> out.put("stdout", v.startsWith("::") ? annotations(v) : console(v));
        case "json" -> out.put("json", json(Files.readString(fixtures.resolve(v), StandardCharsets.UTF_8)));
        case "html" -> out.put("html", html(Files.readString(fixtures.resolve(v), StandardCharsets.UTF_8)));
        case "markdown" -> out.put("markdown", markdown(Files.readString(fixtures.resolve(v), StandardCharsets.UTF_8)));
        case "error" -> out.put("error", new Outcome(-1, -1, null, Map.of(), Map.of())); // diff-cover refuses the case
        default -> throw new AssertionError("unknown expected format " + e.getKey());
      }
    }
    return out;
  }

  private static Outcome console(String text) {
    if (text.contains("No lines with coverage information in this diff.")) return Outcome.noLines();
    Map<String, TreeSet<Integer>> missing = new LinkedHashMap<>();
    Map<String, Double> percent = new LinkedHashMap<>();
    Matcher m = CONSOLE_FILE.matcher(text);
    while (m.find()) {
      percent.put(m.group(1), Double.parseDouble(m.group(2)));
      missing.put(m.group(1), lines(m.group(3)));
    }
    return new Outcome(number(text, "Total:\\s+(\\d+) lines?"), number(text, "Missing:\\s+(\\d+) lines?"),
        (double) number(text, "Coverage:\\s+(\\d+)%"), missing, percent);
  }

  private static Outcome markdown(String text) {
    if (text.contains("No lines with coverage information in this diff.")) return Outcome.noLines();
    String plain = text.replace("&#46;", ".");
    Map<String, TreeSet<Integer>> missing = new LinkedHashMap<>();
    Map<String, Double> percent = new LinkedHashMap<>();
    Matcher m = MARKDOWN_FILE.matcher(plain);
    while (m.find()) {
      percent.put(m.group(1), Double.parseDouble(m.group(2)));
      missing.put(m.group(1), lines(m.group(3)));
    }
    return new Outcome(number(plain, "\\*\\*Total\\*\\*: (\\d+) lines?"), number(plain, "\\*\\*Missing\\*\\*: (\\d+) lines?"),
        (double) number(plain, "\\*\\*Coverage\\*\\*: (\\d+)%"), missing, percent);
  }

  private static Outcome html(String text) {
    String body = text.replaceAll("(?s)<style>.*?</style>", "");
    if (body.contains("No lines with coverage information in this diff.")) return Outcome.noLines();
    Map<String, TreeSet<Integer>> missing = new LinkedHashMap<>();
    Map<String, Double> percent = new LinkedHashMap<>();
    Matcher m = HTML_ROW.matcher(body);
    while (m.find()) {
      percent.put(m.group(1).strip(), Double.parseDouble(m.group(2)));
      missing.put(m.group(1).strip(), lines(m.group(3)));
    }
    return new Outcome(number(body, "<b>Total</b>: (\\d+) lines?"), number(body, "<b>Missing</b>: (\\d+) lines?"),
        (double) number(body, "<b>Coverage</b>: (\\d+)%"), missing, percent);
  }

  private static Outcome json(String text) throws IOException {
    JsonNode j = new ObjectMapper().readTree(text);
    Map<String, TreeSet<Integer>> missing = new LinkedHashMap<>();
    Map<String, Double> percent = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = j.get("src_stats").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      TreeSet<Integer> lines = new TreeSet<>();
      e.getValue().get("violation_lines").forEach(n -> lines.add(n.asInt()));
      missing.put(e.getKey(), lines);
      percent.put(e.getKey(), e.getValue().get("percent_covered").asDouble());
    }
    return new Outcome(j.get("total_num_lines").asInt(), j.get("total_num_violations").asInt(), j.get("total_percent_covered").asDouble(), missing, percent);
  }

  private static Outcome annotations(String text) {
    Map<String, TreeSet<Integer>> missing = new LinkedHashMap<>();
    Matcher m = ANNOTATION.matcher(text);
    while (m.find()) missing.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
    return new Outcome(null, missing.values().stream().mapToInt(TreeSet::size).sum(), null, missing, Map.of());
  }

  /** "2-4,8,10" as {2, 3, 4, 8, 10}. */
  private static TreeSet<Integer> lines(String ranges) {
    TreeSet<Integer> out = new TreeSet<>();
    if (ranges == null || ranges.isBlank()) return out;
    for (String part : ranges.split(",")) {
      String[] ends = part.split("-");
      int from = Integer.parseInt(ends[0]);
      int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
      for (int l = from; l <= to; l++) out.add(l);
    }
    return out;
  }

  private static int number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) throw new AssertionError("no /" + regex + "/ in diff-cover's output:\n" + text);
    return Integer.parseInt(m.group(1));
  }
}
