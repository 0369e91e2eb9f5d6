package dev.vetter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.engine.UserError;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import reactor.core.publisher.Mono;

@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {
      "Serve Vetter to AI coding assistants over the Model Context Protocol, on standard input and output.",
      "",
      "Tools: review (a local change: the findings of 'vetter review --format json'), explain, rules, validate_config.",
      "Read-only: it writes nothing to the repository (reviews run without the result cache in .git)."
    },
    footer = {"", "Examples:",
      "  vetter mcp                          serve; reviews default to this folder",
      "  vetter mcp --repo ~/src/app         serve; reviews default to ~/src/app",
      "  vetter --debug mcp                  internal errors also show a stack trace",
      "",
      "An MCP client starts it as {\"command\": \"/path/to/vetter\", \"args\": [\"mcp\"]}.",
      "Claude Desktop, Claude Code, VS Code and others: see docs/mcp.md."})
final class McpCommand implements Callable<Integer> {
  static final String INSTRUCTIONS = """
      Vetter reviews git changes with deterministic rules and reports findings only on what changed. Call review \
      on a change (staged, worktree, or base/head) before proposing or committing it, and fix or explain what it \
      finds; explain tells why a rule matters and how to fix its findings.""";

  @ParentCommand VetterCommand parent;

  @Option(names = "--repo", paramLabel = "DIR", description = "The repository reviewed when a call names none, and what "
      + "relative paths start from (default: the current directory). For clients that start servers elsewhere.")
  Path repo = Path.of(".");

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(repo)) throw new UserError("--repo " + repo + " is not a folder");
    // standard output carries only protocol messages: the transport gets the real one, and anything
    // else that prints to System.out (a library, a stray debug line) lands on standard error instead
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(stderr);
    try {
      serve(System.in, new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), stderr);
      return Main.OK;
    } finally {
      System.setOut(stdout);
    }
  }

  /** Serves until the session ends: the client closed standard input, or the SDK stopped reading it. */
  private void serve(InputStream in, OutputStream out, PrintStream log) throws InterruptedException {
    boolean debug = parent != null && parent.debug;
    McpTools tools = new McpTools(Workspace.registry(), repo, log, debug);
    var json = new JacksonMcpJsonMapper(new ObjectMapper());
    Watched transport = new Watched(new StdioServerTransportProvider(json, in, out));
    McpSyncServer server = McpServer.sync(transport)
        .serverInfo("vetter", VetterCommand.version())
        .instructions(INSTRUCTIONS)
        .capabilities(ServerCapabilities.builder().tools(false).build())
        .jsonSchemaValidator(new McpSchemaValidator())
        .tools(tools.all())
        .build();
    log.println("vetter mcp: serving on standard input and output; repository " + repo.toAbsolutePath().normalize());
    transport.ended.await();
    server.close();
  }

  /**
   * The stdio transport, telling when its session's transport closes. The SDK closes it when standard
   * input ends (how a client ends a stdio session) or when it stops reading after a malformed message;
   * either way nothing more will come, and the process should end rather than wait to be killed.
   */
  private static final class Watched implements McpServerTransportProvider {
    final CountDownLatch ended = new CountDownLatch(1);
    private final StdioServerTransportProvider stdio;

    Watched(StdioServerTransportProvider stdio) {
      this.stdio = stdio;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
      stdio.setSessionFactory(transport -> factory.create(new McpServerTransport() {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
          return transport.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
          return transport.unmarshalFrom(data, type);
        }

        @Override
        public List<String> protocolVersions() {
          return transport.protocolVersions();
        }

        @Override
        public Mono<Void> closeGracefully() {
          return transport.closeGracefully().doFinally(signal -> ended.countDown());
        }

        @Override
        public void close() {
          try {
            transport.close();
          } finally {
            ended.countDown();
          }
        }
      }));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
      return stdio.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
      return stdio.notifyClient(sessionId, method, params);
    }

    @Override
    public List<String> protocolVersions() {
      return stdio.protocolVersions();
    }

    @Override
    public Mono<Void> closeGracefully() {
      return stdio.closeGracefully();
    }

    @Override
    public void close() {
      stdio.close();
    }
  }
}
