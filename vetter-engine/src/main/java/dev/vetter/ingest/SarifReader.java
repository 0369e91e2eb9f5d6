package dev.vetter.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.check.Category;
import dev.vetter.check.Severity;
import java.util.Locale;

/**
 * SARIF 2.1.0 logs. Per run: the tool is {@code tool.driver.name}; per result: the rule is
 * {@code ruleId} (else {@code rule.id}, else the id of the rule {@code ruleIndex} points at), the
 * message is {@code message.text} (else the rule's {@code messageStrings[message.id]}, arguments
 * filled in, link markup removed), the location is the first {@code physicalLocation}: its
 * {@code artifactLocation.uri} (or the run's {@code artifacts[index]}) resolved through
 * {@code uriBaseId} and the run's {@code originalUriBaseIds}, and its region's
 * {@code startLine}/{@code startColumn}/{@code endLine}, else its {@code charOffset} or
 * {@code byteOffset}.
 *
 * <p>Severity (SARIF §3.27.10): {@code level} error → error, warning → warning, note → notice,
 * none → notice; without a level, the rule's {@code defaultConfiguration.level}, else warning.
 * Results of kind {@code pass}, {@code notApplicable} and {@code informational} are not problems and
 * are skipped; {@code open} and {@code review} without a level are notices. A result with a suppression
 * that is accepted (or has no status) is skipped, as SARIF viewers hide it. {@code baselineState} is
 * ignored: Vetter's own baseline applies. A base id the log leaves undefined (often {@code SRCROOT})
 * is the repository root. A run whose invocation says {@code executionSuccessful: false} adds one
 * change-level error, rule {@code execution-failed}, since its results may be missing.
 */
final class SarifReader {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
  private static final Pattern LINK = Pattern.compile("\\\\([\\[\\]\\\\])|\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");
  private static final int MAX_BASE_DEPTH = 16;

  private SarifReader() {}

  static void read(byte[] bytes, Collector out) {
    JsonNode root = Json.parse(bytes);
    if (!root.isObject()) throw new BadInput("a SARIF log is a JSON object with \"version\" and \"runs\"");
    String version = Json.text(root, "version", "");
    if (version != null && !version.equals("2.1.0")) throw new BadInput("SARIF version " + version + " is not supported; Vetter reads 2.1.0");
    JsonNode runs = Json.array(root, "runs", "");
    if (runs == null) {
      out.note("the log has no runs");
      return;
    }
    for (int i = 0; i < runs.size(); i++) run(runs.get(i), "/runs/" + i, out);
  }

  private static void run(JsonNode run, String where, Collector out) {
    if (!run.isObject()) throw new BadInput(where + " must be an object");
    JsonNode tool = Json.object(run, "tool", where);
    JsonNode driver = Json.object(tool, "driver", where + "/tool");
    String name = Json.text(driver, "name", where + "/tool/driver");
    String unit = Json.text(run, "columnKind", where);
    Diagnostic.Offset.Unit chars = "unicodeCodePoints".equals(unit) ? Diagnostic.Offset.Unit.CODE_POINTS : Diagnostic.Offset.Unit.UTF16_CODE_UNITS;
    Run r = new Run(run, driver, Json.object(run, "originalUriBaseIds", where), Json.array(run, "artifacts", where), chars, where);

    JsonNode invocations = Json.array(run, "invocations", where);
    if (invocations != null) {
      for (JsonNode inv : invocations) {
        JsonNode ok = inv.get("executionSuccessful");
        if (ok != null && ok.isBoolean() && !ok.booleanValue()) {
          out.add(Diagnostic.at(name, "execution-failed", Severity.ERROR, null, 0, 0, (name == null ? "The tool" : name)
              + " did not complete (its SARIF log says executionSuccessful: false)" + firstError(inv) + ". Its findings may be missing."));
          break;
        }
      }
    }
    JsonNode results = Json.array(run, "results", where);
    if (results == null) return; // absent means "not computed", which the invocation, if any, explains
    for (int i = 0; i < results.size(); i++) {
      Diagnostic d = result(results.get(i), where + "/results/" + i, name, r, out);
      if (d != null) out.add(d);
    }
  }

  /** What the results of one run refer to. */
  private record Run(JsonNode run, JsonNode driver, JsonNode baseIds, JsonNode artifacts, Diagnostic.Offset.Unit chars, String where) {}

  private static String firstError(JsonNode invocation) {
    JsonNode notes = invocation.get("toolExecutionNotifications");
    if (notes == null || !notes.isArray()) return "";
    for (JsonNode n : notes) {
      String level = n.path("level").asText("warning");
      String text = n.path("message").path("text").asText("");
      if (level.equals("error") && !text.isBlank()) return ": " + text.strip();
    }
    return "";
  }

