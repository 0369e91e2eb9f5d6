package dev.vetter.engine;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileContent;
import dev.vetter.check.ChangeCheck;
import dev.vetter.check.ChangeContext;
import dev.vetter.check.Check;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import dev.vetter.check.Input;
import dev.vetter.check.Mode;
import dev.vetter.filter.DiffFilter;
import dev.vetter.policy.Policy;
import dev.vetter.policy.Waiver;
import dev.vetter.policy.Waivers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The review pipeline: change → checks (and other tools' findings, {@link #withExternalFindings}) →
 * suppressions, baseline and waivers ({@link #withWaivers}) → diff filter → result. Checks
 * run in parallel on a bounded pool, each (check, file) pair within the policy's time budget, with
 * results cached per file. A check that throws or overruns yields one {@code vetter/internal-error}
 * finding; the other checks still complete.
 */
public final class Reviewer {
  /** The policy file's name at the repository root. */
  public static final String POLICY_FILE = ".vetter.yml";

  private final CheckRegistry registry;
  private final Policy policy;
  private final FindingCache cache;
  private final Baseline baseline;
  private final int parallelism;
  private final Progress progress;
  private final ReviewInputs inputs;
  private final List<Finding> external;
  private final Waivers waivers;
  private final LocalDate today;

  public Reviewer(CheckRegistry registry, Policy policy, FindingCache cache, Baseline baseline, int parallelism, Progress progress) {
    this(registry, policy, cache, baseline, parallelism, progress, ReviewInputs.NONE, List.of(), Waivers.NONE, null);
  }

  private Reviewer(CheckRegistry registry, Policy policy, FindingCache cache, Baseline baseline, int parallelism, Progress progress,
      ReviewInputs inputs, List<Finding> external, Waivers waivers, LocalDate today) {
    this.registry = registry;
    this.policy = policy;
    this.cache = cache;
    this.baseline = baseline;
    this.parallelism = parallelism;
    this.progress = progress;
    this.inputs = inputs;
    this.external = external;
    this.waivers = waivers;
    this.today = today;
  }

  public Reviewer(CheckRegistry registry, Policy policy) {
    this(registry, policy, FindingCache.NONE, Baseline.EMPTY, Runtime.getRuntime().availableProcessors(), Progress.NONE);
  }

  /** This reviewer, handing {@code inputs} (files from outside the repository's history) to change checks. */
  public Reviewer withInputs(ReviewInputs inputs) {
    return new Reviewer(registry, policy, cache, baseline, parallelism, progress, inputs, external, waivers, today);
  }

  /**
   * This reviewer, applying {@code waivers} (read at the base of the change, never from the change itself) as they stand
   * on {@code today}: a finding a waiver in force waives is neither posted nor failing, but listed in
   * {@link ReviewResult#waived()}; waivers that expired, that last longer than the policy allows for a finding's severity,
   * or that name a changed file and match nothing in it, are reported as notices of the engine's own rules.
   */
  public Reviewer withWaivers(Waivers waivers, LocalDate today) {
    return new Reviewer(registry, policy, cache, baseline, parallelism, progress, inputs, external,
        java.util.Objects.requireNonNull(waivers, "waivers == null"), java.util.Objects.requireNonNull(today, "today == null"));
  }

  /**
   * This reviewer, adding findings that other tools reported ({@code vetter review --input}, read by
   * {@code dev.vetter.ingest}). Each already carries its own rule id, {@code external/<tool>/<rule>},
   * and the tool's severity if it gave one; from there they go through the same policy (include and
   * exclude, enabled, severity), fingerprints, suppressions, baseline and diff filter as the checks'.
   *
   * @throws IllegalArgumentException when a finding's rule is not a well-formed {@code external/...} id,
   *     so that no input can pass itself off as one of Vetter's own rules
   */
  public Reviewer withExternalFindings(List<Finding> findings) {
    for (Finding f : findings) {
      if (f.rule() == null || !f.rule().startsWith(RuleInfo.EXTERNAL + "/")) {
        throw new IllegalArgumentException("an ingested finding must have an external/<tool>/<rule> id, not " + f.rule());
      }
      RuleInfo.external(f.rule(), f.category()); // validates the id's form
    }
    List<Finding> all = new ArrayList<>(external);
    all.addAll(findings);
    return new Reviewer(registry, policy, cache, baseline, parallelism, progress, inputs, List.copyOf(all), waivers, today);
  }

  public ReviewResult review(Change change) throws InterruptedException {
    long start = System.nanoTime();
    EffectiveSettings settings = new EffectiveSettings(policy);
    AtomicInteger invocations = new AtomicInteger();
    AtomicInteger hits = new AtomicInteger();
    List<Job> jobs = new ArrayList<>();
    List<ChangedFile> files = change.files().stream().filter(f -> policy.reviews(f.path())).toList();
    // file-major order: all checks of one file run close together, while its content is in cache
    List<RuleInfo> rules = new ArrayList<>();
    for (Check check : registry.checks().values()) rules.add(RuleInfo.of(check));
    int ri = 0;
    for (Check check : registry.checks().values()) {
      RuleInfo rule = rules.get(ri++);
      if (check instanceof ChangeCheck<?> cc) {
        EffectiveSettings.Settings s = settings.of(rule, null);
        if (s.enabled()) jobs.add(new ChangeJob(rule, cc, change, s, invocations, hits));
      }
    }
    for (ChangedFile file : files) {
      ri = 0;
      for (Check check : registry.checks().values()) {
        RuleInfo rule = rules.get(ri++);
        if (check instanceof FileCheck<?> fc && fc.accepts(file)) {
          EffectiveSettings.Settings s = settings.of(rule, file.path());
          if (s.enabled()) jobs.add(new FileJob(rule, fc, file, change, s, invocations, hits));
        }
      }
    }
    List<BatchJob> batches = new ArrayList<>();
    new CheckRunner(parallelism, policy.limits().checkTimeoutSeconds() * 1000L).runAll(tasks(jobs, batches), progress);
    batches.forEach(BatchJob::settleMembers);
    cache.flush();

    Map<String, FileContent> heads = new ConcurrentHashMap<>();
    java.util.function.Function<String, FileContent> head = path -> path == null ? null
        : heads.computeIfAbsent(path, p -> change.contents().head(p).orElse(null));
    List<Finding> raw = new ArrayList<>();
    Map<String, List<CheckRunner.Task>> failures = new LinkedHashMap<>();
    // a finding that names its own rule (a check's sub-rule, another tool's rule) is configured by that id
    // and every prefix of it, so `java/checkstyle/LineLength` and `external/eslint/no-console` obey the
    // policy the same way; the id's metadata is made once per id
    Map<String, RuleInfo> ownRules = new HashMap<>();
    for (Job job : jobs) {
      if (job.timedOut || job.failure != null) {
        failures.computeIfAbsent(job.rule.id(), k -> new ArrayList<>()).add(job);
        continue;
      }
      for (Finding f : job.findings) {
        if (f.path() != null && !policy.reviews(f.path())) continue;
        RuleInfo rule = f.rule() == null || f.rule().equals(job.rule.id()) ? job.rule : ownRules.computeIfAbsent(f.rule(), job.rule::subRule);
        EffectiveSettings.Settings s = rule == job.rule && (f.path() == null || !(job instanceof ChangeJob)) ? job.settings : settings.of(rule, f.path());
        if (!s.enabled()) continue;
        raw.add(stamp(f, rule, s));
      }
    }
    // ingested findings name their own rules, which no check declares: unlike a check's findings, the rule
    // (and with it the policy's settings) is read from each finding rather than stamped on it
    Map<String, EffectiveSettings.Settings> externalSettings = new HashMap<>();
    for (Finding f : external) {
      if (f.path() != null && !policy.reviews(f.path())) continue;
      RuleInfo rule = RuleInfo.external(f.rule(), f.category());
      EffectiveSettings.Settings s = externalSettings.computeIfAbsent(f.rule() + "\0" + f.path(), k -> settings.of(rule, f.path()));
      if (!s.enabled()) continue;
      raw.add(stamp(f, rule, s));
    }
    // the engine's own rules obey the policy like any other (enabled, severity), so what it accepts has an effect
    EffectiveSettings.Settings internal = settings.of(RuleInfo.INTERNAL_ERROR, null);
    if (internal.enabled()) failures.forEach((id, failed) -> raw.add(stamp(internalError(id, failed), RuleInfo.INTERNAL_ERROR, internal)));
    EffectiveSettings.Settings policyChanged = settings.of(RuleInfo.POLICY_CHANGED, POLICY_FILE);
    if (policyChanged.enabled() && change.files().stream().anyMatch(f -> POLICY_FILE.equals(f.path()) || POLICY_FILE.equals(f.oldPath()))) {
      raw.add(stamp(Finding.onFile(POLICY_FILE, "This change edits " + POLICY_FILE + "; the policy from the base revision governs this review."),
          RuleInfo.POLICY_CHANGED, policyChanged));
    }
    EffectiveSettings.Settings waiversChanged = settings.of(RuleInfo.POLICY_CHANGED, Waivers.FILE);
    if (waiversChanged.enabled() && policy.reviews(Waivers.FILE)
        && change.files().stream().anyMatch(f -> Waivers.FILE.equals(f.path()) || Waivers.FILE.equals(f.oldPath()))) {
      raw.add(stamp(Finding.onFile(Waivers.FILE, "This change edits " + Waivers.FILE + "; the waivers from the base revision govern this review."),
          RuleInfo.POLICY_CHANGED, waiversChanged));
    }

    raw.addAll(configChanges(jobs, change, settings));

    raw.sort(ORDER);
    Fingerprints fingerprints = new Fingerprints();
    DiffFilter filter = new DiffFilter(policy.filter(), change);
    List<Finding> reported = new ArrayList<>();
    List<Finding> shadow = new ArrayList<>();
    List<Fingerprints.Pending> hidden = new ArrayList<>();
    List<ReviewResult.Waived> waived = new ArrayList<>();
    AppliedWaivers applied = new AppliedWaivers(waivers, today, policy.waivers());
    // every finding outside the diff, shadow ones too, for telling whether a waiver matches nothing: only kept when there are waivers
    List<Fingerprints.Pending> outsideAll = new ArrayList<>();
    int suppressed = 0;
    int baselined = 0;
    for (Finding f : raw) {
      // occurrence numbers count every finding, shown or not, so a fingerprint does not depend on the diff;
      // the hash, suppressions and baseline are only worked out for findings the filter lets through: a
      // whole-file linter can report tens of thousands outside the diff
      Fingerprints.Pending p = fingerprints.pending(f, head);
      if (!filter.shouldReport(f)) {
        // a shadow finding outside the diff would never be shown, not even as a number
        if (f.mode() != Mode.SHADOW) hidden.add(p);
        if (!applied.isEmpty()) outsideAll.add(p);
        continue;
      }
      Finding withId = p.finding();
      Waiver by;
      if (Suppressions.suppressed(withId, head)) {
        applied.saw(withId);
        if (f.mode() != Mode.SHADOW) suppressed++;
      } else if (baseline.contains(withId)) {
        applied.saw(withId);
        if (f.mode() != Mode.SHADOW) baselined++;
      } else if ((by = applied.waive(withId, f.mode() != Mode.SHADOW)) != null) {
        // a waived shadow finding is dropped like a baselined one: it was never going to be posted
        if (f.mode() != Mode.SHADOW) waived.add(new ReviewResult.Waived(withId, by));
      } else if (f.mode() == Mode.SHADOW) {
        shadow.add(withId);
      } else {
        reported.add(withId);
      }
    }
    if (!applied.isEmpty()) {
      List<Waiver> stale = new ArrayList<>();
      // a check that failed found nothing, which says nothing about the waivers of its files
      if (failures.isEmpty()) {
        List<Waiver> candidates = applied.unmatchedOnChangedFiles(change, policy);
        for (Waiver w : candidates) {
          for (Fingerprints.Pending p : outsideAll) {
            // the fingerprint is hashed only for findings on the waiver's file
            if (p.raw().path() != null && w.path().matches(p.raw().path())) applied.saw(w.fingerprint() == null ? p.raw() : p.finding());
            if (applied.matched(w)) break;
          }
          if (!applied.matched(w)) stale.add(w);
        }
      }
      for (AppliedWaivers.Notice n : applied.notices(stale)) {
        EffectiveSettings.Settings s = settings.of(n.rule(), null);
        if (!s.enabled()) continue;
        Finding notice = fingerprints.pending(stamp(n.finding(), n.rule(), s), head).finding();
        (notice.mode() == Mode.SHADOW ? shadow : reported).add(notice);
      }
      reported.sort(ORDER);
      shadow.sort(ORDER);
    }
    Baseline accepted = baseline;
    java.util.function.Supplier<List<Finding>> outside = () -> {
      List<Finding> out = new ArrayList<>();
      for (Fingerprints.Pending p : hidden) {
        Finding withId = p.finding();
        if (!Suppressions.suppressed(withId, head) && !accepted.contains(withId) && !applied.waives(withId)) out.add(withId);
      }
      return out;
    };
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ReviewResult(change, policy, reported, shadow, hidden.size(), outside, suppressed, baselined, waived,
        new ReviewResult.Stats(registry.checks().size(), files.size(), invocations.get(), hits.get(), millis), Map.of());
  }

  /**
   * The tasks to run for {@code jobs}: each job on its own, except those of checks that take files in batches
   * ({@link FileCheck#batchSize}), which are grouped by check and options into {@code batches}, small enough
   * that every worker gets several. A batch takes the place of its first member, so the order stays file-major.
   */
  private List<CheckRunner.Task> tasks(List<Job> jobs, List<BatchJob> batches) {
    Map<String, List<FileJob>> groups = new LinkedHashMap<>();
    for (Job j : jobs) {
      if (j instanceof FileJob fj && fj.check.batchSize() > 1) {
        groups.computeIfAbsent(fj.rule.id() + '\0' + fj.settings.optionsJson(), k -> new ArrayList<>()).add(fj);
      }
    }
    Map<FileJob, BatchJob> firstOf = new HashMap<>();
    Set<FileJob> batched = new HashSet<>();
    for (List<FileJob> group : groups.values()) {
      FileCheck<?> check = group.get(0).check;
      int size = Math.max(1, Math.min(check.batchSize(), Math.ceilDiv(group.size(), parallelism * 4)));
      if (size == 1) continue;
      for (int i = 0; i < group.size(); i += size) {
        BatchJob b = new BatchJob(check, group.subList(i, Math.min(group.size(), i + size)));
        batches.add(b);
        firstOf.put(b.members.get(0), b);
        batched.addAll(b.members);
      }
    }
    if (batches.isEmpty()) return new ArrayList<>(jobs);
    List<CheckRunner.Task> tasks = new ArrayList<>();
    for (Job j : jobs) {
      BatchJob b = j instanceof FileJob fj ? firstOf.get(fj) : null;
      if (b != null) tasks.add(b);
      else if (!(j instanceof FileJob fj && batched.contains(fj))) tasks.add(j);
    }
    return tasks;
  }

  static final Comparator<Finding> ORDER = Comparator
      .comparing((Finding f) -> f.path() == null ? "" : f.path())
      .thenComparingInt(Finding::line)
      .thenComparingInt(Finding::column)
      .thenComparing(Finding::rule); // a stable sort: a check's own order (e.g. commits oldest first) is kept

  /**
   * {@code f} as the policy has it: under {@code rule}'s id and category, at the policy's severity (else the one the check
   * chose, else the rule's), in the mode the settings give.
   */
  static Finding stamp(Finding f, RuleInfo rule, EffectiveSettings.Settings s) {
    var severity = s.severity() != null ? s.severity() : f.severity() != null ? f.severity() : rule.severity();
    return f.withIdentity(rule.id(), severity, rule.category(), null).withMode(s.mode());
  }

  private static Finding internalError(String ruleId, List<CheckRunner.Task> failed) {
    Job first = (Job) failed.get(0);
    String what = first.timedOut ? "did not finish within its time budget" : "failed: " + describe(first.failure);
    String where = first instanceof FileJob fj ? " on " + fj.file.path() : "";
    String more = failed.size() > 1 ? " (and on " + (failed.size() - 1) + " more file" + (failed.size() > 2 ? "s" : "") + ")" : "";
    return Finding.onChange("Check " + ruleId + " " + what + where + more + ". Its findings for " + (failed.size() > 1 ? "these files" : "this input")
        + " are missing; the other checks completed.")
        .withKey(ruleId);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  // a check whose results depend on more than the change and its options (a database on disk) is never cached
  private FindingCache cacheFor(Check check) {
    return Check.info(check).cacheable() ? cache : FindingCache.NONE;
  }

  /** A cache dependency on a file at the base of the change, rather than at head: this prefix, then the path. */
  static final String BASE_DEPENDENCY = "\0base:";

  /**
   * A dependency on a configuration file at the base (read with {@code readConfig}): cached like a
   * {@link #BASE_DEPENDENCY}, and what {@code vetter/config-changed} is made from.
   */
  static final String CONFIG_DEPENDENCY = "\0config:";

  private static String currentId(Change change, String dep) {
    for (String base : List.of(BASE_DEPENDENCY, CONFIG_DEPENDENCY)) {
      if (dep.startsWith(base)) return change.contents().baseId(dep.substring(base.length())).orElse("");
    }
    return change.contents().headId(dep).orElse("");
  }

  /**
   * One notice per configuration file that a check read from the base and the change edits: the base's version
   * reviewed this change (as for the policy file), named with the rules that read it.
   */
  private List<Finding> configChanges(List<Job> jobs, Change change, EffectiveSettings settings) {
    Map<String, SortedSet<String>> readers = new HashMap<>();
    for (Job job : jobs) {
      for (String dep : job.deps.keySet()) {
        if (dep.startsWith(CONFIG_DEPENDENCY)) readers.computeIfAbsent(dep.substring(CONFIG_DEPENDENCY.length()), k -> new TreeSet<>()).add(job.rule.id());
      }
    }
    List<Finding> found = new ArrayList<>();
    if (readers.isEmpty()) return found;
    RuleInfo r = RuleInfo.CONFIG_CHANGED;
    for (ChangedFile f : change.files()) {
      SortedSet<String> rules = f.oldPath() == null ? null : readers.get(f.oldPath());
      if (rules == null || POLICY_FILE.equals(f.oldPath())) continue;
      if (!policy.reviews(f.path())) continue;
      EffectiveSettings.Settings s = settings.of(r, f.path());
      if (!s.enabled()) continue;
      String what = f.isDeleted() ? "deletes " : f.newPath().equals(f.oldPath()) ? "edits " : "moves ";
      String message = "This change " + what + f.oldPath() + ", which " + String.join(" and ", rules) + (rules.size() == 1 ? " reads" : " read")
          + " as configuration from the base revision: this review follows the base's version; the change takes effect once merged.";
      // on the file where it still is; a deleted one has no lines to point at
      Finding n = f.isDeleted() ? Finding.onChange(message).withKey(f.oldPath()) : Finding.onFile(f.path(), message);
      found.add(stamp(n, r, s));
    }
    return found;
  }

  /** {@code findings}, after making sure that a finding naming its own rule names one of {@code rule}'s sub-rules. */
  private static List<Finding> checkRules(RuleInfo rule, List<Finding> findings) {
    for (Finding f : findings) {
      if (f.rule() != null && !f.rule().equals(rule.id()) && !rule.hasSubRule(f.rule())) {
        throw new IllegalStateException("a finding names the rule '" + f.rule() + "', which is not "
            + (rule.subRules() ? "a well-formed rule below " + rule.id() : "this check's: it declares no sub-rules (@CheckInfo(subRules = true))"));
      }
    }
    return findings;
  }

  /** One check on one input, with its result. */
  private abstract static class Job extends CheckRunner.Task {
    final RuleInfo rule;
    final EffectiveSettings.Settings settings;
    volatile List<Finding> findings = List.of();
    /** The files the check read for this result (path to blob id), as recorded or as cached. */
    volatile Map<String, String> deps = Map.of();

    Job(RuleInfo rule, EffectiveSettings.Settings settings) {
      this.rule = rule;
      this.settings = settings;
    }
  }

  private final class FileJob extends Job {
    final FileCheck<?> check;
    /** The cache key, once looked up. */
    String key;
    /** Set when the findings are in: a member of a batch that timed out is told apart by it. */
    volatile boolean finished;
    private boolean invoked;
    final ChangedFile file;
    final Change change;
    final AtomicInteger invocations;
    final AtomicInteger hits;

    FileJob(RuleInfo rule, FileCheck<?> check, ChangedFile file, Change change, EffectiveSettings.Settings settings,
        AtomicInteger invocations, AtomicInteger hits) {
      super(rule, settings);
      this.check = check;
      this.file = file;
      this.change = change;
      this.invocations = invocations;
      this.hits = hits;
    }

    @Override
    void execute() {
      if (lookup()) return;
      Context<?> ctx = context();
      accept(invoke(check, ctx), ctx);
    }

    /** Looks the result up in the cache; true when found (and taken). */
    boolean lookup() {
      key = Fingerprints.sha256(String.join("\0", rule.id(), String.valueOf(rule.version()), check.cacheKey(), settings.optionsJson(),
          file.path(), String.valueOf(file.oldPath()), String.valueOf(file.oldBlob()), String.valueOf(file.newBlob()), file.newMode().name()));
      Optional<FindingCache.Hit> cached = cacheFor(check).lookup(key, path -> currentId(change, path));
      if (cached.isEmpty()) return false;
      hits.incrementAndGet();
      findings = cached.get().findings();
      deps = cached.get().dependencies();
      finished = true;
      return true;
    }

    Context<?> context() {
      if (!invoked) invocations.incrementAndGet();
      invoked = true;
      return new Context<>(file, change, settings.options(), new ConcurrentHashMap<>());
    }

    /** Takes what the check found with {@code ctx}, and caches it with the files the check read. */
    void accept(List<Finding> result, Context<?> ctx) {
      findings = checkRules(rule, result == null ? List.of() : List.copyOf(result));
      deps = Map.copyOf(ctx.deps());
      finished = true;
      cacheFor(check).put(key, deps, findings);
    }

    /** The check on this file alone, after a cache miss; a failure is recorded on this job rather than thrown. */
    void runAlone() {
      try {
        Context<?> ctx = context();
        accept(invoke(check, ctx), ctx);
      } catch (Throwable t) {
        failure = t;
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Finding> invoke(FileCheck check, FileContext ctx) {
      return check.check(ctx);
    }
  }

  /**
   * Files of one check that shares a set-up cost per run ({@link FileCheck#batchSize}), with the same options:
   * one task that looks each file up in the cache and gives the check the rest at once.
   */
  private static final class BatchJob extends CheckRunner.Task {
    final FileCheck<?> check;
    final List<FileJob> members;

    BatchJob(FileCheck<?> check, List<FileJob> members) {
      this.check = check;
      this.members = List.copyOf(members);
    }

    @Override
    long budgetUnits() {
      return members.size();
    }

    @Override
    void execute() {
      List<FileJob> misses = new ArrayList<>();
      for (FileJob m : members) {
        if (!m.lookup()) misses.add(m);
      }
      if (misses.size() <= 1) {
        misses.forEach(FileJob::runAlone);
        return;
      }
      List<Context<?>> contexts = new ArrayList<>();
      for (FileJob m : misses) contexts.add(m.context());
      List<List<Finding>> results;
      try {
        results = invokeAll(check, contexts);
        if (results == null || results.size() != misses.size()) {
          throw new IllegalStateException(check.getClass().getName() + ".checkAll answered for another number of files");
        }
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) throw e;
        // one file may have broken the tool: each file on its own, so that only that file's findings are lost
        misses.forEach(FileJob::runAlone);
        return;
      }
      for (int i = 0; i < misses.size(); i++) {
        try {
          misses.get(i).accept(results.get(i), contexts.get(i));
        } catch (RuntimeException e) {
          misses.get(i).failure = e;
        }
      }
    }

    /** After the run: a batch that timed out or failed as a whole leaves that on each member it did not finish. */
    void settleMembers() {
      for (FileJob m : members) {
        if (m.finished || m.failure != null) continue;
        if (timedOut) m.timedOut = true;
        else m.failure = failure != null ? failure : new IllegalStateException("the batch ended without this file's result");
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<List<Finding>> invokeAll(FileCheck check, List contexts) {
      return check.checkAll(contexts);
    }
  }

  private final class ChangeJob extends Job {
    final ChangeCheck<?> check;
    final Change change;
    final AtomicInteger invocations;
    final AtomicInteger hits;

    ChangeJob(RuleInfo rule, ChangeCheck<?> check, Change change, EffectiveSettings.Settings settings, AtomicInteger invocations, AtomicInteger hits) {
      super(rule, settings);
      this.check = check;
      this.change = change;
      this.invocations = invocations;
      this.hits = hits;
    }

    @Override
    void execute() {
      StringBuilder k = new StringBuilder(String.join("\0", rule.id(), String.valueOf(rule.version()), check.cacheKey(), settings.optionsJson(),
          change.kind().name(), String.valueOf(change.baseCommit()), String.valueOf(change.headCommit()), inputs.digest()));
      change.files().forEach(f -> k.append('\0').append(f.path()).append(':').append(f.oldBlob()).append(':').append(f.newBlob()));
      String key = Fingerprints.sha256(k.toString());
      FindingCache store = cacheFor(check);
      Optional<List<Finding>> cached = store.get(key, path -> change.contents().headId(path).orElse(""));
      if (cached.isPresent()) {
        hits.incrementAndGet();
        findings = cached.get();
        return;
      }
      invocations.incrementAndGet();
      AtomicBoolean readWorkTree = new AtomicBoolean();
      List<Finding> result = checkRules(rule, invoke(check, new WholeChangeContext<>(change, settings.options(), inputs, () -> readWorkTree.set(true))));
      findings = result;
      // files found in the work tree are not part of the key: such results are not cached
      if (!readWorkTree.get()) store.put(key, Map.of(), result);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Finding> invoke(ChangeCheck check, ChangeContext ctx) {
      List<Finding> result = check.check(ctx);
      return result == null ? List.of() : List.copyOf(result);
    }
  }

  private record Context<O extends Record>(ChangedFile file, Change change, O options, Map<String, String> deps) implements FileContext<O> {
    @Override
    public FileContent head() {
      return change.contents().head(file.path())
          .orElseThrow(() -> new IllegalStateException("no content at head for " + file.path()));
    }

    @Override
    public Optional<FileContent> base() {
      return file.oldPath() == null ? Optional.empty() : change.contents().base(file.oldPath());
    }

    @Override
    public Optional<FileContent> headStart(int maxBytes) {
      return change.contents().headStart(file.path(), maxBytes);
    }

    @Override
    public Optional<FileContent> readHead(String path) {
      Optional<FileContent> c = change.contents().head(path);
      deps.put(path, c.map(FileContent::blobId).orElse(""));
      return c;
    }

    @Override
    public Optional<FileContent> readBase(String path) {
      return recordedBase(BASE_DEPENDENCY, path);
    }

    @Override
    public Optional<FileContent> readConfig(String path) {
      return recordedBase(CONFIG_DEPENDENCY, path);
    }

    private Optional<FileContent> recordedBase(String kind, String path) {
      Optional<FileContent> c = change.contents().base(path);
      deps.put(kind + path, c.map(FileContent::blobId).orElse(""));
      return c;
    }
  }

  private record WholeChangeContext<O extends Record>(Change change, O options, ReviewInputs given, Runnable onWorkTreeRead)
      implements ChangeContext<O> {
    @Override
    public List<Input> inputs(String kind, List<String> globs) {
      return given.resolve(kind, globs, onWorkTreeRead);
    }

    @Override
    public Optional<FileContent> readHead(String path) {
      return change.contents().head(path);
    }

    @Override
    public Optional<FileContent> readBase(String path) {
      return change.contents().base(path);
    }
  }

}
