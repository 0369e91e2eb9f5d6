package dev.vetter.ingest;

/** An input that is not what its format says; the message says where and why, for the user. */
final class BadInput extends RuntimeException {
  BadInput(String message) {
    super(message);
  }

  BadInput(String message, Throwable cause) {
    super(message, cause);
  }
}
