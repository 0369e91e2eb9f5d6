package dev.vetter.ai.model;

/**
 * A model call that produced no answer. Its message is Vetter's own words (never the provider's response body,
 * which may echo the prompt, nor the key), fit for a summary's footer.
 */
public final class ModelFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether another call could go better: a timeout or a server error can, a refused key cannot. */
  private final boolean retriable;

  public ModelFailure(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
