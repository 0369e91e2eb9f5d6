package dev.vetter.ai.model;

/**
 * A language model behind a summary: one call with two messages, no tools, text back. Implementations are
 * thread-safe. The seam lets tests script a model and keeps the provider's client out of everything else.
 */
public interface SummaryModel {

  /** What the cache and the footer call this model, e.g. {@code gpt-4o-mini@https://api.openai.com/v1}. */
  String name();

  /** One call; throws {@link ModelFailure} with a message safe to show (no provider text, no key). */
  Completion complete(String system, String user, int maxOutputTokens) throws ModelFailure;

  /** A model's answer and the tokens it cost, as the provider counted them (0 where it did not say). */
  record Completion(String text, int inputTokens, int outputTokens) {}
}
