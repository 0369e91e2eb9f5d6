package dev.vetter.github.client;

/** Where a request's {@code Authorization} comes from: a fixed token, an App JWT, or an installation token. */
interface Credentials {
  /** The value after {@code Bearer }. */
  String token();

  /**
   * GitHub answered 401 with {@code token}: forget it so the next {@link #token()} gets a fresh one. Returns false
   * when nothing can be renewed (a fixed token), so the 401 is final.
   */
  boolean invalidate(String token);
}
