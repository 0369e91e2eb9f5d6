package dev.vetter.checks.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The common detector: a keyword-gated RE2/J pattern whose first capturing group is the secret, a
 * minimum Shannon entropy, and the placeholder test; optionally a further test of the secret.
 */
record PatternDetector(String rule, String label, int level, List<String> keywords, Pattern pattern, double minEntropy,
    Predicate<String> valid) implements Detector {

  @Override
  public List<String> rules() {
    return List.of(rule);
  }

  PatternDetector {
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    if (pattern.groupCount() < 1) throw new IllegalArgumentException(rule + ": the pattern needs a group for the secret");
  }

  /** A detector at the {@link Detector#SPECIFIC} level. */
  static PatternDetector of(String rule, String label, String regex, double minEntropy, String... keywords) {
    return new PatternDetector(rule, label, SPECIFIC, List.of(keywords), Pattern.compile(regex), minEntropy, s -> true);
  }

  PatternDetector at(int level) {
    return new PatternDetector(rule, label, level, keywords, pattern, minEntropy, valid);
  }

  PatternDetector validatedBy(Predicate<String> test) {
    return new PatternDetector(rule, label, level, keywords, pattern, minEntropy, test);
  }

  @Override
  public void scan(FileContent file, int index, List<Candidate> out) {
    String text = file.lines().get(index).text();
    Matcher m = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      int g = 1;
      while (g < m.groupCount() && m.group(g) == null) g++;
      String secret = m.group(g);
      if (secret == null || secret.isEmpty()) {
        from = Math.max(m.end(), from + 1);
        continue;
      }
      // continue from the end of the secret: a boundary character after it may start the next match
      from = m.end(g);
      if (Secrets.entropy(secret) < minEntropy || Secrets.isPlaceholder(secret) || !valid.test(secret)) continue;
      int line = index + 1;
      out.add(new Candidate(rule, label, line, line, m.start(g), m.end(g), secret, level));
    }
  }
}
