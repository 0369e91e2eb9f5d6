package dev.vetter.checks.smells;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.Language;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@CheckInfo(
    id = "smells/complexity",
    category = Category.SMELLS,
    severity = Severity.WARNING,
    mode = Mode.SHADOW, // labelled: 7 worth raising of 57; docs/eval.md
    summary = "A function the change touches whose cyclomatic complexity crosses the limit (15) or grows by more than 5, in Java, JavaScript, TypeScript, Python and Go.",
    rationale = """
        Cyclomatic complexity counts the independent paths through a function: one plus each decision \
        point (`if`, `for`, `while`, `case`, `catch`, `&&`, `||`, `?:`; Python's `elif`, `except`, `and`, \
        `or`). Past about 15 a function is hard to read, to test (each path wants a test) and to change \
        safely. The rule compares each function with the same function (by qualified name) at the base, \
        so it reports what the change does: a function that crosses the limit, or one already above it \
        that grows, or any function that gains more than `maxIncrease` paths at once; touching a complex \
        function without making it worse is fine. Counted as lizard does, from tokens: strings and \
        comments are skipped; anonymous functions count towards the function around them.""",
    fix = """
        Extract parts of the function into well-named helpers, replace nested conditions with early \
        returns, and table- or polymorphism-driven dispatch for long `switch`/`if` chains.""",
    options = Complexity.Options.class)
public final class Complexity implements FileCheck<Complexity.Options> {

  public record Options(
      @Doc("The highest acceptable cyclomatic complexity of a function; at least 1.")
      int max,
      @Doc("The largest acceptable growth of a function's complexity in one change; 0 reports any growth.")
      int maxIncrease) {

    public Options() {
      this(15, 5);
    }

    public Options {
      if (max < 1) throw new IllegalArgumentException("max must be at least 1, got " + max);
      if (maxIncrease < 0) throw new IllegalArgumentException("max-increase must be 0 or more, got " + maxIncrease);
    }
  }

  @Override
  public boolean accepts(ChangedFile file) {
    return file.isReviewableText() && Functions.supports(Language.of(file.path()));
  }

  @Override
  public List<Finding> check(FileContext<Options> file) {
    Options o = file.options();
    Language language = Language.of(file.path());
    List<Functions.Function> head = Functions.of(language, file.head().text());
    // only functions that could be reported need the base
    if (head.stream().noneMatch(f -> f.complexity() > o.max() || f.complexity() > 1 + o.maxIncrease())) return List.of();
    Map<String, Functions.Function> base = new HashMap<>();
    file.base().ifPresent(c -> {
      if (!c.isBinary()) base.putAll(byName(Functions.of(language, c.text())));
    });
    List<Finding> findings = new ArrayList<>();
    byName(head).forEach((key, f) -> {
      Functions.Function before = base.get(key);
      String message = message(f, before, o);
      if (message != null) findings.add(file.finding(f.line(), message).withEndLine(f.endLine()).withKey("complexity:" + key));
    });
    findings.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return findings;
  }

  static String message(Functions.Function f, Functions.Function before, Options o) {
    int now = f.complexity();
    String name = "Function `" + f.name() + "`";
    if (before == null) {
      return now > o.max() ? name + " has a cyclomatic complexity of " + now + ", above the limit of " + o.max() + "." : null;
    }
    int was = before.complexity();
    if (now > o.max() && was <= o.max()) {
      return name + " now has a cyclomatic complexity of " + now + " (was " + was + "), above the limit of " + o.max() + ".";
    }
    if (now > o.max() && now > was) {
      return name + " was already above the complexity limit of " + o.max() + " and grew from " + was + " to " + now + ".";
    }
    if (now - was > o.maxIncrease()) {
      return name + "'s cyclomatic complexity grew from " + was + " to " + now + " (+" + (now - was) + "; at most +" + o.maxIncrease()
          + " per change).";
    }
    return null;
  }

  // overloads and same-named functions are told apart by their order: name, name#2, ...
  private static Map<String, Functions.Function> byName(List<Functions.Function> functions) {
    Map<String, Functions.Function> out = new java.util.LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Functions.Function f : functions) {
      int n = seen.merge(f.name(), 1, Integer::sum);
      out.put(n == 1 ? f.name() : f.name() + "#" + n, f);
    }
    return out;
  }
}
