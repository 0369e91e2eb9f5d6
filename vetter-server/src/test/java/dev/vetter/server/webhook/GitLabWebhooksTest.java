package dev.vetter.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Merge request hooks, from a payload written after GitLab's documented example (src/test/resources/gitlab/). */
class GitLabWebhooksTest {
  static final String HEAD = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
  static final ObjectMapper JSON = new ObjectMapper();
  final GitLabWebhooks gitlab = new GitLabWebhooks("t0ken", false);

  static byte[] payload(Consumer<ObjectNode> edit) throws Exception {
    try (InputStream in = GitLabWebhooksTest.class.getResourceAsStream("/gitlab/merge-request-open.json")) {
      ObjectNode root = (ObjectNode) JSON.readTree(in);
      edit.accept(root);
      return JSON.writeValueAsBytes(root);
    }
  }

  static Consumer<ObjectNode> action(String action) {
    return root -> ((ObjectNode) root.get("object_attributes")).put("action", action);
  }

  @Test
  void tokenIsComparedExactly() {
    assertThat(gitlab.verify("t0ken")).isTrue();
    assertThat(gitlab.verify("t0ken ")).isFalse();
    assertThat(gitlab.verify("t0ke")).isFalse();
    assertThat(gitlab.verify("")).isFalse();
    assertThat(gitlab.verify(null)).isFalse();
  }

  @Test
  void openUpdateAndReopenStartAReview() throws Exception {
    for (String a : new String[] {"open", "update", "reopen"}) {
      ParsedDelivery p = gitlab.parse("Merge Request Hook", payload(action(a)));
      assertThat(p.kind()).as(a).isEqualTo(ParsedDelivery.Kind.REVIEW);
      assertThat(p.reviews()).containsExactly(
          new ReviewRequest(Forge.GITLAB, "gitlabhq", "gitlabhq/gitlab-test", 1, HEAD, "merge_request." + a, false, false,
              Instant.parse("2013-12-03T17:23:34Z"), null));
    }
  }

  @Test
  void theHooksOrderComesFromUpdatedAtAndOldrev() throws Exception {
    String old = "c".repeat(40);
    ParsedDelivery p = gitlab.parse("Merge Request Hook", payload(root -> {
      action("update").accept(root);
      ((ObjectNode) root.get("object_attributes")).put("updated_at", "2017-09-15 16:52:00 UTC").put("oldrev", old);
    }));
    assertThat(p.reviews()).singleElement().satisfies(r -> {
      assertThat(r.eventAt()).as("GitLab's older time format").isEqualTo(Instant.parse("2017-09-15T16:52:00Z"));
      assertThat(r.previousHead()).isEqualTo(old);
    });
  }

  @Test
  void otherActionsAndHooksAreIgnored() throws Exception {
    for (String a : new String[] {"close", "merge", "approved", "unapproved", "approval", "unapproval"}) {
      assertThat(gitlab.parse("Merge Request Hook", payload(action(a))).kind()).as(a).isEqualTo(ParsedDelivery.Kind.IGNORED);
    }
    assertThat(gitlab.parse("Push Hook", payload(root -> root.put("object_kind", "push"))).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(gitlab.parse("Note Hook", payload(root -> root.put("object_kind", "note"))).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
  }

  @Test
  void draftsFollowThePolicy() throws Exception {
    byte[] draft = payload(root -> ((ObjectNode) root.get("object_attributes")).put("draft", true));
    assertThat(gitlab.parse("Merge Request Hook", draft).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(new GitLabWebhooks("t0ken", true).parse("Merge Request Hook", draft).reviews().getFirst().draft()).isTrue();
    byte[] wip = payload(root -> ((ObjectNode) root.get("object_attributes")).put("work_in_progress", true));
    assertThat(gitlab.parse("Merge Request Hook", wip).kind()).as("older GitLab: work_in_progress").isEqualTo(ParsedDelivery.Kind.IGNORED);
  }

  @Test
  void aNewTargetBranchReviewsTheSameHeadAgain() throws Exception {
    byte[] retarget = payload(action("update").andThen(root -> ((ObjectNode) root.get("changes")).putObject("target_branch").put("previous", "main").put("current", "develop")));
    assertThat(gitlab.parse("Merge Request Hook", retarget).reviews().getFirst().rerun()).isTrue();
  }

  @Test
  void missingHeadIsMalformed() throws Exception {
    byte[] noCommit = payload(root -> ((ObjectNode) root.get("object_attributes")).remove("last_commit"));
    ParsedDelivery p = gitlab.parse("Merge Request Hook", noCommit);
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.MALFORMED);
    assertThat(p.reason()).contains("last_commit");
  }
}
