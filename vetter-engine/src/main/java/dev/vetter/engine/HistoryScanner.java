package dev.vetter.engine;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.Hunk;
import dev.vetter.check.Check;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs file checks over every commit of a history ({@code vetter scan --history}): each commit against
 * its first parent, on the lines it adds only, each finding reported once, at the earliest commit
 * (parents before children) where it appears. A finding is the same when its rule and key are: for a
 * secret, the key is a hash of the secret, so a secret moved, deleted and re-added is reported where it
 * first came in. The policy's include and exclude, per-path rule settings, inline suppressions (in the
 * file as it is at that commit) and the baseline apply as in a review; the policy's diff filter does not
 * (only added lines are read). Commits are scanned in parallel on a bounded pool; the result does not
 * depend on the pool's size.
 */
public final class HistoryScanner {

  /** Where the commits come from (a git repository, in {@code dev.vetter.git.History}). */
  public interface CommitSource {
    /**
     * The scan as a whole: a change of kind {@link Change.Kind#HISTORY} naming the scanned ref, whose
     * {@code commits()} are the commits to scan, parents before children, and whose files are not listed.
     */
    Change overview();

    /**
     * What commit {@code index} introduces, as a change against its first parent (the empty tree for a
     * root commit): only files whose content no earlier commit had, their hunks holding only the added
     * lines. Called for 0, 1, 2, ... in that order from one thread; the returned task reads and diffs the
     * files, and may run on any thread.
     */
    Callable<Change> change(int index) throws Exception;
  }

  private final CheckRegistry registry;
  private final Predicate<RuleInfo> rules;
  private final Policy policy;
  private final Baseline baseline;
  private final int parallelism;
  private final Progress progress;
  private final Function<String, Optional<FileContent>> trusted;

  /**
   * @param rules which of the registry's file checks run (the CLI: the {@code secrets} family)
   * @param trusted files a check reads besides the one it checks ({@code FileContext.readHead}), read at the
   *     revision the policy came from rather than at each commit
   */
  public HistoryScanner(CheckRegistry registry, Predicate<RuleInfo> rules, Policy policy, Baseline baseline, int parallelism, Progress progress,
      Function<String, Optional<FileContent>> trusted) {
    this.registry = registry;
    this.rules = rules;
    this.policy = policy;
    this.baseline = baseline;
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
    this.trusted = trusted;
  }

  /** One check, with its metadata. */
  private record Rule(RuleInfo info, FileCheck<?> check) {}

  /** A finding at one commit, with the file as it is there (for suppressions and fingerprints). */
  private record Hit(int commit, Finding finding, FileContent full, boolean suppressed) {}

  /** A check that failed on a file: threw {@code error}, or overran its time budget when it is null. */
  private record Failure(String rule, String where, Throwable error) {}

