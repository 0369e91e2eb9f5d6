package dev.vetter.server.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.server.telemetry.Report.Outcomes;
import dev.vetter.server.telemetry.Report.Ratio;
import dev.vetter.server.telemetry.Report.RuleOutcomes;
import dev.vetter.server.telemetry.Report.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@link Report} as text, JSON, CSV, Markdown or the Cockpit's HTML page. Every figure with its count; definitions in docs/metrics.md. */
public final class ReportOutput {
  /** The formats {@code vetter report --format} accepts. */
  public static final List<String> FORMATS = List.of("text", "json", "csv", "markdown", "html");

  private ReportOutput() {}

  /** {@code report} in {@code format} (one of {@link #FORMATS}). */
  public static String write(Report report, String format) {
    return switch (format) {
      case "text" -> text(report);
      case "json" -> json(report);
      case "csv" -> csv(report);
      case "markdown" -> markdown(report);
      case "html" -> Cockpit.html(report, null);
      default -> throw new IllegalArgumentException("unknown format '" + format + "', allowed values: " + String.join(", ", FORMATS));
    };
  }

  // ---- text ----

  static String text(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("Vetter report ").append(period(r)).append('\n');
    var p = r.pullRequests();
    out.append(String.format(Locale.ROOT, "pull requests: %d opened, %d merged, %d closed unmerged; merged without a human review: %d,"
        + " without an approval: %d%n", p.opened(), p.merged(), p.closed(), p.mergedWithoutHumanReview(), p.mergedWithoutApproval()));
    out.append("\nphase     from                        to                   count    median       p90  negative\n");
    for (Span s : r.phases()) {
      out.append(String.format(Locale.ROOT, "%-9s %-27s %-19s %6d %9s %9s %9d%n", s.name(), s.from(), s.to(), s.count(), duration(s.count(), s.medianSeconds()),
          duration(s.count(), s.p90Seconds()), s.negative()));
    }
    out.append("\ncomment-to-merge ratio (posted findings fixed before merge / posted findings on merged pull requests): ")
        .append(ratio(r.commentToMerge())).append('\n');
    out.append("posted findings: ").append(outcomes(r.posted())).append('\n');
    out.append("shadow findings: ").append(outcomes(r.shadow())).append('\n');
    if (!r.rules().isEmpty()) {
      int width = Math.max(4, r.rules().stream().mapToInt(x -> x.rule().length()).max().orElse(4));
      out.append(String.format(Locale.ROOT, "%n%-" + width + "s  %-7s %8s %6s %7s %9s %8s %5s %7s  %-26s %-26s%n", "rule", "mode", "findings", "fixed", "ignored",
          "abandoned", "disputed", "open", "unknown", "fix rate [95% CI]", "precision [95% CI]"));
      for (RuleOutcomes x : r.rules()) {
        Outcomes o = x.outcomes();
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %-7s %8d %6d %7d %9d %8d %5d %7d  %-26s %-26s%n", x.rule(), x.shadow() ? "shadow" : "posted",
            o.findings(), o.fixed(), o.ignored(), o.abandoned(), o.disputed(), o.open(), o.unknown(), ratio(o.fixRate()), ratio(o.precision())));
      }
    }
    out.append("\nDisputed counts /vetter fp reports (reactions are not read yet); waived is 0 until waivers are read. Definitions: docs/metrics.md.\n");
    return out.toString();
  }

  private static String period(Report r) {
    return "from " + r.since() + " to " + r.until() + (r.repository() == null ? "" : " for " + r.repository());
  }

  private static String outcomes(Outcomes o) {
    return String.format(Locale.ROOT, "%d (fixed %d, ignored %d, abandoned %d, disputed %d, waived %d, open %d, unknown %d); precision %s",
        o.findings(), o.fixed(), o.ignored(), o.abandoned(), o.disputed(), o.waived(), o.open(), o.unknown(), ratio(o.precision()));
  }

  /** "0.80 [0.49, 0.94] 8/10", or "- 0/0" with nothing to divide. */
  static String ratio(Ratio x) {
    if (x.whole() == 0) return "- 0/0";
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] %d/%d", x.interval().value(), x.interval().low(), x.interval().high(), x.part(), x.whole());
  }

  /** A duration in its largest sensible unit ("45s", "3.2h", "2.1d"), or "-" with no spans. */
  static String duration(int count, double seconds) {
    if (count == 0) return "-";
    if (seconds < 120) return String.format(Locale.ROOT, "%.0fs", seconds);
    if (seconds < 7200) return String.format(Locale.ROOT, "%.1fm", seconds / 60);
    if (seconds < 172_800) return String.format(Locale.ROOT, "%.1fh", seconds / 3600);
    return String.format(Locale.ROOT, "%.1fd", seconds / 86_400);
  }

  // ---- JSON ----

  static String json(Report r) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("since", r.since().toString());
    root.put("until", r.until().toString());
    if (r.repository() == null) root.putNull("repository");
    else root.put("repository", r.repository());
    var p = r.pullRequests();
    ObjectNode prs = root.putObject("pullRequests");
    prs.put("opened", p.opened());
    prs.put("merged", p.merged());
    prs.put("closed", p.closed());
    prs.put("mergedWithoutHumanReview", p.mergedWithoutHumanReview());
    prs.put("mergedWithoutApproval", p.mergedWithoutApproval());
    prs.put("mergedWithoutOpenedEvent", p.withoutOpenedEvent());
    ArrayNode phases = root.putArray("phases");
    for (Span s : r.phases()) {
      ObjectNode n = phases.addObject();
      n.put("name", s.name());
      n.put("from", s.from());
      n.put("to", s.to());
      n.put("count", s.count());
      if (s.count() == 0) {
        n.putNull("medianSeconds");
        n.putNull("p90Seconds");
      } else {
        n.put("medianSeconds", s.medianSeconds());
        n.put("p90Seconds", s.p90Seconds());
      }
      n.put("negative", s.negative());
    }
    ratio(root.putObject("commentToMerge"), r.commentToMerge());
    outcomes(root.putObject("posted"), r.posted());
    outcomes(root.putObject("shadow"), r.shadow());
    ArrayNode rules = root.putArray("rules");
    for (RuleOutcomes x : r.rules()) {
      ObjectNode n = rules.addObject();
      n.put("rule", x.rule());
      n.put("mode", x.shadow() ? "shadow" : "posted");
      outcomes(n, x.outcomes());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void outcomes(ObjectNode n, Outcomes o) {
    n.put("findings", o.findings());
    n.put("fixed", o.fixed());
    n.put("ignored", o.ignored());
    n.put("abandoned", o.abandoned());
    n.put("disputed", o.disputed());
    n.put("waived", o.waived());
    n.put("open", o.open());
    n.put("unknown", o.unknown());
    ratio(n.putObject("fixRate"), o.fixRate());
    ratio(n.putObject("precision"), o.precision());
  }

  private static void ratio(ObjectNode n, Ratio x) {
    n.put("part", x.part());
    n.put("whole", x.whole());
    if (x.whole() == 0) {
      n.putNull("value");
      n.putNull("low");
      n.putNull("high");
    } else {
      n.put("value", x.interval().value());
      n.put("low", x.interval().low());
      n.put("high", x.interval().high());
    }
  }

  // ---- CSV: one figure per row, so every section fits one table ----

  static String csv(Report r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"section", "name", "mode", "field", "value"});
    var p = r.pullRequests();
    rows.add(row("pull_requests", "", "", "opened", p.opened()));
    rows.add(row("pull_requests", "", "", "merged", p.merged()));
    rows.add(row("pull_requests", "", "", "closed", p.closed()));
    rows.add(row("pull_requests", "", "", "merged_without_human_review", p.mergedWithoutHumanReview()));
    rows.add(row("pull_requests", "", "", "merged_without_approval", p.mergedWithoutApproval()));
    for (Span s : r.phases()) {
      rows.add(row("phase", s.name(), "", "count", s.count()));
      rows.add(new String[] {"phase", s.name(), "", "median_seconds", s.count() == 0 ? "" : number(s.medianSeconds())});
      rows.add(new String[] {"phase", s.name(), "", "p90_seconds", s.count() == 0 ? "" : number(s.p90Seconds())});
      rows.add(row("phase", s.name(), "", "negative", s.negative()));
    }
    ratioRows(rows, "comment_to_merge", "", "", "ratio", r.commentToMerge());
    outcomeRows(rows, "findings", "all", "posted", r.posted());
    outcomeRows(rows, "findings", "all", "shadow", r.shadow());
    for (RuleOutcomes x : r.rules()) outcomeRows(rows, "rule", x.rule(), x.shadow() ? "shadow" : "posted", x.outcomes());
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) out.append(i == 0 ? "" : ",").append(csvField(row[i]));
      out.append("\r\n"); // RFC 4180
    }
    return out.toString();
  }

  private static void outcomeRows(List<String[]> rows, String section, String name, String mode, Outcomes o) {
    rows.add(row(section, name, mode, "findings", o.findings()));
    rows.add(row(section, name, mode, "fixed", o.fixed()));
    rows.add(row(section, name, mode, "ignored", o.ignored()));
    rows.add(row(section, name, mode, "abandoned", o.abandoned()));
    rows.add(row(section, name, mode, "disputed", o.disputed()));
    rows.add(row(section, name, mode, "waived", o.waived()));
    rows.add(row(section, name, mode, "open", o.open()));
    rows.add(row(section, name, mode, "unknown", o.unknown()));
    ratioRows(rows, section, name, mode, "fix_rate", o.fixRate());
    ratioRows(rows, section, name, mode, "precision", o.precision());
  }

  private static void ratioRows(List<String[]> rows, String section, String name, String mode, String field, Ratio x) {
    rows.add(new String[] {section, name, mode, field, x.whole() == 0 ? "" : number(x.interval().value())});
    rows.add(new String[] {section, name, mode, field + "_low", x.whole() == 0 ? "" : number(x.interval().low())});
    rows.add(new String[] {section, name, mode, field + "_high", x.whole() == 0 ? "" : number(x.interval().high())});
    rows.add(row(section, name, mode, field + "_part", x.part()));
    rows.add(row(section, name, mode, field + "_whole", x.whole()));
  }

  private static String[] row(String section, String name, String mode, String field, long value) {
    return new String[] {section, name, mode, field, String.valueOf(value)};
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String csvField(String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  // ---- Markdown ----

  static String markdown(Report r) {
    StringBuilder out = new StringBuilder();
    out.append("## Vetter report\n\n").append(period(r)).append("\n\n");
    var p = r.pullRequests();
    out.append(String.format(Locale.ROOT, "%d pull requests opened, %d merged, %d closed unmerged; merged without a human review: %d, without an approval: %d.%n%n",
        p.opened(), p.merged(), p.closed(), p.mergedWithoutHumanReview(), p.mergedWithoutApproval()));
    out.append("| phase | from | to | count | median | p90 | negative |\n|---|---|---|---:|---:|---:|---:|\n");
    for (Span s : r.phases()) {
      out.append("| ").append(s.name()).append(" | ").append(s.from()).append(" | ").append(s.to()).append(" | ").append(s.count()).append(" | ")
          .append(duration(s.count(), s.medianSeconds())).append(" | ").append(duration(s.count(), s.p90Seconds())).append(" | ").append(s.negative())
          .append(" |\n");
    }
    out.append("\nComment-to-merge ratio (posted findings fixed before merge / posted findings on merged pull requests): ")
        .append(ratio(r.commentToMerge())).append("\n\n");
    out.append("| rule | mode | findings | fixed | ignored | abandoned | disputed | open | unknown | fix rate [95% CI] | precision [95% CI] |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    List<RuleOutcomes> all = new ArrayList<>();
    all.add(new RuleOutcomes("**all posted**", false, r.posted()));
    all.add(new RuleOutcomes("**all shadow**", true, r.shadow()));
    all.addAll(r.rules());
    for (RuleOutcomes x : all) {
      Outcomes o = x.outcomes();
      out.append("| ").append(x.rule().startsWith("**") ? x.rule() : "`" + x.rule() + "`").append(" | ").append(x.shadow() ? "shadow" : "posted")
          .append(" | ").append(o.findings()).append(" | ").append(o.fixed()).append(" | ").append(o.ignored()).append(" | ").append(o.abandoned())
          .append(" | ").append(o.disputed()).append(" | ").append(o.open()).append(" | ").append(o.unknown()).append(" | ").append(ratio(o.fixRate()))
          .append(" | ").append(ratio(o.precision())).append(" |\n");
    }
    out.append("\nDisputed counts /vetter fp reports (reactions are not read yet); waived is 0 until waivers are read. Definitions: docs/metrics.md.\n");
    return out.toString();
  }
}
