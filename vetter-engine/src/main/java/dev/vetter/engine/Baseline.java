package dev.vetter.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accepted findings, by fingerprint: a team adopting Vetter on an old codebase records today's
 * findings once and is then told only about new ones. Format:
 * {@code {"version":1,"fingerprints":["...", ...]}}.
 */
public record Baseline(Set<String> fingerprints) {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final Baseline EMPTY = new Baseline(Set.of());

  public boolean contains(Finding f) {
    return fingerprints.contains(f.fingerprint());
  }

  public static Baseline parse(String name, String text) {
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || !root.path("fingerprints").isArray()) throw new UserError("baseline " + name + " is not a Vetter baseline: expected {\"version\":1,\"fingerprints\":[...]}");
      Set<String> fps = new TreeSet<>();
      for (JsonNode n : root.get("fingerprints")) fps.add(n.asText());
      return new Baseline(Set.copyOf(fps));
    } catch (IOException e) {
      throw new UserError("baseline " + name + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** The baseline file accepting every one of {@code findings}. */
  public static String render(Collection<Finding> findings) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode arr = root.putArray("fingerprints");
    new TreeSet<>(findings.stream().map(Finding::fingerprint).toList()).forEach(arr::add);
    return root.toPrettyString() + "\n";
  }
}
