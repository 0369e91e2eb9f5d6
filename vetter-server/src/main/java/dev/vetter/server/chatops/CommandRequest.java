package dev.vetter.server.chatops;

import static java.util.Objects.requireNonNull;

import dev.vetter.server.webhook.Forge;

/**
 * A comment that may carry a {@code /vetter} command, as a webhook delivered it: stored as a job keyed by
 * (forge, comment id), so each comment is handled once however often it is delivered.
 *
 * @param commentId the forge's id of the comment (GitHub comment id, GitLab note id)
 * @param actor who wrote it (login or username)
 * @param replyTo the comment (GitHub review comment) or discussion (GitLab) it answers, or null
 * @param headSha the head the payload named, or null (GitHub's issue_comment names none)
 */
public record CommandRequest(Forge forge, String installation, String repository, long number, String commentId, String actor, String body,
    String replyTo, String headSha) {
  public CommandRequest {
    requireNonNull(forge, "forge == null");
    requireNonNull(installation, "installation == null");
    requireNonNull(repository, "repository == null");
    requireNonNull(commentId, "commentId == null");
    requireNonNull(actor, "actor == null");
    requireNonNull(body, "body == null");
    if (number <= 0) throw new IllegalArgumentException("pull request number must be positive, got " + number);
  }
}
