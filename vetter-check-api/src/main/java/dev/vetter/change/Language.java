package dev.vetter.change;

import java.util.Locale;

/** The programming language of a file, guessed from its name; enough for per-language rules. */
public enum Language {
  JAVA, KOTLIN, JAVASCRIPT, TYPESCRIPT, PYTHON, GO, RUBY, RUST, C, CPP, CSHARP, SHELL, MARKDOWN, YAML, JSON, OTHER;

  public static Language of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "java" -> JAVA;
      case "kt", "kts" -> KOTLIN;
      case "js", "jsx", "mjs", "cjs" -> JAVASCRIPT;
      case "ts", "tsx", "mts", "cts" -> TYPESCRIPT;
      case "py", "pyi" -> PYTHON;
      case "go" -> GO;
      case "rb" -> RUBY;
      case "rs" -> RUST;
      case "c", "h" -> C;
      case "cc", "cpp", "cxx", "hpp", "hh", "hxx" -> CPP;
      case "cs" -> CSHARP;
      case "sh", "bash", "zsh" -> SHELL;
      case "md", "markdown" -> MARKDOWN;
      case "yml", "yaml" -> YAML;
      case "json" -> JSON;
      default -> OTHER;
    };
  }
}
