package dev.vetter.checks.secrets;

import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.check.Check;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.checks.BuiltInChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs secret checks on one file without git: for corpus and unit tests (the fixtures go through the real engine). */
final class InMemory {
  private InMemory() {}

  /** Every built-in {@code secrets/…} check. */
  static List<FileCheck<?>> secretChecks() {
    List<FileCheck<?>> checks = new ArrayList<>();
    for (Check c : BuiltInChecks.all()) {
      if (Check.info(c).id().startsWith("secrets/") && c instanceof FileCheck<?> fc) checks.add(fc);
    }
    return checks;
  }

  /** Findings of {@code checks} on {@code content}, with options from {@code options} (default when absent), rule id in {@code rule}. */
  static List<Finding> run(List<FileCheck<?>> checks, FileContent content, Function<FileCheck<?>, Record> options) {
    ChangedFile file = new ChangedFile(FileStatus.ADDED, null, content.path(), 0, FileMode.MISSING, FileMode.REGULAR, null, "0",
        content.isBinary(), false, content.size(), List.of());
    List<Finding> all = new ArrayList<>();
    for (FileCheck<?> check : checks) {
      if (!check.accepts(file)) continue;
      Record o = options.apply(check);
      for (Finding f : invoke(check, new Context<>(file, content, o, Map.of()))) {
        all.add(f.withIdentity(Check.info(check).id(), null, null, null));
      }
    }
    return all;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Finding> invoke(FileCheck check, FileContext ctx) {
    return check.check(ctx);
  }

  record Context<O extends Record>(ChangedFile file, FileContent content, O options, Map<String, FileContent> others) implements FileContext<O> {
    @Override
    public FileContent head() {
      return content;
    }

    @Override
    public Optional<FileContent> base() {
      return Optional.empty();
    }

    @Override
    public Optional<FileContent> readHead(String path) {
      return Optional.ofNullable(others.get(path));
    }
  }
}
