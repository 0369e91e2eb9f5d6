package dev.vetter.checks.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random strings that a regular expression in RE2 syntax (as gitleaks' rules are written) is
 * meant to match: a small parser into a tree, and a random walk over it. Zero-width assertions
 * ({@code \b}, {@code ^}, {@code $}) are not enforced and flags do not change case, so a sample may
 * not match after all; callers check each sample against the real pattern.
 *
 * <p>Repetitions inside the secret's group take a random count up to 20 above their minimum; elsewhere
 * (the name and separators around a secret) at most 3 above it, so that samples read like lines people write.
 */
final class RegexSampler {
  /** Every character a sample may hold: printable ASCII and tab (a sample is one line). */
  private static final String UNIVERSE = universe();

  sealed interface Node permits Chars, Seq, Alt, Repeat, Group {}

  /** One character out of {@code pool}; an empty pool cannot be written. */
  record Chars(String pool) implements Node {}

  record Seq(List<Node> items) implements Node {}

  record Alt(List<Node> options) implements Node {}

  /** {@code max} is -1 when unbounded. */
  record Repeat(Node node, int min, int max) implements Node {}

  /** {@code index} 0 for a non-capturing group. */
  record Group(Node node, int index) implements Node {}

  /** A pattern this sampler cannot write a sample of (a character outside one line, say). */
  static final class Unwritable extends RuntimeException {
    Unwritable(String message) {
      super(message, null, false, false);
    }
  }

  private final String re;
  private int pos;
  private int groups;
  private final Node root;

  RegexSampler(String regex) {
    this.re = regex;
    this.root = alternation();
    if (pos != re.length()) throw new IllegalArgumentException("unbalanced ')' at " + pos + " in " + regex);
  }

  /** A random string for the pattern, with group {@code secretGroup} (1 when 0) treated as the secret. */
  String sample(Random random, int secretGroup) {
    StringBuilder out = new StringBuilder();
    write(root, out, random, secretGroup == 0 ? 1 : secretGroup, groups == 0);
    return out.toString();
  }

  private void write(Node node, StringBuilder out, Random random, int secretGroup, boolean secret) {
    switch (node) {
      case Chars c -> {
        if (c.pool().isEmpty()) throw new Unwritable("no character fits");
        out.append(c.pool().charAt(random.nextInt(c.pool().length())));
      }
      case Seq s -> s.items().forEach(n -> write(n, out, random, secretGroup, secret));
      case Alt a -> write(a.options().get(random.nextInt(a.options().size())), out, random, secretGroup, secret);
      case Group g -> write(g.node(), out, random, secretGroup, secret || g.index() == secretGroup);
      case Repeat r -> {
        int spread = r.max() < 0 ? (secret ? 20 : 3) : Math.min(r.max() - r.min(), secret ? 20 : 3);
        int count = r.min() + random.nextInt(spread + 1);
        for (int i = 0; i < count; i++) write(r.node(), out, random, secretGroup, secret);
      }
    }
  }

  private Node alternation() {
    List<Node> options = new ArrayList<>();
    options.add(sequence());
    while (pos < re.length() && re.charAt(pos) == '|') {
      pos++;
      options.add(sequence());
    }
    return options.size() == 1 ? options.get(0) : new Alt(options);
  }

  private Node sequence() {
    List<Node> items = new ArrayList<>();
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      Node atom = atom();
      if (atom != null) items.add(quantified(atom));
    }
    return new Seq(items);
  }

  /** The next atom, or null for a zero-width one (an anchor, a flag group). */
  private Node atom() {
    char c = re.charAt(pos++);
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        return new Chars(charClass());
      }
      case '.' -> {
        return new Chars(UNIVERSE);
      }
      case '^', '$' -> {
        return null;
      }
      case '\\' -> {
        return escape();
      }
      default -> {
        return new Chars(String.valueOf(c));
      }
    }
  }

  private Node group() {
    int index = 0;
    if (re.startsWith("?P<", pos) || re.startsWith("?<", pos)) {
      pos = re.indexOf('>', pos) + 1;
      index = ++groups;
    } else if (re.startsWith("?", pos)) {
      pos++;
      while (Character.isLetter(re.charAt(pos)) || re.charAt(pos) == '-') pos++; // flags: case is not sampled
      if (re.charAt(pos++) == ')') return null;
    } else {
      index = ++groups;
    }
    Node inner = alternation();
    if (pos >= re.length() || re.charAt(pos) != ')') throw new IllegalArgumentException("missing ')' in " + re);
    pos++;
    return new Group(inner, index);
  }

  private Node quantified(Node atom) {
    if (pos >= re.length()) return atom;
    char c = re.charAt(pos);
    int min;
    int max;
    if (c == '*' || c == '+' || c == '?') {
      pos++;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
    } else if (c == '{' && re.indexOf('}', pos) > pos && re.substring(pos + 1, re.indexOf('}', pos)).matches("\\d+(?:,\\d*)?")) {
      String[] bounds = re.substring(pos + 1, re.indexOf('}', pos)).split(",", -1);
      pos = re.indexOf('}', pos) + 1;
      min = Integer.parseInt(bounds[0]);
      max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
    } else {
      return atom;
    }
    if (pos < re.length() && re.charAt(pos) == '?') pos++; // lazy: the same strings
    return quantified(new Repeat(atom, min, max));
  }

  private Node escape() {
    char c = re.charAt(pos++);
    return switch (c) {
      case 'b', 'B', 'A', 'z' -> null;
      default -> {
        pos--;
        yield new Chars(classEscape());
      }
    };
  }

  /** The characters of an escape at {@code pos} (after the backslash), inside or outside a class. */
  private String classEscape() {
    char c = re.charAt(pos++);
    return switch (c) {
      case 'd' -> filter(ch -> ch >= '0' && ch <= '9');
      case 'D' -> filter(ch -> !(ch >= '0' && ch <= '9'));
      case 'w' -> filter(RegexSampler::isWord);
      case 'W' -> filter(ch -> !isWord(ch));
      case 's' -> " \t";
      case 'S' -> filter(ch -> ch != ' ' && ch != '\t');
      case 't' -> "\t";
      case 'n', 'r', 'f', 'v' -> ""; // not on one line
      case 'x' -> {
        int end;
        String hex;
        if (re.charAt(pos) == '{') {
          end = re.indexOf('}', pos);
          hex = re.substring(pos + 1, end);
          pos = end + 1;
        } else {
          hex = re.substring(pos, pos + 2);
          pos += 2;
        }
        char ch = (char) Integer.parseInt(hex, 16);
        yield UNIVERSE.indexOf(ch) >= 0 ? String.valueOf(ch) : "";
      }
      default -> String.valueOf(c);
    };
  }

  private String charClass() {
    boolean negated = re.charAt(pos) == '^';
    if (negated) pos++;
    StringBuilder members = new StringBuilder();
    boolean first = true;
    while (first || re.charAt(pos) != ']') {
      first = false;
      if (re.startsWith("[:", pos)) {
        int end = re.indexOf(":]", pos);
        members.append(posix(re.substring(pos + 2, end)));
        pos = end + 2;
        continue;
      }
      String from;
      if (re.charAt(pos) == '\\') {
        pos++;
        from = classEscape();
      } else {
        from = String.valueOf(re.charAt(pos++));
      }
      if (from.length() == 1 && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
        pos++;
        char to;
        if (re.charAt(pos) == '\\') {
          pos++;
          to = classEscape().charAt(0);
        } else {
          to = re.charAt(pos++);
        }
        for (char ch = from.charAt(0); ch <= to; ch++) members.append(ch);
      } else {
        members.append(from);
      }
    }
    pos++;
    String set = members.toString();
    return negated ? filter(ch -> set.indexOf(ch) < 0) : filter(ch -> set.indexOf(ch) >= 0);
  }

  private static String posix(String name) {
    return switch (name) {
      case "alnum" -> filter(Character::isLetterOrDigit);
      case "alpha" -> filter(Character::isLetter);
      case "digit" -> filter(Character::isDigit);
      case "xdigit" -> "0123456789abcdefABCDEF";
      case "upper" -> filter(Character::isUpperCase);
      case "lower" -> filter(Character::isLowerCase);
      case "space" -> " \t";
      case "punct" -> filter(ch -> !Character.isLetterOrDigit(ch) && ch > ' ');
      default -> throw new IllegalArgumentException("unknown class [:" + name + ":]");
    };
  }

  private static boolean isWord(int ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  }

  private static String filter(java.util.function.IntPredicate keep) {
    StringBuilder sb = new StringBuilder();
    for (char ch : UNIVERSE.toCharArray()) {
      if (keep.test(ch)) sb.append(ch);
    }
    return sb.toString();
  }

  private static String universe() {
    StringBuilder sb = new StringBuilder("\t");
    for (char ch = ' '; ch <= '~'; ch++) sb.append(ch);
    return sb.toString();
  }
}
