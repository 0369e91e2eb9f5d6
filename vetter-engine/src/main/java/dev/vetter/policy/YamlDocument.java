package dev.vetter.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML file read safely into a JSON tree, with the line and column of every key and value. Safe
 * means: bounded size, nesting and aliases (no "billion laughs"), no duplicate keys, and no explicit
 * {@code !!} or {@code !} tags, so nothing but plain data can come out of it.
 */
public record YamlDocument(String name, JsonNode root, Map<String, int[]> locations) {
  public static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_DEPTH = 32;

  /** Parses {@code text}; problems are reported as a {@link PolicyError} naming {@code name}. */
  public static YamlDocument parse(String name, String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new PolicyError(java.util.List.of(new PolicyError.Problem(name, 0, 0, "file is larger than " + (MAX_BYTES / 1024) + " KiB")));
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(16);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    YAMLFactory factory = YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    Map<String, int[]> locations = new HashMap<>();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (p instanceof YAMLParser yp && yp.getTypeId() != null) {
          JsonLocation l = p.currentTokenLocation();
          throw problem(name, l, "explicit YAML tags such as '" + yp.getTypeId() + "' are not allowed in a policy file");
        }
        if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart()) {
          String pointer = t == JsonToken.FIELD_NAME || t.isScalarValue() || p.getParsingContext().getParent() == null
              ? p.getParsingContext().pathAsPointer().toString()
              : p.getParsingContext().getParent().pathAsPointer().toString();
          JsonLocation l = p.currentTokenLocation();
          locations.putIfAbsent(pointer, new int[] {l.getLineNr(), l.getColumnNr()});
        }
      }
      JsonNode root = mapper.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) root = JsonNodeFactory.instance.objectNode();
      return new YamlDocument(name, root, locations);
    } catch (JsonProcessingException e) {
      throw problem(name, e.getLocation(), cleanMessage(e));
    } catch (IOException e) {
      throw new PolicyError(java.util.List.of(new PolicyError.Problem(name, 0, 0, "cannot read: " + e.getMessage())));
    } catch (RuntimeException e) {
      // snakeyaml reports limits (aliases, depth, code points) as unchecked exceptions
      throw new PolicyError(java.util.List.of(new PolicyError.Problem(name, 0, 0, "not a safe YAML document: " + firstLine(e.getMessage()))));
    }
  }

  /** The {@code [line, column]} of the key or value at {@code pointer}, or of its nearest parent. */
  public int[] location(String pointer) {
    String p = pointer;
    while (true) {
      int[] l = locations.get(p);
      if (l != null) return l;
      if (p.isEmpty()) return new int[] {0, 0};
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  public PolicyError.Problem problem(String pointer, String message) {
    int[] l = location(pointer);
    return new PolicyError.Problem(name, l[0], l[1], message);
  }

  private static PolicyError problem(String name, JsonLocation l, String message) {
    int line = l == null ? 0 : l.getLineNr();
    int col = l == null ? 0 : l.getColumnNr();
    return new PolicyError(java.util.List.of(new PolicyError.Problem(name, Math.max(line, 0), Math.max(col, 0), message)));
  }

  private static String cleanMessage(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    return "not valid YAML: " + firstLine(m);
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
