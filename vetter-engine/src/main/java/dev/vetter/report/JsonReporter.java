package dev.vetter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.engine.ReviewResult;
import dev.vetter.policy.Waiver;
import java.io.IOException;

/**
 * The documented JSON format ({@code docs/output-json.schema.json}):
 * {@code {"findings":[{rule, severity, category, path, line, endLine, column, message, mode, fingerprint,
 * suggestion, commit}], "shadow":[...], "waived":[{finding, waiver}], "summary":{...}}}; {@code commit} is the commit that
 * introduced the finding in a scan of history, null in a review. Absent values are {@code null}, never missing keys.
 */
public final class JsonReporter implements Reporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    out.append(JSON.writeValueAsString(tree(result))).append('\n');
  }

  public static ObjectNode tree(ReviewResult result) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode findings = root.putArray("findings");
    for (Finding f : result.findings()) {
      ObjectNode n = finding(f);
      var commit = result.introducedBy(f);
      if (commit.isEmpty()) {
        n.putNull("commit");
      } else {
        ObjectNode c = n.putObject("commit");
        c.put("id", commit.get().id());
        c.put("author", commit.get().author().name());
        c.put("email", commit.get().author().email());
        c.put("date", commit.get().author().when().toString());
      }
      findings.add(n);
    }
    ArrayNode shadow = root.putArray("shadow");
    for (Finding f : result.shadow()) {
      ObjectNode n = finding(f);
      n.putNull("commit");
      shadow.add(n);
    }
    ArrayNode waived = root.putArray("waived");
    for (ReviewResult.Waived w : result.waived()) {
      ObjectNode item = waived.addObject();
      item.set("finding", finding(w.finding()).putNull("commit"));
      item.set("waiver", waiver(w.waiver()));
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("base", result.change().base());
    summary.put("head", result.change().head());
    summary.put("baseCommit", result.change().baseCommit());
    summary.put("headCommit", result.change().headCommit());
    summary.put("filesChanged", result.isHistory() ? result.stats().files() : result.change().files().size());
    summary.put("commits", result.change().commits().size());
    summary.put("total", result.findings().size());
    summary.put("shadow", result.shadow().size());
    result.countBySeverity().forEach((s, n) -> summary.put(s.id(), n));
    summary.put("failOn", result.policy().failOn() == null ? "never" : result.policy().failOn().id());
    summary.put("failed", result.failed());
    summary.put("filter", result.policy().filter().id());
    summary.put("outsideDiff", result.hiddenCount());
    summary.put("suppressed", result.suppressed());
    summary.put("baselined", result.baselined());
    summary.put("waived", result.waived().size());
    summary.put("durationMillis", result.stats().millis());
    return root;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rule", f.rule());
    n.put("severity", f.severity().id());
    n.put("category", f.category().id());
    n.put("path", f.path());
    putPositive(n, "line", f.line());
    putPositive(n, "endLine", f.endLine());
    putPositive(n, "column", f.column());
    n.put("message", f.message());
    n.put("mode", (f.mode() == null ? Mode.BLOCK : f.mode()).id());
    n.put("fingerprint", f.fingerprint());
    n.put("suggestion", f.suggestion());
    return n;
  }

  /** A waiver as written in {@code .vetter/waivers.yml}, with where it is. */
  static ObjectNode waiver(Waiver w) {
    ObjectNode n = JSON.createObjectNode();
    n.put("file", w.file());
    n.put("line", w.line());
    n.put("fingerprint", w.fingerprint());
    n.put("rule", w.rule());
    n.put("path", w.path() == null ? null : w.path().toString());
    n.put("reason", w.reason().id());
    n.put("owner", w.owner());
    n.put("created", w.created().toString());
    n.put("expires", w.expires().toString());
    n.put("note", w.note());
    return n;
  }

  private static void putPositive(ObjectNode n, String key, int value) {
    if (value > 0) n.put(key, value);
    else n.putNull(key);
  }

}
