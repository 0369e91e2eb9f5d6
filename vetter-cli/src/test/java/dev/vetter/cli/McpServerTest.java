package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.RuleDocs;
import dev.vetter.testing.TestRepo;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vetter mcp} as a client sees it: a real process started with this build's class path,
 * spoken to over its standard input and output by the MCP SDK's own client. Each tool's answer is
 * compared with what the CLI says about the same repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hung server, not a measure of speed
class McpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // generous: the machine may be busy, and a timeout here would only hide what went wrong
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  Path tmp;
  TestRepo repo;
  McpSyncClient client;
  final List<String> serverErr = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    repo = TestRepo.init(tmp.resolve("repo"));
    // the policy at the base of the change: notices fail the review
    repo.write(".vetter.yml", "fail-on: notice\nrules: {hygiene: {mode: block}}\n").write("README.md", "# demo\n").commit("docs: start");
    repo.branch("feature");
    repo.write("README.md", "# demo\nnew line   \n").write("docs/guide.md", "Guide\t \n\nmore  \n").commit("docs: more");
    repo.write("notes.txt", "staged  \n").stageAll();
    repo.write("other.txt", "unstaged  \n");

    ServerParameters params = ServerParameters.builder(java())
        .args("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(), Main.class.getName(), "mcp", "--repo", repo.dir().toString())
        .build();
    StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(serverErr::add);
    client = McpClient.sync(transport)
        .requestTimeout(PATIENCE)
        .initializationTimeout(PATIENCE)
        .jsonSchemaValidator(new McpSchemaValidator())
        .enableCallToolSchemaCaching(true) // the client checks each structured result against the tool's output schema
        .build();
    client.initialize();
  }

  @AfterAll
  void stop() {
    if (client != null) client.closeGracefully();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @Test
  void offersTheFourReadOnlyTools() {
    List<Tool> tools = client.listTools().tools();
    assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder("review", "explain", "rules", "validate_config");
    assertThat(tools).allSatisfy(t -> {
      assertThat(t.annotations().readOnlyHint()).isTrue();
      assertThat(t.annotations().destructiveHint()).isFalse();
      assertThat(t.description()).isNotBlank();
    });
    Tool review = tools.stream().filter(t -> t.name().equals("review")).findFirst().orElseThrow();
    assertThat(review.inputSchema().get("properties")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("repo", "base", "head", "staged", "worktree", "filter", "failOn");
    assertThat(client.getServerInfo().name()).isEqualTo("vetter");
  }

  @Test
  void theReviewOutputSchemaIsTheDocumentedJsonFormat() throws IOException {
    Tool review = client.listTools().tools().stream().filter(t -> t.name().equals("review")).findFirst().orElseThrow();
    JsonNode documented = JSON.readTree(Files.readString(Path.of(System.getProperty("vetter.projectRoot"), "docs", "output-json.schema.json")));
    assertThat(tree(review.outputSchema())).isEqualTo(documented);
  }

  @Test
  void reviewFindsWhatTheCliFinds() throws IOException {
    // each case: the tool's arguments, and the same review as command-line options
    record Case(Map<String, Object> args, List<String> cli) {}
    List<Case> cases = List.of(
        new Case(Map.of(), List.of()),
        new Case(Map.of("base", "main", "head", "feature"), List.of("--base", "main", "--head", "feature")),
        new Case(Map.of("base", "main", "filter", "file", "failOn", "never"), List.of("--base", "main", "--filter", "file", "--fail-on", "never")),
        new Case(Map.of("staged", true), List.of("--staged")),
        new Case(Map.of("worktree", true, "repo", repo.dir().toString()), List.of("--worktree")));
    for (Case c : cases) {
      JsonNode cli = cliJson(c.cli());
      CallToolResult result = call("review", c.args());
      assertThat(result.isError()).as("%s: %s", c.args(), text(result)).isNotEqualTo(Boolean.TRUE);
      JsonNode mcp = tree(result.structuredContent());
      assertThat(withoutDuration(mcp)).as("review %s", c.args()).isEqualTo(withoutDuration(cli));
      assertThat(cli.get("findings")).as("the case %s has findings to compare", c.args()).isNotEmpty();
      assertThat(text(result)).contains(cli.get("summary").get("total").asInt() + " finding", "hygiene/trailing-whitespace");
    }
  }

  @Test
  void reviewTextSummarisesTheFindings() {
    CallToolResult result = call("review", Map.of("base", "main", "head", "feature"));
    assertThat(text(result))
        .startsWith("Reviewed main..feature: 2 changed files")
        .contains("Failed (fails on: notice)", "README.md:2:9: notice hygiene/trailing-whitespace: ", "docs/guide.md:1:6: ");
  }

  @Test
  void reviewErrorsAreToolErrorsWithAMessage() {
    CallToolResult badRef = call("review", Map.of("base", "no-such-branch"));
    assertThat(badRef.isError()).isTrue();
    assertThat(text(badRef)).contains("no-such-branch");

    CallToolResult both = call("review", Map.of("staged", true, "base", "main"));
    assertThat(both.isError()).isTrue();
    assertThat(text(both)).contains("one kind of change");

    CallToolResult notRepo = call("review", Map.of("repo", tmp.toString()));
    assertThat(notRepo.isError()).isTrue();

    CallToolResult unknownArgument = call("review", Map.of("bsae", "main"));
    assertThat(unknownArgument.isError()).isTrue();
    assertThat(text(unknownArgument)).contains("bsae");

    CallToolResult badFilter = call("review", Map.of("filter", "everything"));
    assertThat(badFilter.isError()).isTrue();
    assertThat(text(badFilter)).contains("filter");

    for (CallToolResult r : List.of(badRef, both, notRepo, unknownArgument, badFilter)) {
      assertThat(text(r)).doesNotContain("Exception", "\tat ");
    }
    assertThat(serverErr).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
  }

  @Test
  void explainGivesTheRuleDocsAndSuggestsOnATypo() {
    CheckRegistry registry = Workspace.registry();
    CallToolResult known = call("explain", Map.of("rule", "hygiene/trailing-whitespace"));
    assertThat(known.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(text(known)).isEqualTo(RuleDocs.markdown(registry.rule("hygiene/trailing-whitespace").orElseThrow()));

    CallToolResult typo = call("explain", Map.of("rule", "hygiene/trailing-whitespce"));
    assertThat(typo.isError()).isTrue();
    assertThat(text(typo)).contains("unknown rule 'hygiene/trailing-whitespce'", "did you mean 'hygiene/trailing-whitespace'");

    CallToolResult missing = call("explain", Map.of());
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("rule");
  }

  @Test
  void rulesAreTheCliRules() throws IOException {
    StringWriter out = new StringWriter();
    assertThat(Main.run(new String[] {"rules", "--format", "json"}, new PrintWriter(out), new PrintWriter(Writer.nullWriter()))).isZero();
    CallToolResult result = call("rules", Map.of());
    assertThat(tree(result.structuredContent()).get("rules")).isEqualTo(JSON.readTree(out.toString()));
    assertThat(text(result)).contains("hygiene/trailing-whitespace (style, notice): ");
  }

  @Test
  void validateConfigReportsProblemsWithLineAndColumn() throws IOException {
    String yaml = "filter: added\nfail-on: eror\nrulez: {}\n";
    CallToolResult result = call("validate_config", Map.of("text", yaml));
    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    JsonNode content = tree(result.structuredContent());
    assertThat(content.get("valid").asBoolean()).isFalse();
    var expected = new PolicyLoader(Workspace.registry()).validate("<text>", yaml);
    assertThat(expected).hasSize(2);
    assertThat(content.get("problems")).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode p = content.get("problems").get(i);
      assertThat(p.get("file").asText()).isEqualTo("<text>");
      assertThat(p.get("line").asInt()).isEqualTo(expected.get(i).line());
      assertThat(p.get("column").asInt()).isEqualTo(expected.get(i).column());
      assertThat(p.get("message").asText()).isEqualTo(expected.get(i).message());
    }
    assertThat(text(result)).contains("<text>:2:10: ", "did you mean 'error'", "2 problems");

    Files.writeString(tmp.resolve("good.yml"), "fail-on: warning\n");
    CallToolResult good = call("validate_config", Map.of("path", tmp.resolve("good.yml").toString()));
    assertThat(tree(good.structuredContent()).get("valid").asBoolean()).isTrue();
    CallToolResult relative = call("validate_config", Map.of("path", ".vetter.yml")); // relative to the server's repository
    assertThat(tree(relative.structuredContent()).get("valid").asBoolean()).isTrue();

    CallToolResult missing = call("validate_config", Map.of("path", "no/such.yml"));
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("does not exist");
    CallToolResult neither = call("validate_config", Map.of());
    assertThat(neither.isError()).isTrue();
    assertThat(text(neither)).contains("exactly one");
  }

  /** Calls a tool and checks that it changed nothing in the repository, .git included. */
  CallToolResult call(String tool, Map<String, Object> args) {
    Map<String, String> before = snapshot(repo.dir());
    CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(args).build());
    assertThat(snapshot(repo.dir())).as("the repository after %s %s", tool, args).isEqualTo(before);
    return result;
  }

  static Map<String, String> snapshot(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  JsonNode cliJson(List<String> options) throws IOException {
    List<String> args = new ArrayList<>(List.of("review", "--repo", repo.dir().toString(), "--format", "json", "--no-cache"));
    args.addAll(options);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("vetter %s: %s", args, err).isIn(Main.OK, Main.FINDINGS);
    return JSON.readTree(out.toString());
  }

  static JsonNode withoutDuration(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    ((ObjectNode) copy.get("summary")).remove("durationMillis");
    return copy;
  }

  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  static String text(CallToolResult result) {
    StringBuilder sb = new StringBuilder();
    result.content().forEach(c -> sb.append(c instanceof TextContent t ? t.text() : c.toString()));
    return sb.toString();
  }

  /**
   * The wire itself: every line on the server's standard output is a JSON-RPC message (nothing else
   * may go there), tool failures are results with isError, and the server exits 0 when its input ends.
   */
  @Test
  void standardOutputCarriesOnlyProtocolMessagesAndTheServerEndsWithItsInput() throws Exception {
    Path errFile = tmp.resolve("raw-stderr.txt");
    Process p = new ProcessBuilder(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(), Main.class.getName(), "mcp")
        .directory(repo.dir().toFile()) // no --repo: the working directory is the repository
        .redirectError(errFile.toFile())
        .start();
    List<String> requests = List.of(
        """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}""",
        """
        {"jsonrpc":"2.0","method":"notifications/initialized"}""",
        """
        {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"review","arguments":{"base":"no-such-ref"}}}""",
        """
        {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"review","arguments":{"base":"main","head":"feature"}}}""",
        """
        {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"explain","arguments":{"rule":"nope"}}}""",
        """
        {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"rules"}}""");
    try (var stdin = p.getOutputStream(); var stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String r : requests) stdin.write((r + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      Map<Integer, JsonNode> responses = new TreeMap<>();
      while (responses.size() < 5) {
        String line = stdout.readLine();
        assertThat(line).as("standard output ended before every response came; stderr: %s", read(errFile)).isNotNull();
        JsonNode message = JSON.readTree(line); // throws if the line is not JSON
        assertThat(message.get("jsonrpc").asText()).as(line).isEqualTo("2.0");
        if (message.has("id")) responses.put(message.get("id").asInt(), message);
      }
      assertThat(responses.get(1).at("/result/serverInfo/name").asText()).isEqualTo("vetter");
      assertThat(responses.get(2).at("/result/isError").asBoolean()).isTrue();
      assertThat(responses.get(2).at("/result/content/0/text").asText()).contains("no-such-ref").doesNotContain("Exception", "\tat ");
      assertThat(withoutDuration(responses.get(3).at("/result/structuredContent"))).isEqualTo(withoutDuration(cliJson(List.of("--base", "main", "--head", "feature"))));
      assertThat(responses.get(4).at("/result/isError").asBoolean()).isTrue();
      assertThat(responses.get(5).at("/result/structuredContent/rules").size()).isEqualTo(Workspace.registry().rules().size());
    }
    // stdin is closed: the session is over, and the server must end by itself
    assertThat(p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the server ends when its input ends").isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(read(errFile)).contains("vetter mcp: serving").doesNotContain("Exception", "\tat ");
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
