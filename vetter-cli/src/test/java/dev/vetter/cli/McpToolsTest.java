package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A bug in a tool, which the process tests cannot provoke: a tool error for the client, the details on standard error. */
class McpToolsTest {
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  McpTools tools(boolean debug) {
    return new McpTools(Workspace.registry(), Path.of("."), new PrintStream(log, true, StandardCharsets.UTF_8), debug);
  }

  static String text(CallToolResult r) {
    return ((TextContent) r.content().getFirst()).text();
  }

  @Test
  void aBugIsAToolErrorWithItsFirstLineAndNoStackTrace() {
    CallToolResult r = tools(false).guarded("review", args -> {
      throw new IllegalStateException("boom\nat some detail");
    }, null);
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).startsWith("internal error: IllegalStateException: boom.").contains("--debug").doesNotContain("some detail", "\tat ");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("internal error in the review tool").doesNotContain("\tat ");
  }

  @Test
  void withDebugTheStackTraceGoesToTheLogOnly() {
    CallToolResult r = tools(true).guarded("rules", args -> {
      throw new AssertionError("unreachable");
    }, null);
    assertThat(text(r)).doesNotContain("\tat ");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("AssertionError: unreachable", "\tat ");
  }

  @Test
  void aUserErrorIsItsMessage() {
    CallToolResult r = tools(false).guarded("review", args -> {
      throw new dev.vetter.engine.UserError("not a git repository: /tmp/x");
    }, null);
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("not a git repository: /tmp/x");
    assertThat(log.size()).isZero();
  }
}
