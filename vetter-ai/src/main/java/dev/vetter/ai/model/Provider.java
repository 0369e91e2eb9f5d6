package dev.vetter.ai.model;

import dev.vetter.policy.Policy;
import java.util.Map;

/**
 * Where model calls go and with which key, from the operator's environment and the repository's policy.
 *
 * <p>The environment ({@code VETTER_AI_BASE_URL}, {@code VETTER_AI_MODEL}, {@code VETTER_AI_API_KEY}) is the
 * operator's; the policy is the repository's. The policy may choose the model, and may name a server only for
 * calls without the operator's key: {@code VETTER_AI_API_KEY} goes only to the server the operator named (or
 * OpenAI when nobody named one), so a policy file cannot collect the key by pointing at a server of its own.
 *
 * @param apiKey the key sent, null for none
 */
public record Provider(String baseUrl, String model, String apiKey) {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** The provider for {@code ai} under {@code env}; throws {@link IllegalArgumentException} when no model is named. */
  public static Provider resolve(Policy.Ai ai, Map<String, String> env) {
    String operatorUrl = blankToNull(env.get("VETTER_AI_BASE_URL"));
    String model = ai.model() != null ? ai.model() : blankToNull(env.get("VETTER_AI_MODEL"));
    if (model == null) throw new IllegalArgumentException("no model named: set ai.model in .vetter.yml or VETTER_AI_MODEL");
    String key = blankToNull(env.get("VETTER_AI_API_KEY"));
    if (operatorUrl != null) return new Provider(operatorUrl, model, key);
    if (ai.baseUrl() != null) return new Provider(ai.baseUrl(), model, null);
    return new Provider(DEFAULT_BASE_URL, model, key);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "Provider[" + model + "@" + baseUrl + (apiKey == null ? ", no key]" : ", key set]");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
