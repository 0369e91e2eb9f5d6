package dev.vetter.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vetter.check.Doc;
import dev.vetter.engine.RuleInfo;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** A rule's documentation in Markdown, from its own metadata: used by {@code vetter explain} and docs/rules.md. */
public final class RuleDocs {
  private RuleDocs() {}

  public static String markdown(RuleInfo r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## ").append(r.id()).append("\n\n");
    sb.append(r.summary()).append("\n\n");
    sb.append("Category: ").append(r.category().id()).append(" · default severity: ").append(r.severity().id()).append("\n\n");
    sb.append("**Why it matters.** ").append(r.rationale().strip()).append("\n\n");
    sb.append("**How to fix.** ").append(r.fix().strip()).append("\n\n");
    if (r.hasOptions()) {
      sb.append("**Options** (under `rules: {").append(r.id()).append(": {...}}` in `.vetter.yml`):\n\n");
      JsonNode defaults = OptionsBinder.defaultsTree(r.options());
      for (RecordComponent c : r.options().getRecordComponents()) {
        Doc doc = c.getAnnotation(Doc.class);
        sb.append("- `").append(OptionsBinder.optionName(c)).append("` (default `").append(defaults.get(OptionsBinder.optionName(c))).append("`)");
        if (doc != null) sb.append(": ").append(doc.value());
        sb.append('\n');
      }
      sb.append('\n');
    }
    sb.append("**Suppress.** A finding on a line: a comment `vetter:ignore ").append(r.id())
        .append(" <reason>` on the line or the line above. For paths: `overrides: [{paths: [...], rules: {").append(r.id())
        .append(": false}}]`. Everywhere: `rules: {").append(r.id()).append(": false}`. Existing findings: a baseline (`vetter review --write-baseline`).\n");
    return sb.toString();
  }

  /** The whole rule reference. */
  public static String reference(List<RuleInfo> rules) {
    StringBuilder sb = new StringBuilder("# Rule reference\n\n<!-- Generated from the rules' own metadata by RuleDocsTest; do not edit by hand. -->\n\n");
    sb.append("| rule | category | severity | finds |\n|---|---|---|---|\n");
    for (RuleInfo r : rules) {
      sb.append("| [").append(r.id()).append("](#").append(r.id().replaceAll("[^a-z0-9-]", "")).append(") | ")
          .append(r.category().id()).append(" | ").append(r.severity().id()).append(" | ").append(r.summary()).append(" |\n");
    }
    sb.append('\n');
    for (RuleInfo r : rules) sb.append(markdown(r)).append('\n');
    return sb.toString();
  }
}
