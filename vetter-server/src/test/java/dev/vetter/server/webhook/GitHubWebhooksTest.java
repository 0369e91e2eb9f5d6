package dev.vetter.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubWebhooksTest {
  static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  final GitHubWebhooks skipDrafts = new GitHubWebhooks("s3cret", false);
  final GitHubWebhooks reviewDrafts = new GitHubWebhooks("s3cret", true);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String pr(String action, String extra) {
    return """
        {"action":"%s","number":2,"pull_request":{"number":2,"state":"open","draft":false,"head":{"sha":"%s"}},
         "repository":{"full_name":"Codertocat/Hello-World","owner":{"login":"Codertocat"}},"installation":{"id":42}%s}
        """.formatted(action, HEAD, extra);
  }

  @Test
  void signatureMatchesGitHubsDocumentedExample() {
    // From GitHub's "Validating webhook deliveries": this secret and payload give this signature.
    GitHubWebhooks gh = new GitHubWebhooks("It's a Secret to Everybody", false);
    byte[] body = utf8("Hello, World!");
    assertThat(gh.verify(body, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).isTrue();
    assertThat(gh.signatureHeader(body)).isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void wrongMissingOrMalformedSignaturesAreRefused() {
    byte[] body = utf8(pr("opened", ""));
    String good = skipDrafts.signatureHeader(body);
    assertThat(skipDrafts.verify(body, good)).isTrue();
    assertThat(skipDrafts.verify(body, null)).isFalse();
    assertThat(skipDrafts.verify(body, "")).isFalse();
    assertThat(skipDrafts.verify(body, good.replace("sha256=", "sha1="))).isFalse();
    assertThat(skipDrafts.verify(body, good.substring(0, good.length() - 2))).isFalse();
    assertThat(skipDrafts.verify(body, "sha256=zz" + good.substring(9))).isFalse();
    assertThat(skipDrafts.verify(utf8(pr("opened", " ")), good)).as("one byte more").isFalse();
    assertThat(new GitHubWebhooks("other", false).verify(body, good)).isFalse();
  }

  @Test
  void theEventsOrderComesFromThePayload() {
    byte[] sync = utf8(pr("synchronize", ",\"before\":\"" + "c".repeat(40) + "\"").replace("\"draft\":false,", "\"draft\":false,\"updated_at\":\"2024-05-01T10:05:00Z\","));
    assertThat(skipDrafts.parse("pull_request", sync).reviews()).singleElement().satisfies(r -> {
      assertThat(r.eventAt()).isEqualTo(java.time.Instant.parse("2024-05-01T10:05:00Z"));
      assertThat(r.previousHead()).isEqualTo("c".repeat(40));
    });
    byte[] opened = utf8(pr("opened", ",\"before\":\"" + "c".repeat(40) + "\"").replace("\"draft\":false,", "\"draft\":false,\"updated_at\":\"soon\","));
    assertThat(skipDrafts.parse("pull_request", opened).reviews()).as("an unreadable time is unknown, not malformed; only a push has a before")
        .singleElement().satisfies(r -> {
          assertThat(r.eventAt()).isNull();
          assertThat(r.previousHead()).isNull();
        });
  }

  @Test
  void pullRequestActionsThatStartAReview() {
    for (String action : List.of("opened", "synchronize", "reopened", "ready_for_review")) {
      ParsedDelivery p = skipDrafts.parse("pull_request", utf8(pr(action, "")));
      assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.REVIEW);
      assertThat(p.reviews()).containsExactly(
          new ReviewRequest(Forge.GITHUB, "42", "Codertocat/Hello-World", 2, HEAD, "pull_request." + action, false, false));
    }
    assertThat(skipDrafts.parse("pull_request", utf8(pr("labeled", ""))).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(skipDrafts.parse("pull_request", utf8(pr("closed", ""))).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
  }

  @Test
  void editedStartsAReviewOnlyWhenTheBaseChanged() {
    ParsedDelivery title = skipDrafts.parse("pull_request", utf8(pr("edited", ",\"changes\":{\"title\":{\"from\":\"old\"}}")));
    assertThat(title.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(title.reason()).contains("without a base change");
    ParsedDelivery base = skipDrafts.parse("pull_request", utf8(pr("edited", ",\"changes\":{\"base\":{\"ref\":{\"from\":\"main\"},\"sha\":{\"from\":\"" + HEAD + "\"}}}")));
    assertThat(base.kind()).isEqualTo(ParsedDelivery.Kind.REVIEW);
    assertThat(base.reviews().getFirst().rerun()).as("same head, new base: review again").isTrue();
  }

  @Test
  void draftPolicy() {
    String draft = pr("opened", "").replace("\"draft\":false", "\"draft\":true");
    ParsedDelivery skipped = skipDrafts.parse("pull_request", utf8(draft));
    assertThat(skipped.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(skipped.reason()).contains("draft");
    ParsedDelivery reviewed = reviewDrafts.parse("pull_request", utf8(draft));
    assertThat(reviewed.kind()).isEqualTo(ParsedDelivery.Kind.REVIEW);
    assertThat(reviewed.reviews().getFirst().draft()).isTrue();
  }

  @Test
  void checkRerunsReviewThePullRequestsOfThatHead() {
    String other = "1".repeat(40);
    String body = """
        {"action":"rerequested","check_suite":{"head_sha":"%s","pull_requests":[
          {"number":2,"head":{"sha":"%s"}},{"number":3,"head":{"sha":"%s"}}]},
         "repository":{"full_name":"o/r","owner":{"login":"o"}}}
        """.formatted(HEAD, HEAD, other);
    ParsedDelivery p = skipDrafts.parse("check_suite", utf8(body));
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.REVIEW);
    assertThat(p.reviews()).as("#3 has moved on to another head").containsExactly(
        new ReviewRequest(Forge.GITHUB, "o", "o/r", 2, HEAD, "check_suite.rerequested", false, true));
    ParsedDelivery run = skipDrafts.parse("check_run", utf8(body.replace("check_suite", "check_run")));
    assertThat(run.reviews()).extracting(ReviewRequest::trigger).containsExactly("check_run.rerequested");
    ParsedDelivery none = skipDrafts.parse("check_run", utf8(body.replace("check_suite", "check_run").replace("\"number\":2,\"head\":{\"sha\":\"" + HEAD, "\"number\":2,\"head\":{\"sha\":\"" + other)));
    assertThat(none.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(skipDrafts.parse("check_run", utf8(body.replace("rerequested", "completed").replace("check_suite", "check_run"))).kind())
        .isEqualTo(ParsedDelivery.Kind.IGNORED);
  }

  @Test
  void authenticButUnusableContentIsMalformedWithAReason() {
    assertThat(skipDrafts.parse("pull_request", utf8("{not json")).reason()).startsWith("not valid JSON");
    assertThat(skipDrafts.parse("pull_request", utf8("[1,2]")).reason()).isEqualTo("not a JSON object");
    assertThat(skipDrafts.parse("pull_request", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}).kind())
        .as("invalid UTF-8").isEqualTo(ParsedDelivery.Kind.MALFORMED);
    assertThat(skipDrafts.parse("pull_request", utf8(pr("opened", "").replace(HEAD, "not-a-sha"))).reason()).contains("/pull_request/head/sha");
    assertThat(skipDrafts.parse("pull_request", utf8(pr("opened", "").replace("\"number\":2,\"state\"", "\"state\""))).reason())
        .contains("/pull_request/number");
    assertThat(skipDrafts.parse("pull_request", utf8(pr("opened", "").replace("Codertocat/Hello-World", "../../etc\\u0000"))).reason())
        .contains("not a repository path");
    assertThat(skipDrafts.parse("pull_request", utf8(pr("opened", "") + "{}")).reason()).contains("content after the object");
    assertThat(skipDrafts.parse("pull_request", utf8(pr("opened", ",\"unread\":[1,{\"x\":tru}]"))).reason())
        .as("parts nobody reads are still checked").startsWith("not valid JSON");
    // an event that starts nothing is not checked beyond being JSON
    assertThat(skipDrafts.parse("issue_comment", utf8("{\"action\":\"created\"}")).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(skipDrafts.parse("issue_comment", utf8("{")).kind()).isEqualTo(ParsedDelivery.Kind.MALFORMED);
  }

  @Test
  void escapedNulInTextIsJustText() {
    ParsedDelivery p = skipDrafts.parse("pull_request", utf8(pr("opened", ",\"extra\":\"nul \\u0000 inside\"")));
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.REVIEW);
  }
}
