package dev.vetter.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pull_request, check_run, check_suite and issue_comment example of GitHub's payloads, as published in the
 * npm package {@code @octokit/webhooks-examples} (fetched into target/ by src/test/scripts/fetch-webhook-examples.sh;
 * skipped, saying so, when npm cannot reach its registry). The expectation for each example is worked out here from
 * GitHub's documented rules, not by the parser, and both draft policies are tried.
 */
public class OctokitExamplesTest {
  static final String VERSION = "7.6.1";
  static final Set<String> EVENTS = Set.of("pull_request", "check_run", "check_suite", "issue_comment");
  static final Set<String> REVIEW_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");

  public static JsonNode examples() throws Exception {
    Path dir = Path.of("target", "octokit-webhooks-examples-" + VERSION).toAbsolutePath();
    Path index = dir.resolve("package/api.github.com/index.json");
    if (!Files.exists(index)) {
      Process p = new ProcessBuilder("bash", "src/test/scripts/fetch-webhook-examples.sh", VERSION, dir.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = p.waitFor(180, TimeUnit.SECONDS);
      Assumptions.assumeTrue(finished && p.exitValue() == 0 && Files.exists(index),
          "skipped: could not fetch @octokit/webhooks-examples@" + VERSION + " with npm (registry unreachable?): " + out.strip());
    }
    return new ObjectMapper().readTree(index.toFile());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsClassifiedAsGitHubDocuments() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    int[] perEvent = new int[1];
    for (JsonNode event : examples()) {
      String name = event.get("name").asText();
      if (!EVENTS.contains(name)) continue;
      int i = 0;
      for (JsonNode example : event.get("examples")) {
        int n = ++i;
        perEvent[0]++;
        byte[] body = new ObjectMapper().writeValueAsBytes(example);
        tests.add(DynamicTest.dynamicTest(name + " " + example.path("action").asText() + " #" + n, () -> check(name, example, body)));
      }
    }
    assertThat(perEvent[0]).as("examples found").isGreaterThanOrEqualTo(40);
    return tests.stream();
  }

  static void check(String event, JsonNode example, byte[] body) {
    for (boolean reviewDrafts : new boolean[] {false, true}) {
      ParsedDelivery parsed = new GitHubWebhooks("secret", reviewDrafts).parse(event, body);
      List<ReviewRequest> expected = expected(event, example, reviewDrafts);
      assertThat(parsed.kind()).as("an example GitHub sends is never malformed: %s", parsed.reason()).isNotEqualTo(ParsedDelivery.Kind.MALFORMED);
      assertThat(parsed.event()).isEqualTo(event);
      assertThat(parsed.action()).isEqualTo(example.path("action").asText(null));
      if (expected.isEmpty()) {
        assertThat(parsed.kind()).as("starts no review (drafts reviewed: %s)", reviewDrafts).isEqualTo(ParsedDelivery.Kind.IGNORED);
        assertThat(parsed.reason()).isNotBlank();
      } else {
        assertThat(parsed.kind()).as("starts a review (drafts reviewed: %s): %s", reviewDrafts, parsed.reason()).isEqualTo(ParsedDelivery.Kind.REVIEW);
        assertThat(parsed.reviews()).isEqualTo(expected);
      }
    }
  }

  /** GitHub's rules, written out independently of the parser. */
  static List<ReviewRequest> expected(String event, JsonNode e, boolean reviewDrafts) {
    String action = e.path("action").asText();
    String repo = e.at("/repository/full_name").asText();
    String installation = e.at("/installation/id").isMissingNode() ? e.at("/repository/owner/login").asText() : e.at("/installation/id").asText();
    List<ReviewRequest> out = new ArrayList<>();
    switch (event) {
      case "pull_request" -> {
        JsonNode pr = e.get("pull_request");
        boolean baseChanged = action.equals("edited") && e.at("/changes/base").isObject();
        boolean draft = pr.path("draft").asBoolean();
        if ((REVIEW_ACTIONS.contains(action) || baseChanged) && !pr.path("state").asText().equals("closed") && (!draft || reviewDrafts)) {
          Instant updatedAt = pr.hasNonNull("updated_at") ? Instant.parse(pr.get("updated_at").asText()) : null;
          String before = action.equals("synchronize") && e.hasNonNull("before") ? e.get("before").asText() : null;
          out.add(new ReviewRequest(Forge.GITHUB, installation, repo, pr.get("number").asLong(), pr.at("/head/sha").asText(),
              "pull_request." + action, draft, baseChanged, updatedAt, before));
        }
      }
      case "check_run", "check_suite" -> {
        if (action.equals("rerequested")) {
          String head = e.at("/" + event + "/head_sha").asText();
          for (JsonNode pr : e.at("/" + event + "/pull_requests")) {
            if (pr.at("/head/sha").asText().equals(head)) {
              out.add(new ReviewRequest(Forge.GITHUB, installation, repo, pr.get("number").asLong(), head, event + ".rerequested", false, true));
            }
          }
        }
      }
      default -> { }
    }
    return out;
  }
}
