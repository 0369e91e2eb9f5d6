package dev.vetter.forge.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.forge.Marker;
import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The forge-neutral flow against a forge and a ledger made of plain values. */
class CommandRunnerTest {
  static final String A = "a".repeat(40), B = "b".repeat(40);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  final Map<String, Role> roles = new HashMap<>(Map.of("reader", Role.READ, "triager", Role.TRIAGE, "writer", Role.WRITE, "maintainer", Role.MAINTAIN));
  final List<String> replies = new ArrayList<>();
  final List<AuditEntry> audit = new ArrayList<>();
  final List<String> rechecks = new ArrayList<>();
  String head = A;
  final CommandRunner runner = new CommandRunner(CLOCK);

  final ChatForge forge = new ChatForge() {
    public PullRequest pullRequest() {
      return new PullRequest(head, true);
    }

    public ChatOpsPolicy policy() {
      return ChatOpsPolicy.DEFAULTS;
    }

    public Role role(String user) {
      return roles.getOrDefault(user, Role.NONE);
    }

    public Optional<Marker> finding(String replyTo) {
      return "900".equals(replyTo) ? Optional.of(new Marker("0123abcd0123abcd", "hygiene/tabs", false)) : Optional.empty();
    }

    public boolean replied(String commentId) {
      return replies.stream().anyMatch(r -> Receipts.answered(r).filter(commentId::equals).isPresent());
    }

    public void reply(String body) {
      replies.add(body);
    }

    public Optional<String> explain(String rule) {
      return rule.equals("hygiene/tabs") ? Optional.of("Tabs where spaces are expected.") : Optional.empty();
    }
  };

  final Ledger ledger = new Ledger() {
    public AuditEntry record(AuditEntry e) {
      for (AuditEntry x : audit) if (x.commentId().equals(e.commentId())) return x;
      AuditEntry stored = e.withId(audit.size() + 1);
      audit.add(stored);
      return stored;
    }

    public List<AuditEntry> active(String sha, Instant now) {
      return audit.stream().filter(e -> e.accepted() && sha.equals(e.headSha()) && (e.command().equals("override") || e.command().equals("waive")))
          .filter(e -> audit.stream().noneMatch(u -> u.undoes() == e.id()))
          .filter(e -> e.expiresAt() == null || e.expiresAt().isAfter(now)).toList();
    }

    public boolean blocking(String target) {
      return !target.startsWith("hygiene/");
    }

    public Optional<String> ruleOf(String fingerprint) {
      return Optional.of("hygiene/tabs");
    }

    public void recheck(String sha) {
      rechecks.add(sha);
    }
  };

  int comments;

  CommandRunner.Result say(String actor, String body) {
    return say(actor, body, null);
  }

  CommandRunner.Result say(String actor, String body, String replyTo) {
    return runner.run(new CommandRunner.Incoming("github", "acme/app", 7, String.valueOf(++comments), actor, body, replyTo), forge, ledger);
  }

  @Test
  void aTriagerCannotOverrideAndIsToldWhy() {
    assertThat(say("triager", "/vetter override --reason ship it").result()).isEqualTo("denied");
    assertThat(replies.getLast()).contains("needs the maintain role").contains("you have the triage role").contains("Nothing was changed");
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e.result()).isEqualTo("denied");
      assertThat(e.role()).isEqualTo("triage");
      assertThat(e.headSha()).isEqualTo(A);
      assertThat(e.reason()).isEqualTo("ship it");
    });
    assertThat(ledger.active(A, CLOCK.instant())).isEmpty();
    assertThat(rechecks).isEmpty();
  }

  @Test
  void anOverrideBindsToTheHeadItWasGivenOn() {
    assertThat(say("maintainer", "/vetter override --reason outage fix").result()).isEqualTo("accepted");
    assertThat(ledger.active(A, CLOCK.instant())).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("maintainer"));
    assertThat(ledger.active(B, CLOCK.instant())).isEmpty();
    assertThat(rechecks).containsExactly(A);
    assertThat(replies.getLast()).contains("this commit only").contains("/vetter undo");
  }

  @Test
  void anUnknownUserIsRefusedEvenHelp() {
    say("stranger", "/vetter help");
    assertThat(replies.getLast()).contains("no role Vetter could confirm");
  }

  @Test
  void aWriterCannotUndoAMaintainersOverride() {
    say("maintainer", "/vetter override --reason outage fix");
    assertThat(say("writer", "/vetter undo").result()).isEqualTo("denied");
    assertThat(ledger.active(A, CLOCK.instant())).hasSize(1);
    assertThat(say("maintainer", "/vetter undo").result()).isEqualTo("accepted");
    assertThat(ledger.active(A, CLOCK.instant())).isEmpty();
  }

  @Test
  void aWriterMayWaiveOnlyWhatDoesNotBlock() {
    assertThat(say("writer", "/vetter waive hygiene/tabs --reason legacy --expires 10d").result()).isEqualTo("accepted");
    assertThat(replies.getLast()).contains("until 2026-03-11").contains("- rule: hygiene/tabs").contains("expires: 2026-03-11");
    assertThat(say("writer", "/vetter waive secrets/aws --reason rotated").result()).isEqualTo("denied");
    assertThat(say("maintainer", "/vetter waive secrets/aws --reason rotated").result()).isEqualTo("accepted");
    assertThat(ledger.active(A, CLOCK.instant())).extracting(AuditEntry::target).containsExactly("hygiene/tabs", "secrets/aws");
  }

  @Test
  void aFalsePositiveReplyNamesTheFindingOfTheCommentItAnswers() {
    assertThat(say("reader", "/vetter fp it is a fixture", "900").result()).isEqualTo("accepted");
    assertThat(audit.getLast().target()).isEqualTo("0123abcd0123abcd");
    assertThat(audit.getLast().reason()).isEqualTo("it is a fixture");
    assertThat(say("reader", "/vetter fp", "901").result()).isEqualTo("invalid");
  }

  @Test
  void aJobRunAgainAfterItsReplyDoesNothing() {
    var in = new CommandRunner.Incoming("github", "acme/app", 7, "55", "maintainer", "/vetter override --reason x", null);
    runner.run(in, forge, ledger);
    assertThat(runner.run(in, forge, ledger).detail()).isEqualTo("already answered");
    assertThat(replies).hasSize(1);
    assertThat(audit).hasSize(1);
  }

  @Test
  void malformedCommandsGetHelp() {
    say("reader", "/vetter frobnicate");
    assertThat(replies.getLast()).contains("unknown command 'frobnicate'").contains("/vetter override --reason TEXT");
    say("reader", "/vetter explain hygiene/tabs");
    assertThat(replies.getLast()).contains("Tabs where spaces");
  }
}
