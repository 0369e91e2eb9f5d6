package dev.vetter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.RuleInfo;
import dev.vetter.policy.Waiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0, as read by GitHub code scanning and IDE viewers: one run, the rules its results
 * refer to, one result per finding with a {@code vetter/v1} partial fingerprint and a fix when the
 * finding has a suggestion. Paths are relative to {@code SRCROOT}, the repository root.
 */
public final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  /** Where the tool is described; the project's home. */
  static final String INFORMATION_URI = "https://vetter.dev";
  static final String FINGERPRINT_KEY = "vetter/v1";
  static final String SRCROOT = "SRCROOT";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ReportSettings settings;

  public SarifReporter(ReportSettings settings) {
    this.settings = settings;
  }

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    out.append(JSON.writeValueAsString(tree(result))).append('\n');
  }

  ObjectNode tree(ReviewResult result) {
    // only the rules results refer to, sorted by id; ruleIndex points into this list
    Map<String, RuleInfo> used = new TreeMap<>();
    for (Finding f : result.findings()) used.computeIfAbsent(f.rule(), id -> settings.ruleOf(f));
    for (ReviewResult.Waived w : result.waived()) used.computeIfAbsent(w.finding().rule(), id -> settings.ruleOf(w.finding()));
    Map<String, Integer> index = new LinkedHashMap<>();
    used.keySet().forEach(id -> index.put(id, index.size()));

    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Vetter");
    driver.put("version", settings.toolVersion());
    driver.put("informationUri", INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    used.values().forEach(r -> rules.add(rule(r)));
    run.putObject("originalUriBaseIds").putObject(SRCROOT).putObject("description").put("text", "The root of the reviewed repository.");
    ArrayNode results = run.putArray("results");
    for (Finding f : result.findings()) {
      ObjectNode r = result(f, index.get(f.rule()));
      // a scan of history: the commit that introduced the finding, in the result's property bag
      result.introducedBy(f).ifPresent(c -> {
        ObjectNode props = r.putObject("properties");
        props.put("commit", c.id());
        props.put("author", c.author().name());
        props.put("email", c.author().email());
        props.put("date", c.author().when().toString());
      });
      results.add(r);
    }
    // waived findings are results too, suppressed outside the code (SARIF's kind "external"), with the waiver's reason
    for (ReviewResult.Waived w : result.waived()) {
      ObjectNode r = result(w.finding(), index.get(w.finding().rule()));
      ObjectNode suppression = r.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      Waiver waiver = w.waiver();
      suppression.put("justification", waiver.reason().id() + (waiver.note() == null ? "" : ": " + waiver.note()) + " (owner " + waiver.owner()
          + ", until " + waiver.expires() + ", " + waiver.where() + ")");
      ObjectNode where = suppression.putObject("location").putObject("physicalLocation");
      where.set("artifactLocation", artifact(waiver.file()));
      where.putObject("region").put("startLine", waiver.line());
      ObjectNode props = suppression.putObject("properties");
      props.put("reason", waiver.reason().id());
      props.put("owner", waiver.owner());
      props.put("created", waiver.created().toString());
      props.put("expires", waiver.expires().toString());
      results.add(r);
    }
    run.put("columnKind", "utf16CodeUnits");
    return root;
  }

  private static ObjectNode rule(RuleInfo r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id());
    n.putObject("shortDescription").put("text", r.summary());
    if (!r.rationale().isEmpty()) n.putObject("fullDescription").put("text", r.rationale());
    String help = (r.rationale() + "\n\n" + r.fix()).strip();
    if (!help.isEmpty()) {
      ObjectNode h = n.putObject("help");
      h.put("text", help);
      h.put("markdown", help);
    }
    n.putObject("defaultConfiguration").put("level", level(r.severity()));
    ObjectNode props = n.putObject("properties");
    props.put("category", r.category().id());
    props.putArray("tags").add(r.category().id());
    return n;
  }

  private static ObjectNode result(Finding f, int ruleIndex) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ruleId", f.rule());
    n.put("ruleIndex", ruleIndex);
    n.put("level", level(f.severity()));
    n.putObject("message").put("text", f.message());
    // what the policy does with it: comment (posted) or block (posted, failing at or above fail-on)
    n.putObject("properties").put("mode", (f.mode() == null ? dev.vetter.check.Mode.BLOCK : f.mode()).id());
    if (f.path() != null) {
      ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
      physical.set("artifactLocation", artifact(f.path()));
      if (f.scope() == Finding.Scope.LINE) {
        ObjectNode region = physical.putObject("region");
        region.put("startLine", f.line());
        region.put("endLine", f.endLine());
        if (f.column() > 0) region.put("startColumn", f.column());
      }
    }
    if (f.fingerprint() != null) n.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    if (f.suggestion() != null && f.scope() == Finding.Scope.LINE) {
      ObjectNode fix = n.putArray("fixes").addObject();
      fix.putObject("description").put("text", f.line() == f.endLine()
          ? "Replace line " + f.line() + "." : "Replace lines " + f.line() + "-" + f.endLine() + ".");
      ObjectNode change = fix.putArray("artifactChanges").addObject();
      change.set("artifactLocation", artifact(f.path()));
      ObjectNode replacement = change.putArray("replacements").addObject();
      // a region of whole lines ends before the last line's line break, so the suggestion needs none
      ObjectNode deleted = replacement.putObject("deletedRegion");
      deleted.put("startLine", f.line());
      deleted.put("endLine", f.endLine());
      replacement.putObject("insertedContent").put("text", f.suggestion());
    }
    return n;
  }

  private static ObjectNode artifact(String path) {
    ObjectNode n = JSON.createObjectNode();
    n.put("uri", uri(path));
    n.put("uriBaseId", SRCROOT);
    return n;
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTICE -> "note";
    };
  }

  /**
   * A repository path as a relative URI reference: every byte outside RFC 3986's unreserved
   * characters, sub-delimiters, {@code @} and {@code /} is percent-encoded. A colon is encoded too,
   * or a first segment like {@code c:} would read as a scheme.
   */
  static String uri(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0)) sb.append((char) c);
      else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
    }
    return sb.toString();
  }
}
