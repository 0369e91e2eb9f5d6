package dev.vetter.policy;

import dev.vetter.change.FileContent;
import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.NoOptions;
import dev.vetter.check.Severity;
import dev.vetter.engine.CheckRegistry;
import java.util.ArrayList;
import java.util.List;

/** Tiny checks for policy tests: one with an option of every supported type, and two without options. */
final class TestChecks {
  private TestChecks() {}

  static CheckRegistry registry() {
    return new CheckRegistry(List.of(new Words(), new Plain(), new Other()));
  }

  enum Mode { STRICT, LENIENT, ANY_CASE }

  /** Flags lines containing one of its words; the message shows the options in force, so tests can see them. */
  @CheckInfo(id = "test/words", category = Category.SMELLS, severity = Severity.WARNING, summary = "A line contains a flagged word.",
      rationale = "r", fix = "f", options = Words.Options.class)
  static final class Words implements FileCheck<Words.Options> {
    record Options(
        @Doc("Words to flag.") List<String> words,
        @Doc("At most this many findings per file.") int max,
        @Doc("A label shown in each message.") String label,
        @Doc("Ignore case when matching.") boolean ignoreCase,
        @Doc("Matching mode.") Mode matching,
        @Doc("A ratio between 0 and 1.") double ratio,
        @Doc("A size in bytes.") long bytes) {
      Options() {
        this(List.of("BAD"), 10, "default", false, Mode.STRICT, 0.5, 1024L);
      }

      Options {
        if (max < 1) throw new IllegalArgumentException("max must be at least 1, not " + max);
        if (ratio < 0 || ratio > 1) throw new IllegalArgumentException("ratio must be between 0 and 1");
        if (words.isEmpty()) throw new IllegalArgumentException("words must not be empty");
        if (words.contains(label)) throw new IllegalArgumentException("label must not be one of the words");
        words = List.copyOf(words);
      }
    }

    @Override
    public List<Finding> check(FileContext<Options> file) {
      Options o = file.options();
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) {
        for (String w : o.words()) {
          if (out.size() < o.max() && l.text().contains(w)) out.add(file.finding(l.number(), o.label() + ":" + w + ":" + o.matching()));
        }
      }
      return out;
    }
  }

  @CheckInfo(id = "test/plain", category = Category.STYLE, severity = Severity.NOTICE, summary = "Flags lines saying PLAIN.", rationale = "r", fix = "f")
  static final class Plain implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      List<Finding> out = new ArrayList<>();
      for (FileContent.Line l : file.head().lines()) if (l.text().contains("PLAIN")) out.add(file.finding(l.number(), "plain"));
      return out;
    }
  }

  @CheckInfo(id = "other/thing", category = Category.STYLE, severity = Severity.ERROR, summary = "Never finds anything.", rationale = "r", fix = "f")
  static final class Other implements FileCheck<NoOptions> {
    @Override
    public List<Finding> check(FileContext<NoOptions> file) {
      return List.of();
    }
  }
}
