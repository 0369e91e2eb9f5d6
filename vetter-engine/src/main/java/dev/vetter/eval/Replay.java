package dev.vetter.eval;

import dev.vetter.change.Change;
import dev.vetter.check.Finding;
import dev.vetter.conventions.Conventions;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Replays the merged pull requests of a branch: each of its last N first-parent commits reviewed against its first
 * parent, as {@code vetter review --base PARENT --head COMMIT} would review it and as the bot would have reviewed the
 * pull request that the commit merged (a squash commit, or a merge commit against the branch it was merged into).
 * The policy is the one at the parent, the base. One process: the checks are built once, their results shared
 * through one cache, and several pull requests are reviewed at a time.
 */
public final class Replay {
  /** What a review's set-up reads at the base of the pull request; the CLI's, so that a replay finds what a review finds. */
  public interface Setup {
    /**
     * The policy that governs the review of {@code change}: read at its base (or given once for all), with what the
     * repository's conventions at the base say; {@code cache} is the replay's, for what inferring them computes.
     */
    Policy policy(GitRepository git, Change change, FindingCache cache) throws InterruptedException;

    /** The baseline {@code policy} names, read at the base of {@code change}. */
    Baseline baseline(GitRepository git, Change change, Policy policy);

    /** The set-up of {@code vetter review --base PARENT --head COMMIT}: {@code setup} read at the base of each change. */
    static Setup of(ReviewSetup setup) {
      return new Setup() {
        @Override
        public Policy policy(GitRepository git, Change change, FindingCache cache) throws InterruptedException {
          String base = ReviewSetup.trustedRevision(change);
          return setup.complete(setup.policy(TrustedFiles.at(git, base)), Conventions.of(git, base), cache);
        }

        @Override
        public Baseline baseline(GitRepository git, Change change, Policy policy) {
          return setup.baseline(TrustedFiles.at(git, ReviewSetup.trustedRevision(change)), policy);
        }
      };
    }
  }

  /**
   * What to replay.
   *
   * @param branch the branch, tag or commit whose first-parent history is replayed
   * @param last how many first-parent commits, the most recent
   * @param threads how many threads check in parallel; also the most pull requests reviewed at a time
   * @param cache shared by every review of the replay; null for one in memory
   */
  public record Options(String branch, int last, int threads, FindingCache cache) {
    public Options {
      if (last < 1) throw new UserError("--last must be 1 or more, was " + last);
      if (threads < 1) throw new UserError("--threads must be 1 or more, was " + threads);
    }
  }

  /** A review in flight takes up to this much heap (a large Java change's parse trees); fewer run at a time when the heap is small. */
  static final long HEAP_PER_REVIEW = 256L << 20;

  private final CheckRegistry registry;
  private final Setup setup;
  private final Options options;

  public Replay(CheckRegistry registry, Setup setup, Options options) {
    this.registry = registry;
    this.setup = setup;
    this.options = options;
  }

  /** A first-parent commit to review, or the reason it cannot be. */
  private record Step(String commit, String parent, String subject, boolean merge, String skip) {}

  /** Replays the repository containing {@code dir}, reading git's environment from {@code env} (null: this process's). */
  public ReplayReport run(Path dir, UnaryOperator<String> env, Progress progress) throws InterruptedException {
    long start = System.nanoTime();
    Map<Long, GitRepository> repos = new ConcurrentHashMap<>();
    GitRepository git = GitRepository.open(dir, GitRepository.DEFAULT_MAX_DIFF_BYTES, env);
    repos.put(GitRepository.DEFAULT_MAX_DIFF_BYTES, git);
    try {
      List<String> notes = new ArrayList<>();
      String head = resolve(git.jgit(), options.branch());
      List<Step> steps = walk(git.jgit(), head, options.last(), notes);
      FindingCache cache = options.cache() != null ? options.cache() : new MemoryCache();
      AtomicInteger invocations = new AtomicInteger();
      AtomicInteger hits = new AtomicInteger();
      List<Step> toReview = steps.stream().filter(s -> s.skip() == null).toList();
      int parallel = parallelism(options.threads(), Runtime.getRuntime().maxMemory(), toReview.size());
      Record[] outcomes = new Record[steps.size()]; // a PullRequest or a Skipped, in the order of the walk
      ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
        Thread t = new Thread(r, "vetter-replay");
        t.setDaemon(true);
        return t;
      });
      AtomicInteger done = new AtomicInteger();
      progress.update(0, toReview.size());
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
          Step s = steps.get(i);
          if (s.skip() != null) {
            outcomes[i] = new ReplayReport.Skipped(s.commit(), s.subject(), s.skip(), false);
            continue;
          }
          int index = i;
          futures.add(pool.submit(() -> {
            try {
              outcomes[index] = review(s, dir, env, repos, cache, invocations, hits);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (UserError e) {
              // the history's doing (a .vetter.yml that did not load at that base): the bot would have said so, not reviewed
              String why = e instanceof PolicyError p && !p.problems().isEmpty() ? "the policy does not load: " + p.problems().get(0) : firstLine(e.getMessage());
              outcomes[index] = new ReplayReport.Skipped(s.commit(), s.subject(), why, false);
            } catch (RuntimeException | Error e) {
              outcomes[index] = new ReplayReport.Skipped(s.commit(), s.subject(),
                  "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), true);
            } finally {
              progress.update(done.incrementAndGet(), toReview.size());
            }
          }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // not reached: each task catches what it throws
          }
        }
      } finally {
        pool.shutdownNow();
        progress.finish();
      }
      cache.flush();
      List<ReplayReport.PullRequest> prs = new ArrayList<>();
      List<ReplayReport.Skipped> skipped = new ArrayList<>();
      for (Record o : outcomes) {
        if (o instanceof ReplayReport.PullRequest pr) prs.add(pr);
        else if (o instanceof ReplayReport.Skipped s) skipped.add(s);
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      return new ReplayReport(dir.toString(), options.branch(), head, options.last(), prs, skipped, notes, wall, parallel, invocations.get(), hits.get());
    } finally {
      repos.values().forEach(GitRepository::close);
    }
  }

