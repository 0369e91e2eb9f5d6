package dev.vetter.server.telemetry;

import dev.vetter.server.telemetry.Report.Outcomes;
import dev.vetter.server.telemetry.Report.Ratio;
import dev.vetter.server.telemetry.Report.RuleOutcomes;
import dev.vetter.server.telemetry.Report.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Cockpit: a {@link Report} as one self-contained HTML page (inline CSS, SVG bars, no script, no external asset),
 * served by {@code vetter serve} at {@code /cockpit} and written by {@code vetter report --format html}. It computes
 * nothing of its own: every figure is the report's, shown with its count and a link to its definition (docs/metrics.md,
 * quoted at the foot of the page so it reads offline). Every string from the store (repository, rule) is escaped.
 */
public final class Cockpit {
  /** Rules with fewer trials (fixed + disputed + ignored) than this are listed after the ones whose precision can be judged. */
  static final int MIN_TRIALS = 5;

  private static final String CSS = """
      body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:92em;padding:0 1em;color:#1b1f24;background:#fff}
      h1{font-size:1.6em;margin:0}h2{font-size:1.2em;margin:1.6em 0 .4em;border-bottom:1px solid #d0d7de}
      table{border-collapse:collapse;margin:.4em 0;font-size:13px}.scroll{overflow-x:auto}th,td{padding:.25em .45em;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
      th:first-child,td:first-child{text-align:left}th{font-weight:600}a{color:#0550ae}
      .muted{color:#57606a}.big{font-size:1.5em;font-weight:600}.note{color:#57606a;font-size:.9em}
      .tiles{display:flex;flex-wrap:wrap;gap:1em}.tile{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;min-width:9em}
      form{margin:.8em 0}.fixed{color:#1a7f37}.ignored{color:#cf222e}.abandoned{color:#6e7781}.open{color:#0969da}.unknown{color:#9a6700}.met{color:#1a7f37}.missed{color:#cf222e}input{margin-right:.6em}svg{vertical-align:middle}dt{font-weight:600;margin-top:.5em}dd{margin-left:1.2em}
      """;

  /** The Content-Security-Policy of the page: no script, no connection, nothing but its own style element. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'none'; base-uri 'none'; form-action 'self'";

  private static final String FIXED = "#1a7f37", IGNORED = "#cf222e", ABANDONED = "#8c959f", OPEN = "#0969da", UNKNOWN = "#d4a72c";

  /**
   * One response-time objective as the server measured it since it started.
   *
   * @param good requests within {@code threshold}
   * @param total all requests measured
   */
  public record Slo(String name, String metric, String threshold, double target, long good, long total) {}

  /**
   * What a page served by the running server adds to the report.
   *
   * @param slos the response-time objectives from the server's own metrics
   * @param since the filter as typed, to show it back in the form; {@code until} likewise, may be null
   */
  public record Live(List<Slo> slos, String since, String until) {
    public Live {
      slos = List.copyOf(slos);
    }
  }

  private Cockpit() {}

