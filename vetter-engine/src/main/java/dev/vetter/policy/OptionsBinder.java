package dev.vetter.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a rule's options, as written in the policy, onto its options record: defaults come from the
 * record's no-argument constructor, written values replace them, and the record's canonical
 * constructor validates the result.
 *
 * <p>Each option is written under its record component's name, with the type {@link OptionType}
 * derives from the component's Java type; enum constants are written in lower case. Values of the
 * wrong type are rejected before binding (no "5" for 5, no null), exactly as the JSON Schema does.
 */
public final class OptionsBinder {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
      .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
      // options are written like every other policy key: `max-increase`, not `maxIncrease`
      .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.KEBAB_CASE)
      .build();

  /** The name an option has in the policy file: the record component's name in kebab case. */
  public static String optionName(RecordComponent c) {
    return com.fasterxml.jackson.databind.PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(c.getName());
  }

  private final Map<String, Record> cache = new ConcurrentHashMap<>();

  /** A problem binding one option; {@code option} is the option's name, or null for the whole record. */
  public static final class BindError extends Exception {
    private final String option;
    private final boolean unknown;

    BindError(String option, String message, boolean unknown) {
      super(message);
      this.option = option;
      this.unknown = unknown;
    }

    public String option() {
      return option;
    }

    /** True when {@link #option()} is not an option of the rule at all (the problem is the key, not its value). */
    public boolean unknownOption() {
      return unknown;
    }
  }

  /** The defaults of {@code type}. */
  public static <O extends Record> O defaults(Class<O> type) {
    try {
      var ctor = type.getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the defaults of " + type.getName() + " are invalid: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " needs a no-argument constructor that gives the defaults", e);
    }
  }

  /** The defaults of {@code type} as written in a policy file, for merging and documentation. */
  public static ObjectNode defaultsTree(Class<? extends Record> type) {
    ObjectNode tree = MAPPER.valueToTree(defaults(type));
    for (Map.Entry<String, OptionType> e : types(type).entrySet()) {
      JsonNode v = tree.get(e.getKey());
      if (e.getValue().kind() == OptionType.Kind.ENUM && v != null && v.isTextual()) {
        tree.put(e.getKey(), OptionType.id(constantNamed(e.getValue(), v.asText())));
      }
    }
    return tree;
  }

  /** The options of {@code type} by name, in declaration order, with their policy types. */
  static Map<String, OptionType> types(Class<? extends Record> type) {
    Map<String, OptionType> types = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) types.put(optionName(c), OptionType.of(c));
    return types;
  }

  /** Binds {@code written} over the defaults; results are cached per distinct input. */
  public <O extends Record> O bind(Class<O> type, ObjectNode written) throws BindError {
    String key = type.getName() + "\0" + written;
    Record cached = cache.get(key);
    if (cached != null) return type.cast(cached);
    O value = bindFresh(type, written);
    cache.put(key, value);
    return value;
  }

  static <O extends Record> O bindFresh(Class<O> type, ObjectNode written) throws BindError {
    Map<String, OptionType> types = types(type);
    ObjectNode merged = MAPPER.valueToTree(defaults(type));
    for (Map.Entry<String, JsonNode> e : written.properties()) {
      String name = e.getKey();
      OptionType t = types.get(name);
      if (t == null) {
        List<String> known = List.copyOf(types.keySet());
        throw new BindError(name, "unknown option '" + name + "'" + Suggest.hint(name, known)
            + (known.isEmpty() ? " (this rule has no options; it takes only enabled and severity)" : " (options: " + String.join(", ", known) + ")"), true);
      }
      String mismatch = t.mismatch(e.getValue());
      if (mismatch != null) throw new BindError(name, "option '" + name + "' " + mismatch, false);
      merged.set(name, t.kind() == OptionType.Kind.ENUM ? TextNode.valueOf(t.constant(e.getValue().asText()).name()) : e.getValue());
    }
    try {
      return MAPPER.treeToValue(merged, type);
    } catch (ValueInstantiationException e) {
      // the record's constructor rejected the combination: its message says why
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BindError(null, cause.getMessage() != null ? cause.getMessage() : "invalid options (" + cause.getClass().getSimpleName() + ")", false);
    } catch (JsonMappingException e) {
      // only for option types OptionType does not check itself
      String option = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
      throw new BindError(option, "wrong type: " + e.getOriginalMessage().replaceAll(" at \\[Source.*", "").replaceAll("\\(class [^)]*\\)", "").trim(), false);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BindError(null, e.getOriginalMessage(), false);
    }
  }

  private static Enum<?> constantNamed(OptionType t, String name) {
    for (Object c : t.enumType().getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) return (Enum<?>) c;
    }
    throw new IllegalStateException(t.enumType().getName() + " has no constant " + name);
  }
}
