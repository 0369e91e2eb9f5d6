package dev.vetter.ai.prompt;

/**
 * Counts tokens the conservative way, without a model's tokenizer: one token per three characters (English prose
 * runs about four per token, code about three), rounded up. A prompt built to fit this estimate fits the model.
 */
public final class TokenBudget {
  private final int limit;
  private int used;

  public TokenBudget(int limit) {
    if (limit < 1) throw new IllegalArgumentException("a token budget must be at least 1: " + limit);
    this.limit = limit;
  }

  public static int estimate(CharSequence text) {
    return (text.length() + 2) / 3;
  }

  /** Takes {@code text}'s tokens if they fit and says whether they did. */
  boolean take(CharSequence text) {
    int n = estimate(text);
    if (used + n > limit) return false;
    used += n;
    return true;
  }

  /** Takes {@code text}'s tokens whether or not they fit (the parts a prompt cannot do without). */
  void force(CharSequence text) {
    used += estimate(text);
  }

  int used() {
    return used;
  }

  int left() {
    return Math.max(0, limit - used);
  }
}
