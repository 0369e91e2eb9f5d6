package dev.vetter.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.server.Server;
import dev.vetter.server.ServerConfig;
import dev.vetter.server.telemetry.Report.Outcomes;
import dev.vetter.server.telemetry.Report.PullRequests;
import dev.vetter.server.telemetry.Report.Ratio;
import dev.vetter.server.telemetry.Report.RuleOutcomes;
import dev.vetter.server.telemetry.Report.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cockpit's page from a report built by hand, and the route's default (off). The browser tests are in {@link TelemetryContract}. */
class CockpitTest {
  static Outcomes outcomes(int fixed, int ignored) {
    return new Outcomes(fixed + ignored, fixed, ignored, 0, 0, 0, 0, 0);
  }

  static Report report(String repository, List<RuleOutcomes> rules) {
    Instant since = Instant.parse("2024-05-01T00:00:00Z"), until = Instant.parse("2024-06-01T00:00:00Z");
    List<Span> phases = List.of(new Span("cycle", "opened", "merged", 3, 3600, 7200, 1), new Span("pickup", "opened or ready for review", "first human review", 0, 0, 0, 0));
    return new Report(since, until, repository, new PullRequests(4, 3, 1, 1, 1, 0), phases, Ratio.of(2, 5), outcomes(2, 3), Outcomes.NONE, rules);
  }

  @Test
  void noisyRulesComeFirstOnceTheyHaveEnoughTrials() {
    List<RuleOutcomes> rules = List.of(
        new RuleOutcomes("a/good", false, outcomes(9, 1)),
        new RuleOutcomes("b/few", false, outcomes(0, 2)),
        new RuleOutcomes("c/noisy", false, outcomes(1, 9)),
        new RuleOutcomes("d/middling", true, outcomes(3, 3)));
    String page = Cockpit.html(report(null, rules), null);
    assertThat(page.indexOf("data-rule=\"c/noisy\"")).isPositive()
        .isLessThan(page.indexOf("data-rule=\"d/middling\"")).isLessThan(page.indexOf("data-rule=\"a/good\""));
    assertThat(page.indexOf("data-rule=\"a/good\"")).as("too few trials to judge: after the judged ones").isLessThan(page.indexOf("data-rule=\"b/few\""));
  }

  @Test
  void aStaticPageHasNoFormNoObjectivesAndNothingToFetch() {
    String page = Cockpit.html(report(null, List.of()), null);
    assertThat(page).doesNotContain("<form", "<script", "src=", "http://", "https://").contains("id=\"no-slos\"", "id=\"no-rules\"",
        "0.40 [0.12, 0.77] 2/5", "60.0m");
    assertThat(page).as("every figure links its definition, and every definition is on the page")
        .contains("href=\"#def-comment-to-merge\"", "id=\"def-comment-to-merge\"", "id=\"def-precision\"", "id=\"def-phase-cycle\"");
    for (String anchor : page.split("href=\"#").length > 1 ? List.of(page.split("href=\"#")).subList(1, page.split("href=\"#").length) : List.<String>of()) {
      String id = anchor.substring(0, anchor.indexOf('"'));
      assertThat(page).as(id).contains("id=\"" + id + "\"");
    }
  }

  @Test
  void theStyleIsTheOnlyThingThePolicyAllows() throws Exception {
    String page = Cockpit.html(report(null, List.of()), null);
    String css = page.substring(page.indexOf("<style>") + 7, page.indexOf("</style>"));
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
    assertThat(Cockpit.CONTENT_SECURITY_POLICY).startsWith("default-src 'none';").contains("style-src 'sha256-" + hash + "'");
    assertThat(page).contains("http-equiv=\"Content-Security-Policy\"");
  }

  @Test
  void repositoryAndRuleAreEscaped() {
    String evil = "<script>alert(1)</script>\"'&";
    String page = Cockpit.html(report("o/" + evil, List.of(new RuleOutcomes("r/" + evil, false, outcomes(1, 1)))),
        new Cockpit.Live(List.of(), "\"><script>", null));
    assertThat(page).doesNotContain("<script", "\"><script").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
  }

  @Test
  void offUnlessATokenIsSet(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("VETTER_GITHUB_WEBHOOK_SECRET", "s", "VETTER_RECONCILE_SECONDS", "0");
    Map<String, String> flags = Map.of("--data-dir", dir.toString(), "--port", "0", "--bind", "127.0.0.1", "--workers", "0");
    try (Server server = Server.builder(ServerConfig.load(env, flags)).start()) {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/cockpit")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(404);
      server.stop(Duration.ofSeconds(1));
    }
  }
}
