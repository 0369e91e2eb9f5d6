package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML file read safely into a JSON tree, with the line and column of every key and value.
 *
 * <p>Safe means plain data only. The size is bounded before anything is parsed. The tree is then
 * built from snakeyaml's event stream in one iterative pass (deep nesting cannot overflow the
 * stack), rejecting explicit tags ({@code !!java.net.URL}, {@code !foo}), anchors and aliases (so
 * no "billion laughs"), duplicate keys, non-scalar keys, nesting deeper than {@value #MAX_DEPTH}
 * and a second document, each with its line and column.
 *
 * <p>Plain scalars are typed as in YAML 1.2's core schema, as editors read them: {@code true} and
 * {@code false} are booleans but {@code yes}, {@code no}, {@code on} and {@code off} are strings;
 * {@code ~}, {@code null} and nothing at all are null; numbers are decimal, {@code 0x} or {@code 0o}.
 *
 * @param keys where each mapping key is, by the JSON pointer of its value
 * @param values where each value starts, by its JSON pointer
 */
public record YamlDocument(String name, JsonNode root, Map<String, Position> keys, Map<String, Position> values) {
  /** The largest policy file accepted, in bytes of UTF-8. */
  public static final int MAX_BYTES = 256 * 1024;
  /** The deepest nesting of mappings and lists accepted; a real policy needs 6. */
  public static final int MAX_DEPTH = 32;

  /** A 1-based line and column (in characters); 0 when unknown. */
  public record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);

    static Position of(Mark m) {
      return m == null ? UNKNOWN : new Position(m.getLine() + 1, m.getColumn() + 1);
    }
  }

  /** Parses {@code text}; problems are reported as a {@link PolicyError} naming {@code name}. */
  public static YamlDocument parse(String name, String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw error(name, Position.UNKNOWN, "file is " + (bytes + 1023) / 1024 + " KiB; a policy file may have at most " + MAX_BYTES / 1024 + " KiB");
    }
    controlCharacters(name, text);
    Builder builder = new Builder(name);
    JsonNode root = builder.build(text);
    // an empty file (or one with only comments) is an empty policy: every default applies
    if (root == null || root.isNull()) root = JsonNodeFactory.instance.objectNode();
    return new YamlDocument(name, root, Map.copyOf(builder.keys), Map.copyOf(builder.values));
  }

  /** Where the value at {@code pointer} starts, else its key, else the nearest enclosing key or value. */
  public Position valuePosition(String pointer) {
    Position p = values.get(pointer);
    if (p == null) p = keys.get(pointer);
    return p != null ? p : enclosing(pointer);
  }

  /** Where the key naming {@code pointer} is, else its value, else the nearest enclosing key or value. */
  public Position keyPosition(String pointer) {
    Position p = keys.get(pointer);
    if (p == null) p = values.get(pointer);
    return p != null ? p : enclosing(pointer);
  }

  /** A problem with the value at {@code pointer} (a wrong type or value). */
  public PolicyError.Problem problem(String pointer, String message) {
    Position p = valuePosition(pointer);
    return new PolicyError.Problem(name, p.line(), p.column(), message);
  }

  /** A problem with the key naming {@code pointer} (an unknown or misplaced key, or the entry as a whole). */
  public PolicyError.Problem keyProblem(String pointer, String message) {
    Position p = keyPosition(pointer);
    return new PolicyError.Problem(name, p.line(), p.column(), message);
  }

  private Position enclosing(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      p = p.substring(0, p.lastIndexOf('/'));
      // an enclosing entry is best shown by its key ("limits:"), a list item by where it starts
      Position l = keys.get(p);
      if (l == null) l = values.get(p);
      if (l != null) return l;
    }
    return Position.UNKNOWN;
  }

  /** JSON Pointer escaping of one key (RFC 6901). */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** Rejects characters YAML forbids (NUL and other controls but tab and line breaks), naming where the first one is. */
  private static void controlCharacters(String name, String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
        line++;
        column = 1;
        continue;
      }
      if (c != '\r' && !StreamReader.isPrintable(c) && !(c == 0xFEFF && line == 1 && column == 1)) {
        throw error(name, new Position(line, column), "contains the control character " + String.format("U+%04X", c)
            + (c == 0 ? " (NUL)" : "") + "; a policy file must be plain text");
      }
      column++;
    }
  }

  private static PolicyError error(String name, Position p, String message) {
    return new PolicyError(List.of(new PolicyError.Problem(name, p.line(), p.column(), message)));
  }

  private static String firstLine(String s) {
    if (s == null) return "unknown error";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /**
   * Builds the tree from the event stream, recording positions and rejecting everything that is not
   * plain data. Problems that leave the structure intact (a tag, a duplicate key) are collected so
   * they are reported together; the others stop the walk.
   */
  private static final class Builder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCT = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF_NAN = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private final String name;
    private final Map<String, Position> keys = new HashMap<>();
    private final Map<String, Position> values = new HashMap<>();
    private final List<PolicyError.Problem> problems = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private JsonNode root;
    private int documents;

    /** An open mapping or list; for a mapping, {@code key} is the key whose value comes next (null: a key comes next). */
    private static final class Frame {
      final String pointer;
      final JsonNode node;
      final Map<String, Position> seen = new HashMap<>();
      String key;

      Frame(String pointer, JsonNode node) {
        this.pointer = pointer;
        this.node = node;
      }

      boolean mapping() {
        return node.isObject();
      }
    }

    Builder(String name) {
      this.name = name;
    }

    JsonNode build(String text) {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_BYTES);
      options.setNestingDepthLimit(MAX_DEPTH + 1); // ours, with a position, triggers first
      Parser parser = new ParserImpl(new StreamReader(text), options);
      try {
        while (true) {
          Event e = parser.getEvent();
          switch (e.getEventId()) {
            case StreamEnd -> {
              if (!problems.isEmpty()) throw new PolicyError(problems);
              return root;
            }
            case DocumentStart -> {
              if (++documents > 1) stop(e.getStartMark(), "a policy file holds one YAML document; this is a second one (after '---')");
            }
            case Alias -> stop(e.getStartMark(), "YAML aliases ('*" + ((NodeEvent) e).getAnchor()
                + "') are not allowed in a policy file; write the value out in full");
            case Scalar -> node((ScalarEvent) e, ((ScalarEvent) e).getTag());
            case MappingStart, SequenceStart -> node((NodeEvent) e, ((CollectionStartEvent) e).getTag());
            case MappingEnd, SequenceEnd -> stack.pop();
            default -> { } // stream start, document end, comments
          }
        }
      } catch (MarkedYAMLException x) {
        Mark m = x.getProblemMark() != null ? x.getProblemMark() : x.getContextMark();
        stop(m, "not valid YAML: " + firstLine(x.getProblem() != null ? x.getProblem() : x.getMessage())
            + (x.getContext() != null ? " (" + firstLine(x.getContext()) + ")" : ""));
      } catch (YAMLException x) {
        // snakeyaml's own limits and reader errors carry no position
        stop(null, "not a safe YAML document: " + firstLine(x.getMessage()));
      }
      throw new IllegalStateException("unreachable");
    }

    private void node(NodeEvent e, String tag) {
      Position at = Position.of(e.getStartMark());
      if (tag != null) {
        problems.add(new PolicyError.Problem(name, at.line(), at.column(), "explicit YAML tags such as '" + shortTag(tag)
            + "' are not allowed in a policy file; write plain values (quote a value to make it a string)"));
      }
      if (e.getAnchor() != null) {
        problems.add(new PolicyError.Problem(name, at.line(), at.column(), "YAML anchors ('&" + e.getAnchor()
            + "') are not allowed in a policy file; write the value out in full"));
      }
      Frame parent = stack.peek();
      if (parent != null && parent.mapping() && parent.key == null) {
        key(parent, e, at);
        return;
      }
      JsonNode value = e instanceof ScalarEvent s ? scalar(s, at)
          : e.getEventId() == Event.ID.MappingStart ? F.objectNode() : F.arrayNode();
      String pointer;
      if (parent == null) {
        pointer = "";
        root = value;
      } else if (parent.mapping()) {
        pointer = parent.pointer + "/" + escape(parent.key);
        ((ObjectNode) parent.node).set(parent.key, value);
        parent.key = null;
      } else {
        ArrayNode list = (ArrayNode) parent.node;
        pointer = parent.pointer + "/" + list.size();
        list.add(value);
      }
      values.putIfAbsent(pointer, at);
      if (value.isContainerNode()) {
        if (stack.size() >= MAX_DEPTH) stop(e.getStartMark(), "nesting is deeper than " + MAX_DEPTH + " levels");
        stack.push(new Frame(pointer, value));
      }
    }

    private void key(Frame mapping, NodeEvent e, Position at) {
      if (!(e instanceof ScalarEvent s)) {
        stop(e.getStartMark(), "a key must be a plain string, not a mapping or a list");
        return;
      }
      String key = s.getValue();
      Position first = mapping.seen.putIfAbsent(key, at);
      if (first != null) {
        problems.add(new PolicyError.Problem(name, at.line(), at.column(), "duplicate key '" + key + "' (first at line " + first.line() + ")"));
      } else {
        keys.put(mapping.pointer + "/" + escape(key), at);
      }
      mapping.key = key;
    }

    /** A scalar typed as YAML 1.2's core schema says; quoted and block scalars are always strings. */
    private JsonNode scalar(ScalarEvent s, Position at) {
      String v = s.getValue();
      if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) return F.textNode(v);
      if (NULL.matcher(v).matches()) return F.nullNode();
      if (TRUE.matcher(v).matches()) return F.booleanNode(true);
      if (FALSE.matcher(v).matches()) return F.booleanNode(false);
      if (INT.matcher(v).matches()) return integer(new BigInteger(v.startsWith("+") ? v.substring(1) : v));
      if (OCT.matcher(v).matches()) return integer(new BigInteger(v.substring(2), 8));
      if (HEX.matcher(v).matches()) return integer(new BigInteger(v.substring(2), 16));
      if (FLOAT.matcher(v).matches() && Double.isFinite(new BigDecimal(v).doubleValue())) return F.numberNode(new BigDecimal(v).doubleValue());
      if (FLOAT.matcher(v).matches() || INF_NAN.matcher(v).matches()) {
        problems.add(new PolicyError.Problem(name, at.line(), at.column(), "'" + v + "' is not a number a policy can use; write a finite number"));
        return F.nullNode();
      }
      return F.textNode(v);
    }

    private static JsonNode integer(BigInteger i) {
      if (i.bitLength() < 32) return F.numberNode(i.intValue());
      if (i.bitLength() < 64) return F.numberNode(i.longValue());
      return F.numberNode(i);
    }

    /** A tag as it is usually written: {@code !!str} rather than {@code tag:yaml.org,2002:str}. */
    private static String shortTag(String tag) {
      return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
    }

    private void stop(Mark m, String message) {
      Position p = Position.of(m);
      problems.add(new PolicyError.Problem(name, p.line(), p.column(), message));
      throw new PolicyError(problems);
    }
  }
}
