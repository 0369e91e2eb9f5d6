package dev.vetter.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.RuleInfo;
import dev.vetter.engine.UserError;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.RuleDocs;
import dev.vetter.policy.Suggest;
import dev.vetter.policy.YamlSource;
import dev.vetter.report.JsonReporter;
import dev.vetter.review.LocalReview;
import dev.vetter.review.ReviewSetup;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tools of {@code vetter mcp}: review, explain, rules and validate_config. Each answers with a
 * result, or with a tool error ({@code isError}) whose text says what was wrong, never a stack trace.
 * None writes anything: reviews run without the result cache, which lives inside {@code .git}.
 */
final class McpTools {
  /** Findings listed in the review tool's text; all of them are in its structured content. */
  static final int TEXT_FINDINGS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final ToolAnnotations READ_ONLY = new ToolAnnotations(null, true, false, true, false, null);

  private final CheckRegistry registry;
  private final Path defaultRepo;
  private final PrintStream log;
  private final boolean debug;

  /**
   * @param defaultRepo the repository reviewed when a call names none, and what relative paths start from
   * @param log where internal errors are reported (standard error: standard output carries the protocol)
   * @param debug whether those reports include stack traces
   */
  McpTools(CheckRegistry registry, Path defaultRepo, PrintStream log, boolean debug) {
    this.registry = registry;
    this.defaultRepo = defaultRepo.toAbsolutePath().normalize();
    this.log = log;
    this.debug = debug;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        tool("review", """
            Review a local git change with Vetter's rules before proposing or committing it: a range (base..head, \
            from their merge-base), the index (staged) or uncommitted edits (worktree). Findings only on what changed, \
            each with rule, severity, path, line, message and often a suggested replacement. The policy is the \
            repository's .vetter.yml at the base of the change (HEAD for staged and worktree). Read-only.""",
            schema(REVIEW_INPUT), reviewOutputSchema(), this::review),
        tool("explain", "What a rule finds, why it matters, how to fix it, its options and how to suppress a finding "
            + "(Markdown).", schema(EXPLAIN_INPUT), null, this::explain),
        tool("rules", "Every rule Vetter has: id, category, default severity and a one-line summary.",
            schema(EMPTY_INPUT), schema(RULES_OUTPUT), args -> rules()),
        tool("validate_config", """
            Validate a Vetter policy (.vetter.yml), given as its YAML text or as a path: every problem with its line \
            and column, and a "did you mean" for misspelt keys and values. Invalid policy is a result, not an error.""",
            schema(VALIDATE_INPUT), schema(VALIDATE_OUTPUT), this::validateConfig));
  }

  // ---- the tools

  CallToolResult review(Map<String, Object> args) throws InterruptedException {
    Path repo = path(args, "repo", defaultRepo);
    String base = string(args, "base");
    String head = string(args, "head");
    boolean staged = flag(args, "staged");
    boolean worktree = flag(args, "worktree");
    if ((staged ? 1 : 0) + (worktree ? 1 : 0) + (base != null || head != null ? 1 : 0) > 1) {
      return error("give one kind of change: base and head (a range), or staged: true (the index), "
          + "or worktree: true (uncommitted edits)");
    }
    LocalReview.Target target = staged ? new LocalReview.Target.Staged()
        : worktree ? new LocalReview.Target.Worktree() : new LocalReview.Target.Range(base, head);
    // as `vetter review --no-cache` typed where the server runs: its organisation layer, the same defaults, the same review
    Invocation server = Invocation.ofProcess();
    ReviewSetup setup = ReviewSetup.of(registry)
        .withOrganisation(Workspace.orgConfig(null, server))
        .withFilter(string(args, "filter"))
        .withFailOn(string(args, "failOn"))
        .withClock(server.clock());
    ReviewResult result = new LocalReview(setup, server::gitEnv).review(repo, target, LocalReview.Options.plain());
    return CallToolResult.builder()
        .addTextContent(summary(result))
        .structuredContent(JSON.convertValue(JsonReporter.tree(result), MAP))
        .build();
  }

  CallToolResult explain(Map<String, Object> args) {
    String rule = string(args, "rule");
    if (rule == null) return error("give the rule id, e.g. {\"rule\": \"hygiene/trailing-whitespace\"}");
    return registry.rule(rule)
        .map(info -> CallToolResult.builder().addTextContent(RuleDocs.markdown(info)).build())
        .orElseGet(() -> error("unknown rule '" + rule + "'" + Suggest.hint(rule, ruleIds())
            + " The rules tool lists them all."));
  }

  CallToolResult rules() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("rules");
    StringBuilder text = new StringBuilder();
    for (RuleInfo r : registry.rules()) {
      // the same fields as `vetter rules --format json`
      list.addObject().put("id", r.id()).put("category", r.category().id()).put("severity", r.severity().id())
          .put("mode", r.mode().id()).put("summary", r.summary());
      text.append(r.id()).append(" (").append(r.category().id()).append(", ").append(r.severity().id()).append("): ")
          .append(r.summary()).append('\n');
    }
    text.append(registry.rules().size()).append(" rules. The explain tool tells why each matters and how to fix its findings.");
    return result(text.toString(), root);
  }

  CallToolResult validateConfig(Map<String, Object> args) {
    String text = string(args, "text");
    boolean hasPath = args.get("path") != null;
    if ((text == null) == !hasPath) return error("give exactly one of 'text' (the YAML) and 'path' (a policy file)");
    List<PolicyError.Problem> problems;
    String name;
    try {
      YamlSource source = text != null
          ? YamlSource.decode("<text>", text.getBytes(StandardCharsets.UTF_8))
          : Workspace.readPolicy(path(args, "path", null), "policy file");
      name = source.name();
      problems = new PolicyLoader(registry).validate(source.name(), source.text());
    } catch (PolicyError e) {
      problems = e.problems(); // not UTF-8, or too large to read
      name = problems.getFirst().file();
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("valid", problems.isEmpty());
    ArrayNode list = root.putArray("problems");
    StringBuilder out = new StringBuilder(problems.isEmpty() ? name + ": valid" : "");
    for (PolicyError.Problem p : problems) {
      ObjectNode n = list.addObject().put("file", p.file());
      if (p.line() > 0) n.put("line", p.line()).put("column", p.column());
      else n.putNull("line").putNull("column");
      n.put("message", p.message());
      out.append(p).append('\n');
    }
    if (!problems.isEmpty()) out.append(plural(problems.size(), "problem")).append(" in ").append(name);
    return result(out.toString(), root);
  }

  /** The review in a few lines, for clients that show the model only text. */
  static String summary(ReviewResult r) {
    StringBuilder sb = new StringBuilder("Reviewed ").append(r.change().base()).append("..").append(r.change().head())
        .append(": ").append(plural(r.change().files().size(), "changed file"))
        .append(", ").append(plural(r.findings().size(), "finding"));
    Map<Severity, Integer> counts = r.countBySeverity();
    if (!r.findings().isEmpty()) {
      sb.append(" (").append(plural(counts.get(Severity.ERROR), "error"))
          .append(", ").append(plural(counts.get(Severity.WARNING), "warning"))
          .append(", ").append(plural(counts.get(Severity.NOTICE), "notice")).append(')');
    }
    String failOn = r.policy().failOn() == null ? "never" : r.policy().failOn().id();
    sb.append(". ").append(r.failed() ? "Failed" : "Passed").append(" (fails on: ").append(failOn).append(").\n");
    int shown = 0;
    for (Finding f : r.findings()) {
      if (shown++ == TEXT_FINDINGS) {
        sb.append("... and ").append(r.findings().size() - TEXT_FINDINGS).append(" more in the structured content.\n");
        break;
      }
      sb.append(f.path() == null ? "(the change)" : f.path());
      if (f.line() > 0) sb.append(':').append(f.line());
      if (f.line() > 0 && f.column() > 0) sb.append(':').append(f.column());
      sb.append(": ").append(f.severity().id()).append(' ').append(f.rule()).append(": ").append(f.message())
          .append('\n');
    }
    if (!r.findings().isEmpty()) sb.append("The explain tool tells why a rule matters and how to fix what it finds.");
    return sb.toString().strip();
  }

  // ---- plumbing

  @FunctionalInterface
  interface Handler {
    CallToolResult call(Map<String, Object> args) throws Exception;
  }

  private SyncToolSpecification tool(String name, String description, Map<String, Object> input, Map<String, Object> output,
      Handler handler) {
    Tool tool = Tool.builder(name, input).description(description).outputSchema(output).annotations(READ_ONLY).build();
    return SyncToolSpecification.builder().tool(tool)
        .callHandler((exchange, request) -> guarded(name, handler, request.arguments())).build();
  }

  /** Runs a tool; whatever goes wrong becomes a tool error with a message, never an exception for the SDK to report. */
  CallToolResult guarded(String name, Handler handler, Map<String, Object> args) {
    try {
      return handler.call(args == null ? Map.of() : args);
    } catch (UserError e) {
      return error(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("the " + name + " tool was interrupted (the server is stopping)");
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      log.println("vetter mcp: internal error in the " + name + " tool: " + e);
      // vetter:ignore hygiene/debug-statement --debug asks for the stack trace, on standard error
      if (debug) e.printStackTrace(log);
      String first = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
      return error("internal error: " + e.getClass().getSimpleName() + first
          + ". Start the server with 'vetter --debug mcp' to see where it happened (on its standard error), and report it.");
    }
  }

  private static CallToolResult result(String text, ObjectNode structured) {
    return CallToolResult.builder().addTextContent(text).structuredContent(JSON.convertValue(structured, MAP)).build();
  }

  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private static String string(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v == null ? null : v.toString();
  }

  private static boolean flag(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  /** A path argument, relative to the server's repository; {@code fallback} when absent. */
  private Path path(Map<String, Object> args, String key, Path fallback) {
    String v = string(args, key);
    if (v == null || v.isBlank()) return fallback;
    try {
      return defaultRepo.resolve(v).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new UserError("'" + key + "' is not a valid path: " + e.getMessage());
    }
  }

  private List<String> ruleIds() {
    return registry.rules().stream().map(RuleInfo::id).toList();
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  // ---- schemas

  private static Map<String, Object> schema(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documented JSON report format, docs/output-json.schema.json, which the build copies next to this class. */
  static Map<String, Object> reviewOutputSchema() {
    try (InputStream in = McpTools.class.getResourceAsStream("output-json.schema.json")) {
      if (in == null) throw new IllegalStateException("output-json.schema.json is missing from the build");
      return JSON.readValue(in, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // no top-level oneOf/anyOf: some clients refuse them in input schemas
  private static final String REVIEW_INPUT = """
      {"type": "object", "additionalProperties": false, "properties": {
        "repo": {"type": "string",
          "description": "The repository's folder, absolute or relative to the server's repository. \
      Default: the server's repository (its --repo option, else its working directory)."},
        "base": {"type": "string",
          "description": "Base revision (branch, tag, commit); the change starts at its merge-base with head (three-dot \
      semantics). Default: the default branch (origin/HEAD, origin/main, main, ... or the upstream)."},
        "head": {"type": "string", "description": "Head revision. Default: HEAD."},
        "staged": {"type": "boolean",
          "description": "Review the index against HEAD: what 'git commit' would record. Not together with base, head or worktree."},
        "worktree": {"type": "boolean",
          "description": "Review the working tree (uncommitted edits to tracked files) against HEAD. \
      Not together with base, head or staged."},
        "filter": {"type": "string", "enum": ["added", "diff_context", "file", "nofilter"],
          "description": "Which findings to report: on added or modified lines, anywhere in a hunk, anywhere in a changed file, \
      or all. Default: the policy's, else added."},
        "failOn": {"type": "string", "enum": ["error", "warning", "notice", "never"],
          "description": "Least severe finding that makes summary.failed true. Default: the policy's, else error."}
      }}
      """;
  private static final String EXPLAIN_INPUT = """
      {"type": "object", "additionalProperties": false, "required": ["rule"], "properties": {
        "rule": {"type": "string",
          "description": "A rule id, e.g. hygiene/trailing-whitespace (the rules tool lists them)."}
      }}
      """;
  private static final String EMPTY_INPUT = """
      {"type": "object", "additionalProperties": false, "properties": {}}
      """;
  private static final String VALIDATE_INPUT = """
      {"type": "object", "additionalProperties": false, "properties": {
        "text": {"type": "string", "description": "The policy's YAML text. Give this or path."},
        "path": {"type": "string",
          "description": "A policy file, absolute or relative to the server's repository. Give this or text."}
      }}
      """;
  private static final String RULES_OUTPUT = """
      {"type": "object", "additionalProperties": false, "required": ["rules"], "properties": {
        "rules": {"type": "array", "items": {"type": "object", "additionalProperties": false,
          "required": ["id", "category", "severity", "mode", "summary"],
          "properties": {
            "id": {"type": "string", "description": "The rule's id, family/name."},
            "category": {"type": "string", "description": "The kind of problem it looks for."},
            "severity": {"type": "string", "enum": ["error", "warning", "notice"], "description": "Its default severity."},
            "mode": {"type": "string", "enum": ["off", "shadow", "comment", "block"],
              "description": "Its default mode: shadow (counted, never posted), comment (posted, never failing), block (failing at fail-on); some are decided per repository."},
            "summary": {"type": "string", "description": "What it finds, in one line."}
          }}}
      }}
      """;
  private static final String VALIDATE_OUTPUT = """
      {"type": "object", "additionalProperties": false, "required": ["valid", "problems"], "properties": {
        "valid": {"type": "boolean", "description": "True when the policy has no problem."},
        "problems": {"type": "array", "items": {"type": "object", "additionalProperties": false,
          "required": ["file", "line", "column", "message"],
          "properties": {
            "file": {"type": "string", "description": "The path given, or <text> for text."},
            "line": {"type": ["integer", "null"], "minimum": 1,
              "description": "1-based line; null when the problem is with the whole file."},
            "column": {"type": ["integer", "null"], "minimum": 1, "description": "1-based column; null when line is null."},
            "message": {"type": "string",
              "description": "What is wrong, with the allowed values or a suggestion where there is one."}
          }}}
      }}
      """;
}
