package dev.vetter.checks.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

  /** Each list is in ascending order; shuffled and sorted again it must come back the same. */
  private static void ordered(Ecosystem ecosystem, String... versions) {
    List<String> expected = List.of(versions);
    for (int seed = 0; seed < 5; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new java.util.Random(seed));
      shuffled.sort((a, b) -> Versions.compare(ecosystem, a, b));
      assertThat(shuffled).as(ecosystem + " order").containsExactlyElementsOf(expected);
    }
  }

  @Test
  void mavenFollowsComparableVersion() {
    ordered(Ecosystem.MAVEN, "1.0-alpha1", "1.0-alpha2", "1.0-beta1", "1.0-M1", "1.0-RC1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0.1", "1.1",
        "1.10", "2.0");
    assertThat(Versions.compare(Ecosystem.MAVEN, "1.0", "1.0.0")).isZero();
    assertThat(Versions.compare(Ecosystem.MAVEN, "1.0.Final", "1.0")).isZero();
    assertThat(Versions.compare(Ecosystem.MAVEN, "1.0.GA", "1.0")).isZero();
    assertThat(Versions.compare(Ecosystem.MAVEN, "2.0-beta9", "2.0-beta10")).isNegative();
    assertThat(Versions.compare(Ecosystem.MAVEN, "1.0a1", "1.0-alpha-1")).isZero();
    assertThat(Versions.compare(Ecosystem.MAVEN, "33.2.0-jre", "33.1.0-jre")).isPositive();
  }

  @Test
  void semverPrecedence() {
    // the example of semver.org section 11
    ordered(Ecosystem.NPM, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
        "1.0.0", "1.0.1", "1.2.0", "1.10.0");
    assertThat(Versions.compare(Ecosystem.GO, "v0.9.0", "v0.15.0")).isNegative();
    assertThat(Versions.compare(Ecosystem.GO, "v2.0.0+incompatible", "2.0.0")).isZero();
    assertThat(Versions.compare(Ecosystem.GO, "v0.0.0-20240101120000-abcdef123456", "v0.0.1")).isNegative();
    assertThat(Versions.compare(Ecosystem.CRATES_IO, "1.2", "1.2.0")).isZero();
  }

  @Test
  void pep440Ordering() {
    // from PEP 440's summary of permitted suffixes and relative ordering
    ordered(Ecosystem.PYPI, "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
        "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0.post456.dev34", "1.0.post456", "1.1.dev1");
    assertThat(Versions.compare(Ecosystem.PYPI, "1.0", "1.0.0")).isZero();
    assertThat(Versions.compare(Ecosystem.PYPI, "1.0-1", "1.0.post1")).isZero();
    assertThat(Versions.compare(Ecosystem.PYPI, "1.0alpha1", "1.0a1")).isZero();
    assertThat(Versions.compare(Ecosystem.PYPI, "1!0.1", "2.0")).isPositive();
    assertThat(Versions.compare(Ecosystem.PYPI, "8.1.9", "8.1.10")).isNegative();
  }

  @Test
  void rubyGemsPrereleasesSortBeforeTheRelease() {
    ordered(Ecosystem.RUBYGEMS, "1.0.a", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "3.0.9.1", "3.0.10");
    assertThat(Versions.compare(Ecosystem.RUBYGEMS, "1.0", "1.0.0")).isZero();
  }

  @Test
  void prereleases() {
    assertThat(Versions.isPrerelease(Ecosystem.MAVEN, "2.0-SNAPSHOT")).isTrue();
    assertThat(Versions.isPrerelease(Ecosystem.MAVEN, "6.0.0-M1")).isTrue();
    assertThat(Versions.isPrerelease(Ecosystem.MAVEN, "1.0.0.CR1")).isTrue();
    assertThat(Versions.isPrerelease(Ecosystem.MAVEN, "5.6.15.Final")).isFalse();
    assertThat(Versions.isPrerelease(Ecosystem.MAVEN, "33.2.0-jre")).isFalse();
    assertThat(Versions.isPrerelease(Ecosystem.NPM, "15.0.0-rc.0")).isTrue();
    assertThat(Versions.isPrerelease(Ecosystem.NPM, "15.0.0+build.1")).isFalse();
    assertThat(Versions.isPrerelease(Ecosystem.PYPI, "2.0.0.dev0")).isTrue();
    assertThat(Versions.isPrerelease(Ecosystem.PYPI, "2.0.post1")).isFalse();
    assertThat(Versions.isPrerelease(Ecosystem.RUBYGEMS, "7.2.0.beta2")).isTrue();
    assertThat(Versions.isGoPseudoVersion("v0.0.0-20240101120000-abcdef123456")).isTrue();
    assertThat(Versions.isGoPseudoVersion("v1.2.4-0.20240101120000-abcdef123456")).isTrue();
    assertThat(Versions.isGoPseudoVersion("v1.2.0-rc.1")).isFalse();
  }
}
