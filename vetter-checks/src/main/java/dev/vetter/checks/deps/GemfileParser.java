package dev.vetter.checks.deps;

import dev.vetter.checks.deps.Dependency.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a {@code Gemfile} line by line: {@code gem} lines with their requirements and options
 * ({@code git:}, {@code github:}, {@code path:}, {@code source:}, {@code branch:}, {@code tag:},
 * {@code ref:}), {@code source}, {@code git}, {@code path} and {@code group} blocks, and top-level
 * {@code source} lines. Ruby code it does not recognise is skipped.
 */
final class GemfileParser {
  private GemfileParser() {}

  private static final java.util.Set<String> RUBY_BLOCKS = java.util.Set.of("if", "unless", "case", "begin", "while", "until", "def", "class", "module");

  /** A block opened by {@code ... do}; what it says about the gems inside it. */
  private record Block(Source source, String group) {}

  static Manifest parse(String text) {
    Manifest.Builder out = new Manifest.Builder(ManifestKind.GEMFILE);
    Deque<Block> blocks = new ArrayDeque<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String s = stripComment(lines.get(i)).strip();
      if (s.isEmpty()) continue;
      if (s.equals("end")) {
        if (!blocks.isEmpty()) blocks.pop();
        continue;
      }
      boolean opens = s.endsWith(" do") || s.matches(".*\\bdo\\s*\\|[^|]*\\|$");
      String body = opens ? s.substring(0, s.lastIndexOf(" do")).strip() : s;
      List<String> args = arguments(body);
      String verb = body.split("[\\s(]", 2)[0];
      Source blockSource = null;
      String group = null;
      switch (verb) {
        case "gem" -> gem(out, args, blocks, i + 1);
        case "source" -> {
          String url = args.isEmpty() ? null : unquote(args.get(0));
          if (url != null) {
            out.registry(url, i + 1, null);
            blockSource = new Source(Source.Kind.CUSTOM_REGISTRY, url, null);
          }
        }
        case "git" -> blockSource = args.isEmpty() ? null : gitSource(unquote(args.get(0)), options(args));
        case "github" -> blockSource = args.isEmpty() ? null : gitSource("https://github.com/" + unquote(args.get(0)), options(args));
        case "path" -> blockSource = args.isEmpty() ? null : new Source(Source.Kind.PATH, unquote(args.get(0)), null);
        case "group" -> group = String.join(", ", args.stream().filter(a -> a.startsWith(":")).map(a -> a.substring(1)).toList());
        default -> { }
      }
      // `if`, `unless`, `case`... also close with `end`: keep the block stack in step with them
      if (opens || RUBY_BLOCKS.contains(verb)) blocks.push(new Block(blockSource, group));
    }
    return out.build();
  }

  private static void gem(Manifest.Builder out, List<String> args, Deque<Block> blocks, int line) {
    if (args.isEmpty() || !quoted(args.get(0))) return;
    String name = unquote(args.get(0));
    List<String> requirements = new ArrayList<>();
    for (int k = 1; k < args.size() && quoted(args.get(k)); k++) requirements.add(unquote(args.get(k)).strip());
    List<String[]> opts = options(args);
    Source source = Source.REGISTRY;
    String group = null;
    for (Block b : blocks) {
      if (b.source() != null && source == Source.REGISTRY) source = b.source();
      if (b.group() != null && group == null) group = b.group();
    }
    for (String[] o : opts) {
      switch (o[0]) {
        case "git" -> source = gitSource(o[1], opts);
        case "github" -> source = gitSource("https://github.com/" + o[1], opts);
        case "path" -> source = new Source(Source.Kind.PATH, o[1], null);
        case "source" -> source = new Source(Source.Kind.CUSTOM_REGISTRY, o[1], null);
        case "group", "groups" -> group = o[1];
        default -> { }
      }
    }
    String spec = String.join(", ", requirements);
    boolean registry = source.kind() == Source.Kind.REGISTRY || source.kind() == Source.Kind.CUSTOM_REGISTRY;
    String role = group == null ? "gem" : group.replace(", ", "/") + " gem";
    out.add(new Dependency(Ecosystem.RUBYGEMS, "gems", role, name, spec, registry ? spec : null, source, line, line, 0));
  }

  private static Source gitSource(String url, List<String[]> opts) {
    String ref = null;
    for (String[] o : opts) {
      if (o[0].equals("ref") || o[0].equals("tag")) ref = o[1];
    }
    return new Source(Source.Kind.GIT, url, ref);
  }

  // `key: value` and `:key => value` arguments
  private static List<String[]> options(List<String> args) {
    List<String[]> out = new ArrayList<>();
    for (String a : args) {
      String key;
      String value;
      int arrow = a.indexOf("=>");
      if (a.startsWith(":") && arrow > 0) {
        key = a.substring(1, arrow).strip();
        value = a.substring(arrow + 2).strip();
      } else {
        int colon = a.indexOf(':');
        if (colon <= 0 || quoted(a) || a.startsWith(":")) continue;
        key = a.substring(0, colon).strip();
        value = a.substring(colon + 1).strip();
      }
      if (value.startsWith("[")) value = value.replaceAll("[\\[\\]:\\s]", "").replace(",", ", ");
      out.add(new String[] {key, unquote(value)});
    }
    return out;
  }

  // the arguments after the verb, split at commas outside quotes and brackets
  private static List<String> arguments(String s) {
    int start = s.indexOf(' ');
    int paren = s.indexOf('(');
    if (paren >= 0 && (start < 0 || paren < start)) start = paren;
    List<String> out = new ArrayList<>();
    if (start < 0) return out;
    String rest = s.substring(start + 1).strip();
    if (rest.endsWith(")") && paren == start) rest = rest.substring(0, rest.length() - 1);
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    int depth = 0;
    for (int k = 0; k < rest.length(); k++) {
      char c = rest.charAt(k);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{' || c == '(') {
        depth++;
      } else if (c == ']' || c == '}' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    if (!cur.isEmpty()) out.add(cur.toString().strip());
    return out;
  }

  private static boolean quoted(String s) {
    return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"));
  }

  private static String unquote(String s) {
    return quoted(s) ? s.substring(1, s.length() - 1) : s;
  }

  private static String stripComment(String s) {
    char quote = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        return s.substring(0, k);
      }
    }
    return s;
  }
}
