package dev.vetter.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small, null-safe readers over Jackson trees, so the parsers read like the payload documentation. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private Json() {}

  /** The payload as an object; the reason it is not one otherwise. */
  static JsonNode object(byte[] body) throws BadPayload {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadPayload("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadPayload("not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw new BadPayload("not a JSON object");
    return root;
  }

  /** The text at {@code path} (a JSON pointer), or empty when absent, null or not text. */
  static Optional<String> text(JsonNode node, String path) {
    JsonNode n = node.at(path);
    return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  /** The text or number at {@code path} as text (ids are numbers on GitHub), or empty. */
  static Optional<String> id(JsonNode node, String path) {
    JsonNode n = node.at(path);
    if (n.isIntegralNumber()) return Optional.of(n.asText());
    return n.isTextual() && !n.textValue().isEmpty() ? Optional.of(n.textValue()) : Optional.empty();
  }

  static String requireText(JsonNode node, String path) throws BadPayload {
    return text(node, path).filter(s -> !s.isEmpty()).orElseThrow(() -> new BadPayload("missing " + path));
  }

  static long requirePositive(JsonNode node, String path) throws BadPayload {
    JsonNode n = node.at(path);
    if (!n.isIntegralNumber() || n.asLong() <= 0) throw new BadPayload("missing or invalid " + path);
    return n.asLong();
  }

  static String requireSha(JsonNode node, String path) throws BadPayload {
    String sha = requireText(node, path);
    if (!SHA.matcher(sha).matches()) throw new BadPayload(path + " is not a commit id");
    return sha;
  }

  /** A repository path: {@code owner/name}, or a GitLab project path with subgroups. Anything else is refused before it reaches the store. */
  static String requireRepository(JsonNode node, String path) throws BadPayload {
    String repo = requireText(node, path);
    if (repo.length() > 512 || !REPOSITORY.matcher(repo).matches()) throw new BadPayload(path + " is not a repository path");
    return repo;
  }

  static boolean flag(JsonNode node, String path) {
    return node.at(path).asBoolean(false);
  }

  /** A payload that is not what its event promises; the message is short and safe to return to the sender. */
  static final class BadPayload extends Exception {
    BadPayload(String message) {
      super(message, null, false, false);
    }
  }
}
