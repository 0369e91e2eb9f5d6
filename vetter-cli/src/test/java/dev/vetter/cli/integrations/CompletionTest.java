package dev.vetter.cli.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.cli.Main;
import dev.vetter.cli.integrations.Processes.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vetter completion}: the script is sourced by a real bash (and zsh, when installed) and its
 * completion function is called as each shell calls it when Tab is pressed, with the words typed so far.
 */
class CompletionTest {
  @TempDir Path tmp;
  Path script;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(Main.run(new String[] {"completion", "bash"}, new PrintWriter(out), new PrintWriter(err))).isZero();
    script = Files.writeString(tmp.resolve("vetter.bash"), out.toString());
    env = Processes.cleanEnvironment(Files.createDirectories(tmp.resolve("home")));
  }

  /** What bash offers after {@code line} (words separated by single spaces; a trailing space starts a new word). */
  String bash(String line) throws Exception {
    String probe = """
        source "$1" || exit 9
        compopt() { :; } # a builtin that works only while bash itself is completing
        COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<< "$2"
        [[ "$2" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMPREPLY=()
        _complete_vetter vetter "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}" | sort | tr '\\n' ' '
        """;
    Result r = Processes.run(tmp, env, "bash", "--noprofile", "--norc", "-c", probe, "probe", script.toString(), line);
    assertThat(r.code()).as(r.transcript()).isZero();
    assertThat(r.err()).as(r.transcript()).isEmpty();
    return r.out().strip();
  }

  @Test
  void bashCompletesCommandsOptionsAndValues() throws Exception {
    assertThat(bash("vetter ")).isEqualTo("audit completion config daemon demo eval explain hook init mcp report review rules scan serve summarize waivers");
    assertThat(bash("vetter scan --format ")).isEqualTo("json sarif text");
    assertThat(bash("vetter rev")).isEqualTo("review");
    assertThat(bash("vetter rep")).isEqualTo("report");
    assertThat(bash("vetter report --format ")).isEqualTo("csv html json markdown text");
    assertThat(bash("vetter review --format ")).isEqualTo("checkstyle codeclimate github json junit markdown sarif text");
    assertThat(bash("vetter review --fail-on ")).isEqualTo("error never notice warning");
    assertThat(bash("vetter review --filter d")).isEqualTo("diff_context");
    assertThat(bash("vetter review --sta")).isEqualTo("--staged");
    assertThat(bash("vetter hook ")).isEqualTo("install uninstall");
    assertThat(bash("vetter daemon ")).isEqualTo("run start status stop");
    assertThat(bash("vetter completion ")).isEqualTo("bash zsh");
    assertThat(bash("vetter eval ")).isEqualTo("replay");
    assertThat(bash("vetter eval replay --format ")).isEqualTo("json markdown text");
  }

  @Test
  void zshRegistersTheCompletionAndRunsItThroughBashcompinit() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")), "skipped: zsh is not installed");
    // zsh's bashcompinit runs a bash completion function under 'emulate -L sh' (arrays from 0)
    String probe = """
        autoload -U +X compinit && compinit -u -D
        source "$1" || exit 9
        print -r -- "registered: ${_comps[vetter]}"
        complete_as_zsh() {
          emulate -L sh
          setopt kshglob noshglob braceexpand nokshautoload
          local -a COMP_WORDS COMPREPLY
          COMP_WORDS=(vetter review --format "")
          COMP_CWORD=3; COMP_LINE="vetter review --format "; COMP_POINT=${#COMP_LINE}
          _complete_vetter vetter "" --format
          print -r -- "formats: ${COMPREPLY[@]}"
        }
        complete_as_zsh
        """;
    Result r = Processes.run(tmp, env, "zsh", "-f", "-c", probe, "probe", script.toString());
    assertThat(r.code()).as(r.transcript()).isZero();
    assertThat(r.out()).contains("registered: _bash_complete -F _complete_vetter", "formats: text json sarif github markdown checkstyle junit codeclimate");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    StringWriter err = new StringWriter();
    assertThat(Main.run(new String[] {"completion", "fish"}, new PrintWriter(new StringWriter()), new PrintWriter(err))).isEqualTo(2);
    assertThat(err.toString()).contains("no completion for 'fish', allowed values: [bash, zsh]");
  }
}
