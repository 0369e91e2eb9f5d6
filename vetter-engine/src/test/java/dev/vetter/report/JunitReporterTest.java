package dev.vetter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import dev.vetter.engine.RuleInfo;
import dev.vetter.filter.FilterMode;
import dev.vetter.check.Glob;
import dev.vetter.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReporterTest {
  @TempDir Path tmp;

  @Test
  void oneTestCasePerRuleOneFailurePerFinding() {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    assertThat(ReviewFixture.render("junit", r)).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="vetter" tests="4" failures="3" errors="0" skipped="0">
          <testcase name="demo/change-size" classname="vetter.demo">
            <failure message="(the change as a whole): The change touches 2 files, 100% new: split it?" type="warning">(the change as a whole): warning: The change touches 2 files, 100% new: split it? [demo/change-size]</failure>
          </testcase>
          <testcase name="demo/markers" classname="vetter.demo">
            <failure message="src/App.java:2:6: Resolve the marker: handle &lt;null&gt; &amp; &quot;empty&quot; | 100% done, ok" type="error">src/App.java:2:6: error: Resolve the marker: handle &lt;null&gt; &amp; "empty" | 100% done, ok [demo/markers]</failure>
            <failure message="src/App.java:4-5: A hack spans these lines." type="warning">src/App.java:4-5: warning: A hack spans these lines. [demo/markers]</failure>
          </testcase>
          <testcase name="demo/quiet" classname="vetter.demo"/>
          <testcase name="demo/titles" classname="vetter.demo">
            <failure message="docs/notes, v2.md: No title.&#10;Ask @octocat: see https://example.com/x." type="notice">docs/notes, v2.md: notice: No title.
        Ask @octocat: see https://example.com/x. [demo/titles]</failure>
          </testcase>
          <system-out>Vetter: 4 findings (1 error, 2 warning, 1 notice) in 2 changed files; 0 outside the diff, 0 suppressed, 0 baselined. Failed (fail-on: error).</system-out>
        </testsuite>
        """);
  }

  @Test
  void parsesBackWithCountsThatAddUp() throws Exception {
    ReviewResult r = ReviewFixture.review(tmp.resolve("repo"));
    Document doc = CheckstyleReporterTest.parse(ReviewFixture.render("junit", r));
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    NodeList cases = suite.getElementsByTagName("testcase");
    NodeList failures = suite.getElementsByTagName("failure");
    assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.getLength());
    assertThat(failures.getLength()).isEqualTo(r.findings().size());
    int failing = 0;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      names.add(c.getAttribute("name"));
      if (c.getElementsByTagName("failure").getLength() > 0) failing++;
    }
    assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(failing);
    // the disabled rule is absent, the quiet one passes, engine rules without findings are left out
    assertThat(names).containsExactly("demo/change-size", "demo/markers", "demo/quiet", "demo/titles");
    Element titles = (Element) failures.item(3);
    assertThat(titles.getAttribute("message")).isEqualTo("docs/notes, v2.md: No title.\nAsk @octocat: see https://example.com/x.");
    assertThat(titles.getAttribute("type")).isEqualTo("notice");
  }

  @Test
  void aRuleDisabledAtTheTopButEnabledForSomePathsCounts() {
    RuleInfo quiet = ReviewFixture.REGISTRY.rule("demo/quiet").orElseThrow();
    Policy.RuleSettings off = new Policy.RuleSettings(false, null, null);
    Policy.RuleSettings on = new Policy.RuleSettings(true, null, null);
    assertThat(JunitReporter.enabledSomewhere(policy(Map.of("demo", off), List.of()), quiet)).isFalse();
    assertThat(JunitReporter.enabledSomewhere(policy(Map.of("demo", off, "demo/quiet", on), List.of()), quiet)).isTrue();
    assertThat(JunitReporter.enabledSomewhere(policy(Map.of("demo/quiet", off),
        List.of(new Policy.PathOverride(List.of(Glob.compile("src/**")), Map.of("demo", on)))), quiet)).isTrue();
    assertThat(JunitReporter.enabledSomewhere(policy(Map.of("demo/quiet", off),
        List.of(new Policy.PathOverride(List.of(Glob.compile("src/**")), Map.of("demo", on, "demo/quiet", off)))), quiet)).isFalse();
  }

  private static Policy policy(Map<String, Policy.RuleSettings> rules, List<Policy.PathOverride> overrides) {
    Policy d = Policy.defaults();
    return new Policy(FilterMode.ADDED, Severity.ERROR, d.maxInlineComments(), d.requestChanges(), d.include(), d.exclude(), null, d.limits(), rules, overrides);
  }
}
