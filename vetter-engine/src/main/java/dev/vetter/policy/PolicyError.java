package dev.vetter.policy;

import dev.vetter.engine.UserError;
import java.util.List;

/** The policy could not be loaded; every problem found, each with its file, line and column. */
public final class PolicyError extends UserError {
  private final List<Problem> problems;
  private final String what;

  /** One problem in a policy file; line and column are 1-based, 0 when unknown. */
  public record Problem(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
    }
  }

  public PolicyError(List<Problem> problems) {
    this("policy", problems);
  }

  /** @param what what could not be loaded, as the message names it: {@code policy}, {@code waivers} */
  public PolicyError(String what, List<Problem> problems) {
    super(render(what, problems));
    this.problems = List.copyOf(problems);
    this.what = what;
  }

  /** What could not be loaded: {@code policy} or {@code waivers}. */
  public String what() {
    return what;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(String what, List<Problem> problems) {
    StringBuilder sb = new StringBuilder("invalid " + what + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
    for (Problem p : problems) sb.append("\n  ").append(p);
    return sb.toString();
  }
}
