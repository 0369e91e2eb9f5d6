package dev.vetter.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The JSON Schema (draft-07) of {@code .vetter/waivers.yml}, made from {@link WaiversLoader}'s keys and
 * {@link Waiver.Reason}'s values, as {@link PolicySchema} is made for the policy. The loader checks more than a schema
 * can say: that a rule exists, glob syntax, real dates, expires after created and within the policy's limits.
 */
public final class WaiversSchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Descriptions of an entry's keys; every key of {@link WaiversLoader#ENTRY_KEYS} must have one. */
  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "fingerprint", "The fingerprint of the one finding it waives, as `vetter review --format json` prints it.",
      "rule", "The rule it waives (an id such as hygiene/trailing-whitespace, a family such as hygiene, or external/TOOL/RULE); needs path.",
      "path", "The files it applies to: a glob as in .vetter.yml ('legacy/**'); '**' for all. Required with rule.",
      "reason", "Why the findings are waived.",
      "owner", "Who answers for the waiver: a person or a team.",
      "created", "The day it was written (YYYY-MM-DD); it applies from this day.",
      "expires", "The day it stops applying (YYYY-MM-DD). Required: every waiver expires, at most waivers.max-days of .vetter.yml after created.",
      "note", "Free text: a ticket, the context.");

  private WaiversSchema() {}

  public static ObjectNode of() {
    ObjectNode root = PolicySchema.document("Vetter waivers (.vetter/waivers.yml)", "Findings accepted for a while, with a reason, an owner "
        + "and an expiry date. Read from the base of the change, so a change cannot waive its own findings. See docs/configuration.md#waivers.");
    ObjectNode list = root.putObject("properties").putObject("waivers");
    list.put("description", "The waivers, each naming a fingerprint, or a rule and a path.");
    list.put("type", "array");
    ObjectNode item = list.putObject("items");
    item.put("type", "object");
    item.put("additionalProperties", false);
    ArrayNode required = item.putArray("required");
    for (String k : new String[] {"reason", "owner", "created", "expires"}) required.add(k);
    ArrayNode anyOf = item.putArray("anyOf");
    anyOf.addObject().putArray("required").add("fingerprint");
    anyOf.addObject().putArray("required").add("rule").add("path");
    ObjectNode props = item.putObject("properties");
    for (String key : WaiversLoader.ENTRY_KEYS) {
      ObjectNode p = props.putObject(key);
      String d = DESCRIPTIONS.get(key);
      if (d == null) throw new IllegalStateException("WaiversSchema has no description of the key '" + key + "'");
      p.put("description", d);
      switch (key) {
        case "fingerprint" -> p.put("type", "string").put("pattern", "^" + WaiversLoader.FINGERPRINT.pattern() + "$");
        case "reason" -> {
          p.put("type", "string");
          ArrayNode values = p.putArray("enum");
          Waiver.Reason.ids().forEach(values::add);
        }
        case "created", "expires" -> p.put("type", "string").put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        default -> p.put("type", "string").put("pattern", "\\S");
      }
    }
    return root;
  }

  /** The schema as the text of {@code schema/waivers.schema.json}: two-space indented, final newline. */
  public static String json() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("").withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return new ObjectMapper().writer(printer).writeValueAsString(of()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
