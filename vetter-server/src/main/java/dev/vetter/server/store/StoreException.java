package dev.vetter.server.store;

/** The store could not do what was asked: unreachable, not migrated yet, or a statement failed. The receiver answers 503. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
