package dev.vetter.policy;

import dev.vetter.engine.UserError;
import java.util.List;

/** The policy could not be loaded; every problem found, each with its file, line and column. */
public final class PolicyError extends UserError {
  private final List<Problem> problems;

  /** One problem in a policy file; line and column are 1-based, 0 when unknown. */
  public record Problem(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
    }
  }

  public PolicyError(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("invalid policy (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
    for (Problem p : problems) sb.append("\n  ").append(p);
    return sb.toString();
  }
}
