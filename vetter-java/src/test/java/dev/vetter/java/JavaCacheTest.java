package dev.vetter.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Finding;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.DiskCache;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.Reviewer;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.YamlSource;
import dev.vetter.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached Checkstyle results are keyed by the configuration read from the base revision. */
class JavaCacheTest {
  @TempDir Path tmp;

  // Checkstyle alone, with the configuration checks.xml of the repository, and a cache kept across the test's reviews
  final CheckRegistry registry = new CheckRegistry(List.of(new Checkstyle()));
  final dev.vetter.policy.Policy policy =
      new PolicyLoader(registry).load(List.of(new YamlSource("vetter.yml", "rules:\n  java/checkstyle:\n    config: checks.xml\n")));
  DiskCache cache;

  @org.junit.jupiter.api.BeforeEach
  void cache() {
    cache = new DiskCache(tmp.resolve("cache"));
  }

  static String config(int max) {
    return """
        <?xml version="1.0"?>
        <module name="Checker">
          <module name="LineLength"><property name="max" value="%d"/></module>
        </module>
        """.formatted(max);
  }

  @Test
  void aChangedConfigurationAtBaseInvalidatesCachedResults() throws Exception {
    String source = "class A {\n  // twenty-five characters and more\n}\n";
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("checks.xml", config(20)).commit("base");
      repo.branch("feature").write("A.java", source).commit("add A");
      ReviewResult first = review(repo, registry, policy, cache, "main", "feature");
      assertThat(first.findings()).extracting(Finding::rule, Finding::line).containsExactly(org.assertj.core.groups.Tuple.tuple("java/checkstyle/LineLength", 2));
      assertThat(first.stats().invocations()).isEqualTo(1);

      ReviewResult again = review(repo, registry, policy, cache, "main", "feature");
      assertThat(again.stats().cacheHits()).as("same file, same configuration: cached").isEqualTo(1);
      assertThat(again.findings()).hasSize(1);

      // the same file (same blob, same path) on a base whose configuration allows long lines
      repo.checkout("main").write("checks.xml", config(200)).commit("loosen");
      repo.branch("feature2").write("A.java", source).commit("add A again");
      ReviewResult loosened = review(repo, registry, policy, cache, "main", "feature2");
      assertThat(loosened.stats().cacheHits()).as("the base configuration changed: recomputed").isZero();
      assertThat(loosened.findings()).isEmpty();
    }
  }

  /** A suppressions file as Checkstyle requires it: with its document type. */
  static String suppressions(String body) {
    return """
        <?xml version="1.0"?>
        <!DOCTYPE suppressions PUBLIC "-//Checkstyle//DTD SuppressionFilter Configuration 1.2//EN"
            "https://checkstyle.org/dtds/suppressions_1_2.dtd">
        <suppressions>%s</suppressions>
        """.formatted(body);
  }

  @Test
  void aChangedSuppressionsFileAtBaseInvalidatesCachedResults() throws Exception {
    String checks = """
        <?xml version="1.0"?>
        <module name="Checker">
          <module name="SuppressionFilter"><property name="file" value="suppressions.xml"/></module>
          <module name="LineLength"><property name="max" value="20"/></module>
        </module>
        """;
    String source = "class A {\n  // twenty-five characters and more\n}\n";
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write("checks.xml", checks).write("suppressions.xml", suppressions("")).commit("base");
      repo.branch("feature").write("A.java", source).commit("add A");
      ReviewResult first = review(repo, registry, policy, cache, "main", "feature");
      assertThat(first.findings()).extracting(Finding::rule).containsExactly("java/checkstyle/LineLength");
      assertThat(review(repo, registry, policy, cache, "main", "feature").stats().cacheHits()).as("nothing changed: cached").isEqualTo(1);

      // the same file on a base that suppresses long lines in it: neither the cached findings nor the runner are reused
      repo.checkout("main").write("suppressions.xml", suppressions("<suppress checks=\"LineLength\" files=\"A\\.java\"/>"))
          .commit("suppress");
      repo.branch("feature2").write("A.java", source).commit("add A again");
      ReviewResult suppressed = review(repo, registry, policy, cache, "main", "feature2");
      assertThat(suppressed.stats().cacheHits()).as("the base's suppressions changed: recomputed").isZero();
      assertThat(suppressed.findings()).isEmpty();
    }
  }

  private static ReviewResult review(TestRepo repo, CheckRegistry registry, dev.vetter.policy.Policy policy, DiskCache cache, String base, String head)
      throws Exception {
    try (GitRepository git = GitRepository.open(repo.dir())) {
      return new Reviewer(registry, policy, cache, dev.vetter.engine.Baseline.EMPTY, 2, dev.vetter.engine.Progress.NONE).review(git.range(base, head));
    }
  }
}
