package dev.vetter.ai.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible Chat Completions server on loopback that holds each request to the real contract
 * (POST {@code /v1/chat/completions}, JSON body with a model and role/content messages, only fields of OpenAI's
 * request schema, a bearer token) and answers with a real {@code chat.completion} object, usage included. A request
 * that breaks the contract gets a 400 and is recorded as a violation, so a test can fail on it. The script decides
 * each answer's content; {@link #HANG} holds the request until the server closes.
 */
final class FakeChatCompletions implements AutoCloseable {
  static final String HANG = "\u0000hang";
  private static final ObjectMapper JSON = new ObjectMapper();
  // the request body's fields in OpenAI's API reference (Create chat completion)
  private static final Set<String> REQUEST_FIELDS = Set.of("model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n",
      "stream", "stream_options", "stop", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "response_format",
      "seed", "tools", "tool_choice", "parallel_tool_calls", "store", "metadata", "service_tier", "reasoning_effort", "modalities", "prediction",
      "audio", "web_search_options", "verbosity", "prompt_cache_key", "safety_identifier");

  /** One request as received. */
  record Request(String authorization, JsonNode body) {}

  private final HttpServer server;
  private final Function<JsonNode, String> script;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  FakeChatCompletions(Function<JsonNode, String> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Request> requests() {
    return requests;
  }

  List<String> violations() {
    return violations;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      byte[] raw = x.getRequestBody().readAllBytes();
      String problem = null;
      JsonNode body = null;
      if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/v1/chat/completions")) {
        problem = "unknown endpoint " + x.getRequestMethod() + " " + x.getRequestURI().getPath();
      } else if (x.getRequestHeaders().getFirst("Content-Type") == null || !x.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
        problem = "Content-Type must be application/json";
      } else {
        try {
          body = JSON.readTree(raw);
          problem = contract(body, x.getRequestHeaders().getFirst("Authorization"));
        } catch (IOException e) {
          problem = "the body is not JSON";
        }
      }
      if (problem != null) {
        violations.add(problem);
        send(x, 400, "{\"error\":{\"message\":\"" + problem.replace("\"", "'") + "\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      requests.add(new Request(x.getRequestHeaders().getFirst("Authorization"), body));
      String content = script.apply(body);
      if (HANG.equals(content)) {
        closing.await();
        return;
      }
      ObjectNode r = JSON.createObjectNode();
      r.put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion").put("created", 1_700_000_000L).put("model", body.get("model").asText());
      ObjectNode choice = r.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", content);
      int in = raw.length / 4;
      int out = content.length() / 4;
      r.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
      send(x, 200, JSON.writeValueAsString(r));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String contract(JsonNode body, String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= "Bearer ".length()) return "no bearer token";
    if (!body.isObject()) return "the body must be an object";
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!REQUEST_FIELDS.contains(f)) return "unknown field " + f;
    }
    if (!body.path("model").isTextual() || body.get("model").asText().isBlank()) return "model is required";
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) return "messages must be a non-empty array";
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if (!Set.of("system", "developer", "user", "assistant", "tool").contains(role)) return "unknown role " + role;
      if (!m.path("content").isTextual() && !m.path("content").isArray()) return "a message needs content";
    }
    for (String f : List.of("max_tokens", "max_completion_tokens")) {
      if (body.has(f) && (!body.get(f).isIntegralNumber() || body.get(f).asInt() < 1)) return f + " must be a positive integer";
    }
    JsonNode format = body.get("response_format");
    if (format != null && !Set.of("text", "json_object", "json_schema").contains(format.path("type").asText())) return "unknown response_format";
    if (format != null && format.path("type").asText().equals("json_schema") && !format.has("json_schema")) return "json_schema missing";
    return null;
  }

  private static void send(HttpExchange x, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
