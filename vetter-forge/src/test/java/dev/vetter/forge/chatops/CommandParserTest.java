package dev.vetter.forge.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
  private static Command parse(String body) {
    return CommandParser.parse(body).orElseThrow();
  }

  @Test
  void readsEachCommand() {
    assertThat(parse("/vetter help")).isEqualTo(new Command.Help());
    assertThat(parse("/vetter")).isEqualTo(new Command.Help());
    assertThat(parse("/vetter recheck")).isEqualTo(new Command.Recheck());
    assertThat(parse("/vetter undo")).isEqualTo(new Command.Undo());
    assertThat(parse("/vetter explain hygiene/trailing-whitespace")).isEqualTo(new Command.Explain("hygiene/trailing-whitespace"));
    assertThat(parse("/vetter fp")).isEqualTo(new Command.FalsePositive(null, ""));
    assertThat(parse("/vetter fp this is test data")).isEqualTo(new Command.FalsePositive(null, "this is test data"));
    assertThat(parse("/vetter fp 0123abcd4567ef89 not a secret")).isEqualTo(new Command.FalsePositive("0123abcd4567ef89", "not a secret"));
    assertThat(parse("/vetter waive secrets/aws-key --reason rotated already --expires 7d"))
        .isEqualTo(new Command.Waive("secrets/aws-key", "rotated already", 7));
    assertThat(parse("/vetter waive 0123abcd --expires 14d --reason \"fixture\"")).isEqualTo(new Command.Waive("0123abcd", "fixture", 14));
    assertThat(parse("/vetter override --reason hotfix for the outage")).isEqualTo(new Command.Override("hotfix for the outage"));
  }

  @Test
  void aWaiverLastsThirtyDaysUnlessItSays() {
    assertThat(parse("/vetter waive hygiene/tabs --reason legacy file")).isEqualTo(new Command.Waive("hygiene/tabs", "legacy file", 30));
    assertThat(((Command.Waive) parse("/vetter waive 0123abcd --reason x")).byFingerprint()).isTrue();
    assertThat(((Command.Waive) parse("/vetter waive hygiene/tabs --reason x")).byFingerprint()).isFalse();
  }

  @Test
  void findsTheCommandLineAmongOthers() {
    assertThat(parse("Thanks for the review.\n\n/vetter recheck\n\nmore text")).isEqualTo(new Command.Recheck());
    assertThat(parse("first\r\n   /vetter recheck\r\n")).isEqualTo(new Command.Recheck());
    assertThat(parse("/vetter recheck\n/vetter override --reason later lines do not count")).isEqualTo(new Command.Recheck());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "> /vetter override --reason quoted",
      "  > /vetter override --reason quoted",
      ">> /vetter override --reason nested quote",
      "```\n/vetter override --reason in a fence\n```",
      "~~~yaml\n/vetter override --reason in a fence\n~~~",
      "````\n```\n/vetter override --reason still in the outer fence\n````",
      "    /vetter override --reason indented code",
      "\t/vetter override --reason indented code",
      "please run /vetter override --reason mid-line",
      "/vetterify this",
      "/Vetter override --reason case matters",
      "",
  })
  void ignoresCommandsThatAreNotAtTheStartOfALineOfProse(String body) {
    assertThat(CommandParser.parse(body)).isEmpty();
  }

  @Test
  void nullBodyHasNoCommand() {
    assertThat(CommandParser.parse(null)).isEqualTo(Optional.empty());
  }

  @Test
  void aCommandAfterAClosedFenceCounts() {
    assertThat(parse("```\n/vetter override --reason no\n```\n/vetter recheck")).isEqualTo(new Command.Recheck());
    assertThat(parse("> /vetter override --reason quoted\n/vetter help")).isEqualTo(new Command.Help());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/vetter frobnicate",
      "/vetter override",
      "/vetter override --reason",
      "/vetter override now --reason x",
      "/vetter waive hygiene/tabs",
      "/vetter waive --reason x",
      "/vetter waive a b --reason x",
      "/vetter waive hygiene/tabs --reason x --expires 0d",
      "/vetter waive hygiene/tabs --reason x --expires 366d",
      "/vetter waive hygiene/tabs --reason x --expires forever",
      "/vetter waive hygiene/tabs --reason x --expires",
      "/vetter waive Bad!Rule --reason x",
      "/vetter explain",
      "/vetter explain a b",
      "/vetter recheck now",
      "/vetter undo everything",
      "/vetter override --force --reason x",
      "/vetter fp --expires 3d",
  })
  void answersMalformedCommandsWithHelp(String body) {
    assertThat(parse(body)).isInstanceOf(Command.Invalid.class);
    assertThat(((Command.Invalid) parse(body)).problem()).isNotBlank();
  }

  @Test
  void aReasonIsFreeTextUpToTheNextOption() {
    assertThat(parse("/vetter override --reason drops the --verbose flag")).isEqualTo(new Command.Override("drops the --verbose flag"));
  }

  @Test
  void longReasonsAreClipped() {
    Command.Override o = (Command.Override) parse("/vetter override --reason " + "x".repeat(2000));
    assertThat(o.reason()).hasSizeLessThan(510);
  }
}
