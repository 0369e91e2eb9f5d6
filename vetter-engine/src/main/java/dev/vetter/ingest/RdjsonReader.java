package dev.vetter.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.check.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * reviewdog's Diagnostic Format: {@code rdjson} (one {@code DiagnosticResult}: {@code diagnostics},
 * {@code source}, {@code severity}) and {@code rdjsonl} (one {@code Diagnostic} per line). Each
 * diagnostic: {@code message}, {@code location.path}, {@code location.range.start/end} (line and
 * UTF-8 byte column, 1-based; the end exclusive), {@code severity} (ERROR, WARNING, INFO, by name or
 * number), {@code source.name}, {@code code.value}, {@code suggestions[].range/text} (the first one
 * becomes the finding's suggestion when it covers the finding's lines).
 */
final class RdjsonReader {
  private RdjsonReader() {}

  static void readResult(byte[] bytes, Collector out) {
    JsonNode root = Json.parse(bytes);
    if (!root.isObject()) throw new BadInput("an rdjson input is a JSON object with \"diagnostics\"");
    JsonNode source = Json.object(root, "source", "");
    String tool = Json.text(source, "name", "/source");
    Severity severity = severity(root.get("severity"), "/severity");
    JsonNode diagnostics = Json.array(root, "diagnostics", "");
    if (diagnostics == null) {
      out.note("it has no diagnostics");
      return;
    }
    for (int i = 0; i < diagnostics.size(); i++) out.add(diagnostic(diagnostics.get(i), "/diagnostics/" + i, tool, severity));
  }

  static void readLines(byte[] bytes, Collector out) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      if (line.isBlank()) continue;
      JsonNode d;
      try {
        d = Json.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw new BadInput("line " + (i + 1) + " is not a JSON object: " + Json.bad(e).getMessage().replaceFirst("^line 1, ", ""), e);
      }
      out.add(diagnostic(d, "line " + (i + 1), null, null));
    }
  }

  private static Diagnostic diagnostic(JsonNode d, String where, String tool, Severity defaultSeverity) {
    if (d == null || !d.isObject()) throw new BadInput(where + " must be a diagnostic object");
    String name = Json.text(Json.object(d, "source", where), "name", where + "/source");
    String code = Json.text(Json.object(d, "code", where), "value", where + "/code");
    Severity severity = severity(d.get("severity"), where + "/severity");
    JsonNode location = Json.object(d, "location", where);
    String path = Json.text(location, "path", where + "/location");
    JsonNode range = Json.object(location, "range", where + "/location");
    int line = 0;
    int column = 0;
    int endLine = 0;
    if (range != null) {
      JsonNode start = Json.object(range, "start", where + "/location/range");
      JsonNode end = Json.object(range, "end", where + "/location/range");
      line = Json.lineNumber(start, "line", where + "/location/range/start");
      column = Json.lineNumber(start, "column", where + "/location/range/start");
      endLine = Json.lineNumber(end, "line", where + "/location/range/end");
      // the end is exclusive: a range ending at column 1 of a later line ends with the line before
      if (endLine > line && Json.lineNumber(end, "column", where + "/location/range/end") == 1) endLine--;
    }
    Diagnostic diag = Diagnostic.at(name != null ? name : tool, code, severity != null ? severity : defaultSeverity,
        path == null || path.isEmpty() ? null : path, line, column, Json.text(d, "message", where));
    if (endLine > line) diag = diag.withEndLine(endLine);
    JsonNode suggestions = Json.array(d, "suggestions", where);
    if (suggestions != null && !suggestions.isEmpty()) {
      JsonNode s = suggestions.get(0);
      String at = where + "/suggestions/0";
      JsonNode r = Json.object(s, "range", at);
      JsonNode start = Json.object(r, "start", at + "/range");
      JsonNode end = Json.object(r, "end", at + "/range");
      String text = Json.text(s, "text", at);
      int sl = Json.lineNumber(start, "line", at + "/range/start");
      if (sl > 0) {
        diag = diag.withEdit(new Diagnostic.Edit(sl, Json.lineNumber(start, "column", at + "/range/start"),
            Json.lineNumber(end, "line", at + "/range/end"), Json.lineNumber(end, "column", at + "/range/end"), text == null ? "" : text));
      }
    }
    return diag;
  }

  // protobuf's JSON mapping writes enums by name; numbers are accepted too
  private static Severity severity(JsonNode v, String where) {
    if (v == null || v.isNull()) return null;
    String s = v.isIntegralNumber() ? switch (v.asInt()) {
      case 1 -> "ERROR";
      case 2 -> "WARNING";
      case 3 -> "INFO";
      default -> "UNKNOWN_SEVERITY";
    } : v.asText().toUpperCase(Locale.ROOT);
    return switch (s) {
      case "ERROR" -> Severity.ERROR;
      case "WARNING" -> Severity.WARNING;
      case "INFO" -> Severity.NOTICE;
      case "UNKNOWN_SEVERITY", "" -> null;
      default -> throw new BadInput(where + " must be ERROR, WARNING or INFO, not " + v);
    };
  }
}
