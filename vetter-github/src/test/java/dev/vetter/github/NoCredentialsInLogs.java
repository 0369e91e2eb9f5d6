package dev.vetter.github;

import dev.vetter.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures every log line written while a test class of this module runs (registered for all of them through
 * {@code META-INF/services} and extension autodetection) and fails the class when one holds a credential: a GitHub
 * token, a JWT, a private key or an authorization value. The patterns are written here, apart from
 * {@link dev.vetter.server.Redaction}, so a gap in the redactor shows up as a failure.
 */
public final class NoCredentialsInLogs implements BeforeAllCallback, AfterAllCallback {
  static final List<Pattern> CREDENTIALS = List.of(
      Pattern.compile("gh[pousr]_[A-Za-z0-9]{16,}"),
      Pattern.compile("github_pat_[A-Za-z0-9_]{16,}"),
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
      Pattern.compile("MII[A-Za-z0-9+/]{40,}"),
      Pattern.compile("(?i)\\b(bearer|token)\\s+[A-Za-z0-9_.~+/-]{20,}"));

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoCredentialsInLogs.class);

  private record Capture(PrintStream previous, ByteArrayOutputStream buffer) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream[] previous = new PrintStream[1];
    OutputStream tee = new OutputStream() {
      @Override
      public synchronized void write(int b) {
        buffer.write(b);
        previous[0].write(b);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        previous[0].write(b, off, len);
      }
    };
    previous[0] = Log.output(new PrintStream(tee, true, StandardCharsets.UTF_8));
    context.getStore(NS).put("capture", new Capture(previous[0], buffer));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Capture c = context.getStore(NS).remove("capture", Capture.class);
    if (c == null) return;
    Log.output(c.previous());
    List<String> found = find(c.buffer().toString(StandardCharsets.UTF_8));
    if (!found.isEmpty()) {
      throw new AssertionError(context.getDisplayName() + " logged " + found.size() + " credential(s); first kinds: " + found);
    }
  }

  /** The kinds of credential in {@code text} (the pattern, never the match, so the failure does not leak it either). */
  static List<String> find(String text) {
    List<String> out = new ArrayList<>();
    for (Pattern p : CREDENTIALS) {
      Matcher m = p.matcher(text);
      while (m.find()) out.add(p.pattern());
    }
    return out;
  }
}
