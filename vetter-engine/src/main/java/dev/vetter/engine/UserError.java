package dev.vetter.engine;

/**
 * A problem with what the user asked for or gave us (bad ref, invalid policy, not a repository). Its
 * message is shown as-is, without a stack trace, and the process exits with code 2.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
