package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.PackageObjectFactory;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import com.puppycrawl.tools.checkstyle.api.Configuration;
import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One Checkstyle configuration, ready to check files. Building a {@link Checker} costs far more than
 * checking a file, and a Checker is not thread-safe: each thread borrows one from a pool, so a
 * configuration is built at most once per thread and reused for every file of every review.
 */
final class CheckstyleRunner {
  /** One problem Checkstyle reported. */
  record Event(String rule, int line, int column, SeverityLevel severity, String message) {}

  private final Configuration config;
  private final ConcurrentLinkedQueue<Pooled> idle = new ConcurrentLinkedQueue<>();

  CheckstyleRunner(Configuration config) {
    this.config = config;
    idle.add(new Pooled(config)); // built now, so that a configuration Checkstyle rejects fails once, with its reason
  }

  List<Event> check(String path, String text) {
    Pooled p = idle.poll();
    if (p == null) p = new Pooled(config);
    try {
      return p.check(path, text);
    } finally {
      idle.add(p);
    }
  }

  /** A Checker, its listener and the folder files are written to (Checkstyle reads files from disk). */
  private static final class Pooled implements AuditListener {
    private final Checker checker = new Checker();
    private final Path dir;
    private List<Event> events = new ArrayList<>();
    /**
     * Numbers the folder each file is written under. Checkstyle's filters keep what they read of the last file
     * they saw by its name (SuppressWithNearbyTextFilter), and a filter sees only the events that the filters
     * before it let through: the same path with other content, later, must never look like the same file.
     */
    private long calls;
    /** The numbered folder of the file being checked, kept out of messages. */
    private Path root;

    Pooled(Configuration config) {
      try {
        // only Checkstyle's own package: never the checkstyle_packages.xml of other jars on the class path
        checker.setModuleFactory(new PackageObjectFactory(new java.util.HashSet<>(Set.of("com.puppycrawl.tools.checkstyle")), Checker.class.getClassLoader()));
        checker.setModuleClassLoader(Checker.class.getClassLoader());
        checker.setLocaleLanguage(Locale.ENGLISH.getLanguage());
        checker.setLocaleCountry("");
        checker.setHaltOnException(false);
        checker.configure(config);
        checker.addListener(this);
        dir = Files.createTempDirectory("vetter-checkstyle-");
        dir.toFile().deleteOnExit();
      } catch (CheckstyleException e) {
        throw new ConfigException("Checkstyle rejects the configuration: " + rootMessage(e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<Event> check(String path, String text) {
      // the repository's relative path, so that checks of file and package names see what the build sees
      root = dir.resolve(Long.toString(++calls));
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root)) throw new IllegalArgumentException("path leaves the repository: " + path);
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        events = new ArrayList<>();
        checker.process(List.of(file.toFile()));
        return events;
      } catch (CheckstyleException e) {
        throw new IllegalStateException("Checkstyle failed on " + path + ": " + rootMessage(e), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        // the file, then its folders up to the numbered one
        for (Path p = file; p != null && p.startsWith(root); p = p.getParent()) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            break; // a temporary file or folder left behind is harmless
          }
        }
      }
    }

    @Override
    public void addError(AuditEvent event) {
      if (event.getViolation() != null && EXCEPTION_KEY.equals(event.getViolation().getKey())
          && Checker.class.getName().equals(event.getSourceName())) {
        // how Checkstyle reports a file it could not parse (or a check that broke on it): its stack trace as the message
        events.add(new Event("ParseError", 0, 0, SeverityLevel.ERROR,
            "Checkstyle could not parse the file: " + exceptionSummary(event.getMessage()).replace(root + File.separator, "")));
        return;
      }
      if (event.getSeverityLevel() == SeverityLevel.IGNORE) return;
      events.add(new Event(CheckstyleConfigs.ruleName(event.getModuleId(), event.getSourceName()), event.getLine(), event.getColumn(),
          event.getSeverityLevel(), event.getMessage()));
    }

    @Override
    public void addException(AuditEvent event, Throwable throwable) {
      events.add(new Event("ParseError", Math.max(event.getLine(), 0), 0, SeverityLevel.ERROR,
          "Checkstyle could not parse the file: " + rootMessage(throwable)));
    }

    @Override public void auditStarted(AuditEvent event) {}
    @Override public void auditFinished(AuditEvent event) {}
    @Override public void fileStarted(AuditEvent event) {}
    @Override public void fileFinished(AuditEvent event) {}
  }

  /** Checkstyle's message key for a file it could not process ("Got an exception - " and a stack trace). */
  private static final String EXCEPTION_KEY = "general.exception";

  /**
   * The innermost message of a printed stack trace ({@code Caused by: Type: message}), else its first line without the
   * exception's type: {@code 5:0: no viable alternative at input '<'} rather than forty lines of Checkstyle's frames.
   */
  static String exceptionSummary(String trace) {
    List<String> lines = trace.lines().toList();
    String summary = lines.isEmpty() ? "" : lines.get(0).replaceFirst("^Got an exception - ", "");
    for (String l : lines) {
      if (!l.startsWith("Caused by: ")) continue;
      int colon = l.indexOf(": ", "Caused by: ".length());
      if (colon > 0 && !l.substring(colon + 2).isBlank()) summary = l.substring(colon + 2);
    }
    int typeEnd = summary.indexOf(": ");
    if (typeEnd > 0 && summary.substring(0, typeEnd).matches("[\\w.$]+(Exception|Error)")) summary = summary.substring(typeEnd + 2);
    return summary.strip();
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
    return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