  public ReviewResult scan(CommitSource source) throws InterruptedException {
    long start = System.nanoTime();
    Change overview = source.overview();
    List<Commit> commits = overview.commits();
    EffectiveSettings settings = new EffectiveSettings(policy);
    List<Rule> selected = new ArrayList<>();
    for (Check c : registry.checks().values()) {
      RuleInfo info = RuleInfo.of(c);
      if (c instanceof FileCheck<?> fc && rules.test(info)) selected.add(new Rule(info, fc));
    }
    int n = commits.size();
    @SuppressWarnings("unchecked")
    List<Hit>[] hits = new List[n];
    List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger done = new AtomicInteger();
    AtomicInteger files = new AtomicInteger();
    AtomicInteger invocations = new AtomicInteger();
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    // bounded: the walk (which decides which blobs are new) runs ahead of the scans by a few commits only
    Semaphore ahead = new Semaphore(parallelism * 4);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "vetter-history");
      t.setDaemon(true);
      return t;
    });
    progress.update(0, n);
    try {
      for (int i = 0; i < n && fatal.get() == null; i++) {
        Callable<Change> task;
        try {
          task = source.change(i);
        } catch (Exception e) {
          fatal.compareAndSet(null, e);
          break;
        }
        ahead.acquire();
        int index = i;
        pool.execute(() -> {
          try {
            if (fatal.get() == null) hits[index] = scanCommit(index, task.call(), selected, settings, failures, files, invocations);
          } catch (Throwable e) {
            fatal.compareAndSet(null, e);
          } finally {
            ahead.release();
            progress.update(done.incrementAndGet(), n);
          }
        });
      }
    } finally {
      pool.shutdown();
      if (!pool.awaitTermination(365, TimeUnit.DAYS)) throw new IllegalStateException("the history scan did not finish");
      progress.finish();
    }
    Throwable e = fatal.get();
    if (e instanceof RuntimeException re) throw re;
    if (e instanceof Error err) throw err;
    if (e != null) throw new IllegalStateException(e.getMessage(), e);

    // oldest commit first: the first unsuppressed sighting of each finding is where it was introduced
    Map<String, Hit> first = new LinkedHashMap<>();
    Set<String> suppressedKeys = new HashSet<>();
    for (List<Hit> list : hits) {
      if (list == null) continue;
      for (Hit h : list) {
        String key = identity(h);
        if (h.suppressed()) suppressedKeys.add(key);
        else first.putIfAbsent(key, h);
      }
    }
    suppressedKeys.removeAll(first.keySet());
    List<Hit> ordered = new ArrayList<>(first.values());
    ordered.sort(java.util.Comparator.comparingInt(Hit::commit).thenComparing(Hit::finding, Reviewer.ORDER));
    Fingerprints fingerprints = new Fingerprints();
    List<Finding> reported = new ArrayList<>();
    List<Finding> shadow = new ArrayList<>();
    Map<String, Commit> introducedBy = new HashMap<>();
    int baselined = 0;
    for (Hit h : ordered) {
      Finding f = h.finding();
      Finding withId = f.withIdentity(f.rule(), f.severity(), f.category(), fingerprints.of(f.rule(), f, path -> h.full()));
      if (baseline.contains(withId)) {
        baselined++;
        continue;
      }
      (withId.mode() == dev.vetter.check.Mode.SHADOW ? shadow : reported).add(withId);
      introducedBy.put(withId.fingerprint(), commits.get(h.commit()));
    }
    EffectiveSettings.Settings internal = settings.of(RuleInfo.INTERNAL_ERROR, null);
    if (internal.enabled()) {
      Map<String, List<Failure>> byRule = new LinkedHashMap<>();
      for (Failure f : failures) byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
      byRule.forEach((rule, failed) -> reported.add(internalError(rule, failed, internal)));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ReviewResult(overview, policy, reported, shadow, 0, List::of, suppressedKeys.size(), baselined, List.of(),
        new ReviewResult.Stats(selected.size(), files.get(), invocations.get(), 0, millis), introducedBy);
  }

  /**
   * What makes two sightings the same finding: the rule and the finding's key (a secret's hash), plus the
   * path for a finding about a whole file (a key store matched by path); without a key, the line's text.
   */
  private static String identity(Hit h) {
    Finding f = h.finding();
    String key = f.key();
    if (key == null) {
      FileContent.Line line = f.scope() == Finding.Scope.LINE ? h.full().line(f.line()) : null;
      key = f.path() + '\0' + (line == null ? f.message() : line.text().strip());
    } else if (f.scope() != Finding.Scope.LINE) {
      key = f.path() + '\0' + key;
    }
    return f.rule() + '\0' + key;
  }

  private List<Hit> scanCommit(int index, Change change, List<Rule> selected, EffectiveSettings settings, List<Failure> failures,
      AtomicInteger files, AtomicInteger invocations) throws InterruptedException {
    List<Run> runs = new ArrayList<>();
    for (ChangedFile file : change.files()) {
      if (file.isDeleted() || !policy.reviews(file.path())) continue;
      files.incrementAndGet();
      // one view per file, shared by every rule: the secret rules share one scan of it
      FileContent added = null;
      for (Rule rule : selected) {
        if (!rule.check().accepts(file)) continue;
        EffectiveSettings.Settings s = settings.of(rule.info(), file.path());
        if (!s.enabled()) continue;
        if (added == null) added = addedLines(file, change);
        invocations.incrementAndGet();
        runs.add(new Run(rule, s, new Context<>(file, change, added, s.options(), trusted)));
      }
    }
    // each check within the policy's time budget, as in a review: one that overruns is cut off and reported
    new CheckRunner(1, policy.limits().checkTimeoutSeconds() * 1000L).runAll(runs, Progress.NONE);
    List<Hit> hits = new ArrayList<>();
    Map<String, FileContent> fullFiles = new HashMap<>();
    for (Run run : runs) {
      String path = run.context().file().path();
      if (run.timedOut || run.failure != null) {
        Throwable error = run.timedOut ? null : run.failure;
        // a check's own failure is reported as its finding; the JVM's (out of memory, a missing class) ends the scan
        if (error instanceof Error && !(error instanceof StackOverflowError)) throw (Error) error;
        if (error != null && !(error instanceof RuntimeException || error instanceof StackOverflowError)) {
          throw new IllegalStateException(error.toString(), error);
        }
        failures.add(new Failure(run.rule().info().id(), path + " at " + abbreviate(change.headCommit()), error));
        continue;
      }
      for (Finding f : run.found) {
        // a note about the scan's own set-up (a check's configuration file edited) is no finding about history
        if (f.key() == null && f.scope() != Finding.Scope.LINE) continue;
        if (f.path() != null && !f.path().equals(path)) continue;
        Finding stamped = Reviewer.stamp(f, run.rule().info(), run.settings());
        FileContent content = fullFiles.computeIfAbsent(path, p -> change.contents().head(p).orElse(run.context().head()));
        hits.add(new Hit(index, stamped, content, Suppressions.suppressed(stamped, p -> content)));
      }
    }
    return hits;
  }

  /** One check on one file of a commit, run by the {@link CheckRunner}. */
  private static final class Run extends CheckRunner.Task {
    private final Rule rule;
    private final EffectiveSettings.Settings settings;
    private final Context<?> context;
    volatile List<Finding> found = List.of();

    Run(Rule rule, EffectiveSettings.Settings settings, Context<?> context) {
      this.rule = rule;
      this.settings = settings;
      this.context = context;
    }

    Rule rule() {
      return rule;
    }

    EffectiveSettings.Settings settings() {
      return settings;
    }

    Context<?> context() {
      return context;
    }

    @Override
    void execute() {
      found = invoke(rule.check(), context);
    }
  }

  /**
   * The file with only the lines this commit added, every other line left empty: checks read nothing
   * else, and line numbers stay those of the file at this commit.
   */
  static FileContent addedLines(ChangedFile file, Change change) {
    List<DiffLine> lines = new ArrayList<>();
    for (Hunk h : file.hunks()) {
      for (DiffLine l : h.lines()) if (l.kind() == DiffLine.Kind.ADDED) lines.add(l);
    }
    // a new file, or a binary one (read by rules that match paths), is read as it is
    if (file.oldPath() == null || (lines.isEmpty() && file.binary())) {
      Optional<FileContent> whole = change.contents().head(file.path());
      if (whole.isPresent()) return whole.get();
    }
    StringBuilder text = new StringBuilder();
    int at = 1;
    for (DiffLine l : lines) {
      for (; at < l.newNumber(); at++) text.append('\n');
      text.append(l.text()).append('\n');
      at++;
    }
    return new FileContent(file.path(), file.newBlob(), text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Finding> invoke(FileCheck check, FileContext ctx) {
    List<Finding> result = check.check(ctx);
    return result == null ? List.of() : result;
  }

  private static Finding internalError(String ruleId, List<Failure> failed, EffectiveSettings.Settings settings) {
    Failure f = failed.get(0);
    Throwable t = f.error();
    String what = t == null ? "did not finish within its time budget"
        : "failed: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""));
    String more = failed.size() > 1 ? " (and on " + (failed.size() - 1) + " more file" + (failed.size() > 2 ? "s" : "") + ")" : "";
    RuleInfo r = RuleInfo.INTERNAL_ERROR;
    return Finding.onChange("Check " + ruleId + " " + what + " on " + f.where() + more
            + ". Its findings there are missing; the other checks completed.")
        .withKey(ruleId)
        .withIdentity(r.id(), settings.severity() != null ? settings.severity() : r.severity(), r.category(), Fingerprints.sha256(ruleId).substring(0, 20))
        .withMode(settings.mode());
  }

  private static String abbreviate(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }

  private record Context<O extends Record>(ChangedFile file, Change change, FileContent head, O options,
      Function<String, Optional<FileContent>> trusted) implements FileContext<O> {
    @Override
    public Optional<FileContent> base() {
      return file.oldPath() == null ? Optional.empty() : change.contents().base(file.oldPath());
    }

    @Override
    public Optional<FileContent> readHead(String path) {
      return trusted.apply(path);
    }
  }
}
