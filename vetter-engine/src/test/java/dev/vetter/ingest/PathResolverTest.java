package dev.vetter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
  @TempDir Path tmp;

  static String ok(PathResolver r, String raw) {
    PathResolver.Resolved x = r.resolve(raw);
    assertThat(x.problem()).as("problem resolving %s", raw).isNull();
    return x.path();
  }

  static String refused(PathResolver r, String raw) {
    PathResolver.Resolved x = r.resolve(raw);
    assertThat(x.path()).as("path of %s", raw).isNull();
    return x.problem();
  }

  @Test
  void relativePathsAreRepositoryPaths() {
    PathResolver r = PathResolver.of(List.of("/home/ci/repo"), "");
    assertThat(ok(r, "src/a.js")).isEqualTo("src/a.js");
    assertThat(ok(r, "./src/./a.js")).isEqualTo("src/a.js");
    assertThat(ok(r, "src\\main\\A.java")).isEqualTo("src/main/A.java");
    assertThat(ok(r, "src/../lib/b.js")).isEqualTo("lib/b.js");
    assertThat(ok(r, "a%20b.js")).as("plain paths are not URI-decoded").isEqualTo("a%20b.js");
    assertThat(ok(r, ".")).as("the repository itself").isEmpty();
  }

  @Test
  void relativePathsFollowTheDirectoryTheToolRanIn() {
    PathResolver r = PathResolver.of(List.of("/home/ci/repo"), "web");
    assertThat(ok(r, "src/a.js")).isEqualTo("web/src/a.js");
    assertThat(ok(r, "../api/main.go")).isEqualTo("api/main.go");
    assertThat(ok(r, "/home/ci/repo/api/main.go")).isEqualTo("api/main.go");
  }

  @Test
  void absolutePathsInsideTheRepository() {
    PathResolver r = PathResolver.of(List.of("/home/ci/repo/"), "");
    assertThat(ok(r, "/home/ci/repo/src/a.js")).isEqualTo("src/a.js");
    assertThat(ok(r, "/home/ci/repo/x/../src/a.js")).isEqualTo("src/a.js");
    assertThat(ok(r, "file:///home/ci/repo/src/a%20b.js")).isEqualTo("src/a b.js");
    assertThat(ok(r, "file://localhost/home/ci/repo/src/a.js")).isEqualTo("src/a.js");
    assertThat(ok(r, "file:/home/ci/repo/src/%C3%A9.js")).isEqualTo("src/é.js");
    assertThat(ok(r, "file:///home/ci/repo/a b.js")).as("an unencoded space, as some tools write").isEqualTo("a b.js");
  }

  @Test
  void windowsPathsWithTheRootKnown() {
    PathResolver r = PathResolver.of(List.of("C:\\repo"), "");
    assertThat(ok(r, "C:\\repo\\src\\a.java")).isEqualTo("src/a.java");
    assertThat(ok(r, "c:/Repo/src/a.java")).as("drive paths compare without case").isEqualTo("src/a.java");
    assertThat(ok(r, "file:///C:/repo/src/a.java")).isEqualTo("src/a.java");
    assertThat(ok(r, "src\\a.java")).isEqualTo("src/a.java");
    assertThat(refused(r, "D:\\repo\\src\\a.java")).contains("outside the repository");
    assertThat(refused(r, "C:src\\a.java")).contains("drive");
  }

  @Test
  void pathsOutsideTheRepositoryOrUnsafeAreRefused() {
    PathResolver r = PathResolver.of(List.of("/home/ci/repo"), "");
    assertThat(refused(r, "/etc/passwd")).contains("outside the repository");
    assertThat(refused(r, "/home/ci/repository/a.js")).as("a sibling with the same prefix").contains("outside the repository");
    assertThat(refused(r, "/home/ci/repo/../other/a.js")).contains("outside the repository");
    assertThat(refused(r, "../other/a.js")).contains("outside the repository");
    assertThat(refused(r, "src/../../a.js")).contains("outside the repository");
    assertThat(refused(r, "a\0.js")).contains("NUL");
    assertThat(refused(r, "file://server/share/a.js")).contains("another host");
    assertThat(refused(r, "https://example.com/a.js")).contains("URI");
    assertThat(refused(r, "")).contains("empty");
  }

  @Test
  void aCheckoutIsKnownByItsPathAndItsRealPath() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("real/repo"));
    Files.createDirectories(repo.resolve("web"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
    PathResolver r = PathResolver.of(link.resolve("repo"), link.resolve("repo/web"));
    assertThat(ok(r, link.resolve("repo/web/a.js").toString())).isEqualTo("web/a.js");
    assertThat(ok(r, repo.toRealPath().resolve("web/a.js").toString())).isEqualTo("web/a.js");
    assertThat(ok(r, "a.js")).as("relative to the working directory inside the repository").isEqualTo("web/a.js");
    assertThat(ok(PathResolver.of(repo, tmp), "a.js")).as("a working directory outside: the root").isEqualTo("a.js");
  }
}
