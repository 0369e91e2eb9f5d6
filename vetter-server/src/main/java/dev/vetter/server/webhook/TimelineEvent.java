package dev.vetter.server.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One event of a pull request's life as a webhook reported it, for the outcome telemetry (docs/metrics.md).
 *
 * @param at when the forge says it happened; null when the payload does not say (the time of receipt is stored)
 * @param actor who did it (GitHub login, GitLab username), or null
 * @param actorBot the forge says the actor is a bot: GitHub's {@code type: Bot} or a {@code [bot]} login, a GitLab
 *     project or group access token's user. Vetter's own account is recognised later, from the reviews it recorded.
 * @param byAuthor the pull request's own author did it (their comments are not a review)
 * @param headSha the head the event names, or null
 */
public record TimelineEvent(
    Forge forge, String repository, long number, Kind kind, Instant at, String actor, boolean actorBot, boolean byAuthor, String headSha) {
  /** What happened; stored by {@link #id()}. */
  public enum Kind {
    OPENED, OPENED_DRAFT, READY, DRAFT, SYNCHRONIZE, REOPENED, CLOSED, MERGED, COMMENTED, APPROVED, CHANGES_REQUESTED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind byId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** A review or comment: what ends the pickup phase when a person other than the author does it. */
    public boolean isReview() {
      return this == COMMENTED || this == APPROVED || this == CHANGES_REQUESTED;
    }
  }

  // GitLab names the users of project and group access tokens project_<id>_bot_<hex> and group_<id>_bot_<hex>
  private static final Pattern GITLAB_BOT = Pattern.compile("(project|group)_\\d+_bot(_[0-9a-f]+)?");

  public TimelineEvent {
    requireNonNull(forge, "forge == null");
    requireNonNull(repository, "repository == null");
    requireNonNull(kind, "kind == null");
    if (number <= 0) throw new IllegalArgumentException("pull request number must be positive, got " + number);
  }

  /** Whether a forge's user is a bot by what the payload says: {@code type} is GitHub's user type (null on GitLab). */
  public static boolean isBot(Forge forge, String login, String type) {
    if ("Bot".equals(type)) return true;
    if (login == null) return false;
    return login.endsWith("[bot]") || (forge == Forge.GITLAB && GITLAB_BOT.matcher(login).matches());
  }
}
