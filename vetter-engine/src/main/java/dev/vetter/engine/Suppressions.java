package dev.vetter.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import dev.vetter.check.Finding;
import java.util.function.Function;

/**
 * Inline suppressions: {@code vetter:ignore RULE_ID reason} in a comment silences that rule (or every
 * rule of a family, or several rules separated by commas) on the same line and on the line below. Rule ids
 * are compared exactly: a check's sub-rule keeps its tool's spelling ({@code java/checkstyle/LineLength}).
 */
final class Suppressions {
  private static final Pattern DIRECTIVE = Pattern.compile("vetter:ignore\\s+([A-Za-z0-9][A-Za-z0-9/,._-]*)");

  private Suppressions() {}

  static boolean suppressed(Finding f, Function<String, FileContent> head) {
    if (f.scope() != Finding.Scope.LINE) return false;
    FileContent content = head.apply(f.path());
    if (content == null) return false;
    return matches(content.line(f.line()), f.rule()) || matches(content.line(f.line() - 1), f.rule());
  }

  private static boolean matches(FileContent.Line line, String rule) {
    if (line == null || !line.text().contains("vetter:ignore")) return false;
    Matcher m = DIRECTIVE.matcher(line.text());
    while (m.find()) {
      for (String target : m.group(1).split(",")) {
        if (target.equals(rule) || rule.startsWith(target + "/")) return true;
      }
    }
    return false;
  }
}
