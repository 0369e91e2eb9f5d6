package dev.vetter.checks.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.FileContent;
import dev.vetter.checks.deps.Dependency.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each parser makes of its format, lines included: the rules' findings go to these lines. */
class ParsersTest {

  private static Manifest parse(String path, String text) {
    return Manifest.parse(ManifestKind.of(path), FileContent.ofText(path, text));
  }

  private static List<String> rows(Manifest m) {
    assertThat(m.error()).as("parse error").isNull();
    return m.dependencies().stream()
        .map(d -> d.line() + (d.endLine() != d.line() ? "-" + d.endLine() : "") + (d.versionLine() > 0 ? "@" + d.versionLine() : "") + " " + d.name() + " "
            + d.spec() + (java.util.Objects.equals(d.version(), d.spec()) ? "" : " =" + d.version()) + (d.source().kind() == Source.Kind.REGISTRY ? ""
            : " " + d.source().kind() + (d.source().ref() == null ? "" : "#" + d.source().ref())))
        .toList();
  }

  @Test
  void recognisesFileNames() {
    assertThat(ManifestKind.of("a/b/pom.xml")).isEqualTo(ManifestKind.POM);
    assertThat(ManifestKind.of("requirements-dev.txt")).isEqualTo(ManifestKind.REQUIREMENTS);
    assertThat(ManifestKind.of("requirements/base.txt")).isEqualTo(ManifestKind.REQUIREMENTS);
    assertThat(ManifestKind.of("docs/notes.txt")).isNull();
    assertThat(ManifestKind.of("gradle/libs.versions.toml")).isEqualTo(ManifestKind.VERSION_CATALOG);
    assertThat(ManifestKind.of("Cargo.lock").isLockfile()).isTrue();
  }

  @Test
  void pomResolvesPropertiesAndRefusesEntities() {
    String pom = """
        <project>
          <groupId>g</groupId><artifactId>a</artifactId><version>1.0</version>
          <properties>
            <v>2.0</v>
            <w>${v}.1</w>
          </properties>
          <dependencies>
            <dependency>
              <groupId>x</groupId>
              <artifactId>y</artifactId>
              <version>${w}</version>
            </dependency>
            <dependency><groupId>x</groupId><artifactId>z</artifactId><version>${missing}</version></dependency>
          </dependencies>
          <profiles><profile><id>p</id><dependencies>
            <dependency><groupId>x</groupId><artifactId>y</artifactId><version>${project.version}</version></dependency>
          </dependencies></profile></profiles>
        </project>
        """;
    assertThat(rows(parse("pom.xml", pom))).containsExactly("8-12@5 x:y ${w} =2.0.1", "13 x:z ${missing} =null", "16 x:y ${project.version} =1.0");
    Manifest xxe = parse("pom.xml", "<!DOCTYPE p [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><project>&e;</project>");
    assertThat(xxe.error()).contains("DOCTYPE is not allowed");
  }

  @Test
  void gradleGroovyAndKotlin() {
    String gradle = """
        ext.springVersion = '6.1.6'
        plugins { id 'org.example.plugin' version '1.2' }
        dependencies {
            implementation "org.springframework:spring-core:${springVersion}" // a comment: 'x:y:1'
            api("com.squareup:okio:3.9.0")
            testImplementation group: 'junit', name: 'junit', version: '4.13.2'
            implementation platform('org.example:bom:1.0')
            implementation files('lib/x.jar')
        }
        """;
    assertThat(rows(parse("build.gradle", gradle))).containsExactly(
        "2 org.example.plugin 1.2", "4@1 org.springframework:spring-core ${springVersion} =6.1.6", "5 com.squareup:okio 3.9.0",
        "6 junit:junit 4.13.2", "7 org.example:bom 1.0");
  }

  @Test
  void packageJsonSourcesAndAliases() {
    String json = """
        {
          "dependencies": {
            "a": "^1.0.0",
            "b": "npm:real-b@2.0.0",
            "c": "github:org/c#v1",
            "d": "file:../d",
            "e": { "not": "a string" }
          }
        }
        """;
    assertThat(rows(parse("package.json", json))).containsExactly("3 a ^1.0.0", "4 real-b 2.0.0", "5 c github:org/c#v1 =null GIT#v1",
        "6 d file:../d =null PATH");
  }

