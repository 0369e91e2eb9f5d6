package dev.vetter.github.review;

import dev.vetter.forge.Marker;
import dev.vetter.forge.chatops.ChatForge;
import dev.vetter.forge.chatops.CommandRunner;
import dev.vetter.forge.chatops.ForgeRoles;
import dev.vetter.forge.chatops.Ledger;
import dev.vetter.forge.chatops.Receipts;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Role;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import dev.vetter.server.chatops.CommandHandler;
import dev.vetter.server.chatops.CommandJob;
import dev.vetter.server.chatops.CommandRequest;
import dev.vetter.server.queue.Outcome;
import dev.vetter.server.webhook.Forge;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code /vetter} commands on GitHub: the forge-neutral {@link CommandRunner} with GitHub as its {@link ChatForge}.
 * Roles come from {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}, the policy from
 * {@code .vetter.yml} at the pull request's base; receipts are posted in the review thread the command was given in,
 * else on the conversation tab. Comments by Vetter's own account are never commands. Thread-safe.
 */
public final class GitHubCommandHandler implements CommandHandler {
  private final GitHubConnector connector;
  private final ReviewSetup setup;
  private final CommandRunner runner;

  public GitHubCommandHandler(GitHubConnector connector, ReviewSetup setup, Clock clock) {
    this.connector = connector;
    this.setup = setup;
    this.runner = new CommandRunner(clock);
  }

  @Override
  public Outcome handle(CommandJob job, Ledger ledger) {
    CommandRequest r = job.request();
    if (r.forge() != Forge.GITHUB) return Outcome.fail("not a GitHub command: " + r.forge().id());
    if (Marker.isBot(r.actor(), connector.botLogin())) return Outcome.skipped("a comment by Vetter itself carries no command");
    try {
      GitHubApi api = connector.installation(r.installation());
      CommandRunner.Result result = runner.run(new CommandRunner.Incoming(Forge.GITHUB.id(), r.repository(), r.number(), r.commentId(), r.actor(),
          r.body(), r.replyTo()), new Forge_(api, r), ledger);
      return result.acted() ? Outcome.done() : Outcome.skipped(result.toString());
    } catch (GitHubException e) {
      return GitHubReviewHandler.outcome(e);
    }
  }

  /** GitHub, for one command. */
  private final class Forge_ implements ChatForge {
    private final GitHubApi api;
    private final CommandRequest r;
    private GitHubApi.PullRequest pr;

    Forge_(GitHubApi api, CommandRequest r) {
      this.api = api;
      this.r = r;
    }

    @Override
    public PullRequest pullRequest() {
      pr = api.pullRequest(r.repository(), r.number());
      return new PullRequest(pr.headSha(), pr.open() && !pr.merged());
    }

    @Override
    public ChatOpsPolicy policy() {
      return ChatForge.policyAt(setup, TrustedFiles.on(pr.baseRef(), path -> api.fileAt(r.repository(), pr.baseSha(), path)));
    }

    @Override
    public Role role(String user) {
      return ForgeRoles.github(api.permission(r.repository(), user));
    }

    @Override
    public Optional<Marker> finding(String replyTo) {
      long id;
      try {
        id = Long.parseLong(replyTo);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      List<GitHubApi.ReviewComment> comments = api.reviewComments(r.repository(), r.number());
      for (GitHubApi.ReviewComment c : comments) {
        if (c.id() == id) return Marker.parse(c.author(), connector.botLogin(), c.body());
      }
      return Optional.empty();
    }

    @Override
    public boolean replied(String commentId) {
      String bot = connector.botLogin();
      if (r.replyTo() != null) {
        for (GitHubApi.ReviewComment c : api.reviewComments(r.repository(), r.number())) {
          if (Marker.isBot(c.author(), bot) && Receipts.answered(c.body()).filter(commentId::equals).isPresent()) return true;
        }
        return false;
      }
      for (GitHubApi.IssueComment c : api.issueComments(r.repository(), r.number())) {
        if (Marker.isBot(c.author(), bot) && Receipts.answered(c.body()).filter(commentId::equals).isPresent()) return true;
      }
      return false;
    }

    @Override
    public void reply(String body) {
      if (r.replyTo() != null) api.replyToReviewComment(r.repository(), r.number(), Long.parseLong(r.replyTo()), body);
      else api.createIssueComment(r.repository(), r.number(), body);
    }

    @Override
    public Optional<String> explain(String rule) {
      return setup.registry().rule(rule).map(Receipts::explanation);
    }
  }
}
