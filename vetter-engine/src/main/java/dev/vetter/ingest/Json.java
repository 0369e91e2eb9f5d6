package dev.vetter.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** JSON reading for the ingest readers: errors with line and column, typed field access that says where a value is wrong. */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private Json() {}

  static JsonNode parse(byte[] bytes) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || n.isMissingNode()) throw new BadInput("it is empty");
      return n;
    } catch (JsonProcessingException e) {
      throw bad(e);
    } catch (IOException e) {
      throw new BadInput(e.getMessage(), e);
    }
  }

  static BadInput bad(JsonProcessingException e) {
    var at = e.getLocation();
    String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    String msg = e.getOriginalMessage();
    if (e instanceof JsonParseException && msg != null) msg = msg.replaceAll("\\s*\\(for .*?\\)", "");
    return new BadInput(where + (msg == null ? "malformed JSON" : msg.lines().findFirst().orElse("").strip()), e);
  }

  /** {@code node[field]} as text; null when absent or null; a {@link BadInput} naming {@code where} when not a string. */
  static String text(JsonNode node, String field, String where) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new BadInput(where + "/" + field + " must be a string, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    return v.asText();
  }

  /** {@code node[field]} as a whole number; {@code absent} when absent or null. */
  static long number(JsonNode node, String field, String where, long absent) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) return absent;
    if (!v.isIntegralNumber()) throw new BadInput(where + "/" + field + " must be a whole number, not " + v);
    return v.asLong();
  }

  static int lineNumber(JsonNode node, String field, String where) {
    long n = number(node, field, where, 0);
    return n < 0 || n > Integer.MAX_VALUE ? 0 : (int) n;
  }

  /** {@code node[field]} when it is an object; null when absent or null. */
  static JsonNode object(JsonNode node, String field, String where) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw new BadInput(where + "/" + field + " must be an object");
    return v;
  }

  /** {@code node[field]} when it is an array; null when absent or null. */
  static JsonNode array(JsonNode node, String field, String where) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) throw new BadInput(where + "/" + field + " must be an array");
    return v;
  }
}