  @Test
  void requirementsAreTolerant() {
    String req = """
        # comment
        requests[socks] >= 2.0 , < 3 ; python_version > "3.8"
        not a requirement at all !!
        pkg @ https://example.com/pkg-1.0.tar.gz
        --index-url https://pypi.example.com/simple
        """;
    Manifest m = parse("requirements.txt", req);
    assertThat(rows(m)).containsExactly("2 requests >=2.0,<3", "4 pkg https://example.com/pkg-1.0.tar.gz =null URL");
    assertThat(m.registries()).extracting(Registry::location).containsExactly("https://pypi.example.com/simple");
  }

  @Test
  void tomlManifestsWithLines() {
    String cargo = """
        [package]
        name = "app"

        [dependencies]
        serde = { version = "1.0", features = ["derive"] }
        my-time = { package = "time", version = "=0.3.36" }

        [target.'cfg(unix)'.dependencies]
        libc = "0.2"

        [dependencies.regex]
        # the version of regex
        version = "1.10"
        """;
    assertThat(rows(parse("Cargo.toml", cargo))).containsExactly("5 serde 1.0", "6 time =0.3.36", "9 libc 0.2", "11-13@13 regex 1.10");
    String pyproject = """
        [project]
        dependencies = [
          "httpx>=0.27",
          'rich==13.7.1',
        ]
        [tool.poetry.dependencies]
        python = "^3.10"
        fastapi = { git = "https://github.com/tiangolo/fastapi", tag = "0.111.0" }
        [tool.uv.sources]
        httpx = { path = "../httpx" }
        """;
    assertThat(rows(parse("pyproject.toml", pyproject))).containsExactly("3 httpx >=0.27 =null PATH", "4 rich ==13.7.1",
        "8 fastapi  =null GIT#0.111.0");
  }

  @Test
  void goModAndGemfile() {
    String gomod = """
        module example.com/m

        require (
        \tgithub.com/a/b v1.2.3
        \tgithub.com/c/d v0.1.0 // indirect
        )
        replace github.com/a/b v1.2.3 => ../b
        """;
    assertThat(rows(parse("go.mod", gomod))).containsExactly("4 github.com/a/b v1.2.3", "5 github.com/c/d v0.1.0", "7 github.com/a/b  =null PATH");
    String gemfile = """
        source "https://rubygems.org"
        if ENV["CI"]
          gem "ci-only"
        end
        git "https://github.com/org/gems.git", tag: "v1" do
          gem "from-git"
        end
        gem "rails", "~> 7.1", ">= 7.1.2" # a comment, "quoted"
        """;
    assertThat(rows(parse("Gemfile", gemfile))).containsExactly("3 ci-only ", "6 from-git  =null GIT#v1", "8 rails ~> 7.1, >= 7.1.2");
  }

  @Test
  void lockfiles() {
    String yarn = """
        # yarn lockfile v1

        "@babel/core@^7.0.0", "@babel/core@^7.1.0":
          version "7.24.5"
          resolved "https://registry.yarnpkg.com/@babel/core/-/core-7.24.5.tgz"

        left-pad@1.3.0:
          version "1.3.0"
        """;
    assertThat(rows(parse("yarn.lock", yarn))).containsExactly("3 @babel/core 7.24.5", "7 left-pad 1.3.0");
    String pnpm = """
        lockfileVersion: '9.0'
        importers:
          .:
            dependencies: {}
        packages:
          '@babel/core@7.24.5':
            resolution: {integrity: sha512-x}
          left-pad@1.3.0(peer@1.0.0):
            resolution: {integrity: sha512-y}
        """;
    assertThat(rows(parse("pnpm-lock.yaml", pnpm))).containsExactly("6 @babel/core 7.24.5", "8 left-pad 1.3.0");
    String poetry = """
        [[package]]
        name = "requests"
        version = "2.31.0"

        [package.dependencies]
        version = "not the package's"

        [[package]]
        name = "mylib"
        version = "0.1.0"

        [package.source]
        type = "git"
        url = "https://github.com/org/mylib"
        """;
    assertThat(rows(parse("poetry.lock", poetry))).containsExactly("2 requests 2.31.0");
    assertThat(rows(parse("gradle.lockfile", "# comment\norg.a:b:1.0=compileClasspath\nempty=\n"))).containsExactly("2 org.a:b 1.0");
  }
}