  /** The page for {@code report}; {@code live} null for a static file (no filter form, no objectives). */
  public static String html(Report r, Live live) {
    StringBuilder o = new StringBuilder(16_384);
    o.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(esc(CONTENT_SECURITY_POLICY)).append("\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>Vetter Cockpit").append(r.repository() == null ? "" : " - " + esc(r.repository())).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    o.append("<h1>Vetter Cockpit</h1><p class=\"muted\" id=\"period\">From <time>").append(r.since()).append("</time> to <time>").append(r.until())
        .append("</time> (end exclusive), ").append(r.repository() == null ? "all repositories" : "repository <b data-figure=\"repository\">" + esc(r.repository()) + "</b>")
        .append(".</p>\n");
    if (live != null) filter(o, r, live);

    var p = r.pullRequests();
    o.append("<h2 id=\"pull-requests\">Pull requests</h2><div class=\"tiles\">");
    tile(o, "opened", p.opened(), "opened in the period", "def-pull-requests");
    tile(o, "merged", p.merged(), "merged in the period", "def-pull-requests");
    tile(o, "closed", p.closed(), "closed unmerged", "def-pull-requests");
    tile(o, "mergedWithoutHumanReview", p.mergedWithoutHumanReview(), "merged without a human review", "def-reviewer");
    tile(o, "mergedWithoutApproval", p.mergedWithoutApproval(), "merged without an approval", "def-reviewer");
    o.append("</div>\n");

    phases(o, r.phases());

    o.append("<h2 id=\"comment-to-merge\">Comment-to-merge ratio</h2><p>Posted findings fixed before merge / posted findings on merged pull requests: ")
        .append(ratio("commentToMerge", r.commentToMerge(), "def-comment-to-merge")).append(' ').append(interval(r.commentToMerge())).append("</p>\n");

    o.append("<h2 id=\"findings\">Findings by outcome</h2>");
    o.append("<table><thead><tr><th>findings</th><th>count</th><th>fixed</th><th>ignored</th><th>abandoned</th><th>disputed</th><th>waived</th>")
        .append("<th>open</th><th>unknown</th><th><a href=\"#def-outcomes\">split</a></th><th><a href=\"#def-precision\">precision [95% CI]</a></th></tr></thead><tbody>");
    outcomeRow(o, "posted", "posted", r.posted());
    outcomeRow(o, "shadow", "shadow (computed, never posted)", r.shadow());
    o.append("</tbody></table><p class=\"note\">Split: <b class=\"fixed\">fixed</b>, <b class=\"ignored\">ignored</b>, ")
        .append("<b class=\"abandoned\">abandoned</b>, <b class=\"open\">open</b>, <b class=\"unknown\">unknown</b>.</p>\n");

    rules(o, r.rules());
    slos(o, live);
    definitions(o);
    o.append("</body></html>\n");
    return o.toString();
  }

