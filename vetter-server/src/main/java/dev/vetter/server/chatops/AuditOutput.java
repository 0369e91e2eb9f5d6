package dev.vetter.server.chatops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.forge.chatops.AuditEntry;
import java.util.List;
import java.util.Locale;

/** {@code vetter audit}'s output: the audit log's rows as text, JSON or CSV (RFC 4180). Pure. */
public final class AuditOutput {
  public static final List<String> FORMATS = List.of("text", "json", "csv");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] COLUMNS = {
    "id", "at", "forge", "repository", "number", "actor", "role", "command", "target", "head_sha", "reason", "result", "detail", "expires_at", "undoes"};

  private AuditOutput() {}

  public static String write(List<AuditEntry> rows, String format) {
    return switch (format) {
      case "text" -> text(rows);
      case "json" -> json(rows);
      case "csv" -> csv(rows);
      default -> throw new IllegalArgumentException("unknown format '" + format + "', allowed values: " + FORMATS);
    };
  }

  private static String[] fields(AuditEntry e) {
    return new String[] {
      String.valueOf(e.id()), e.at().toString(), e.forge(), e.repository(), String.valueOf(e.number()), e.actor(), e.role(), e.command(), e.target(),
      e.headSha(), e.reason(), e.result(), e.detail(), e.expiresAt() == null ? null : e.expiresAt().toString(), e.undoes() == 0 ? null : String.valueOf(e.undoes())};
  }

  static String text(List<AuditEntry> rows) {
    if (rows.isEmpty()) return "No ChatOps commands recorded in this period.\n";
    StringBuilder out = new StringBuilder();
    for (AuditEntry e : rows) {
      out.append(String.format(Locale.ROOT, "%s  %s#%d  @%s (%s)  %s%s  %s", e.at(), e.repository(), e.number(), e.actor(), e.role(), e.command(),
          e.target() == null ? "" : " " + e.target(), e.result()));
      if (e.headSha() != null) out.append("  on ").append(e.headSha(), 0, Math.min(12, e.headSha().length()));
      if (e.expiresAt() != null) out.append("  until ").append(e.expiresAt());
      if (e.reason() != null) out.append("  reason: ").append(oneLine(e.reason()));
      if (e.detail() != null) out.append("  (").append(oneLine(e.detail())).append(')');
      out.append('\n');
    }
    return out.toString();
  }

  static String json(List<AuditEntry> rows) {
    ArrayNode list = JSON.createArrayNode();
    for (AuditEntry e : rows) {
      ObjectNode n = list.addObject();
      String[] f = fields(e);
      for (int i = 0; i < COLUMNS.length; i++) {
        if (f[i] == null) n.putNull(COLUMNS[i]);
        else if (i == 0 || i == 4 || i == 14) n.put(COLUMNS[i], Long.parseLong(f[i]));
        else n.put(COLUMNS[i], f[i]);
      }
    }
    try {
      return JSON.writeValueAsString(list) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String csv(List<AuditEntry> rows) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (AuditEntry e : rows) {
      String[] f = fields(e);
      for (int i = 0; i < f.length; i++) out.append(i == 0 ? "" : ",").append(csvField(f[i]));
      out.append("\r\n");
    }
    return out.toString();
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ");
  }

  private static String csvField(String s) {
    if (s == null) return "";
    // a leading =, +, - or @ would be a formula to a spreadsheet: the audit log holds what people typed
    String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    boolean quote = t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0;
    return quote ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
  }
}
