package dev.vetter.gitlab;

import dev.vetter.forge.Marker;
import dev.vetter.forge.chatops.ChatForge;
import dev.vetter.forge.chatops.CommandRunner;
import dev.vetter.forge.chatops.ForgeRoles;
import dev.vetter.forge.chatops.Ledger;
import dev.vetter.forge.chatops.Receipts;
import dev.vetter.gitlab.GitLabApi.Discussion;
import dev.vetter.gitlab.GitLabApi.DiscussionNote;
import dev.vetter.gitlab.GitLabApi.MergeRequest;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /vetter} commands on GitLab: the forge-neutral {@link CommandRunner} with GitLab as its {@link ChatForge}.
 * Roles come from the project's member access level ({@code GET /projects/:id/members/all}), the policy from
 * {@code .vetter.yml} at the merge request's base; receipts are notes on the merge request. Notes by Vetter's own
 * account are never commands. Thread-safe.
 */
public final class GitLabCommandHandler implements CommandHandler {
  private final GitLabApi api;
  private final ReviewSetup setup;
  private final Supplier<String> bot;
  private final CommandRunner runner;

  GitLabCommandHandler(GitLabApi api, ReviewSetup setup, Supplier<String> bot, Clock clock) {
    this.api = api;
    this.setup = setup;
    this.bot = bot;
    this.runner = new CommandRunner(clock);
  }

  @Override
  public Outcome handle(CommandJob job, Ledger ledger) {
    CommandRequest r = job.request();
    if (r.forge() != Forge.GITLAB) return Outcome.fail("not a GitLab command: " + r.forge().id());
    try {
      if (Marker.isBot(r.actor(), bot.get())) return Outcome.skipped("a note by Vetter itself carries no command");
      CommandRunner.Result result = runner.run(new CommandRunner.Incoming(Forge.GITLAB.id(), r.repository(), r.number(), r.commentId(), r.actor(),
          r.body(), r.replyTo()), new GitLab(r), ledger);
      return result.acted() ? Outcome.done() : Outcome.skipped(result.toString());
    } catch (GitLabException e) {
      if (e.gone()) return Outcome.skipped("gone on GitLab (" + e.getMessage() + ")");
      if (e.transientFailure()) return e.retryAfter() != null ? Outcome.retryAfter(e.getMessage(), e.retryAfter()) : Outcome.retry(e.getMessage());
      return Outcome.fail(e.getMessage());
    }
  }

  /** GitLab, for one command. */
  private final class GitLab implements ChatForge {
    private final CommandRequest r;
    private MergeRequest mr;

    GitLab(CommandRequest r) {
      this.r = r;
    }

    @Override
    public PullRequest pullRequest() {
      mr = api.mergeRequest(r.repository(), r.number());
      return new PullRequest(mr.sha(), mr.open());
    }

    @Override
    public ChatOpsPolicy policy() {
      if (mr.diffRefs() == null) return ChatOpsPolicy.DEFAULTS;
      String base = mr.diffRefs().baseSha();
      return ChatForge.policyAt(setup, TrustedFiles.on(base.substring(0, Math.min(12, base.length())), path -> api.fileAt(r.repository(), base, path)));
    }

    @Override
    public Role role(String user) {
      return ForgeRoles.gitlab(api.accessLevel(r.repository(), user));
    }

    @Override
    public Optional<Marker> finding(String discussionId) {
      for (Discussion d : api.discussions(r.repository(), r.number())) {
        if (!d.id().equals(discussionId) || d.notes().isEmpty()) continue;
        DiscussionNote first = d.notes().getFirst();
        return Marker.parse(first.author(), bot.get(), first.body());
      }
      return Optional.empty();
    }

    @Override
    public boolean replied(String commentId) {
      String me = bot.get();
      return api.notes(r.repository(), r.number()).stream()
          .anyMatch(n -> Marker.isBot(n.author(), me) && Receipts.answered(n.body()).filter(commentId::equals).isPresent());
    }

    @Override
    public void reply(String body) {
      api.createNote(r.repository(), r.number(), body);
    }

    @Override
    public Optional<String> explain(String rule) {
      return setup.registry().rule(rule).map(Receipts::explanation);
    }
  }
}
