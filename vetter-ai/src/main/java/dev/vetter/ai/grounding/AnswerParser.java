package dev.vetter.ai.grounding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a model's raw answer into a {@link ModelAnswer}, held to {@code answer.schema.json}: anything that is not
 * one JSON object of that shape (prose around it, a Markdown fence, an extra field such as {@code "verdict"}) is
 * rejected as a whole, with the reason, and the caller falls back to the deterministic summary.
 */
public final class AnswerParser {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final JsonNode SCHEMA_TREE = readSchema();
  private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);

  private AnswerParser() {}

  /** The answer's JSON Schema, as sent to providers that take one ({@code response_format: json_schema}). */
  public static JsonNode schema() {
    return SCHEMA_TREE.deepCopy();
  }

  /** The parsed answer, or why it was rejected. */
  public record Parsed(Optional<ModelAnswer> answer, String problem) {
    static Parsed ok(ModelAnswer a) {
      return new Parsed(Optional.of(a), null);
    }

    static Parsed rejected(String problem) {
      return new Parsed(Optional.empty(), problem);
    }
  }

  public static Parsed parse(String raw) {
    if (raw == null || raw.isBlank()) return Parsed.rejected("the answer was empty");
    JsonNode node;
    try {
      node = JSON.readTree(raw.strip());
    } catch (JsonProcessingException e) {
      return Parsed.rejected("the answer is not one JSON object");
    }
    if (node == null || !node.isObject()) return Parsed.rejected("the answer is not one JSON object");
    var errors = SCHEMA.validate(node);
    if (!errors.isEmpty()) {
      // the messages name the answer's own keys, which the model chose: only their number is shown
      return Parsed.rejected("the answer does not follow the schema (" + errors.size() + (errors.size() == 1 ? " problem)" : " problems)"));
    }
    try {
      return Parsed.ok(JSON.treeToValue(node, ModelAnswer.class));
    } catch (JsonProcessingException e) {
      return Parsed.rejected("the answer does not follow the schema");
    }
  }

  private static JsonNode readSchema() {
    try (InputStream in = AnswerParser.class.getResourceAsStream("answer.schema.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
