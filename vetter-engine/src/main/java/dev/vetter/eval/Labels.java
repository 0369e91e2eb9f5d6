package dev.vetter.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.check.Finding;
import dev.vetter.engine.UserError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Findings labelled by hand, one JSON object a line ({@code docs/eval.md}): a finding is named by its fingerprint,
 * or by its rule, path and line; either way optionally by the commit it was found in (a prefix of its id).
 * <pre>
 * {"fingerprint": "3f1c...", "label": "fp", "note": "a version string, not a secret"}
 * {"rule": "hygiene/line-length", "path": "src/A.java", "line": 12, "commit": "d15939ef", "label": "noise"}
 * </pre>
 * When several lines name one finding, the most specific wins (fingerprint before position, with a commit before
 * without), then the later line. With a fingerprint, the rule, path, line and message on the line are only for the
 * reader: they are what the list of unlabelled findings writes.
 */
public final class Labels {
  // one object a line: a second object on the line, or a key given twice, is a mistake to point out, not to guess at
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");

  /** A judgement of one finding; {@code unsure} is left out of precision. */
  public enum Label {
    TP, FP, NOISE, UNSURE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Label parse(String s) {
      for (Label l : values()) if (l.id().equals(s)) return l;
      return null;
    }
  }

  /**
   * One line of the file.
   *
   * @param line its line number in the file, 1-based
   * @param fingerprint the finding's fingerprint, or null when it is named by position
   * @param path null for a finding on the change as a whole
   * @param lineNo the finding's line, 0 for one on a whole file or the change
   * @param commit a prefix of the commit's id, lower case, or null for any commit
   */
  public record Entry(int line, String fingerprint, String rule, String path, int lineNo, String commit, Label label, String note) {
    /** How specific the entry is: the higher wins when several name the same finding. */
    int rank() {
      return (fingerprint != null ? 2 : 0) + (commit != null ? 1 : 0);
    }

    boolean matches(String commitId, Finding f) {
      if (commit != null && !commitId.startsWith(commit)) return false;
      if (fingerprint != null) return fingerprint.equals(f.fingerprint());
      return rule.equals(f.rule()) && Objects.equals(path, f.path()) && lineNo == f.line();
    }

    /** What the entry names, for the list of labels that named no finding. */
    public String describe() {
      String what = fingerprint != null ? "fingerprint " + fingerprint : rule + " at " + (path == null ? "(the change)" : path) + (lineNo > 0 ? ":" + lineNo : "");
      return what + (commit != null ? " in " + commit : "");
    }
  }

  private final String name;
  private final List<Entry> entries;

  private Labels(String name, List<Entry> entries) {
    this.name = name;
    this.entries = List.copyOf(entries);
  }

