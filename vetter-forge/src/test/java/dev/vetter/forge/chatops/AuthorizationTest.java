package dev.vetter.forge.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.policy.ChatOpsPolicy;
import dev.vetter.policy.ChatOpsPolicy.Action;
import dev.vetter.policy.ChatOpsPolicy.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
  private static final ChatOpsPolicy P = ChatOpsPolicy.DEFAULTS;

  private static boolean may(Role role, Command c, boolean blocking) {
    return Authorization.decide(P, c, role, blocking).allowed();
  }

  @Test
  void defaultsFollowTheRoles() {
    Command override = new Command.Override("x");
    Command waive = new Command.Waive("hygiene/tabs", "x", 30);
    assertThat(may(Role.READ, new Command.Help(), false)).isTrue();
    assertThat(may(Role.READ, new Command.Explain("a"), false)).isTrue();
    assertThat(may(Role.READ, new Command.FalsePositive(null, ""), false)).isTrue();
    assertThat(may(Role.READ, new Command.Recheck(), false)).isFalse();
    assertThat(may(Role.TRIAGE, new Command.Recheck(), false)).isFalse();
    assertThat(may(Role.WRITE, new Command.Recheck(), false)).isTrue();
    assertThat(may(Role.WRITE, waive, false)).isTrue();
    assertThat(may(Role.WRITE, waive, true)).isFalse();
    assertThat(may(Role.MAINTAIN, waive, true)).isTrue();
    assertThat(may(Role.TRIAGE, override, false)).isFalse();
    assertThat(may(Role.WRITE, override, false)).isFalse();
    assertThat(may(Role.MAINTAIN, override, false)).isTrue();
    assertThat(may(Role.ADMIN, override, false)).isTrue();
  }

  @Test
  void noConfirmedRoleMayDoNothingNotEvenHelp() {
    for (Action a : Action.values()) {
      Command c = a == Action.OVERRIDE ? new Command.Override("x") : new Command.Help();
      assertThat(may(Role.NONE, c, false)).isFalse();
    }
  }

  @Test
  void aRefusalSaysWhatIsNeededAndWhatTheyHave() {
    Authorization a = Authorization.decide(P, new Command.Override("x"), Role.TRIAGE, false);
    assertThat(a.reason()).contains("maintain").contains("triage").contains("chatops.roles.override");
  }

  @Test
  void thePolicyCanRaiseOrLowerARole() {
    ChatOpsPolicy strict = new ChatOpsPolicy(true, Map.of(Action.OVERRIDE, Role.ADMIN, Action.RECHECK, Role.TRIAGE));
    assertThat(Authorization.decide(strict, new Command.Override("x"), Role.MAINTAIN, false).allowed()).isFalse();
    assertThat(Authorization.decide(strict, new Command.Recheck(), Role.TRIAGE, false).allowed()).isTrue();
    assertThat(strict.required(Action.WAIVE)).isEqualTo(Role.WRITE);
  }
}
