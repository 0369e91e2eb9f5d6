package dev.vetter.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.ai.grounding.ModelAnswer;
import dev.vetter.ai.map.ChangeMapOutput;
import java.util.Locale;
import java.util.stream.Collectors;

/** A {@link Summary} as Markdown (the walkthrough, the change map, a footer on the model's cost) and as JSON. */
public final class SummaryOutput {
  private SummaryOutput() {}

  public static String markdown(Summary s) {
    StringBuilder out = new StringBuilder("## Summary\n\n");
    if (!s.walkthrough().isEmpty()) {
      out.append("### Walkthrough\n\n");
      for (ModelAnswer.Statement st : s.walkthrough()) out.append("- ").append(st.text().replace("\n", " ")).append(" (").append(anchor(st)).append(")\n");
      out.append('\n');
    }
    out.append("### Change map\n\n").append(ChangeMapOutput.markdown(s.map())).append('\n');
    String footer = footer(s);
    if (!footer.isEmpty()) out.append("<sub>").append(footer).append("</sub>\n");
    return out.toString();
  }

  public static ObjectNode json(Summary s) {
    ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    root.put("source", s.source().name().toLowerCase(Locale.ROOT));
    ArrayNode w = root.putArray("walkthrough");
    for (ModelAnswer.Statement st : s.walkthrough()) {
      ObjectNode n = w.addObject().put("text", st.text());
      if (st.finding() != null) n.put("finding", st.finding());
      if (st.path() != null) n.put("path", st.path()).put("startLine", st.startLine()).put("endLine", st.endLine() == null ? st.startLine() : st.endLine());
    }
    if (s.note() != null) root.put("note", s.note());
    root.set("changeMap", ChangeMapOutput.json(s.map()));
    ObjectNode u = root.putObject("usage");
    if (s.usage().model() != null) u.put("model", s.usage().model());
    u.put("calls", s.usage().calls()).put("inputTokens", s.usage().inputTokens()).put("outputTokens", s.usage().outputTokens()).put("cached", s.usage().cached());
    ObjectNode dropped = root.putObject("dropped");
    s.dropped().forEach((k, v) -> dropped.put(k.name().toLowerCase(Locale.ROOT).replace('_', '-'), v));
    ArrayNode omitted = root.putArray("omitted");
    s.omitted().forEach(o -> omitted.addObject().put("path", o.path()).put("reason", o.reason()));
    return root;
  }

  private static String anchor(ModelAnswer.Statement st) {
    if (st.path() != null) {
      int end = st.endLine() == null ? st.startLine() : st.endLine();
      return "`" + st.path().replace("`", "'") + "` " + (end == st.startLine() ? "line " + st.startLine() : "lines " + st.startLine() + "–" + end);
    }
    return "finding `" + st.finding() + "`";
  }

  private static String footer(Summary s) {
    StringBuilder f = new StringBuilder();
    switch (s.source()) {
      case MODEL -> f.append("Walkthrough by ").append(s.usage().model()).append(", held to Vetter's findings and the changed lines; it decides nothing.");
      case FALLBACK -> f.append("No walkthrough: ").append(s.note()).append(". The change map above is Vetter's own.");
      case DETERMINISTIC -> {
        if (s.note() != null) f.append("No walkthrough: ").append(s.note()).append('.');
      }
    }
    if (s.usage().model() != null) {
      f.append(s.usage().cached() ? " Answer from the cache: no call." : " " + s.usage().calls() + (s.usage().calls() == 1 ? " call, " : " calls, ")
          + s.usage().inputTokens() + " tokens in, " + s.usage().outputTokens() + " out.");
    }
    if (!s.dropped().isEmpty()) {
      int n = s.dropped().values().stream().mapToInt(Integer::intValue).sum();
      f.append(' ').append(n).append(n == 1 ? " statement" : " statements").append(" dropped (")
          .append(s.dropped().entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.getValue())
              .sorted().collect(Collectors.joining(", "))).append(").");
    }
    long overBudget = s.omitted().stream().filter(o -> o.reason().startsWith("over")).count();
    if (overBudget > 0) f.append(' ').append(overBudget).append(overBudget == 1 ? " file" : " files").append(" over the input budget, not shown to the model.");
    return f.toString().strip();
  }
}
