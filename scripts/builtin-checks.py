#!/usr/bin/env python3
"""Prints BuiltInChecks.java listing every @CheckInfo class under vetter-checks, sorted by rule id.
A maintenance aid for merges: the list stays explicit in the source (nothing registers itself)."""
import pathlib, re
root = pathlib.Path(__file__).resolve().parent.parent / "vetter-checks/src/main/java"
checks = []
for f in root.rglob("*.java"):
    s = f.read_text()
    m = re.search(r'@CheckInfo\(\s*id\s*=\s*"([^"]+)"', s)
    if m and re.search(r'public final class (\w+)', s):
        cls = re.search(r'public final class (\w+)', s).group(1)
        pkg = re.search(r'^package ([\w.]+);', s, re.M).group(1)
        checks.append((m.group(1), pkg + "." + cls, cls))
checks.sort()
w = max(len(c[2]) for c in checks) + 8
lines = []
for n, (rule, _, cls) in enumerate(checks):
    code = f"new {cls}()" + (");" if n == len(checks) - 1 else ",")
    lines.append(f"        {code.ljust(w)}// {rule}")
imports = "\n".join(sorted(f"import {q};" for _, q, _ in checks))
print(f"""package dev.vetter.checks;

import dev.vetter.check.Check;
{imports}
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {{
  private BuiltInChecks() {{}}

  public static List<Check> all() {{
    return List.of(
{chr(10).join(lines)}
  }}
}}""")
