package dev.vetter.conventions;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.check.Check;
import dev.vetter.check.FileCheck;
import dev.vetter.check.Finding;
import dev.vetter.check.Glob;
import dev.vetter.check.Mode;
import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.FindingCache;
import dev.vetter.engine.Progress;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.filter.FilterMode;
import dev.vetter.git.ChangeBuilder;
import dev.vetter.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Analyzer rules (checks that run another tool and report its rules as sub-rules, {@code java/pmd/...}) that
 * already fire on a good share of the files of their kind at the base ({@link #SHARE}): a convention the team does not follow, such as
 * underscores in JUnit test method names against PMD's MethodNamingConventions. Each such sub-rule is put in
 * shadow for that kind of file (test files, or all files), with a reason that says how to turn it back on.
 *
 * <p>A deterministic sample of up to {@link #SAMPLE} files of each kind is reviewed whole at the base, with the
 * policy's own settings for the tool; the results are cached per file like any review's, so the next review of
 * the same base costs only the cache look-ups.
 */
final class AnalyzerConventions {
  static final int SAMPLE = 25;
  /** A kind with fewer sampled files says nothing. */
  static final int MIN_FILES = 5;
  /**
   * A rule the team follows fires on almost none of its files; one that fires on at least this share of the sampled
   * files of a kind is not enforced there. (The issue said "most files"; measured on googleapis/java-storage, PMD's
   * MethodNamingConventions, the very case of underscores in JUnit test names, fires on 8 of 25 sampled test files
   * and on none of 25 others: a half would miss it.)
   */
  static final double SHARE = 0.25;
  /** Test sources, as build tools and test runners lay them out. */
  static final List<Glob> TESTS = Glob.compileAll("tests", List.of("**/src/test/**", "**/test/**", "**/tests/**", "**/__tests__/**",
      "**/*Test.java", "**/*Tests.java", "**/*IT.java", "**/*_test.go", "**/test_*.py", "**/*_test.py", "**/*.test.*", "**/*.spec.*"));

  private AnalyzerConventions() {}

  static List<Policy.Inferred> infer(Conventions.Base base, CheckRegistry registry, Policy policy, FindingCache cache, Set<String> skip)
      throws InterruptedException {
    List<Check> analyzers = new ArrayList<>();
    for (Check c : registry.checks().values()) {
      if (Check.info(c).subRules() && c instanceof FileCheck<?> && !skip.contains(Check.info(c).id())) analyzers.add(c);
    }
    if (analyzers.isEmpty()) return List.of();
    Map<String, String> files = base.files();
    if (files.isEmpty()) return List.of();
    List<Policy.Inferred> out = new ArrayList<>();
    for (Check c : analyzers) {
      FileCheck<?> check = (FileCheck<?>) c;
      List<String> tests = new ArrayList<>();
      List<String> mains = new ArrayList<>();
      for (Map.Entry<String, String> e : files.entrySet()) {
        if (!policy.reviews(e.getKey())) continue;
        ChangedFile probe = new ChangedFile(FileStatus.ADDED, null, e.getKey(), 0, FileMode.MISSING, FileMode.REGULAR, null, e.getValue(),
            false, false, 0, List.of());
        if (!check.accepts(probe)) continue;
        (Glob.anyMatches(TESTS, e.getKey()) ? tests : mains).add(e.getKey());
      }
      List<String> sampleTests = sample(tests);
      List<String> sampleMains = sample(mains);
      if (sampleTests.size() < MIN_FILES && sampleMains.size() < MIN_FILES) continue;
      List<String> sampled = new ArrayList<>(sampleTests);
      sampled.addAll(sampleMains);
      // consecutive bases (a replay, a daemon's reviews) mostly share the sample and the build: reuse the last answers
      String key = memoKey(c, sampled, files, policy);
      Map<String, Set<String>> pathsByRule = MEMO.get(key);
      if (pathsByRule == null) {
        pathsByRule = findings(c, sampled, files, base, policy, cache);
        MEMO.put(key, pathsByRule);
      }
      pathsByRule.forEach((rule, paths) -> {
        long inMain = sampleMains.stream().filter(paths::contains).count();
        long inTests = sampleTests.stream().filter(paths::contains).count();
        if (sampleMains.size() >= MIN_FILES && inMain >= SHARE * sampleMains.size()) {
          out.add(quiet(rule, List.of(), inMain, sampleMains.size(), "files"));
        } else if (sampleTests.size() >= MIN_FILES && inTests >= SHARE * sampleTests.size()) {
          out.add(quiet(rule, TESTS, inTests, sampleTests.size(), "test files"));
        }
      });
    }
    out.sort(Comparator.comparing(Policy.Inferred::rule));
    return out;
  }

  private static Policy.Inferred quiet(String rule, List<Glob> paths, long hit, int of, String kind) {
    return new Policy.Inferred(rule, paths, new Policy.RuleSettings(null, null, Mode.SHADOW, null),
        "inferred: fires on " + hit + " of " + of + " sampled " + kind + " at base (" + Math.round(100.0 * hit / of)
            + "%), a convention this repository does not follow; to post it anyway: rules: {" + rule + ": {mode: comment}}");
  }

  /** The answers of the last few samples, by {@link #memoKey}; bounded, shared by the reviews of one process. */
  private static final Map<String, Map<String, Set<String>>> MEMO = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Set<String>>> eldest) {
          return size() > 32;
        }
      });

  /** Build and analyzer configuration files whose content can change what a sampled file's review finds. */
  private static boolean isConfiguration(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.equals("pom.xml") || name.startsWith("build.gradle") || (name.endsWith(".xml") && (name.contains("checkstyle")
        || name.contains("pmd") || name.contains("ruleset") || name.contains("suppression") || name.contains("import-control")));
  }

  /** What a sample's answers depend on: the check and its version, the policy, the sampled files and the build's configuration. */
  private static String memoKey(Check check, List<String> sampled, Map<String, String> files, Policy policy) {
    StringBuilder sb = new StringBuilder(Check.info(check).id()).append('\0').append(Check.info(check).version()).append('\0')
        .append(check.cacheKey()).append('\0').append(policy);
    for (String p : sampled) sb.append('\0').append(p).append('=').append(files.get(p));
    files.forEach((p, id) -> {
      if (isConfiguration(p)) sb.append('\0').append(p).append('=').append(id);
    });
    return sha256(sb.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Up to {@link #SAMPLE} of {@code paths}, the same ones for the same paths whatever their order: by the hash of each path. */
  static List<String> sample(List<String> paths) {
    Map<String, String> hashes = new HashMap<>();
    for (String p : paths) hashes.put(p, sha256(p));
    return paths.stream().sorted(Comparator.comparing((String p) -> hashes.get(p)).thenComparing(p -> p)).limit(SAMPLE).sorted().toList();
  }


  /** Which sampled files each sub-rule of {@code check} reports on, the files reviewed whole as at the base. */
  private static Map<String, Set<String>> findings(Check check, List<String> sampled, Map<String, String> files, Conventions.Base base,
      Policy policy, FindingCache cache) throws InterruptedException {
    List<ChangeBuilder.Entry> entries = new ArrayList<>();
    for (String p : sampled) entries.add(new ChangeBuilder.Entry(FileStatus.ADDED, null, p, files.get(p)));
    Map<String, byte[]> read = new HashMap<>();
    ChangeBuilder.Reader reader = (side, path, hint) -> {
      String id = files.get(path);
      if (id == null) return Optional.empty();
      synchronized (read) {
        byte[] b = read.get(id);
        if (b != null) return Optional.of(b);
      }
      return base.blob(id).map(b -> {
        synchronized (read) {
          read.put(id, b);
        }
        return b;
      });
    };
    Change sample = ChangeBuilder.range("(base)", "(base sample)", null, null, entries, List.of(), reader, policy.limits().maxFileBytes());
    CheckRegistry one = new CheckRegistry(List.of(check));
    Reviewer reviewer = new Reviewer(one, policy.withFilter(FilterMode.NOFILTER).withFailOn(null), cache, Baseline.EMPTY,
        Runtime.getRuntime().availableProcessors(), Progress.NONE);
    ReviewResult r = reviewer.review(sample);
    Map<String, Set<String>> byRule = new TreeMap<>();
    List<Finding> all = new ArrayList<>(r.findings());
    all.addAll(r.shadow());
    Set<String> sampledSet = new HashSet<>(sampled);
    for (Finding f : all) {
      if (f.path() == null || !sampledSet.contains(f.path())) continue;
      if (!f.rule().startsWith(Check.info(check).id() + "/")) continue; // a parse error is no convention
      byRule.computeIfAbsent(f.rule(), k -> new HashSet<>()).add(f.path());
    }
    return byRule;
  }
}
