package dev.vetter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.engine.RuleInfo;
import dev.vetter.engine.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one tool's output into findings for the review ({@code Reviewer.withExternalFindings}): the
 * format's reader, then what every format shares: the tool's name, the rule id
 * {@code external/<tool>/<rule>} ({@link RuleInfo#externalId}), paths made repository-relative by a
 * {@link PathResolver} (a path it refuses drops the finding, counted in a warning), offsets turned
 * into lines and suggestions into whole-line replacements using the files at head. A finding without
 * a file, or about the repository's root, is about the change as a whole; one without a line, about
 * its whole file.
 */
public final class Ingest {
  /**
   * Tools whose every finding is about security, so their rules are in that category. Tools that
   * check other things too (CodeQL, Semgrep) say which rules are about security through SARIF's tags.
   */
  static final Set<String> SECURITY_TOOLS = Set.of("bandit", "brakeman", "checkov", "gitleaks", "gosec", "kics", "njsscan",
      "snyk", "tfsec", "trivy", "trufflehog", "detect-secrets", "horusec", "grype", "osv-scanner");

  private Ingest() {}

  /**
   * What was read.
   *
   * @param findings with their rule id and the tool's severity (or none), category when known, no fingerprint yet
   * @param warnings what was left out and why, in sentences, for the user
   */
  public record Result(List<Finding> findings, List<String> warnings) {
    public Result {
      findings = List.copyOf(findings);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads {@code input} as {@code format}.
   *
   * @param toolName the tool's name for the rule ids ({@code --input-name}); null to take it from the input
   * @param head the content of a repository file at the head of the change, where there is one
   * @throws UserError when the input is not of its format, saying where and why
   */
  public static Result read(Input input, InputFormat format, String toolName, PathResolver paths, Function<String, Optional<FileContent>> head) {
    InputFormat f = format.kind() == InputFormat.Kind.AUTO ? detect(input) : format;
    Collector out = new Collector();
    byte[] bytes = bytes(input);
    try {
      switch (f.kind()) {
        case SARIF -> SarifReader.read(bytes, out);
        case CHECKSTYLE -> CheckstyleReader.read(bytes, out);
        case RDJSON -> RdjsonReader.readResult(bytes, out);
        case RDJSONL -> RdjsonReader.readLines(bytes, out);
        case JUNIT -> JunitReader.read(bytes, out, raw -> {
          PathResolver.Resolved r = paths.resolve(raw);
          return r.path() == null || r.path().isEmpty() ? Optional.empty() : head.apply(r.path()).map(c -> r.path());
        });
        case ERRORFORMAT -> {
          ErrorFormat.Parsed parsed = f.errorformat().parse(new String(bytes, StandardCharsets.UTF_8));
          parsed.diagnostics().forEach(out::add);
          if (parsed.matched() == 0 && parsed.lines() > 0) out.note("no line matched the errorformat (" + plural(parsed.lines(), "line") + " read)");
        }
        case AUTO -> throw new IllegalStateException("detect() returns a concrete format");
      }
    } catch (BadInput e) {
      throw new UserError("cannot read " + describe(input) + " as " + f.id() + ": " + e.getMessage(), e);
    }
    String fallbackTool = switch (f.kind()) {
      case ERRORFORMAT -> f.errorformat().tool();
      default -> f.id();
    };
    return convert(out, toolName, fallbackTool, paths, head);
  }

  private static String describe(Input input) {
    return input.name().equals("-") ? "standard input" : input.name();
  }

  private static byte[] bytes(Input input) {
    try (var in = input.open()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The format of {@code input} told from its content; a {@link UserError} when it cannot be told. */
  static InputFormat detect(Input input) {
    byte[] bytes = bytes(input);
    String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
    InputFormat.Kind kind = null;
    if (head.startsWith("<")) {
      String root = Xml.rootName(bytes);
      if ("checkstyle".equals(root)) kind = InputFormat.Kind.CHECKSTYLE;
      else if ("testsuites".equals(root) || "testsuite".equals(root)) kind = InputFormat.Kind.JUNIT;
    } else if (head.startsWith("{")) {
      JsonNode whole = null;
      try {
        whole = Json.MAPPER.readTree(bytes);
      } catch (java.io.IOException e) {
        // several JSON values, one per line: rdjsonl, or not JSON at all
      }
      if (whole != null && whole.isObject() && (whole.has("runs") || whole.path("$schema").asText("").contains("sarif"))) {
        kind = InputFormat.Kind.SARIF;
      } else if (whole != null && whole.isObject() && whole.has("diagnostics")) {
        kind = InputFormat.Kind.RDJSON;
      } else {
        try {
          JsonNode first = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").strip().lines().findFirst().orElse(""));
          if (first != null && first.isObject() && first.has("message")) kind = InputFormat.Kind.RDJSONL;
        } catch (java.io.IOException e) {
          // not rdjsonl either
        }
      }
    }
    if (kind == null) {
      throw new UserError("cannot tell the format of " + describe(input) + "; name it with --input-format (one of "
          + String.join(", ", InputFormat.NAMES.subList(0, InputFormat.NAMES.size() - 1)) + ")");
    }
    return InputFormat.of(kind);
  }

  private static Result convert(Collector in, String toolName, String fallbackTool, PathResolver paths, Function<String, Optional<FileContent>> head) {
    List<Finding> findings = new ArrayList<>();
    Map<String, List<String>> dropped = new LinkedHashMap<>();
    Map<String, Optional<FileContent>> contents = new LinkedHashMap<>();
    Function<String, FileContent> content = p -> contents.computeIfAbsent(p, head).orElse(null);
    for (Diagnostic d : in.diagnostics) {
      String tool = toolName != null && !toolName.isBlank() ? toolName : d.tool() != null && !d.tool().isBlank() ? d.tool() : fallbackTool;
      String rule = RuleInfo.externalId(tool, d.rule());
      String toolId = rule.split("/")[1];
      Category category = d.category() != null ? d.category() : SECURITY_TOOLS.contains(toolId) ? Category.SECURITY : null;
      String path = null;
      if (d.path() != null) {
        PathResolver.Resolved r = paths.resolve(d.path());
        if (r.path() == null) {
          dropped.computeIfAbsent(r.problem(), k -> new ArrayList<>()).add(d.path());
          continue;
        }
        path = r.path().isEmpty() ? null : r.path();
      }
      Finding f = locate(d, path, content);
      findings.add(f.withIdentity(rule, d.severity(), category, null));
    }
    List<String> warnings = new ArrayList<>(in.notes);
    in.skipped.forEach((reason, n) -> warnings.add(plural(n, "result") + " skipped: " + reason));
    dropped.forEach((reason, list) -> warnings.add(plural(list.size(), "finding") + " dropped because " + (list.size() == 1 ? "its path" : "their paths")
        + " could not be used: " + reason + " (" + examples(list) + ")"));
    return new Result(findings, warnings);
  }

  private static Finding locate(Diagnostic d, String path, Function<String, FileContent> content) {
    if (path == null) return key(Finding.onChange(d.message()), d);
    if (d.line() > 0) {
      Finding f = Finding.onLine(path, d.line(), d.message()).withColumn(d.column()).withEndLine(Math.max(d.line(), d.endLine()));
      String suggestion = d.edit() == null ? null : Edits.replacement(d.edit(), f.line(), f.endLine(), content.apply(path));
      return key(suggestion == null ? f : f.withSuggestion(suggestion), d);
    }
    if (d.offset() != null) {
      Offsets.Span span = Offsets.span(d.offset(), content.apply(path));
      if (span != null) {
        return key(Finding.onLine(path, span.line(), d.message()).withColumn(span.column()).withEndLine(span.endLine()), d);
      }
    }
    return key(Finding.onFile(path, d.message()), d);
  }

  private static Finding key(Finding f, Diagnostic d) {
    return d.key() == null ? f : f.withKey(d.key());
  }

  private static String examples(List<String> paths) {
    // paths come from the input: no control characters reach the terminal
    List<String> shown = paths.stream().distinct().limit(3)
        .map(p -> (p.length() > 120 ? p.substring(0, 117) + "..." : p).replaceAll("[\\p{Cntrl}]", "\uFFFD")).toList();
    long distinct = paths.stream().distinct().count();
    return String.join(", ", shown) + (distinct > shown.size() ? ", ..." : "");
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