  public String name() {
    return name;
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * The labels in {@code text}, read from the file {@code name}; blank lines are skipped.
   *
   * @throws UserError naming the first malformed line by its number
   */
  public static Labels parse(String name, String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) continue;
      entries.add(entry(name, i + 1, l));
    }
    return new Labels(name, entries);
  }

  private static Entry entry(String file, int n, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad(file, n, "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); each line is one object, e.g. "
          + "{\"fingerprint\": \"...\", \"label\": \"tp\"}");
    }
    if (node == null || !node.isObject()) throw bad(file, n, "not a JSON object; each line is one object, e.g. {\"fingerprint\": \"...\", \"label\": \"tp\"}");
    JsonNode labelNode = node.get("label");
    Label label = labelNode != null && labelNode.isTextual() ? Label.parse(labelNode.asText()) : null;
    if (label == null) {
      throw bad(file, n, "\"label\" must be one of tp, fp, noise, unsure, not " + (labelNode == null ? "missing" : labelNode.toString()));
    }
    String fingerprint = text(file, n, node, "fingerprint");
    String rule = text(file, n, node, "rule");
    String path = text(file, n, node, "path");
    String commit = text(file, n, node, "commit");
    String note = text(file, n, node, "note");
    if (commit != null && !COMMIT.matcher(commit).matches()) throw bad(file, n, "\"commit\" must be a commit id or a prefix of one (4 to 40 hex digits), not \"" + commit + "\"");
    JsonNode lineNode = node.get("line");
    int line = 0;
    if (lineNode != null && !lineNode.isNull()) {
      if (!lineNode.canConvertToInt() || !lineNode.isIntegralNumber() || lineNode.asInt() < 0) {
        throw bad(file, n, "\"line\" must be a line number (0 or absent for a whole file or the change), not " + lineNode);
      }
      line = lineNode.asInt();
    }
    if (fingerprint == null && rule == null) {
      throw bad(file, n, "a label names its finding by \"fingerprint\", or by \"rule\", \"path\" and \"line\" (optionally \"commit\")");
    }
    return new Entry(n, fingerprint, rule, path, line, commit == null ? null : commit.toLowerCase(Locale.ROOT), label, note);
  }

  private static String text(String file, int n, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw bad(file, n, "\"" + key + "\" must be a string, not " + v);
    return v.asText().isEmpty() ? null : v.asText();
  }

  private static UserError bad(String file, int n, String why) {
    return new UserError(file + ":" + n + ": " + why);
  }

  /** Precision counts: findings labelled each way. */
  public record Counts(int tp, int fp, int noise, int unsure) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    Counts plus(Label l) {
      return switch (l) {
        case TP -> new Counts(tp + 1, fp, noise, unsure);
        case FP -> new Counts(tp, fp + 1, noise, unsure);
        case NOISE -> new Counts(tp, fp, noise + 1, unsure);
        case UNSURE -> new Counts(tp, fp, noise, unsure + 1);
      };
    }

    public int labelled() {
      return tp + fp + noise + unsure;
    }

    /** Posting precision: of what it would post, the share worth posting, {@code tp / (tp + fp + noise)}. */
    public Wilson posting() {
      return Wilson.of(tp, tp + fp + noise);
    }

    /** Rule correctness: of what it finds, the share that is what the rule claims, {@code tp / (tp + fp)}. */
    public Wilson correctness() {
      return Wilson.of(tp, tp + fp);
    }
  }

  /** A finding of the replay, with the pull request (commit) it was found in. */
  public record Item(String commit, ReplayReport.Found found) {
    public Finding finding() {
      return found.finding();
    }
  }

  /**
   * The labels applied to a replay's findings.
   *
   * @param perRule counts per rule, for the rules with a labelled finding (posted or in shadow)
   * @param posted counts over every posted finding
   * @param blocking counts over the findings that would have failed their pull request
   * @param shadow counts over the findings in shadow
   * @param unlabelled the findings no label names, in the report's order
   * @param unknown the labels that name no finding of this replay
   */
  public record Evaluation(Map<String, Counts> perRule, Counts posted, Counts blocking, Counts shadow, List<Item> labelledItems, List<Item> unlabelled,
      List<Entry> unknown) {
    /** The rule's counts, none when it has no labelled finding. */
    public Counts of(String rule) {
      return perRule.getOrDefault(rule, Counts.NONE);
    }
  }

  /** These labels against the findings of {@code report}. */
  public Evaluation evaluate(ReplayReport report) {
    // a finding can only be named by an entry with its fingerprint or its rule: index both
    Map<String, List<Entry>> byFingerprint = new HashMap<>();
    Map<String, List<Entry>> byRule = new HashMap<>();
    for (Entry e : entries) {
      if (e.fingerprint() != null) byFingerprint.computeIfAbsent(e.fingerprint(), k -> new ArrayList<>()).add(e);
      else byRule.computeIfAbsent(e.rule(), k -> new ArrayList<>()).add(e);
    }
    Set<Entry> used = new HashSet<>();
    Map<String, Counts> perRule = new TreeMap<>();
    Counts posted = Counts.NONE;
    Counts blocking = Counts.NONE;
    Counts shadow = Counts.NONE;
    List<Item> labelled = new ArrayList<>();
    List<Item> unlabelled = new ArrayList<>();
    for (ReplayReport.PullRequest pr : report.pullRequests()) {
      for (ReplayReport.Found f : all(pr)) {
        Entry best = null;
        for (List<Entry> candidates : Arrays.asList(byFingerprint.get(f.finding().fingerprint()), byRule.get(f.finding().rule()))) {
          if (candidates == null) continue;
          for (Entry e : candidates) {
            if (!e.matches(pr.commit(), f.finding())) continue;
            used.add(e);
            if (best == null || e.rank() > best.rank() || (e.rank() == best.rank() && e.line() > best.line())) best = e;
          }
        }
        Item item = new Item(pr.commit(), f);
        if (best == null) {
          unlabelled.add(item);
          continue;
        }
        labelled.add(item);
        Label label = best.label();
        perRule.merge(f.finding().rule(), Counts.NONE.plus(label), (a, b) -> a.plus(label));
        if (f.shadow()) shadow = shadow.plus(label);
        else posted = posted.plus(label);
        if (f.blocks()) blocking = blocking.plus(label);
      }
    }
    List<Entry> unknown = entries.stream().filter(e -> !used.contains(e)).toList();
    return new Evaluation(perRule, posted, blocking, shadow, labelled, unlabelled, unknown);
  }

  /** A pull request's findings, posted then in shadow: both can be labelled (a rule in shadow is judged before it is posted). */
  private static List<ReplayReport.Found> all(ReplayReport.PullRequest pr) {
    List<ReplayReport.Found> all = new ArrayList<>(pr.findings());
    all.addAll(pr.shadow());
    return all;
  }

  /**
   * Findings to label next: for each rule, the {@code perRule} of its findings that come first in an order drawn at
   * random from {@code seed}, less those already labelled; all unlabelled findings when {@code perRule} is 0. The
   * order is a hash of the seed, commit and fingerprint, so a finding's place depends on nothing else: the same
   * seed picks the same findings on every run and machine, and labelling some of them leaves the rest of the sample
   * as it was.
   */
  public static List<Item> sample(ReplayReport report, Evaluation evaluation, int perRule, long seed) {
    if (perRule <= 0) return evaluation.unlabelled();
    Set<Item> open = new HashSet<>(evaluation.unlabelled());
    Map<String, List<Item>> byRule = new TreeMap<>();
    for (ReplayReport.PullRequest pr : report.pullRequests()) {
      for (ReplayReport.Found f : all(pr)) byRule.computeIfAbsent(f.finding().rule(), k -> new ArrayList<>()).add(new Item(pr.commit(), f));
    }
    List<Item> picked = new ArrayList<>();
    for (List<Item> items : byRule.values()) {
      items.sort(Comparator.comparing((Item i) -> rank(seed, i)));
      for (Item i : items.subList(0, Math.min(perRule, items.size()))) if (open.contains(i)) picked.add(i);
    }
    return picked;
  }

  private static String rank(long seed, Item item) {
    Finding f = item.finding();
    String id = seed + "\0" + item.commit() + "\0" + (f.fingerprint() != null ? f.fingerprint() : f.rule() + "\0" + f.path() + "\0" + f.line());
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has SHA-256
    }
  }

  /** A line to fill in for {@code item}: a label file's line with an empty label and note. */
  public static String todo(Item item) {
    Finding f = item.finding();
    ObjectNode n = JSON.createObjectNode();
    n.put("fingerprint", f.fingerprint());
    n.put("commit", item.commit());
    n.put("rule", f.rule());
    n.put("path", f.path());
    if (f.line() > 0) n.put("line", f.line());
    else n.putNull("line");
    n.put("severity", f.severity().id());
    n.put("mode", f.mode() == null ? null : f.mode().id());
    n.put("message", f.message());
    n.put("label", "");
    n.put("note", "");
    return n.toString();
  }
}
