package dev.vetter.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vetter.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's official OpenAPI description of api.github.com, from the npm package {@code @octokit/openapi} at
 * {@link #VERSION}, used to check every request the client sends and every answer the fake gives.
 *
 * <p>The description is OpenAPI 3.0, whose schemas are JSON Schema draft 4 plus {@code nullable}. Before validation
 * each schema is rewritten to plain draft 4: {@code nullable: true} adds {@code "null"} to {@code type} (and to
 * {@code enum} when there is one); a nullable schema without {@code type} (a {@code $ref} or {@code allOf/oneOf/anyOf})
 * becomes {@code anyOf: [{type: null}, schema]}. Nothing else is relaxed. Loaded once per JVM (about 13 MB).
 */
public final class OpenApiDescription {
  /** The pinned {@code @octokit/openapi} version. */
  /** SHA-256 of the file Vetter reads from the package, so a changed upload fails loudly. */
  static final String SHA256 = "829b4bebb19a53133289f7b0bc819f4f1118115821db2ca9f25e9ee995a7da2a";
  public static final String VERSION = "23.0.2";
  static final String FILE = "generated/api.github.com.json";
  private static final String DOC = "https://vetter.test/github-openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile OpenApiDescription shared;

  /** One operation of the description. */
  public record Operation(String method, String template, String pointer, JsonNode node, Pattern pattern, List<String> pathParams, int literals) {
    public String id() {
      return node.path("operationId").asText(method + " " + template);
    }
  }

  private final JsonNode root;
  private final List<Operation> operations = new ArrayList<>();
  private final JsonNode converted;
  private final JsonNode convertedComponents;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong compiled = new java.util.concurrent.atomic.AtomicLong();

  private OpenApiDescription(JsonNode root) throws IOException {
    this.root = root;
    this.converted = root.deepCopy();
    draft4(converted);
    this.convertedComponents = converted.path("components");
    this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    this.config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(false).formatAssertionsEnabled(true).preloadJsonSchema(false).build();
    Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      for (String method : List.of("get", "post", "patch", "put", "delete")) {
        JsonNode op = p.getValue().get(method);
        if (op == null) continue;
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(p.getKey().substring(last, m.start())));
          names.add(m.group(1));
          // a file path may hold slashes; every other parameter is one segment
          regex.append(m.group(1).equals("path") && m.end() == p.getKey().length() ? "(.+)" : "([^/]+)");
          last = m.end();
        }
        regex.append(Pattern.quote(p.getKey().substring(last)));
        for (String seg : p.getKey().split("/")) if (!seg.isEmpty() && !seg.startsWith("{")) literals++;
        operations.add(new Operation(method.toUpperCase(Locale.ROOT), p.getKey(), "/paths/" + escape(p.getKey()) + "/" + method, op,
            Pattern.compile(regex.toString()), List.copyOf(names), literals));
      }
    }
  }

  /** The pinned file, from the shared npm cache (see {@link NpmPackages}); skips the calling test when npm cannot fetch it. */
  private static Path fetch() {
    try {
      return NpmPackages.require("@octokit/openapi@" + VERSION, "package/" + FILE, SHA256);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + "@octokit/openapi@" + VERSION, e);
    }
  }

  /** The description, loaded once per JVM; skips the calling test when npm cannot fetch it. */
  public static OpenApiDescription load() {
    OpenApiDescription d = shared;
    if (d != null) return d;
    synchronized (OpenApiDescription.class) {
      if (shared != null) return shared;
      Path file = fetch();
      try {
        shared = new OpenApiDescription(JSON.readTree(file.toFile()));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
      return shared;
    }
  }

  /** The operation for a method and a decoded path, the most specific template first; null when there is none. */
  public Operation find(String method, String path) {
    Operation best = null;
    for (Operation op : operations) {
      if (!op.method.equals(method) || !op.pattern.matcher(path).matches()) continue;
      if (best == null || op.literals > best.literals) best = op;
    }
    return best;
  }

  /** The parameters of an operation (path-level and operation-level, references resolved). */
  List<JsonNode> parameters(Operation op) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode pathItem = root.at("/paths/" + escape(op.template));
    for (JsonNode list : List.of(pathItem.path("parameters"), op.node.path("parameters"))) {
      for (JsonNode p : list) out.add(resolve(p));
    }
    return out;
  }

  /**
   * What is wrong with a request: path and query parameters, headers, JSON body against the operation's
   * requestBody schema. Empty when the request is one GitHub documents.
   */
  public List<String> checkRequest(Operation op, Map<String, String> pathValues, Map<String, List<String>> query,
      Map<String, List<String>> headers, byte[] body) {
    List<String> problems = new ArrayList<>();
    String where = op.method + " " + op.template;
    Map<String, JsonNode> declared = new LinkedHashMap<>();
    List<JsonNode> params = parameters(op);
    for (JsonNode p : params) declared.put(p.path("in").asText() + ":" + p.path("name").asText(), p);
    for (JsonNode p : params) {
      String in = p.path("in").asText();
      String name = p.path("name").asText();
      JsonNode schema = p.path("schema");
      if (in.equals("path")) {
        String v = pathValues.get(name);
        check(problems, where + " path parameter " + name, schema, p, v);
      } else if (in.equals("query")) {
        List<String> vs = query.get(name);
        if (vs == null) {
          if (p.path("required").asBoolean()) problems.add(where + ": required query parameter " + name + " is missing");
          continue;
        }
        for (String v : vs) check(problems, where + " query parameter " + name, schema, p, v);
      }
    }
    for (String q : query.keySet()) {
      if (!declared.containsKey("query:" + q)) problems.add(where + ": query parameter '" + q + "' is not in GitHub's description");
    }
    String accept = first(headers, "accept");
    if (accept == null || !(accept.contains("application/vnd.github") || accept.contains("application/json"))) {
      problems.add(where + ": Accept should be application/vnd.github+json, got " + accept);
    }
    String version = first(headers, "x-github-api-version");
    if (version != null && !version.equals("2022-11-28")) problems.add(where + ": X-GitHub-Api-Version " + version + " is not one GitHub supports");
    if (first(headers, "user-agent") == null) problems.add(where + ": GitHub rejects requests without a User-Agent");
    String auth = first(headers, "authorization");
    if (auth == null || !(auth.startsWith("Bearer ") || auth.startsWith("token "))) problems.add(where + ": no Authorization: Bearer header");

    JsonNode requestBody = resolve(op.node.path("requestBody"));
    boolean hasBody = body != null && body.length > 0;
    if (requestBody.isMissingNode()) {
      if (hasBody) problems.add(where + ": sends a body, but the operation takes none");
      return problems;
    }
    if (!hasBody) {
      if (requestBody.path("required").asBoolean()) problems.add(where + ": the request body is required");
      return problems;
    }
    String type = first(headers, "content-type");
    if (type == null || !type.startsWith("application/json")) problems.add(where + ": Content-Type should be application/json, got " + type);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      problems.add(where + ": the body is not JSON: " + e.getMessage());
      return problems;
    }
    String pointer = op.node.path("requestBody").has("$ref")
        ? refPointer(op.node.path("requestBody").path("$ref").asText()) + "/content/application~1json/schema"
        : op.pointer + "/requestBody/content/application~1json/schema";
    for (ValidationMessage m : schema(pointer).validate(json)) problems.add(where + " body: " + m.getMessage());
    return problems;
  }

  /** What is wrong with an answer: its status must be documented and its JSON body match that status's schema. */
  public List<String> checkResponse(Operation op, int status, JsonNode body) {
    List<String> problems = new ArrayList<>();
    String where = op.method + " " + op.template + " answer " + status;
    JsonNode responses = op.node.path("responses");
    String key = Integer.toString(status);
    JsonNode response = responses.get(key);
    String pointer = op.pointer + "/responses/" + key;
    if (response == null) {
      problems.add(where + ": status " + status + " is not documented for this operation");
      return problems;
    }
    if (response.has("$ref")) {
      pointer = refPointer(response.get("$ref").asText());
      response = resolve(response);
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isMissingNode() && !body.isNull()) problems.add(where + ": documented without a body, but the fake sends one");
      return problems;
    }
    String media = content.has("application/json") ? "application/json" : content.fieldNames().next();
    for (ValidationMessage m : schema(pointer + "/content/" + escape(media) + "/schema").validate(body)) problems.add(where + ": " + m.getMessage());
    return problems;
  }

  /** The first documented example of an answer (a template the fake fills in), or null. */
  public JsonNode example(Operation op, int status) {
    JsonNode response = resolve(op.node.path("responses").path(Integer.toString(status)));
    JsonNode content = response.path("content");
    JsonNode media = content.has("application/json") ? content.get("application/json") : content.elements().hasNext() ? content.elements().next() : null;
    if (media == null) return null;
    if (media.has("example")) return media.get("example").deepCopy();
    Iterator<JsonNode> examples = media.path("examples").elements();
    if (!examples.hasNext()) return null;
    JsonNode ex = resolve(examples.next());
    return ex.has("value") ? ex.get("value").deepCopy() : null;
  }

  private void check(List<String> problems, String what, JsonNode schema, JsonNode param, String value) {
    if (value == null) {
      if (param.path("required").asBoolean()) problems.add(what + " is missing");
      return;
    }
    JsonNode typed = typed(resolve(schema), value);
    if (typed == null) {
      problems.add(what + ": '" + value + "' is not a " + resolve(schema).path("type").asText());
      return;
    }
    // parameter schemas are small and inline; validate a copy converted the same way as the document
    JsonNode converted = resolve(schema).deepCopy();
    draft4(converted);
    JsonSchema s = factory.getSchema(converted, config);
    for (ValidationMessage m : s.validate(typed)) problems.add(what + ": " + m.getMessage());
  }

  /** A query or path string as the JSON value its schema expects (null when it cannot be one). */
  private static JsonNode typed(JsonNode schema, String value) {
    String type = schema.path("type").asText("string");
    try {
      return switch (type) {
        case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
        case "number" -> JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
        case "boolean" -> value.equals("true") || value.equals("false") ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value)) : null;
        default -> new TextNode(value);
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The schema at {@code pointer}, compiled on its own with the converted {@code components} beside it, so its
   * {@code #/components/...} references resolve without loading the whole 13 MB description per schema.
   */
  private JsonSchema schema(String pointer) {
    return schemas.computeIfAbsent(pointer, p -> {
      ObjectNode wrapper = JSON.createObjectNode();
      wrapper.set("components", convertedComponents);
      wrapper.putArray("allOf").add(converted.at(p));
      return factory.getSchema(SchemaLocation.of(DOC + "/" + compiled.incrementAndGet()), wrapper, config);
    });
  }

  JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int i = 0; i < 10 && n.has("$ref"); i++) n = root.at(refPointer(n.get("$ref").asText()));
    return n;
  }

  private static String refPointer(String ref) {
    if (!ref.startsWith("#")) throw new IllegalArgumentException("external $ref not supported: " + ref);
    return ref.substring(1);
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) return e.getValue().get(0);
    }
    return null;
  }

  /** Rewrites OpenAPI 3.0 {@code nullable} into draft 4, everywhere in {@code node}. */
  static void draft4(JsonNode node) {
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        draft4(a.get(i));
        if (a.get(i).isObject() && a.get(i).path("nullable").asBoolean(false)) a.set(i, nullable((ObjectNode) a.get(i)));
      }
      return;
    }
    if (!node.isObject()) return;
    ObjectNode o = (ObjectNode) node;
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      // "example(s)" hold instances, not schemas: a "nullable" key there is data
      if (name.equals("example") || name.equals("examples")) continue;
      JsonNode child = o.get(name);
      draft4(child);
      if (child.isObject() && child.path("nullable").asBoolean(false)) o.set(name, nullable((ObjectNode) child));
    }
  }

  private static JsonNode nullable(ObjectNode schema) {
    schema.remove("nullable");
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      ArrayNode types = schema.putArray("type");
      types.add(type.asText()).add("null");
      JsonNode en = schema.get("enum");
      if (en != null && en.isArray()) {
        boolean hasNull = false;
        for (JsonNode v : en) hasNull |= v.isNull();
        if (!hasNull) ((ArrayNode) en).addNull();
      }
      return schema;
    }
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    ArrayNode any = wrapper.putArray("anyOf");
    any.addObject().put("type", "null");
    any.add(schema);
    return wrapper;
  }

  /** For diagnostics. */
  public int operationCount() {
    return operations.size();
  }

  static Set<String> methods() {
    return Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
  }
}