  /** The sign-in form of {@code /cockpit/login}, with {@code problem} above it when not null. */
  public static String login(String problem) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\""
        + esc(CONTENT_SECURITY_POLICY) + "\"><title>Vetter Cockpit - sign in</title><style>" + CSS + "</style></head><body><h1>Vetter Cockpit</h1>"
        + (problem == null ? "" : "<p class=\"missed\" id=\"problem\">" + esc(problem) + "</p>")
        + "<form method=\"post\" action=\"/cockpit/login\"><label>Token (VETTER_COCKPIT_TOKEN) <input type=\"password\" name=\"token\" size=\"40\""
        + " autocomplete=\"current-password\" required></label><button>Sign in</button></form>"
        + "<p class=\"note\">Sets a session cookie for this site's /cockpit, for 12 hours.</p></body></html>\n";
  }

  private static void filter(StringBuilder o, Report r, Live live) {
    o.append("<form method=\"get\" action=\"\"><label>since <input name=\"since\" size=\"12\" value=\"").append(esc(live.since() == null ? "" : live.since()))
        .append("\"></label><label>until <input name=\"until\" size=\"12\" value=\"").append(esc(live.until() == null ? "" : live.until()))
        .append("\" placeholder=\"now\"></label><label>repository <input name=\"repo\" size=\"24\" value=\"")
        .append(esc(r.repository() == null ? "" : r.repository())).append("\" placeholder=\"all\"></label><button>Show</button></form>\n");
  }

  private static void tile(StringBuilder o, String key, int value, String label, String definition) {
    o.append("<div class=\"tile\"><div class=\"big\" data-figure=\"pullRequests.").append(key).append("\">").append(value)
        .append("</div><a href=\"#").append(definition).append("\">").append(label).append("</a></div>");
  }

  private static void phases(StringBuilder o, List<Span> phases) {
    double max = phases.stream().filter(s -> s.count() > 0).mapToDouble(Span::p90Seconds).max().orElse(0);
    o.append("<h2 id=\"phases\">Cycle time and its phases</h2>")
        .append("<table><thead><tr><th><a href=\"#def-phases\">phase</a></th><th>from</th><th>to</th><th>count</th><th>median</th><th>p90</th>")
        .append("<th><a href=\"#def-negative\">negative</a></th><th>median (dark) and p90</th></tr></thead><tbody>");
    for (Span s : phases) {
      String k = "phases." + s.name();
      o.append("<tr><td><a href=\"#def-phase-").append(esc(s.name())).append("\">").append(esc(s.name())).append("</a></td><td>").append(esc(s.from()))
          .append("</td><td>").append(esc(s.to())).append("</td><td data-figure=\"").append(k).append(".count\">").append(s.count()).append("</td>");
      seconds(o, k + ".medianSeconds", s.count(), s.medianSeconds());
      seconds(o, k + ".p90Seconds", s.count(), s.p90Seconds());
      o.append("<td data-figure=\"").append(k).append(".negative\">").append(s.negative()).append("</td><td>");
      if (s.count() > 0 && max > 0) {
        String label = esc(s.name() + ": median " + ReportOutput.duration(s.count(), s.medianSeconds()) + ", p90 "
            + ReportOutput.duration(s.count(), s.p90Seconds()) + " over " + s.count());
        o.append("<svg width=\"240\" height=\"14\" role=\"img\" aria-label=\"").append(label).append("\"><rect x=\"0\" y=\"2\" height=\"10\" width=\"")
            .append(px(240 * s.p90Seconds() / max)).append("\" fill=\"#b6e3ff\"/><rect x=\"0\" y=\"2\" height=\"10\" width=\"")
            .append(px(240 * s.medianSeconds() / max)).append("\" fill=\"#0969da\"/></svg>");
      }
      o.append("</td></tr>");
    }
    o.append("</tbody></table><p class=\"note\">Medians and p90s over <i>count</i> spans; negative spans (ending before they start) are counted, "
        + "not in the percentiles.</p>\n");
  }

  private static void seconds(StringBuilder o, String key, int count, double value) {
    o.append("<td data-figure=\"").append(key).append("\"").append(count == 0 ? "" : " data-value=\"" + number(value) + "\"").append(">")
        .append(ReportOutput.duration(count, value)).append("</td>");
  }

  private static void outcomeRow(StringBuilder o, String key, String label, Outcomes x) {
    o.append("<tr><td>").append(label).append("</td>");
    counts(o, "findings." + key, x);
    o.append("<td>").append(split(x)).append("</td><td>").append(ratio("findings." + key + ".precision", x.precision(), "def-precision")).append("</td></tr>");
  }

  private static void counts(StringBuilder o, String key, Outcomes x) {
    int[] values = {x.findings(), x.fixed(), x.ignored(), x.abandoned(), x.disputed(), x.waived(), x.open(), x.unknown()};
    String[] names = {"findings", "fixed", "ignored", "abandoned", "disputed", "waived", "open", "unknown"};
    for (int i = 0; i < values.length; i++) {
      o.append("<td data-figure=\"").append(esc(key)).append('.').append(names[i]).append("\">").append(values[i]).append("</td>");
    }
  }

  /** A 100% bar of the outcomes, with its numbers as the text alternative. */
  private static String split(Outcomes x) {
    if (x.findings() == 0) return "";
    int[] values = {x.fixed(), x.ignored(), x.abandoned(), x.open(), x.unknown()};
    String[] colours = {FIXED, IGNORED, ABANDONED, OPEN, UNKNOWN};
    StringBuilder s = new StringBuilder("<svg width=\"160\" height=\"14\" role=\"img\" aria-label=\"")
        .append(String.format(Locale.ROOT, "%d findings: %d fixed, %d ignored, %d abandoned, %d open, %d unknown", x.findings(), x.fixed(), x.ignored(),
            x.abandoned(), x.open(), x.unknown()))
        .append("\">");
    double at = 0;
    for (int i = 0; i < values.length; i++) {
      double w = 160.0 * values[i] / x.findings();
      if (w > 0) s.append("<rect x=\"").append(px(at)).append("\" y=\"2\" height=\"10\" width=\"").append(px(w)).append("\" fill=\"").append(colours[i]).append("\"/>");
      at += w;
    }
    return s.append("</svg>").toString();
  }

  private static void rules(StringBuilder o, List<RuleOutcomes> rules) {
    List<RuleOutcomes> sorted = new ArrayList<>(rules);
    sorted.sort(noisyFirst());
    o.append("<h2 id=\"rules\">Rules, noisiest first</h2><p class=\"note\">Lowest <a href=\"#def-precision\">precision</a> first among rules with at least ")
        .append(MIN_TRIALS).append(" findings seen through to a merge (fixed + disputed + ignored); rules with fewer follow, by findings.</p>");
    if (sorted.isEmpty()) {
      o.append("<p class=\"muted\" id=\"no-rules\">No findings in the period.</p>\n");
      return;
    }
    o.append("<div class=\"scroll\"><table id=\"rule-table\"><thead><tr><th>rule</th><th>mode</th><th>findings</th><th>fixed</th><th>ignored</th><th>abandoned</th><th>disputed</th>")
        .append("<th>waived</th><th>open</th><th>unknown</th><th><a href=\"#def-fix-rate\">fix rate [95% CI]</a></th>")
        .append("<th><a href=\"#def-precision\">precision [95% CI]</a></th><th>interval</th></tr></thead><tbody>");
    for (RuleOutcomes x : sorted) {
      String key = "rules." + (x.shadow() ? "shadow" : "posted") + "." + x.rule();
      o.append("<tr data-rule=\"").append(esc(x.rule())).append("\"><td><code>").append(esc(x.rule())).append("</code></td><td>")
          .append(x.shadow() ? "shadow" : "posted").append("</td>");
      counts(o, key, x.outcomes());
      o.append("<td>").append(ratio(key + ".fixRate", x.outcomes().fixRate(), "def-fix-rate")).append("</td><td>")
          .append(ratio(key + ".precision", x.outcomes().precision(), "def-precision")).append("</td><td>").append(interval(x.outcomes().precision()))
          .append("</td></tr>");
    }
    o.append("</tbody></table></div>\n");
  }

  /** Judged rules (enough trials) by precision, lowest first; then the rest by findings, most first; then by rule id. */
  static Comparator<RuleOutcomes> noisyFirst() {
    Comparator<RuleOutcomes> judged = Comparator.comparing(x -> x.outcomes().precision().whole() < MIN_TRIALS);
    return judged.thenComparingDouble(x -> x.outcomes().precision().whole() < MIN_TRIALS ? 0 : x.outcomes().precision().interval().value())
        .thenComparing(x -> -x.outcomes().findings()).thenComparing(RuleOutcomes::rule).thenComparing(RuleOutcomes::shadow);
  }

  private static void slos(StringBuilder o, Live live) {
    o.append("<h2 id=\"slos\">Response-time objectives</h2>");
    if (live == null) {
      o.append("<p class=\"muted\" id=\"no-slos\">Measured by the running server, not stored: see its <code>/cockpit</code> or <code>/metrics</code> "
          + "(<a href=\"#def-slo\">objectives</a>).</p>\n");
      return;
    }
    o.append("<table><thead><tr><th><a href=\"#def-slo\">objective</a></th><th>metric</th><th>target</th><th>within</th><th>measured</th>")
        .append("<th>attainment</th></tr></thead><tbody>");
    for (Slo s : live.slos()) {
      String key = "slos." + s.metric();
      o.append("<tr><td>").append(esc(s.name())).append("</td><td><code>").append(esc(s.metric())).append("</code></td><td>")
          .append(String.format(Locale.ROOT, "%.0f%% within %s", s.target() * 100, esc(s.threshold()))).append("</td><td data-figure=\"").append(esc(key))
          .append(".good\">").append(s.good()).append("</td><td data-figure=\"").append(esc(key)).append(".total\">").append(s.total()).append("</td><td>");
      if (s.total() == 0) o.append('-');
      else {
        double a = (double) s.good() / s.total();
        o.append(String.format(Locale.ROOT, "<b class=\"%s\">%.2f%%</b> %d/%d", a >= s.target() ? "met" : "missed", 100 * a, s.good(), s.total()));
      }
      o.append("</td></tr>");
    }
    o.append("</tbody></table><p class=\"note\">Since this server process started (Prometheus keeps the 30-day window: ")
        .append("<code>/metrics</code>).</p>\n");
  }

  private static void definitions(StringBuilder o) {
    o.append("<h2 id=\"definitions\">Definitions</h2><p class=\"note\">From docs/metrics.md, where each has its full text.</p><dl>");
    def(o, "def-pull-requests", "Pull requests", "Pull request phases",
        "Opened, merged and closed unmerged in the period, from the webhooks this server received.");
    def(o, "def-reviewer", "Human review", "The timeline",
        "A review or comment counts only when made by a person other than the author: never a bot by the forge's word, never Vetter itself.");
    def(o, "def-phases", "Phases", "Pull request phases",
        "A span between two timeline points of one pull request, counted in the period in which it ends; median and p90 (linear interpolation) "
            + "over its count.");
    def(o, "def-phase-cycle", "cycle", "Pull request phases", "opened (draft time included) to merged, over pull requests merged in the period.");
    def(o, "def-phase-pickup", "pickup", "Pull request phases", "opened, or first marked ready for a draft, to the first human review or comment.");
    def(o, "def-phase-review", "review", "Pull request phases", "first human review or comment to the first human approval.");
    def(o, "def-phase-merge", "merge", "Pull request phases", "first human approval to merged.");
    def(o, "def-negative", "negative", "Pull request phases", "Spans that end before they start: counted and shown, left out of the percentiles.");
    def(o, "def-outcomes", "Outcomes", "Finding outcomes",
        "fixed (gone at the head the pull request closed at), ignored (merged with it), abandoned (closed unmerged with it), open, unknown "
            + "(closed at a head Vetter did not review); disputed and waived are 0 until ChatOps is read.");
    def(o, "def-comment-to-merge", "Comment-to-merge ratio", "Finding outcomes",
        "posted findings fixed before merge / posted findings on pull requests merged in the period (fixed + ignored).");
    def(o, "def-fix-rate", "Fix rate", "Finding outcomes", "fixed / (fixed + ignored + abandoned + disputed + waived).");
    def(o, "def-precision", "Precision", "Finding outcomes",
        "fixed / (fixed + disputed + ignored), shown as value [95% Wilson score interval] part/whole; - with nothing to divide.");
    def(o, "def-slo", "Response-time objectives", "Response-time objectives",
        "99% of deliveries acknowledged within 1 s (vetter_webhook_ack_seconds); 95% of reviews posted within 60 s of the event "
            + "(vetter_delivery_feedback_seconds).");
    o.append("</dl>\n");
  }

  private static void def(StringBuilder o, String id, String term, String section, String text) {
    o.append("<dt id=\"").append(id).append("\">").append(term).append("</dt><dd>").append(esc(text)).append(" <span class=\"muted\">(docs/metrics.md, ")
        .append("section \u201c").append(section).append("\u201d)</span></dd>");
  }

  /** "0.80 [0.49, 0.94] 8/10" linked to its definition, or "- 0/0". */
  private static String ratio(String key, Ratio x, String definition) {
    return "<a href=\"#" + definition + "\" data-figure=\"" + esc(key) + "\" data-part=\"" + x.part() + "\" data-whole=\"" + x.whole() + "\""
        + (x.whole() == 0 ? "" : " data-value=\"" + number(x.interval().value()) + "\"") + ">" + ReportOutput.ratio(x) + "</a>";
  }

  /** The point estimate on a 0..1 scale with its Wilson interval as a whisker. */
  private static String interval(Ratio x) {
    if (x.whole() == 0) return "";
    double w = 120;
    return "<svg width=\"124\" height=\"14\" role=\"img\" aria-label=\"" + esc(ReportOutput.ratio(x)) + "\"><rect x=\"2\" y=\"6\" width=\"" + px(w)
        + "\" height=\"2\" fill=\"#eaeef2\"/><rect x=\"" + px(2 + w * x.interval().low()) + "\" y=\"5\" height=\"4\" width=\""
        + px(Math.max(1, w * (x.interval().high() - x.interval().low()))) + "\" fill=\"#8c959f\"/><rect x=\"" + px(1 + w * x.interval().value())
        + "\" y=\"1\" width=\"3\" height=\"12\" fill=\"#1b1f24\"/></svg>";
  }

  private static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  /** {@code s} as text in HTML, in an element or a quoted attribute. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String sha256(String text) {
    try {
      return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
