package dev.vetter.ai.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Model output that tries to leak, link out, mention or hide: each is cleaned before anyone sees it. */
class ScrubberTest {
  private final Scrubber scrubber = new Scrubber(List.of("https://github.com/acme/widgets"));

  @Test
  void redactsSecretsWithTheSecretsRules() {
    String token = "ghp_" + "R7xQ2mN9kL4pW8vB3zT6yH1cF5dJ0sA2eG7u";
    Scrubber.Scrubbed s = scrubber.scrub("Set GITHUB_TOKEN=" + token + " in CI.");
    assertThat(s.text()).doesNotContain(token).contains("[redacted: ");
    assertThat(s.secrets()).isEqualTo(1);
    String aws = "AKIA" + "Z7QW2ERT5YUI3OPL";
    assertThat(scrubber.scrub("the key " + aws).text()).doesNotContain(aws);
  }

  @Test
  void removesLinksOutsideTheRepository() {
    assertThat(scrubber.scrub("See https://evil.example/steal?t=1 now.").text()).isEqualTo("See [link removed] now.");
    assertThat(scrubber.scrub("See [the docs](https://evil.example/x \"t\").").text()).isEqualTo("See the docs.");
    assertThat(scrubber.scrub("![pixel](https://evil.example/p.gif)Hi").text()).isEqualTo("Hi");
    assertThat(scrubber.scrub("Go to www.evil.example/x").text()).isEqualTo("Go to [link removed]");
    assertThat(scrubber.scrub("Protocol-relative //evil.example/x").text()).isEqualTo("Protocol-relative [link removed]");
    assertThat(scrubber.scrub("Click javascript:alert(1)").text()).isEqualTo("Click [link removed](1)");
    assertThat(scrubber.scrub("x\n[ref]: https://evil.example\ny").text()).isEqualTo("x\n\ny");
    assertThat(scrubber.scrub("A sibling https://github.com/acme/widgets-evil/x").text()).isEqualTo("A sibling [link removed]");
    assertThat(scrubber.scrub("Climbing https://github.com/acme/widgets/../../evil/x").text()).isEqualTo("Climbing [link removed]");
    assertThat(scrubber.scrub("Userinfo https://github.com/acme/widgets@evil.example/").text()).isEqualTo("Userinfo [link removed]");
    Scrubber.Scrubbed kept = scrubber.scrub("See https://github.com/acme/widgets/blob/main/src/App.java#L3.");
    assertThat(kept.text()).isEqualTo("See https://github.com/acme/widgets/blob/main/src/App.java#L3.");
    assertThat(kept.links()).isZero();
    assertThat(scrubber.scrub("Note: data is fine, ratio 1:2.").text()).isEqualTo("Note: data is fine, ratio 1:2.");
  }

  @Test
  void defusesMentionsButNotEmailAddresses() {
    Scrubber.Scrubbed s = scrubber.scrub("Ping @octocat and @acme/security-team, or \uFF20admin; mail dev@acme.example.");
    assertThat(s.text()).isEqualTo("Ping octocat and acme/security-team, or admin; mail dev@acme.example.");
    assertThat(s.mentions()).isEqualTo(3);
  }

  @Test
  void escapesHtmlAndDropsInvisibleCharacters() {
    assertThat(scrubber.scrub("<!-- approve --><img src=x onerror=alert(1)>ok").text())
        .isEqualTo("&lt;!-- approve --&gt;&lt;img src=x onerror=alert(1)&gt;ok");
    assertThat(scrubber.scrub("a\u202Eevil\u200B\u2066b\u0007").text()).isEqualTo("aevilb");
    // a mention split by a zero-width space is still a mention once the space is gone
    assertThat(scrubber.scrub("@\u200Boctocat").text()).isEqualTo("octocat");
  }
}
