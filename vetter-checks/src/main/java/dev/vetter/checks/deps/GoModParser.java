package dev.vetter.checks.deps;

import dev.vetter.checks.deps.Dependency.Source;
import java.util.List;

/**
 * Reads {@code go.mod}: {@code require} lines and blocks (indirect ones marked) and {@code replace}
 * directives, which become dependencies of their own whose source is the replacement (a local path or
 * another module).
 */
final class GoModParser {
  private GoModParser() {}

  static Manifest parse(String text) {
    Manifest.Builder out = new Manifest.Builder(ManifestKind.GO_MOD);
    List<String> lines = text.lines().toList();
    String block = null;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      int comment = raw.indexOf("//");
      boolean indirect = comment >= 0 && raw.substring(comment).contains("indirect");
      String s = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
      if (s.isEmpty()) continue;
      if (block != null) {
        if (s.equals(")")) {
          block = null;
        } else {
          directive(out, block, s, indirect, i + 1);
        }
        continue;
      }
      String[] words = s.split("\\s+", 2);
      if (words.length < 2) continue;
      if (words[1].equals("(")) {
        block = words[0];
      } else {
        directive(out, words[0], words[1], indirect, i + 1);
      }
    }
    return out.build();
  }

  private static void directive(Manifest.Builder out, String verb, String args, boolean indirect, int line) {
    String[] w = args.strip().split("\\s+");
    switch (verb) {
      case "require" -> {
        if (w.length >= 2) {
          out.add(new Dependency(Ecosystem.GO, "require", indirect ? "indirect module" : "module", unquote(w[0]), w[1], w[1], Source.REGISTRY,
              line, line, 0));
        }
      }
      case "replace" -> {
        int arrow = List.of(w).indexOf("=>");
        if (arrow < 1 || arrow + 1 >= w.length) return;
        String old = unquote(w[0]);
        String target = unquote(w[arrow + 1]);
        String version = arrow + 2 < w.length ? w[arrow + 2] : "";
        boolean path = target.startsWith("./") || target.startsWith("../") || target.startsWith("/");
        Source source = path ? new Source(Source.Kind.PATH, target, null) : new Source(Source.Kind.REPLACED, target + (version.isEmpty() ? "" : " " + version), null);
        out.add(new Dependency(Ecosystem.GO, "replace", "replacement", old, version, path ? null : version, source, line, line, 0));
      }
      default -> { } // module, go, toolchain, exclude, retract, tool, godebug
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`")) ? s.substring(1, s.length() - 1) : s;
  }
}
