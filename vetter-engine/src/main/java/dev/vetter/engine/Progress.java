package dev.vetter.engine;

/** Told how far a review has got; the CLI draws it on a terminal. Called from several threads. */
public interface Progress {
  void update(int done, int total);

  default void finish() {}

  Progress NONE = (done, total) -> {};
}
