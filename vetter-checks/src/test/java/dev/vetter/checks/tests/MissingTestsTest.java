package dev.vetter.checks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissingTestsTest {

  @Test
  void conventionalTestPaths() {
    assertThat(MissingTests.conventionalTest("src/main/java/a/B.java")).isEqualTo("src/test/java/a/BTest.java");
    assertThat(MissingTests.conventionalTest("svc/src/main/kotlin/a/B.kt")).isEqualTo("svc/src/test/kotlin/a/BTest.kt");
    assertThat(MissingTests.conventionalTest("lib/B.java")).isEqualTo("lib/BTest.java");
    assertThat(MissingTests.conventionalTest("web/foo.ts")).isEqualTo("web/foo.test.ts");
    assertThat(MissingTests.conventionalTest("web/App.tsx")).isEqualTo("web/App.test.tsx");
    assertThat(MissingTests.conventionalTest("pkg/x.go")).isEqualTo("pkg/x_test.go");
    assertThat(MissingTests.conventionalTest("a/b.py")).isEqualTo("tests/test_b.py");
    assertThat(MissingTests.conventionalTest("a/pkg/__init__.py")).isEqualTo("tests/test_pkg.py");
    assertThat(MissingTests.conventionalTest("lib/x.rb")).isEqualTo("spec/x_spec.rb");
    assertThat(MissingTests.conventionalTest("app/models/user.rb")).isEqualTo("spec/models/user_spec.rb");
  }

  @Test
  void recognisesTests() {
    assertThat(MissingTests.isTest("src/test/java/a/BTest.java")).isTrue();
    assertThat(MissingTests.isTest("a/BTest.java")).isTrue();
    assertThat(MissingTests.isTest("a/TestBilling.java")).isTrue();
    assertThat(MissingTests.isTest("a/Testimonial.java")).isFalse();
    assertThat(MissingTests.isTest("web/foo.spec.ts")).isTrue();
    assertThat(MissingTests.isTest("web/__tests__/foo.ts")).isTrue();
    assertThat(MissingTests.isTest("pkg/x_test.go")).isTrue();
    assertThat(MissingTests.isTest("a/test_b.py")).isTrue();
    assertThat(MissingTests.isTest("conftest.py")).isTrue();
    assertThat(MissingTests.isTest("spec/x_spec.rb")).isTrue();
    assertThat(MissingTests.isTest("src/main/java/a/B.java")).isFalse();
    assertThat(MissingTests.isTest("web/latest.ts")).isFalse();
  }
}
