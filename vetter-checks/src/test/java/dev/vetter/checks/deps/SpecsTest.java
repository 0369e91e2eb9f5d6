package dev.vetter.checks.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.checks.deps.Dependency.Source;
import org.junit.jupiter.api.Test;

class SpecsTest {

  private static Dependency dep(Ecosystem e, String spec) {
    return new Dependency(e, "s", "dependency", "x", spec, spec, Source.REGISTRY, 1, 1, 0);
  }

  @Test
  void exactVersions() {
    assertThat(Specs.exact(dep(Ecosystem.NPM, "1.2.3"))).isEqualTo("1.2.3");
    assertThat(Specs.exact(dep(Ecosystem.NPM, "=v1.2.3-rc.1"))).isEqualTo("1.2.3-rc.1");
    assertThat(Specs.exact(dep(Ecosystem.NPM, "^1.2.3"))).isNull();
    assertThat(Specs.exact(dep(Ecosystem.CRATES_IO, "=1.2.3"))).isEqualTo("1.2.3");
    assertThat(Specs.exact(dep(Ecosystem.CRATES_IO, "1.2.3"))).isNull(); // a caret requirement in Cargo
    assertThat(Specs.exact(dep(Ecosystem.PYPI, "==2.31.0"))).isEqualTo("2.31.0");
    assertThat(Specs.exact(dep(Ecosystem.PYPI, "==2.*"))).isNull();
    assertThat(Specs.exact(dep(Ecosystem.PYPI, ">=2,<3"))).isNull();
    assertThat(Specs.exact(dep(Ecosystem.PYPI, "1.4.2"))).isEqualTo("1.4.2"); // Poetry
    assertThat(Specs.exact(dep(Ecosystem.RUBYGEMS, "= 1.2.3"))).isEqualTo("1.2.3");
    assertThat(Specs.exact(dep(Ecosystem.RUBYGEMS, "~> 1.2"))).isNull();
    assertThat(Specs.exact(dep(Ecosystem.MAVEN, "[1.0,2.0)"))).isNull();
    assertThat(Specs.exact(dep(Ecosystem.MAVEN, "2.14.1"))).isEqualTo("2.14.1");
    assertThat(Specs.exact(dep(Ecosystem.GO, "v0.10.0"))).isEqualTo("v0.10.0");
  }

  @Test
  void floors() {
    assertThat(Specs.floor(dep(Ecosystem.NPM, "^4.19.2"))).isEqualTo("4.19.2");
    assertThat(Specs.floor(dep(Ecosystem.PYPI, "<3,>=2.1"))).isEqualTo("2.1");
    assertThat(Specs.floor(dep(Ecosystem.PYPI, "!=1.5,>=1.2"))).isEqualTo("1.2");
    assertThat(Specs.floor(dep(Ecosystem.NPM, "1.x"))).isEqualTo("1");
    assertThat(Specs.floor(dep(Ecosystem.NPM, "latest"))).isNull();
  }

  @Test
  void floatingReasons() {
    assertThat(Specs.floating(dep(Ecosystem.NPM, "1.2.3"))).isNull();
    assertThat(Specs.floating(dep(Ecosystem.NPM, "^1.2.3"))).contains("floating range");
    assertThat(Specs.floating(dep(Ecosystem.NPM, "next"))).contains("dist-tag");
    assertThat(Specs.floating(dep(Ecosystem.CRATES_IO, "1.2"))).isNull();
    assertThat(Specs.floating(dep(Ecosystem.CRATES_IO, ">= 1.2"))).contains("without an upper bound");
    assertThat(Specs.floating(dep(Ecosystem.PYPI, ">=1,<2"))).isNull();
    assertThat(Specs.floating(dep(Ecosystem.PYPI, ">=1"))).contains("without an upper bound");
    assertThat(Specs.floating(dep(Ecosystem.PYPI, ">=1,!=1.5"))).contains("without an upper bound");
    assertThat(Specs.floating(dep(Ecosystem.RUBYGEMS, ">= 1.0, < 2"))).isNull();
    assertThat(Specs.floating(dep(Ecosystem.MAVEN, "RELEASE"))).contains("meta-version");
    assertThat(Specs.floating(dep(Ecosystem.MAVEN, ""))).isNull();
    assertThat(Specs.floating(dep(Ecosystem.GO, "v1.0.0"))).isNull();
    Dependency branch = dep(Ecosystem.NPM, "x").withSource(new Source(Source.Kind.GIT, "https://g/x", null));
    assertThat(Specs.floating(branch)).contains("git branch");
    Dependency peer = new Dependency(Ecosystem.NPM, "peerDependencies", "peer dependency", "react", "^18", "^18", Source.REGISTRY, 1, 1, 0);
    assertThat(Specs.floating(peer)).isNull();
  }
}
