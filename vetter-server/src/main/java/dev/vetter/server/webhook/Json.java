package dev.vetter.server.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small, null-safe readers over Jackson trees, so the parsers read like the payload documentation. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private Json() {}

  /**
   * The parts of the payload at {@code paths}, as a tree; the reason the payload is not a JSON object otherwise.
   * The whole payload is still read and checked (syntax, UTF-8), but the values nobody asked for are skipped
   * without being decoded or kept: most of a 25 KB pull request event is text Vetter never looks at.
   */
  static JsonNode object(byte[] body, Paths paths) throws BadPayload {
    try (JsonParser p = MAPPER.getFactory().createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) throw new BadPayload("not valid JSON: empty");
      if (first != JsonToken.START_OBJECT) {
        p.skipChildren();
        throw new BadPayload(p.nextToken() == null ? "not a JSON object" : "not valid JSON: content after the value");
      }
      ObjectNode root = select(p, paths);
      if (p.nextToken() != null) throw new BadPayload("not valid JSON: content after the object");
      return root;
    } catch (JsonProcessingException e) {
      throw new BadPayload("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadPayload("not valid JSON: " + e.getMessage());
    }
  }

  /** Reads the object the parser is at, keeping only what {@code wanted} names. */
  private static ObjectNode select(JsonParser p, Paths wanted) throws IOException {
    ObjectNode out = MAPPER.getNodeFactory().objectNode();
    for (JsonToken t; (t = p.nextToken()) == JsonToken.FIELD_NAME; ) {
      String name = p.currentName();
      Paths child = wanted.children.get(name);
      JsonToken value = p.nextToken();
      if (child == null) {
        p.skipChildren(); // still reads every token, so a broken payload is still found broken
      } else if (child.children.isEmpty()) {
        out.set(name, MAPPER.readTree(p));
      } else if (value == JsonToken.START_OBJECT) {
        out.set(name, select(p, child));
      } else if (value == JsonToken.START_ARRAY) {
        ArrayNode array = out.putArray(name);
        Paths element = child.children.get("*");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (element != null && p.currentToken() == JsonToken.START_OBJECT) array.add(select(p, element));
          else p.skipChildren();
        }
      } else {
        out.set(name, MAPPER.readTree(p));
      }
    }
    return out;
  }

  /** A set of JSON pointer paths to keep; {@code *} stands for every element of an array. */
  static final class Paths {
    private final Map<String, Paths> children = new HashMap<>();

    static Paths of(String... pointers) {
      Paths root = new Paths();
      for (String pointer : pointers) {
        Paths node = root;
        for (String part : pointer.substring(1).split("/")) node = node.children.computeIfAbsent(part, k -> new Paths());
      }
      return root;
    }
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

  /** A commit id at {@code path}, or empty when absent or not one (an optional field never makes a payload malformed). */
  static Optional<String> sha(JsonNode node, String path) {
    return text(node, path).filter(s -> SHA.matcher(s).matches());
  }

  /**
   * A time at {@code path} as forges write them: ISO 8601 with an offset ({@code 2024-05-01T10:00:00Z}, GitHub and
   * GitLab) or GitLab's older {@code 2024-05-01 10:00:00 UTC}; empty when absent or unreadable.
   */
  static Optional<Instant> time(JsonNode node, String path) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) return Optional.empty();
    String t = text.get().strip();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(t.replaceFirst(" UTC$", "").replace(' ', 'T')).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
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
