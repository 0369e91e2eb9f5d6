package dev.vetter.ai.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A {@link ChangeMap} as Markdown (for people) and as a JSON tree (the {@code changeMap} section of {@code vetter summarize --format json}). */
public final class ChangeMapOutput {
  /** How many ranked files the Markdown lists one by one; the rest are counted. */
  public static final int MARKDOWN_FILES = 15;

  private ChangeMapOutput() {}

  public static ObjectNode json(ChangeMap map) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("risk", map.risk().id());
    ArrayNode areas = root.putArray("areas");
    for (ChangeMap.Area a : map.areas()) {
      areas.addObject().put("name", a.name()).put("files", a.files()).put("added", a.added()).put("removed", a.removed());
    }
    ArrayNode files = root.putArray("files");
    for (ChangeMap.RankedFile f : map.files()) {
      ObjectNode n = files.addObject();
      n.put("path", f.path());
      if (f.oldPath() != null) n.put("oldPath", f.oldPath());
      n.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
      n.put("role", f.role().id());
      n.put("added", f.added());
      n.put("removed", f.removed());
      n.put("score", f.score());
      n.put("risk", RiskScore.level(f.score()).id());
      f.reasons().forEach(n.putArray("reasons")::add);
    }
    ArrayNode collapsed = root.putArray("collapsed");
    for (ChangeMap.Collapsed c : map.collapsed()) {
      ObjectNode n = collapsed.addObject().put("role", c.role().id()).put("added", c.added()).put("removed", c.removed());
      c.paths().forEach(n.putArray("paths")::add);
    }
    map.dependencies().forEach(root.putArray("dependencies")::add);
    map.ownership().forEach(root.putArray("ownership")::add);
    root.put("testsTouched", map.testsTouched());
    return root;
  }

  public static String markdown(ChangeMap map) {
    StringBuilder out = new StringBuilder();
    out.append("**Risk: ").append(map.risk().id()).append("**");
    if (!map.files().isEmpty() && !map.files().get(0).reasons().isEmpty()) {
      out.append(" (").append(code(map.files().get(0).path())).append(": ").append(String.join(", ", map.files().get(0).reasons())).append(')');
    }
    out.append("\n\n");
    if (!map.areas().isEmpty()) {
      out.append("Areas: ");
      List<String> parts = map.areas().stream()
          .map(a -> code(a.name()) + " (" + a.files() + (a.files() == 1 ? " file" : " files") + ", +" + a.added() + " −" + a.removed() + ")").toList();
      out.append(String.join(", ", parts)).append("\n\n");
    }
    if (!map.files().isEmpty()) {
      out.append("| Risk | File | Lines | Why |\n|---|---|---|---|\n");
      for (ChangeMap.RankedFile f : map.files().subList(0, Math.min(MARKDOWN_FILES, map.files().size()))) {
        String path = f.oldPath() == null ? code(f.path()) : code(f.oldPath()) + " → " + code(f.path());
        out.append("| ").append(RiskScore.level(f.score()).id()).append(' ').append(f.score()).append(" | ").append(path)
            .append(" | +").append(f.added()).append(" −").append(f.removed()).append(" | ")
            .append(f.reasons().isEmpty() ? "" : String.join(", ", f.reasons()).replace("|", "\\|")).append(" |\n");
      }
      if (map.files().size() > MARKDOWN_FILES) out.append("\n…and ").append(map.files().size() - MARKDOWN_FILES).append(" more files of lower risk.\n");
      out.append('\n');
    }
    for (ChangeMap.Collapsed c : map.collapsed()) {
      out.append("<details><summary>").append(c.paths().size()).append(' ').append(label(c.role())).append(" (+").append(c.added()).append(" −")
          .append(c.removed()).append(")</summary>\n\n");
      c.paths().forEach(p -> out.append("- ").append(code(p)).append('\n'));
      out.append("\n</details>\n\n");
    }
    if (!map.dependencies().isEmpty()) out.append("Dependencies changed: ").append(String.join(", ", map.dependencies().stream().map(ChangeMapOutput::code).toList())).append("\n\n");
    if (!map.ownership().isEmpty()) out.append("Ownership changed: ").append(String.join(", ", map.ownership().stream().map(ChangeMapOutput::code).toList())).append("\n\n");
    if (!map.testsTouched() && map.files().stream().anyMatch(f -> f.role() == FileRole.SOURCE)) out.append("No test changed.\n\n");
    return out.toString().stripTrailing() + "\n";
  }

  private static String label(FileRole role) {
    return switch (role) {
      case LOCKFILE -> "lockfile(s)";
      case VENDORED -> "vendored file(s)";
      case GENERATED -> "generated file(s)";
      default -> role.id();
    };
  }

  /** A path as Markdown code, safe whatever backticks it holds. */
  static String code(String s) {
    String fence = s.contains("`") ? "`` " : "`";
    String end = s.contains("`") ? " ``" : "`";
    return fence + s.replace("\n", " ") + end;
  }
}
