package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.vetter.cli.Cli.vetter;

import dev.vetter.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refusals of 'vetter serve': exit 2 and one line naming the setting, never a stack trace. */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void contradictorySettingsStopStartUpWithOneLine() {
    Run r = vetter("serve", "--role", "worker", "--data-dir", tmp.toString(), "--port", "0");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err().strip().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("vetter: ").contains("--role worker needs --database"));
  }

  @Test
  void badValuesStopStartUpWithOneLine() {
    Run r = vetter("serve", "--port", "eighty", "--data-dir", tmp.toString());
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err().strip().lines()).singleElement().satisfies(line -> assertThat(line).contains("--port", "'eighty'"));
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void helpListsTheSettings() {
    Run r = vetter("serve", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--port", "--data-dir", "--role", "--database", "VETTER_GITHUB_WEBHOOK_SECRET").doesNotContain("--bench-endpoint");
  }
}