  private static Diagnostic result(JsonNode result, String where, String tool, Run run, Collector out) {
    if (!result.isObject()) throw new BadInput(where + " must be an object");
    JsonNode rule = rule(result, run, where);
    String ruleId = Json.text(result, "ruleId", where);
    if (ruleId == null) ruleId = Json.text(Json.object(result, "rule", where), "id", where + "/rule");
    if (ruleId == null && rule != null) ruleId = Json.text(rule, "id", where + "/rule");

    String kind = Json.text(result, "kind", where);
    if (kind == null) kind = "fail";
    if (kind.equals("pass") || kind.equals("notApplicable") || kind.equals("informational")) {
      out.skip("their kind is " + kind + ", not a problem");
      return null;
    }
    if (suppressed(result)) {
      out.skip("the SARIF log marks them suppressed");
      return null;
    }
    String level = Json.text(result, "level", where);
    if (level == null && kind.equals("fail") && rule != null) level = rule.path("defaultConfiguration").path("level").asText(null);
    if (level == null) level = kind.equals("fail") ? "warning" : "none";
    Severity severity = switch (level) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      case "note", "none" -> Severity.NOTICE;
      default -> throw new BadInput(where + "/level must be none, note, warning or error, not '" + level + "'");
    };

    String message = message(Json.object(result, "message", where), rule, run, where + "/message");
    Diagnostic d = location(result, run, where, tool, ruleId, severity, message);
    return isSecurity(rule) ? d.withCategory(Category.SECURITY) : d;
  }

  /** The reportingDescriptor a result refers to by index (SARIF's preferred way) or by id; null when none. */
  private static JsonNode rule(JsonNode result, Run run, String where) {
    JsonNode ref = Json.object(result, "rule", where);
    JsonNode rules = run.driver() == null ? null : run.driver().get("rules");
    JsonNode component = ref == null ? null : ref.get("toolComponent");
    if (component != null && component.has("index")) {
      JsonNode extensions = run.run().path("tool").path("extensions");
      rules = extensions.path(component.path("index").asInt(-1)).get("rules");
    }
    if (rules == null || !rules.isArray()) return null;
    long index = Json.number(result, "ruleIndex", where, -1);
    if (index < 0 && ref != null) index = Json.number(ref, "index", where + "/rule", -1);
    if (index >= 0) {
      JsonNode r = rules.get((int) Math.min(index, Integer.MAX_VALUE));
      if (r == null) throw new BadInput(where + "/ruleIndex " + index + " is beyond the run's " + rules.size() + " rules");
      return r;
    }
    String id = result.path("ruleId").asText(ref == null ? null : ref.path("id").asText(null));
    if (id == null) return null;
    for (JsonNode r : rules) {
      if (id.equals(r.path("id").asText(null))) return r;
    }
    return null;
  }

  private static boolean isSecurity(JsonNode rule) {
    if (rule == null) return false;
    JsonNode props = rule.path("properties");
    if (props.has("security-severity")) return true;
    for (JsonNode tag : props.path("tags")) {
      if (tag.asText("").toLowerCase(Locale.ROOT).equals("security")) return true;
    }
    return false;
  }

  // hidden by SARIF viewers when any suppression is accepted; a suppression without a status counts as accepted
  private static boolean suppressed(JsonNode result) {
    JsonNode list = result.get("suppressions");
    if (list == null || !list.isArray()) return false;
    for (JsonNode s : list) {
      String status = s.path("status").asText("accepted");
      if (status.equals("accepted")) return true;
    }
    return false;
  }

  private static String message(JsonNode message, JsonNode rule, Run run, String where) {
    if (message == null) return null;
    String text = Json.text(message, "text", where);
    if (text == null) text = Json.text(message, "markdown", where);
    String id = Json.text(message, "id", where);
    if (text == null && id != null) {
      for (JsonNode strings : new JsonNode[] {rule == null ? null : rule.get("messageStrings"), run.driver() == null ? null : run.driver().get("globalMessageStrings")}) {
        JsonNode s = strings == null ? null : strings.get(id);
        if (s != null) {
          text = s.path("text").asText(s.path("markdown").asText(null));
          if (text != null) break;
        }
      }
      if (text == null) throw new BadInput(where + "/id '" + id + "' names no message string of the rule or the tool");
    }
    if (text == null) return null;
    JsonNode args = message.get("arguments");
    if (args != null && args.isArray() && text.indexOf('{') >= 0) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int n = Integer.parseInt(m.group(1).length() > 6 ? "-1" : m.group(1));
        m.appendReplacement(sb, Matcher.quoteReplacement(n >= 0 && n < args.size() ? args.get(n).asText() : m.group()));
      }
      m.appendTail(sb);
      text = sb.toString();
    }
    if (text.indexOf('[') >= 0 || text.indexOf('\\') >= 0) {
      // "[text](1)" links to a location; "\[" is a literal bracket
      Matcher m = LINK.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) != null ? m.group(1) : m.group(2)));
      m.appendTail(sb);
      text = sb.toString();
    }
    return text;
  }

  private static Diagnostic location(JsonNode result, Run run, String where, String tool, String ruleId, Severity severity, String message) {
    JsonNode locations = Json.array(result, "locations", where);
    JsonNode physical = null;
    String at = where;
    if (locations != null && !locations.isEmpty()) {
      physical = Json.object(locations.get(0), "physicalLocation", where + "/locations/0");
      at = where + "/locations/0/physicalLocation";
    }
    if (physical == null) {
      // without a location, the analysis target is what the result is about
      JsonNode target = Json.object(result, "analysisTarget", where);
      String path = target == null ? null : artifactPath(target, run, where + "/analysisTarget");
      return Diagnostic.at(tool, ruleId, severity, path, 0, 0, message);
    }
    JsonNode artifact = Json.object(physical, "artifactLocation", at);
    String path = artifact == null ? null : artifactPath(artifact, run, at + "/artifactLocation");
    JsonNode region = Json.object(physical, "region", at);
    if (region == null || path == null) return Diagnostic.at(tool, ruleId, severity, path, 0, 0, message);
    String r = at + "/region";
    int line = Json.lineNumber(region, "startLine", r);
    if (line > 0) {
      Diagnostic d = Diagnostic.at(tool, ruleId, severity, path, line, Json.lineNumber(region, "startColumn", r), message);
      int end = Json.lineNumber(region, "endLine", r);
      return end > line ? d.withEndLine(end) : d;
    }
    long chars = Json.number(region, "charOffset", r, -1);
    long bytes = Json.number(region, "byteOffset", r, -1);
    Diagnostic d = Diagnostic.at(tool, ruleId, severity, path, 0, 0, message);
    if (chars >= 0) return d.withOffset(new Diagnostic.Offset(chars, Math.max(0, Json.number(region, "charLength", r, 0)), run.chars()));
    if (bytes >= 0) return d.withOffset(new Diagnostic.Offset(bytes, Math.max(0, Json.number(region, "byteLength", r, 0)), Diagnostic.Offset.Unit.BYTES));
    return d;
  }

  /** The artifact's path: a {@code file:} URI, a relative path (percent-decoded), or the URI as it is when it is another scheme's. */
  private static String artifactPath(JsonNode artifact, Run run, String where) {
    String uri = Json.text(artifact, "uri", where);
    String base = Json.text(artifact, "uriBaseId", where);
    long index = Json.number(artifact, "index", where, -1);
    if (uri == null && index >= 0 && run.artifacts() != null) {
      JsonNode listed = run.artifacts().path((int) Math.min(index, Integer.MAX_VALUE)).get("location");
      if (listed != null && listed.isObject()) {
        uri = Json.text(listed, "uri", run.where() + "/artifacts/" + index + "/location");
        base = Json.text(listed, "uriBaseId", run.where() + "/artifacts/" + index + "/location");
      }
    }
    if (uri == null) return null;
    return resolve(uri, base, run, where, 0).text();
  }

  /** A URI resolved against its base ids: absolute (still encoded, for {@link PathResolver}) or a decoded path relative to the repository. */
  private record Uri(String text, boolean absolute) {}

  private static Uri resolve(String uri, String baseId, Run run, String where, int depth) {
    if (SCHEME.matcher(uri).matches() && !(uri.length() > 1 && uri.charAt(1) == ':')) return new Uri(uri, true);
    if (baseId == null) return new Uri(PathResolver.percentDecode(uri), false);
    if (depth > MAX_BASE_DEPTH) throw new BadInput(where + ": the originalUriBaseIds refer to each other in a loop");
    JsonNode base = run.baseIds() == null ? null : run.baseIds().get(baseId);
    String baseUri = base == null ? null : Json.text(base, "uri", run.where() + "/originalUriBaseIds/" + baseId);
    // a base id the log leaves open (SRCROOT, REPOROOT...) stands for where the tool ran: the repository
    if (baseUri == null) return new Uri(PathResolver.percentDecode(uri), false);
    Uri b = resolve(baseUri, Json.text(base, "uriBaseId", run.where() + "/originalUriBaseIds/" + baseId), run, where, depth + 1);
    String prefix = b.text().isEmpty() || b.text().endsWith("/") ? b.text() : b.text() + "/";
    return b.absolute() ? new Uri(prefix + uri, true) : new Uri(prefix + PathResolver.percentDecode(uri), false);
  }
}
