package dev.vetter.report;

import dev.vetter.check.Finding;
import dev.vetter.check.Severity;
import dev.vetter.engine.ReviewResult;
import java.io.IOException;

/**
 * GitHub Actions workflow commands: one {@code ::error}, {@code ::warning} or {@code ::notice}
 * annotation per finding, then a plain summary line. Values are escaped as the runner decodes them,
 * so a message can neither break the command nor start another one.
 */
public final class GithubReporter implements Reporter {

  @Override
  public void write(ReviewResult result, Appendable out) throws IOException {
    for (Finding f : result.findings()) {
      out.append("::").append(command(f.severity())).append(' ');
      StringBuilder props = new StringBuilder();
      if (f.path() != null) {
        props.append("file=").append(property(f.path()));
        if (f.line() > 0) {
          props.append(",line=").append(f.line()).append(",endLine=").append(f.endLine());
          if (f.column() > 0) props.append(",col=").append(f.column());
        }
        props.append(',');
      }
      props.append("title=").append(property(f.rule()));
      out.append(props).append("::").append(data(f.message())).append('\n');
    }
    out.append("Vetter: ").append(ReportText.counts(result)).append(". ").append(ReportText.verdict(result)).append(".\n");
  }

  static String command(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTICE -> "notice";
    };
  }

  /** A command's message: {@code %}, CR and LF percent-encoded, as the runner's {@code escapeData}. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A command property's value: as {@link #data} plus {@code :} and {@code ,}, as the runner's {@code escapeProperty}. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
