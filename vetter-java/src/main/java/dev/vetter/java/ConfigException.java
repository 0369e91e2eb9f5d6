package dev.vetter.java;

/**
 * An analyzer configuration that cannot be used: not found, not well-formed, or asking for something
 * Vetter refuses to do (an external entity, a class of the repository's). The message says which file
 * and why; the check reports it as one finding rather than failing.
 */
final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }
}
