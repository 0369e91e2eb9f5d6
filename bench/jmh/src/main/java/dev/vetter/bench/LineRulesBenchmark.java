package dev.vetter.bench;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.check.Check;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.checks.BuiltInChecks;
import dev.vetter.policy.OptionsBinder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every built-in file check on one realistic 2,000-line Java file, against the floor measured in the
 * same run: decoding the bytes and walking the lines once (what any line rule must at least do).
 * The ratio allRules / floor is the figure to watch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineRulesBenchmark {
  private byte[] bytes;
  private ChangedFile file;
  private List<FileCheck<?>> checks;

  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder("package com.example.bench;\n\nimport java.util.List;\n\n/** Generated for the benchmark. */\npublic final class Big {\n");
    for (int i = 0; i < 330; i++) {
      sb.append("  /** Method ").append(i).append(". */\n");
      sb.append("  public int method").append(i).append("(List<String> items, int limit) {\n");
      sb.append("    int total = 0; // TODO(#").append(i).append(") tune\n");
      sb.append("    for (String item : items) {\n      if (item.length() > limit && total < 1000) total += item.hashCode() % 7;\n    }\n");
      sb.append("    return total;\n  }\n\n");
    }
    sb.append("}\n");
    bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    FileContent content = new FileContent("src/main/java/com/example/bench/Big.java", "0".repeat(40), bytes);
    List<DiffLine> added = new ArrayList<>();
    for (FileContent.Line l : content.lines()) added.add(new DiffLine(DiffLine.Kind.ADDED, 0, l.number(), l.text()));
    file = new ChangedFile(FileStatus.ADDED, null, content.path(), 0, FileMode.MISSING, FileMode.REGULAR, null, "0".repeat(40), false, false,
        bytes.length, List.of(new Hunk(0, 0, 1, added.size(), added)));
    checks = new ArrayList<>();
    for (Check c : BuiltInChecks.all()) {
      if (c instanceof FileCheck<?> fc && fc.accepts(file)) checks.add(fc);
    }
  }

  /** The floor: decode and walk every line once. */
  @Benchmark
  public int floorDecodeAndWalkLines() {
    int n = 0;
    for (FileContent.Line l : new FileContent(file.path(), null, bytes).lines()) n += l.text().length();
    return n;
  }

  /** Every built-in file check that accepts a Java file, on fresh content (nothing cached between invocations). */
  @Benchmark
  public int allFileChecks() {
    FileContent content = new FileContent(file.path(), null, bytes);
    int findings = 0;
    for (FileCheck<?> check : checks) findings += run(check, content).size();
    return findings;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Finding> run(FileCheck check, FileContent content) {
    Record options = OptionsBinder.defaults(Check.info(check).options());
    return check.check(new FileContext() {
      @Override public ChangedFile file() { return file; }
      @Override public FileContent head() { return content; }
      @Override public Optional<FileContent> base() { return Optional.empty(); }
      @Override public Record options() { return options; }
      @Override public Optional<FileContent> readHead(String path) { return Optional.empty(); }
    });
  }
}