  /**
   * How many pull requests to review at a time: one per thread, fewer when the heap cannot hold that many reviews
   * in flight, never more than there are.
   */
  static int parallelism(int threads, long maxHeap, int reviews) {
    long byHeap = Math.max(1, (maxHeap - HEAP_PER_REVIEW) / HEAP_PER_REVIEW);
    return (int) Math.max(1, Math.min(Math.min(threads, byHeap), Math.max(1, reviews)));
  }

  private ReplayReport.PullRequest review(Step s, Path dir, UnaryOperator<String> env, Map<Long, GitRepository> repos, FindingCache cache,
      AtomicInteger invocations, AtomicInteger hits) throws InterruptedException {
    long t0 = System.nanoTime();
    GitRepository git = repos.get(GitRepository.DEFAULT_MAX_DIFF_BYTES);
    Change change = git.range(s.parent(), s.commit());
    long t1 = System.nanoTime();
    Policy policy = setup.policy(git, change, cache);
    long t2 = System.nanoTime();
    long limit = policy.limits().maxFileBytes();
    if (limit != GitRepository.DEFAULT_MAX_DIFF_BYTES) {
      // the size limit is part of the policy, which lives in the repository: read the change again with it, as a review does
      git = repos.computeIfAbsent(limit, l -> GitRepository.open(dir, l, env));
      change = git.range(s.parent(), s.commit());
    }
    long t3 = System.nanoTime();
    Baseline baseline = setup.baseline(git, change, policy);
    long t4 = System.nanoTime();
    ReviewResult result = new Reviewer(registry, policy, cache, baseline, options.threads(), Progress.NONE).review(change);
    long t5 = System.nanoTime();
    invocations.addAndGet(result.stats().invocations());
    hits.addAndGet(result.stats().cacheHits());
    List<ReplayReport.Found> found = new ArrayList<>();
    for (Finding f : result.findings()) found.add(ReplayReport.Found.posted(f, blocks(result, f)));
    List<ReplayReport.Found> shadow = new ArrayList<>();
    for (Finding f : result.shadow()) shadow.add(ReplayReport.Found.inShadow(f));
    var timing = new ReplayReport.Timing(millis(t1 - t0 + t3 - t2), millis(t2 - t1 + t4 - t3), millis(t5 - t4));
    return new ReplayReport.PullRequest(s.commit(), s.parent(), s.subject(), s.merge(), change.files().size(), found, shadow, result.failed(), timing);
  }

  /** Whether {@code f} alone would have failed the review: in block mode, at or above the policy's fail-on. */
  static boolean blocks(ReviewResult result, Finding f) {
    var failOn = result.policy().failOn();
    return failOn != null && f.blocks(failOn);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static String resolve(Repository repo, String branch) {
    try {
      ObjectId id = repo.resolve(branch + "^{commit}");
      if (id == null) throw new UserError("unknown revision '" + branch + "': no branch, tag or commit has that name here");
      return id.name();
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserError u) throw u;
      throw new UserError("'" + branch + "' is not a commit: give a branch, tag or commit", e);
    }
  }

  /**
   * The last {@code last} first-parent commits from {@code head}, newest first; a root commit, or one whose parent a
   * shallow clone does not have, is listed with the reason it cannot be reviewed, and the history ends there.
   */
  static List<Step> walk(Repository repo, String head, int last, List<String> notes) {
    List<Step> steps = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      Set<ObjectId> shallow = repo.getObjectDatabase().getShallowCommits();
      RevCommit c = walk.parseCommit(ObjectId.fromString(head));
      while (steps.size() < last) {
        walk.parseBody(c);
        String subject = c.getShortMessage();
        if (c.getParentCount() == 0) {
          boolean cut = shallow.contains(c.getId());
          steps.add(new Step(c.name(), null, subject, false,
              cut ? "its parent is not in this shallow clone" : "the root commit: there is no parent to review it against"));
          if (cut) notes.add("the clone is shallow: its history stops at " + c.name().substring(0, 12) + " (`git fetch --deepen=" + last
              + "`, or `--unshallow`, gets more)");
          break;
        }
        RevCommit parent = c.getParent(0);
        steps.add(new Step(c.name(), parent.name(), subject, c.getParentCount() > 1, null));
        try {
          walk.parseHeaders(parent);
        } catch (MissingObjectException e) {
          notes.add("the history stops at " + c.name().substring(0, 12) + ": its parent " + parent.name().substring(0, 12) + " is missing");
          steps.set(steps.size() - 1, new Step(c.name(), parent.name(), subject, false, "its parent is missing from the repository"));
          break;
        }
        c = parent;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (steps.size() < last) {
      notes.add(0, "asked for the last " + last + " first-parent commits; the history has " + steps.size());
    }
    return steps;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
