package dev.vetter.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import dev.vetter.engine.UserError;
import dev.vetter.report.MarkdownText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A replay written out: {@code text} for a terminal, {@code json} (field names in {@code docs/eval.md}, stable) and
 * {@code markdown}, the table {@code docs/eval.md} and {@code eval/results/} hold.
 *
 * @param labels the labels applied, or null when none were given
 * @param toLabel findings to label next, written as lines of a label file to fill in; null when not asked for
 * @param sample how many per rule {@code toLabel} holds at most (0: every unlabelled finding)
 * @param seed what drew the sample
 */
public record ReplayOutput(ReplayReport report, Labels.Evaluation labels, String labelsFile, List<Labels.Item> toLabel, int sample, long seed) {
  public static final List<String> FORMATS = List.of("text", "json", "markdown");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report in {@code format}, one of {@link #FORMATS}. */
  public String render(String format) {
    return switch (format) {
      case "text" -> text();
      case "json" -> json();
      case "markdown" -> markdown();
      default -> throw new UserError("unknown format '" + format + "', allowed values: " + FORMATS);
    };
  }

  // ---------------------------------------------------------------------------------------------------- text

  public String text() {
    ReplayReport r = report;
    StringBuilder out = new StringBuilder();
    out.append(r.headline()).append('\n');
    out.append("  (").append(r.repository()).append(" at ").append(r.branch()).append(' ').append(shortId(r.head())).append(": ")
        .append(r.pullRequests().size()).append(" of the last ").append(r.requested()).append(" first-parent commits, each against its first parent)\n");
    out.append(String.format(Locale.ROOT, "findings: %d posted on %d pull request%s; per pull request median %s, p90 %s%n", r.findings(),
        firedOn(), firedOn() == 1 ? "" : "s", number(Percentile.median(r.findingsPerPr())), number(Percentile.p90(r.findingsPerPr()))));
    if (withShadow()) out.append("in shadow (never posted, never failing): ").append(r.shadow()).append(" findings\n");
    out.append("time: ").append(timeLine()).append('\n');
    List<ReplayReport.RuleStats> rules = r.rules();
    if (!rules.isEmpty()) {
      out.append('\n');
      int width = Math.max(24, rules.stream().mapToInt(s -> s.rule().length()).max().orElse(0));
      String head = String.format(Locale.ROOT, "%-" + width + "s  %8s  %8s  %6s  %6s  %5s", "rule", "fired on", "findings", "failed", "median", "p90");
      if (withShadow()) head += String.format(Locale.ROOT, "  %6s", "shadow");
      if (labels != null) head += String.format(Locale.ROOT, "  %-24s  %-24s", "posting precision", "correctness");
      out.append(head.stripTrailing()).append('\n');
      for (ReplayReport.RuleStats s : rules) {
        String row = String.format(Locale.ROOT, "%-" + width + "s  %8d  %8d  %6d  %6s  %5s", s.rule(), s.prs(), s.findings(), s.failedPrs(),
            number(s.medianPerPr()), number(s.p90PerPr()));
        if (withShadow()) row += String.format(Locale.ROOT, "  %6d", s.shadow());
        if (labels != null) {
          Labels.Counts c = labels.of(s.rule());
          row += String.format(Locale.ROOT, "  %-24s  %-24s", interval(c.posting()), interval(c.correctness()));
        }
        out.append(row.stripTrailing()).append('\n');
      }
      out.append("(fired on: pull requests with a finding of the rule; failed: pull requests it alone would have failed; median and p90:\n"
          + " its findings per replayed pull request" + (withShadow() ? "; shadow: its findings in shadow, never posted, counted nowhere else" : "") + ")\n");
    }
    if (labels != null) {
      out.append('\n').append("labels (").append(labelsFile).append("): ").append(labels.labelledItems().size()).append(" findings labelled, ")
          .append(labels.unlabelled().size()).append(" not\n");
      out.append("  posted findings:   posting precision ").append(interval(labels.posted().posting())).append(", correctness ")
          .append(interval(labels.posted().correctness())).append(countsText(labels.posted())).append('\n');
      out.append("  blocking findings: posting precision ").append(interval(labels.blocking().posting())).append(", correctness ")
          .append(interval(labels.blocking().correctness())).append(countsText(labels.blocking())).append('\n');
      if (!labels.unknown().isEmpty()) {
        out.append("  ").append(labels.unknown().size()).append(" label").append(labels.unknown().size() == 1 ? "" : "s")
            .append(" named no finding of this replay (another commit range, or a finding that is gone):\n");
        for (Labels.Entry e : labels.unknown()) out.append("    line ").append(e.line()).append(": ").append(e.describe()).append('\n');
      }
    }
    if (!r.skipped().isEmpty() || !r.notes().isEmpty()) {
      out.append('\n').append("notes:\n");
      for (String n : r.notes()) out.append("  - ").append(n).append('\n');
      for (ReplayReport.Skipped s : r.skipped()) {
        out.append("  - not replayed: ").append(shortId(s.commit())).append(' ').append(oneLine(s.subject(), 60)).append(": ").append(s.reason()).append('\n');
      }
    }
    if (toLabel != null) {
      out.append('\n');
      if (toLabel.isEmpty()) {
        out.append("nothing left to label").append(sample > 0 ? " in the sample of " + sample + " per rule (seed " + seed + ")" : "").append('\n');
      } else {
        out.append(toLabel.size()).append(" finding").append(toLabel.size() == 1 ? "" : "s").append(" to label")
            .append(sample > 0 ? " (a sample of at most " + sample + " per rule, seed " + seed + ")" : "")
            .append(": fill in \"label\" (tp, fp, noise or unsure) and \"note\", and add the lines to the label file\n");
        for (Labels.Item i : toLabel) out.append(Labels.todo(i)).append('\n');
      }
    }
    return out.toString();
  }

  /** Whether to show shadow counts: only when some rule was in shadow, so that reports without are as before. */
  private boolean withShadow() {
    return report.shadow() > 0;
  }

  private int firedOn() {
    return (int) report.pullRequests().stream().filter(p -> !p.findings().isEmpty()).count();
  }

  private String timeLine() {
    ReplayReport r = report;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s for %d pull request%s, %d at a time; per pull request median %s, p90 %s",
        seconds(r.wallMillis()), r.pullRequests().size(), r.pullRequests().size() == 1 ? "" : "s", r.parallel(),
        seconds(Percentile.median(r.millisPerPr())), seconds(Percentile.p90(r.millisPerPr()))));
    String shares = shares();
    if (!shares.isEmpty()) sb.append("; ").append(shares);
    List<ReplayReport.PullRequest> slow = r.slowest(1);
    if (!slow.isEmpty() && r.pullRequests().size() > 1) {
      ReplayReport.PullRequest p = slow.get(0);
      sb.append("; slowest ").append(shortId(p.commit())).append(' ').append(seconds(p.timing().totalMillis())).append(" (")
          .append(p.files()).append(" file").append(p.files() == 1 ? "" : "s").append(")");
    }
    return sb.toString();
  }

  /** "checks 86%, reading the changes 12%, policy and conventions 2%": what the pull requests' time went to, the largest first. */
  private String shares() {
    Map<String, Long> stages = report.stageMillis();
    long total = stages.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) return "";
    StringBuilder sb = new StringBuilder();
    stages.forEach((stage, ms) -> {
      if (!sb.isEmpty()) sb.append(", ");
      sb.append(STAGE_NAMES.get(stage)).append(' ').append(Math.round(100.0 * ms / total)).append('%');
    });
    return sb.append(" of it").toString();
  }

  private static final Map<String, String> STAGE_NAMES = Map.of("checks", "checks", "change", "reading the changes", "policy", "policy and conventions");

  private static String countsText(Labels.Counts c) {
    return String.format(Locale.ROOT, " (tp %d, fp %d, noise %d, unsure %d)", c.tp(), c.fp(), c.noise(), c.unsure());
  }

  /** "0.80 [0.49, 0.94] 8/10", or "-" with nothing labelled. */
  static String interval(Wilson w) {
    if (w.trials() == 0) return "-";
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] %d/%d", w.value(), w.low(), w.high(), w.successes(), w.trials());
  }

  /** A count or percentile: whole numbers without decimals. */
  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String seconds(double millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000);
  }

  private static String shortId(String id) {
    return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
  }

  private static String oneLine(String s, int max) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }

  // ---------------------------------------------------------------------------------------------------- markdown

  /** A heading, the headline and one table, overall and per rule: what {@code eval/results/} and {@code docs/eval.md} hold. */
  public String markdown() {
    ReplayReport r = report;
    StringBuilder out = new StringBuilder();
    String name = r.repository().replaceAll(".*/", "");
    out.append("### ").append(MarkdownText.inline(name)).append(" at `").append(shortId(r.head())).append("`\n\n");
    out.append("**").append(r.headline()).append("**");
    if (r.pullRequests().size() < r.requested()) out.append(" (of the last ").append(r.requested()).append(" first-parent commits)");
    out.append(String.format(Locale.ROOT, "; findings per pull request: median %s, p90 %s; %d findings.%n%n", number(Percentile.median(r.findingsPerPr())),
        number(Percentile.p90(r.findingsPerPr())), r.findings()));
    out.append("Time: ").append(timeLine()).append(".\n\n");
    boolean withLabels = labels != null;
    boolean withShadow = withShadow();
    out.append("| rule | fired on | findings | failed | median | p90 |").append(withShadow ? " shadow |" : "")
        .append(withLabels ? " posting precision | correctness |" : "").append('\n');
    out.append("|---|---:|---:|---:|---:|---:|").append(withShadow ? "---:|" : "").append(withLabels ? "---|---|" : "").append('\n');
    out.append("| **all** | ").append(firedOn()).append(" | ").append(r.findings()).append(" | ").append(r.failed()).append(" | ")
        .append(number(Percentile.median(r.findingsPerPr()))).append(" | ").append(number(Percentile.p90(r.findingsPerPr()))).append(" |");
    if (withShadow) out.append(' ').append(r.shadow()).append(" |");
    if (withLabels) out.append(' ').append(interval(labels.posted().posting())).append(" | ").append(interval(labels.posted().correctness())).append(" |");
    out.append('\n');
    for (ReplayReport.RuleStats s : r.rules()) {
      out.append("| `").append(s.rule()).append("` | ").append(s.prs()).append(" | ").append(s.findings()).append(" | ").append(s.failedPrs())
          .append(" | ").append(number(s.medianPerPr())).append(" | ").append(number(s.p90PerPr())).append(" |");
      if (withShadow) out.append(' ').append(s.shadow()).append(" |");
      if (withLabels) {
        Labels.Counts c = labels.of(s.rule());
        out.append(' ').append(interval(c.posting())).append(" | ").append(interval(c.correctness())).append(" |");
      }
      out.append('\n');
    }
    if (withLabels) {
      out.append("\nBlocking findings: posting precision ").append(interval(labels.blocking().posting())).append(", correctness ")
          .append(interval(labels.blocking().correctness())).append(". Labelled: ").append(labels.posted().labelled()).append(" of ")
          .append(r.findings()).append(" posted findings, ").append(labels.shadow().labelled()).append(" of ").append(r.shadow())
          .append(" in shadow");
      if (!labels.unknown().isEmpty()) out.append("; ").append(labels.unknown().size()).append(" labels named no finding of this replay");
      out.append(".\n");
    }
    if (!r.notes().isEmpty() || !r.skipped().isEmpty()) {
      out.append('\n');
      for (String n : r.notes()) out.append("- ").append(MarkdownText.inline(n)).append('\n');
      for (ReplayReport.Skipped s : r.skipped()) {
        out.append("- not replayed: `").append(shortId(s.commit())).append("` ").append(MarkdownText.inline(s.reason())).append('\n');
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------------- json

  /** The report as JSON; every key is described in {@code docs/eval.md}, and absent values are null, never missing keys. */
  public String json() {
    ReplayReport r = report;
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("repository", r.repository());
    root.put("branch", r.branch());
    root.put("head", r.head());
    root.put("requested", r.requested());
    root.put("replayed", r.pullRequests().size());
    root.put("failed", r.failed());
    root.put("headline", r.headline());
    root.put("findings", r.findings());
    root.put("firedOn", firedOn());
    root.put("shadow", r.shadow());
    ObjectNode perPr = root.putObject("findingsPerPr");
    perPr.put("median", Percentile.median(r.findingsPerPr()));
    perPr.put("p90", Percentile.p90(r.findingsPerPr()));
    ObjectNode time = root.putObject("time");
    time.put("wallMillis", r.wallMillis());
    time.put("parallel", r.parallel());
    time.put("medianMillisPerPr", Percentile.median(r.millisPerPr()));
    time.put("p90MillisPerPr", Percentile.p90(r.millisPerPr()));
    ObjectNode stages = time.putObject("stagesMillis");
    r.stageMillis().forEach(stages::put);
    time.put("dominant", r.stageMillis().keySet().iterator().next());
    time.put("checkInvocations", r.invocations());
    time.put("cacheHits", r.cacheHits());
    ArrayNode rules = root.putArray("rules");
    for (ReplayReport.RuleStats s : r.rules()) {
      ObjectNode n = rules.addObject();
      n.put("rule", s.rule());
      n.put("firedOn", s.prs());
      n.put("findings", s.findings());
      n.put("failed", s.failedPrs());
      n.put("medianPerPr", s.medianPerPr());
      n.put("p90PerPr", s.p90PerPr());
      n.put("shadowFiredOn", s.shadowPrs());
      n.put("shadow", s.shadow());
      if (labels == null) n.putNull("labels");
      else n.set("labels", counts(labels.of(s.rule())));
    }
    if (labels == null) {
      root.putNull("labels");
    } else {
      ObjectNode l = root.putObject("labels");
      l.put("file", labelsFile);
      l.put("labelled", labels.labelledItems().size());
      l.put("unlabelled", labels.unlabelled().size());
      l.set("posted", counts(labels.posted()));
      l.set("blocking", counts(labels.blocking()));
      l.set("shadow", counts(labels.shadow()));
      ArrayNode unknown = l.putArray("unknown");
      for (Labels.Entry e : labels.unknown()) {
        ObjectNode u = unknown.addObject();
        u.put("line", e.line());
        u.put("names", e.describe());
      }
    }
    ArrayNode prs = root.putArray("pullRequests");
    for (ReplayReport.PullRequest p : r.pullRequests()) {
      ObjectNode n = prs.addObject();
      n.put("commit", p.commit());
      n.put("parent", p.parent());
      n.put("subject", p.subject());
      n.put("merge", p.merge());
      n.put("files", p.files());
      n.put("failed", p.failed());
      ObjectNode t = n.putObject("timing");
      t.put("changeMillis", p.timing().changeMillis());
      t.put("policyMillis", p.timing().policyMillis());
      t.put("checksMillis", p.timing().checksMillis());
      t.put("totalMillis", p.timing().totalMillis());
      ArrayNode fs = n.putArray("findings");
      for (ReplayReport.Found f : p.findings()) {
        ObjectNode o = finding(f.finding());
        o.put("blocks", f.blocks());
        fs.add(o);
      }
      ArrayNode sh = n.putArray("shadow");
      for (ReplayReport.Found f : p.shadow()) sh.add(finding(f.finding()));
    }
    ArrayNode skipped = root.putArray("skipped");
    for (ReplayReport.Skipped s : r.skipped()) {
      ObjectNode n = skipped.addObject();
      n.put("commit", s.commit());
      n.put("subject", s.subject());
      n.put("reason", s.reason());
      n.put("internalError", s.internalError());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    if (toLabel == null) {
      root.putNull("toLabel");
    } else {
      ArrayNode todo = root.putArray("toLabel");
      for (Labels.Item i : toLabel) {
        try {
          todo.add(JSON.readTree(Labels.todo(i)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e); // written by the same mapper a line above
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rule", f.rule());
    n.put("severity", f.severity().id());
    n.put("path", f.path());
    if (f.line() > 0) n.put("line", f.line());
    else n.putNull("line");
    n.put("message", f.message());
    n.put("fingerprint", f.fingerprint());
    n.put("mode", f.mode() == null ? null : f.mode().id());
    return n;
  }

  private static ObjectNode counts(Labels.Counts c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("tp", c.tp());
    n.put("fp", c.fp());
    n.put("noise", c.noise());
    n.put("unsure", c.unsure());
    n.set("posting", wilson(c.posting()));
    n.set("correctness", wilson(c.correctness()));
    return n;
  }

  private static ObjectNode wilson(Wilson w) {
    ObjectNode n = JSON.createObjectNode();
    n.put("successes", w.successes());
    n.put("trials", w.trials());
    if (w.trials() == 0) {
      n.putNull("value");
      n.putNull("low");
      n.putNull("high");
    } else {
      n.put("value", w.value());
      n.put("low", w.low());
      n.put("high", w.high());
    }
    return n;
  }
}
