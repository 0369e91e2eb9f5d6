package dev.vetter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken policy files: each one must end in a short, clear {@link PolicyError} with a
 * position where there is one (never another exception, never a hang), because the policy comes
 * from a repository Vetter does not control.
 */
class YamlSafetyTest {
  private final PolicyLoader loader = new PolicyLoader(TestChecks.registry());

  /** The problems loading {@code yaml}, after checking they are a proper PolicyError. */
  private List<PolicyError.Problem> rejected(String yaml) {
    try {
      loader.load(List.of(new YamlSource("p.yml", yaml)));
    } catch (PolicyError e) {
      assertClear(e);
      return e.problems();
    }
    throw new AssertionError("expected a PolicyError for:\n" + yaml.substring(0, Math.min(200, yaml.length())));
  }

  private static void assertClear(PolicyError e) {
    assertThat(e.problems()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
    // bounded: a message never echoes a huge input back
    assertThat(e.getMessage().length()).isLessThan(4000);
    assertThat(e.getMessage()).doesNotContain("Exception", "\tat ", "org.yaml", "com.fasterxml");
  }

  private static String only(List<PolicyError.Problem> problems) {
    assertThat(problems).hasSize(1);
    return problems.get(0).toString();
  }

  @Test
  void billionLaughsIsRejectedAtTheFirstAnchorWithoutExpanding() {
    StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) bomb.append(i > 0 ? ", " : "").append('*').append((char) (c - 1));
      bomb.append("]\n");
    }
    List<PolicyError.Problem> problems = rejected(bomb.toString());
    assertThat(problems.get(0).toString()).isEqualTo("p.yml:1:4: YAML anchors ('&a') are not allowed in a policy file; write the value out in full");
    // the walk stops at the first alias, so the report is as small as the file's first lines
    assertThat(problems.get(problems.size() - 1).toString()).isEqualTo("p.yml:2:8: YAML aliases ('*a') are not allowed in a policy file; write the value out in full");
    assertThat(problems).hasSize(3);
  }

  @Test
  void anAliasAloneIsRejected() {
    assertThat(only(rejected("include: *globs\n"))).isEqualTo("p.yml:1:10: YAML aliases ('*globs') are not allowed in a policy file; write the value out in full");
  }

  @Test
  void mergeKeysNeedAliasesSoTheyAreRejectedToo() {
    assertThat(rejected("x: &base {enabled: false}\nrules:\n  test/words:\n    <<: *base\n"))
        .extracting(PolicyError.Problem::message).anySatisfy(m -> assertThat(m).startsWith("YAML aliases ('*base')"));
  }

  @Test
  void tenThousandNestedFlowListsStopAtTheDepthLimit() {
    String deep = "include: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThat(only(rejected(deep))).isEqualTo("p.yml:1:41: nesting is deeper than 32 levels");
  }

  @Test
  void tenThousandNestedBlockListsStopAtTheDepthLimit() {
    // "- - - - ... x": each dash opens a list inside the previous one
    assertThat(only(rejected("- ".repeat(10_000) + "x\n"))).isEqualTo("p.yml:1:65: nesting is deeper than 32 levels");
  }

  @Test
  void deeplyNestedMappingsStopAtTheDepthLimit() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 200; i++) yaml.append(" ".repeat(i)).append("k").append(i).append(":\n");
    assertThat(only(rejected(yaml.toString()))).startsWith("p.yml:33:33: nesting is deeper than 32 levels");
  }

  @Test
  void pythonTagIsRejectedWithItsPosition() {
    assertThat(only(rejected("filter: !!python/object/apply:os.system ['rm -rf /']\n")))
        .isEqualTo("p.yml:1:9: explicit YAML tags such as '!!python/object/apply:os.system' are not allowed in a policy file;"
            + " write plain values (quote a value to make it a string)");
  }

  @Test
  void javaUrlTagIsRejected() {
    assertThat(only(rejected("baseline: !!java.net.URL [\"http://example.com/\"]\n"))).startsWith("p.yml:1:11: explicit YAML tags such as '!!java.net.URL'");
  }

  @Test
  void everyKindOfTagIsRejectedWherever_itIs() {
    assertThat(only(rejected("!!map\nfilter: added\n"))).startsWith("p.yml:1:1: explicit YAML tags such as '!!map'");
    assertThat(only(rejected("!!str filter: added\n"))).startsWith("p.yml:1:1: explicit YAML tags such as '!!str'");
    assertThat(only(rejected("include: [!local x]\n"))).startsWith("p.yml:1:11: explicit YAML tags such as '!local'");
    assertThat(only(rejected("include: !!seq\n  - x\n"))).startsWith("p.yml:1:10: explicit YAML tags such as '!!seq'");
    assertThat(only(rejected("%TAG !e! tag:example.com,2000:\n---\nfilter: !e!mode added\n"))).startsWith("p.yml:3:9: explicit YAML tags such as 'tag:example.com,2000:mode'");
    assertThat(only(rejected("max-inline-comments: ! 5\n"))).startsWith("p.yml:1:22: explicit YAML tags such as '!'");
  }

  @Test
  void severalTagsAreReportedTogether() {
    assertThat(rejected("filter: !!str added\nfail-on: !!str error\n")).extracting(PolicyError.Problem::line).containsExactly(1, 2);
  }

  @Test
  void aFileOver256KiBIsRejectedBeforeParsing() {
    String big = "# " + "x".repeat(300 * 1024) + "\n";
    assertThat(only(rejected(big))).isEqualTo("p.yml: file is 301 KiB; a policy file may have at most 256 KiB");
    // and as bytes, before decoding
    assertThatThrownBy(() -> YamlSource.decode("p.yml", big.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PolicyError.class).hasMessageContaining("p.yml: file is 301 KiB");
  }

  @Test
  void duplicateKeysAreRejectedAtTheSecondKey() {
    assertThat(only(rejected("filter: added\nfail-on: error\nfilter: file\n"))).isEqualTo("p.yml:3:1: duplicate key 'filter' (first at line 1)");
    assertThat(only(rejected("limits:\n  max-file-bytes: 1\n  max-file-bytes: 2\n"))).isEqualTo("p.yml:3:3: duplicate key 'max-file-bytes' (first at line 2)");
    assertThat(only(rejected("rules: {test/words: true, test/words: false}\n"))).isEqualTo("p.yml:1:27: duplicate key 'test/words' (first at line 1)");
  }

  @Test
  void theSameKeyInTwoListItemsIsNoDuplicate() {
    assertThat(loader.validate("p.yml", "overrides:\n  - paths: [a]\n  - paths: [b]\n")).isEmpty();
  }

  @Test
  void invalidUtf8IsRejectedWithItsPosition() {
    byte[] bytes = {'f', 'i', 'l', 't', 'e', 'r', ':', ' ', 'a', '\n', 'x', ':', ' ', (byte) 0xC3, '(', '\n'};
    assertThatThrownBy(() -> YamlSource.decode("p.yml", bytes)).isInstanceOfSatisfying(PolicyError.class, e -> {
      assertClear(e);
      assertThat(only(e.problems())).isEqualTo("p.yml:2:4: is not UTF-8 text (byte 0xC3 at offset 13); save the file as UTF-8");
    });
    byte[] latin1 = "fail-on: warning # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> YamlSource.decode("p.yml", latin1)).hasMessageContaining("p.yml:1:23: is not UTF-8 text (byte 0xE9");
  }

  @Test
  void validUtf8AndAByteOrderMarkAreFine() {
    byte[] bom = "\uFEFF# caf\u00e9 \u2713 \uD83D\uDE00\nfilter: file\n".getBytes(StandardCharsets.UTF_8);
    YamlSource source = YamlSource.decode("p.yml", bom);
    assertThat(source.text()).startsWith("# caf\u00e9");
    assertThat(loader.load(List.of(source)).filter().id()).isEqualTo("file");
    // a BOM left in the text is fine too
    assertThat(loader.validate("p.yml", "\uFEFFfilter: file\n")).isEmpty();
  }

  @Test
  void nulAndOtherControlCharactersAreRejectedWithTheirPosition() {
    assertThat(only(rejected("filter: add\u0000ed\n"))).isEqualTo("p.yml:1:12: contains the control character U+0000 (NUL); a policy file must be plain text");
    assertThat(only(rejected("filter: added\r\nfail-on: \u0007\n"))).isEqualTo("p.yml:2:10: contains the control character U+0007; a policy file must be plain text");
  }

  @Test
  void anEmptyFileIsAnEmptyPolicy() {
    // deliberate: an empty .vetter.yml (or one with only comments) means "the defaults", like no file at all
    assertThat(loader.load(List.of(new YamlSource("p.yml", "")))).isEqualTo(Policy.defaults());
    assertThat(loader.load(List.of(new YamlSource("p.yml", "# nothing yet\n\n")))).isEqualTo(Policy.defaults());
    assertThat(loader.load(List.of(new YamlSource("p.yml", "---\n")))).isEqualTo(Policy.defaults());
  }

  @Test
  void aFileThatIsAListOrAScalarIsRejected() {
    assertThat(only(rejected("- filter: added\n- fail-on: error\n")))
        .isEqualTo("p.yml:1:1: a policy file must be a mapping of keys such as filter, fail-on, max-inline-comments, request-changes, include, exclude,"
            + " baseline, limits, rules, overrides, waivers, ai, chatops, not a list");
    assertThat(only(rejected("just some text\n"))).endsWith("not the string 'just some text'");
  }

  @Test
  void aSecondDocumentIsRejected() {
    assertThat(only(rejected("filter: added\n---\nfilter: nofilter\n")))
        .isEqualTo("p.yml:2:1: a policy file holds one YAML document; this is a second one (after '---')");
  }

  @Test
  void nonScalarKeysAreRejected() {
    assertThat(only(rejected("? [a, b]\n: c\n"))).isEqualTo("p.yml:1:3: a key must be a plain string, not a mapping or a list");
  }

  @Test
  void syntaxErrorsHaveAPosition() {
    assertThat(only(rejected("rules:\n  test/words: {max: 3\nfilter: added\n"))).startsWith("p.yml:3:7: not valid YAML: ");
    assertThat(only(rejected("filter: added\nfail-on: [error\n"))).startsWith("p.yml:3:1: not valid YAML: ");
    // snakeyaml takes a tab after a colon for indentation; the message says where
    assertThat(only(rejected("filter:\tadded\n"))).startsWith("p.yml:1:8: not valid YAML: found character '\\t(TAB)' that cannot start any token.");
    assertThat(only(rejected("limits:\n  max-file-bytes: 1\n check-timeout-seconds: 2\n"))).startsWith("p.yml:3:2: not valid YAML: ");
  }

  @Test
  void infinityAndNotANumberAreRejected() {
    assertThat(only(rejected("max-inline-comments: .inf\n"))).isEqualTo("p.yml:1:22: '.inf' is not a number a policy can use; write a finite number");
    assertThat(only(rejected("rules: {test/words: {ratio: .NaN}}\n"))).isEqualTo("p.yml:1:29: '.NaN' is not a number a policy can use; write a finite number");
    assertThat(only(rejected("rules: {test/words: {ratio: 1e999}}\n"))).isEqualTo("p.yml:1:29: '1e999' is not a number a policy can use; write a finite number");
  }

  @Test
  void yes_no_on_offAreStringsNotBooleans() {
    // YAML 1.1 read these as booleans; here they are strings, so a typo cannot flip a setting silently
    assertThat(only(rejected("rules:\n  test/words: {enabled: yes}\n")))
        .isEqualTo("p.yml:2:25: enabled must be true or false, not the string 'yes'");
  }
}
