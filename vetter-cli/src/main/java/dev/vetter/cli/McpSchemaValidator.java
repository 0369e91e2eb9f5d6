package dev.vetter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The MCP SDK's schema checks (a tool's arguments against its input schema, its structured result
 * against its output schema) done with the json-schema-validator 1.x that Vetter already uses. The
 * SDK's own validator needs version 2 of that library, and one class path holds only one.
 */
final class McpSchemaValidator implements JsonSchemaValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<Map<String, Object>, JsonSchema> schemas = new ConcurrentHashMap<>();

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object content) {
    if (schema == null || content == null) throw new IllegalArgumentException("schema and content must not be null");
    try {
      JsonNode node = content instanceof String s ? JSON.readTree(s) : JSON.valueToTree(content);
      var errors = schemas.computeIfAbsent(schema, s -> factory.getSchema(JSON.valueToTree(s))).validate(node);
      if (errors.isEmpty()) return ValidationResponse.asValid(node.toString());
      return ValidationResponse.asInvalid(
          errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
    } catch (JsonProcessingException | RuntimeException e) {
      return ValidationResponse.asInvalid("cannot validate: " + e.getMessage());
    }
  }
}
