package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How one option of a rule is written in a policy file, from the Java type of its record component.
 * The loader's type checks and the JSON Schema both come from here, so they cannot disagree.
 */
record OptionType(Kind kind, Class<?> enumType) {

  enum Kind { INT, LONG, NUMBER, BOOLEAN, STRING, STRING_LIST, INT_LIST, ENUM, OTHER }

  static OptionType of(RecordComponent c) {
    Class<?> t = c.getType();
    if (t == int.class || t == Integer.class) return new OptionType(Kind.INT, null);
    if (t == long.class || t == Long.class) return new OptionType(Kind.LONG, null);
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) return new OptionType(Kind.NUMBER, null);
    if (t == boolean.class || t == Boolean.class) return new OptionType(Kind.BOOLEAN, null);
    if (t == String.class) return new OptionType(Kind.STRING, null);
    if (t.isEnum()) return new OptionType(Kind.ENUM, t);
    if (t == List.class && c.getGenericType() instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (args.length == 1 && args[0] == String.class) return new OptionType(Kind.STRING_LIST, null);
      if (args.length == 1 && args[0] == Integer.class) return new OptionType(Kind.INT_LIST, null);
    }
    return new OptionType(Kind.OTHER, null);
  }

  /** How an enum constant is written: its name in lower case, like {@code severity: warning}. */
  static String id(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The written values of an enum option. */
  List<String> enumIds() {
    return Arrays.stream(enumType.getEnumConstants()).map(e -> id((Enum<?>) e)).toList();
  }

  /** The constant named by {@code written}, or null. */
  Enum<?> constant(String written) {
    for (Object e : enumType.getEnumConstants()) {
      if (id((Enum<?>) e).equals(written)) return (Enum<?>) e;
    }
    return null;
  }

  /** Null when {@code value} has this type, else what was expected, for an error message. */
  String mismatch(JsonNode value) {
    boolean ok = switch (kind) {
      case INT -> value.isIntegralNumber() && value.canConvertToInt();
      case LONG -> value.isIntegralNumber() && value.canConvertToLong();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case STRING -> value.isTextual();
      case STRING_LIST -> value.isArray() && allText(value);
      case INT_LIST -> value.isArray() && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(v -> v.isIntegralNumber() && v.canConvertToInt());
      case ENUM -> value.isTextual() && constant(value.asText()) != null;
      case OTHER -> true; // left to the binder
    };
    if (ok) return null;
    if ((kind == Kind.INT || kind == Kind.LONG) && value.isIntegralNumber()) {
      return "must be a whole number from " + (kind == Kind.INT ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE)
          + ", not " + abbreviate(value.asText());
    }
    if (kind == Kind.STRING_LIST && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isTextual()) return "must be a list of strings, but item " + (i + 1) + " is " + describeValue(value.get(i));
      }
    }
    return "must be " + describe() + ", not " + describeValue(value)
        + (kind == Kind.ENUM && value.isTextual() ? Suggest.hint(value.asText(), enumIds()) : "");
  }

  /** What this type accepts, in words. */
  String describe() {
    return switch (kind) {
      case INT, LONG -> "a whole number";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case STRING -> "a string";
      case STRING_LIST -> "a list of strings";
      case INT_LIST -> "a list of whole numbers";
      case ENUM -> "one of " + String.join(", ", enumIds());
      case OTHER -> "a value";
    };
  }

  /** The JSON Schema of this type (without description or default); empty for an unsupported type. */
  ObjectNode schema() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    switch (kind) {
      case INT -> s.put("type", "integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
      case LONG -> s.put("type", "integer").put("minimum", Long.MIN_VALUE).put("maximum", Long.MAX_VALUE);
      case NUMBER -> s.put("type", "number");
      case BOOLEAN -> s.put("type", "boolean");
      case STRING -> s.put("type", "string");
      case STRING_LIST -> {
        s.put("type", "array");
        s.putObject("items").put("type", "string");
      }
      case INT_LIST -> {
        s.put("type", "array");
        s.putObject("items").put("type", "integer");
      }
      case ENUM -> {
        s.put("type", "string");
        ArrayNode values = s.putArray("enum");
        enumIds().forEach(values::add);
      }
      case OTHER -> { }
    }
    return s;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode n : array) if (!n.isTextual()) return false;
    return true;
  }

  /** A value as the user wrote it, with its kind: "a string ('ten')", "a list", "null". */
  static String describeValue(JsonNode v) {
    if (v.isNull()) return "empty (null)";
    if (v.isTextual()) return "the string '" + abbreviate(v.asText()) + "'";
    if (v.isBoolean()) return v.asText();
    if (v.isIntegralNumber()) return v.isBigInteger() || !v.canConvertToLong() ? "the number " + abbreviate(v.asText()) + " (too large)"
        : "the number " + v.asText();
    if (v.isNumber()) return "the number " + v.asText();
    if (v.isArray()) return v.isEmpty() ? "an empty list" : "a list";
    if (v.isObject()) return "a mapping";
    return v.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
