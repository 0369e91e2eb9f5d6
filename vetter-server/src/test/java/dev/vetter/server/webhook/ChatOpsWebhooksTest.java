package dev.vetter.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vetter.server.chatops.CommandRequest;
import java.io.InputStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Comments that carry {@code /vetter} commands, from GitHub's published examples ({@code @octokit/webhooks-examples};
 * none of its issue_comment examples is on a pull request, so {@code issue.pull_request} is added as GitHub sends it for
 * one) and GitLab's documented note hook.
 */
class ChatOpsWebhooksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final GitHubWebhooks github = new GitHubWebhooks("secret", false);
  final GitLabWebhooks gitlab = new GitLabWebhooks("t0ken", false);

  static ObjectNode example(String event, String action) throws Exception {
    for (JsonNode e : OctokitExamplesTest.examples()) {
      if (!e.get("name").asText().equals(event)) continue;
      for (JsonNode x : e.get("examples")) if (action.equals(x.path("action").asText())) return (ObjectNode) x.deepCopy();
    }
    throw new AssertionError("no " + event + " " + action + " example");
  }

  /** An issue_comment on pull request 7 by {@code login}, whose payload calls them a COLLABORATOR. */
  static ObjectNode prComment(String action, String login, String type, String body) throws Exception {
    ObjectNode e = example("issue_comment", action);
    ((ObjectNode) e.get("issue")).put("number", 7).putObject("pull_request").put("url", "https://api.github.com/repos/Codertocat/Hello-World/pulls/7");
    ObjectNode comment = (ObjectNode) e.get("comment");
    comment.put("body", body).put("author_association", "COLLABORATOR");
    ((ObjectNode) comment.get("user")).put("login", login).put("type", type);
    ((ObjectNode) e.get("sender")).put("login", login).put("type", type);
    return e;
  }

  ParsedDelivery parse(String event, JsonNode payload) throws Exception {
    return github.parse(event, JSON.writeValueAsBytes(payload));
  }

  @Test
  void aNewPullRequestCommentWithACommandIsQueuedByCommentId() throws Exception {
    ObjectNode e = prComment("created", "triager", "User", "Looks risky.\n/vetter override --reason hotfix");
    ParsedDelivery p = parse("issue_comment", e);
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.COMMAND);
    CommandRequest c = p.command();
    assertThat(c.forge()).isEqualTo(Forge.GITHUB);
    assertThat(c.repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(c.number()).isEqualTo(7);
    assertThat(c.commentId()).isEqualTo(e.at("/comment/id").asText());
    assertThat(c.actor()).isEqualTo("triager");
    assertThat(c.body()).contains("/vetter override");
  }

  @Test
  void anEditedCommentIsIgnoredEvenWhenItGainsACommand() throws Exception {
    ObjectNode e = prComment("edited", "maintainer", "User", "/vetter override --reason slipped in later");
    ParsedDelivery p = parse("issue_comment", e);
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(p.reason()).contains("only a new comment");
  }

  @Test
  void botsQuotesAndIssuesCarryNoCommand() throws Exception {
    assertThat(parse("issue_comment", prComment("created", "vetter-app[bot]", "Bot", "/vetter recheck")).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(parse("issue_comment", prComment("created", "renovate[bot]", "User", "/vetter recheck")).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    assertThat(parse("issue_comment", prComment("created", "alice", "User", "> /vetter override --reason quoted")).reason()).contains("no /vetter command");
    assertThat(parse("issue_comment", prComment("created", "alice", "User", "```\n/vetter override --reason x\n```")).kind())
        .isEqualTo(ParsedDelivery.Kind.IGNORED);
    ObjectNode onIssue = prComment("created", "alice", "User", "/vetter recheck");
    ((ObjectNode) onIssue.get("issue")).remove("pull_request");
    assertThat(parse("issue_comment", onIssue).reason()).contains("a comment on an issue");
  }

  @Test
  void aReviewCommentReplyNamesTheCommentItAnswers() throws Exception {
    ObjectNode e = example("pull_request_review_comment", "created");
    ((ObjectNode) e.get("comment")).put("body", "/vetter fp it is a fixture").put("in_reply_to_id", 4242);
    ParsedDelivery p = parse("pull_request_review_comment", e);
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.COMMAND);
    assertThat(p.command().replyTo()).isEqualTo("4242");
    assertThat(p.command().headSha()).isEqualTo(e.at("/pull_request/head/sha").asText());
    assertThat(p.command().number()).isEqualTo(e.at("/pull_request/number").asLong());
    ObjectNode edited = example("pull_request_review_comment", "edited");
    ((ObjectNode) edited.get("comment")).put("body", "/vetter override --reason x");
    assertThat(parse("pull_request_review_comment", edited).kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
  }

  static byte[] note(Consumer<ObjectNode> edit) throws Exception {
    try (InputStream in = ChatOpsWebhooksTest.class.getResourceAsStream("/gitlab/note-merge-request.json")) {
      ObjectNode root = (ObjectNode) JSON.readTree(in);
      edit.accept(root);
      return JSON.writeValueAsBytes(root);
    }
  }

  @Test
  void aGitLabNoteWithACommandIsQueuedAndAnEditedOneIsNot() throws Exception {
    ParsedDelivery p = gitlab.parse("Note Hook", note(r -> ((ObjectNode) r.get("object_attributes")).put("note", "/vetter recheck")));
    assertThat(p.kind()).isEqualTo(ParsedDelivery.Kind.COMMAND);
    assertThat(p.command().forge()).isEqualTo(Forge.GITLAB);
    assertThat(p.command().commentId()).isNotBlank();
    ParsedDelivery edited = gitlab.parse("Note Hook", note(r -> ((ObjectNode) r.get("object_attributes")).put("note", "/vetter recheck").put("action", "update")));
    assertThat(edited.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
    ParsedDelivery bot = gitlab.parse("Note Hook", note(r -> {
      ((ObjectNode) r.get("object_attributes")).put("note", "/vetter recheck");
      ((ObjectNode) r.get("user")).put("username", "project_42_bot_0123abcd");
    }));
    assertThat(bot.kind()).isEqualTo(ParsedDelivery.Kind.IGNORED);
  }
}
