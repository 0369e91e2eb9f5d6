package dev.vetter.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.server.webhook.TimelineEvent.Kind;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each event tells of a pull request's life, on GitHub's published examples (npm {@code @octokit/webhooks-examples})
 * and GitLab's documented hooks. The expected kind is worked out here from the payload, not by the parser.
 */
class TimelineParsingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final GitHubWebhooks github = new GitHubWebhooks("secret", false);
  final GitLabWebhooks gitlab = new GitLabWebhooks("t0ken", false);

  @Test
  void everyGitHubPullRequestAndReviewExample() throws Exception {
    int checked = 0;
    for (JsonNode event : OctokitExamplesTest.examples()) {
      String name = event.get("name").asText();
      if (!name.equals("pull_request") && !name.equals("pull_request_review")) continue;
      for (JsonNode example : event.get("examples")) {
        String action = example.path("action").asText();
        JsonNode pr = example.get("pull_request");
        Kind expected = switch (name + " " + action) {
          case "pull_request opened" -> pr.path("draft").asBoolean() ? Kind.OPENED_DRAFT : Kind.OPENED;
          case "pull_request ready_for_review" -> Kind.READY;
          case "pull_request converted_to_draft" -> Kind.DRAFT;
          case "pull_request synchronize" -> Kind.SYNCHRONIZE;
          case "pull_request reopened" -> Kind.REOPENED;
          case "pull_request closed" -> pr.path("merged").asBoolean() ? Kind.MERGED : Kind.CLOSED;
          case "pull_request_review submitted" -> switch (example.at("/review/state").asText()) {
            case "approved" -> Kind.APPROVED;
            case "changes_requested" -> Kind.CHANGES_REQUESTED;
            default -> Kind.COMMENTED;
          };
          default -> null;
        };
        List<TimelineEvent> timeline = github.parse(name, JSON.writeValueAsBytes(example)).timeline();
        if (expected == null) {
          assertThat(timeline).as("%s %s tells nothing of the timeline", name, action).isEmpty();
          continue;
        }
        checked++;
        assertThat(timeline).as("%s %s", name, action).singleElement().satisfies(e -> {
          assertThat(e.kind()).isEqualTo(expected);
          assertThat(e.repository()).isEqualTo(example.at("/repository/full_name").asText());
          assertThat(e.number()).isEqualTo(pr.path("number").asLong());
          String actor = name.equals("pull_request_review") ? example.at("/review/user/login").asText() : example.at("/sender/login").asText();
          assertThat(e.actor()).isEqualTo(actor);
          assertThat(e.byAuthor()).isEqualTo(actor.equals(pr.at("/user/login").asText()));
          assertThat(e.at()).isNotNull();
        });
      }
    }
    assertThat(checked).as("examples with a timeline event").isGreaterThanOrEqualTo(15);
  }

  @Test
  void gitHubTimesAndBotsAsThePayloadSaysThem() throws Exception {
    ObjectNode review = (ObjectNode) example("pull_request_review", "submitted");
    ((ObjectNode) review.get("review")).put("submitted_at", "2024-05-01T12:00:00Z").put("state", "APPROVED").with("user").put("login", "ci").put("type", "Bot");
    TimelineEvent e = github.parse("pull_request_review", JSON.writeValueAsBytes(review)).timeline().getFirst();
    assertThat(e.kind()).as("GitHub's REST answers write the state in capitals").isEqualTo(Kind.APPROVED);
    assertThat(e.at()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(e.actorBot()).isTrue();
    ((ObjectNode) review.at("/review/user")).put("login", "dependabot[bot]").put("type", "User");
    assertThat(github.parse("pull_request_review", JSON.writeValueAsBytes(review)).timeline().getFirst().actorBot()).isTrue();

    ObjectNode closed = (ObjectNode) example("pull_request", "closed");
    ((ObjectNode) closed.get("pull_request")).put("merged", true).put("merged_at", "2024-05-02T09:00:00Z");
    ParsedDelivery merged = github.parse("pull_request", JSON.writeValueAsBytes(closed));
    assertThat(merged.kind()).as("a merge starts no review").isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(merged.timeline()).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo(Kind.MERGED);
      assertThat(m.at()).isEqualTo(Instant.parse("2024-05-02T09:00:00Z"));
    });
    assertThat(github.parse("pull_request", "{\"action\":\"closed\"}".getBytes()).timeline()).as("nothing identifies the pull request").isEmpty();
  }

  @Test
  void gitLabMergeRequestAndNoteHooks() throws Exception {
    ObjectNode open = gitlabPayload("merge-request-open.json");
    assertThat(kinds(open)).containsExactly(Kind.OPENED);
    ((ObjectNode) open.get("object_attributes")).put("draft", true);
    assertThat(kinds(open)).containsExactly(Kind.OPENED_DRAFT);
    // the documented example's changes say draft went from true to false: marked ready
    ObjectNode update = gitlabPayload("merge-request-open.json");
    ((ObjectNode) update.get("object_attributes")).put("action", "update").put("oldrev", "a".repeat(40));
    assertThat(kinds(update)).containsExactly(Kind.SYNCHRONIZE, Kind.READY);
    for (String[] a : new String[][] {{"merge", "MERGED"}, {"close", "CLOSED"}, {"reopen", "REOPENED"}, {"approved", "APPROVED"},
        {"approval", "APPROVED"}, {"unapproved", null}}) {
      ObjectNode p = gitlabPayload("merge-request-open.json");
      ((ObjectNode) p.get("object_attributes")).put("action", a[0]);
      assertThat(kinds(p)).as(a[0]).isEqualTo(a[1] == null ? List.of() : List.of(Kind.valueOf(a[1])));
    }
    ObjectNode note = gitlabPayload("note-merge-request.json");
    TimelineEvent comment = gitlab.parse("Note Hook", JSON.writeValueAsBytes(note)).timeline().getFirst();
    assertThat(comment.kind()).isEqualTo(Kind.COMMENTED);
    assertThat(comment.number()).isEqualTo(1);
    assertThat(comment.at()).isEqualTo(Instant.parse("2015-05-17T18:21:36Z"));
    assertThat(comment.byAuthor()).as("user 1 is not the merge request's author 8").isFalse();
    ((ObjectNode) note.get("user")).put("username", "group_12_bot_8a1e");
    assertThat(gitlab.parse("Note Hook", JSON.writeValueAsBytes(note)).timeline().getFirst().actorBot()).isTrue();
    ((ObjectNode) note.get("object_attributes")).put("system", true);
    assertThat(kinds(note)).as("GitLab's own system notes are not comments").isEmpty();
  }

  List<Kind> kinds(JsonNode gitlabPayload) throws Exception {
    String event = gitlabPayload.path("object_kind").asText().equals("note") ? "Note Hook" : "Merge Request Hook";
    return gitlab.parse(event, JSON.writeValueAsBytes(gitlabPayload)).timeline().stream().map(TimelineEvent::kind).toList();
  }

  static ObjectNode gitlabPayload(String file) throws Exception {
    try (InputStream in = TimelineParsingTest.class.getResourceAsStream("/gitlab/" + file)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  static JsonNode example(String event, String action) throws Exception {
    for (JsonNode e : OctokitExamplesTest.examples()) {
      if (!e.get("name").asText().equals(event)) continue;
      for (JsonNode x : e.get("examples")) if (action.equals(x.path("action").asText())) return x.deepCopy();
    }
    throw new AssertionError("no example of " + event + " " + action);
  }
}
