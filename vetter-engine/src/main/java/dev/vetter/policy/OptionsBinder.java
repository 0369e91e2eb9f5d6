package dev.vetter.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a rule's options, as written in the policy, onto its options record: defaults come from the
 * record's no-argument constructor, written values replace them, and the record's canonical
 * constructor validates the result.
 */
public final class OptionsBinder {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private final Map<String, Record> cache = new ConcurrentHashMap<>();

  /** A problem binding one option; {@code option} is the option's name, or null for the whole record. */
  public static final class BindError extends Exception {
    private final String option;

    BindError(String option, String message) {
      super(message);
      this.option = option;
    }

    public String option() {
      return option;
    }
  }

  /** The defaults of {@code type}. */
  public static <O extends Record> O defaults(Class<O> type) {
    try {
      var ctor = type.getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " needs a no-argument constructor that gives the defaults", e);
    }
  }

  /** The defaults of {@code type} as a JSON object, for merging and documentation. */
  public static ObjectNode defaultsTree(Class<? extends Record> type) {
    return MAPPER.valueToTree(defaults(type));
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
    ObjectNode merged = defaultsTree(type);
    merged.setAll(written);
    try {
      return MAPPER.treeToValue(merged, type);
    } catch (UnrecognizedPropertyException e) {
      List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
      throw new BindError(e.getPropertyName(), "unknown option '" + e.getPropertyName() + "'" + Suggest.hint(e.getPropertyName(), known)
          + " (options: " + String.join(", ", known) + ")");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BindError(null, cause.getMessage());
    } catch (JsonMappingException e) {
      String option = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
      throw new BindError(option, "wrong type: " + e.getOriginalMessage().replaceAll(" at \\[Source.*", "").replaceAll("\\(class [^)]*\\)", "").trim());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BindError(null, e.getOriginalMessage());
    }
  }
}
